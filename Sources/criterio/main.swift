print("criterio")
