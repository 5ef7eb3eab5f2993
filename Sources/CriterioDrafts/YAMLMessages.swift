/// libyaml's usual complaints in Spanish, for front matter and `.criterio.yml`.
public enum YAMLMessages {
    /// libyaml's usual complaints, in Spanish; anything else is quoted as it comes.
    public static func spanish(_ problem: String) -> String {
        let known: [(String, String)] = [
            ("mapping values are not allowed", "aquí no puede ir «:» (¿falta un espacio después de «:» o comillas en el valor?)"),
            ("did not find expected key", "no se encontró la clave esperada (revisa la sangría)"),
            ("could not find expected ':'", "falta «:» después de la clave"),
            ("found character that cannot start any token", "hay un carácter que no puede iniciar un valor (¿un tabulador, «@» o «`» sin comillas?)"),
            ("found unexpected end of stream", "el texto termina antes de lo esperado (¿comillas sin cerrar?)"),
            ("did not find expected node content", "falta un valor"),
            ("found undefined alias", "alias de YAML no definido"),
            ("did not find expected ',' or ']'", "una lista entre corchetes no está bien cerrada"),
            ("did not find expected ',' or '}'", "un mapa entre llaves no está bien cerrado"),
            ("found a tab character", "YAML no admite tabuladores para la sangría"),
            ("block sequence entries are not allowed", "aquí no puede empezar una lista con «-»"),
        ]
        for (english, spanish) in known where problem.contains(english) { return spanish }
        return "YAML inválido (\(problem))"
    }
}
