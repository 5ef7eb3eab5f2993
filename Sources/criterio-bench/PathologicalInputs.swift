import Foundation

/// `criterio-bench --pathological`: drafts up to the size limit (1 MiB) made to be slow — the same
/// word, phrase, hashtag, link, number, phone, address or slur over and over, one endless line,
/// thousands of lines, invisible characters, unclosed fences — each linted by the `criterio`
/// binary as a user would (`criterio lint FILE`), printing the worst of a few runs per input
/// against the limit of about one second: in processor time (user and system), which is what the
/// draft costs, and in wall time, which a machine busy with other work inflates.
enum PathologicalInputs {
    /// The size of each input: the loader's limit.
    static let size = 1 << 20

    /// Each input: a name, the file's extension and its bytes.
    static func inputs() -> [(name: String, fileExtension: String, bytes: [UInt8])] {
        func repeated(_ unit: String, prefix: String = "", suffix: String = "") -> [UInt8] {
            let head = Array(prefix.utf8)
            let tail = Array(suffix.utf8)
            let piece = Array(unit.utf8)
            var bytes = head
            bytes.reserveCapacity(size)
            while bytes.count + piece.count + tail.count <= size { bytes += piece }
            return bytes + tail
        }
        func numbered(_ make: (Int) -> String) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(size)
            var index = 0
            while true {
                let piece = Array(make(index).utf8)
                guard bytes.count + piece.count <= size else { return bytes }
                bytes += piece
                index += 1
            }
        }
        let media = "---\nnetwork: x\nmedia: [https://www.ine.mx/img/a.png]\n---\n"
        return [
            ("palabra", "md", repeated("hola ")),
            ("frase", "md", repeated("Consulta tu casilla hoy mismo. ", prefix: media)),
            ("hashtag", "md", repeated("#Vota2024 ")),
            ("hashtags distintos", "md", numbered { "#Tema\($0) " }),
            ("menciones", "md", numbered { "@cuenta\($0) " }),
            ("enlace", "md", repeated("https://ine.mx/casilla ")),
            ("enlaces externos distintos", "md", numbered { "https://ejemplo.com/nota/\($0) " }),
            ("enlace de 1 MiB", "md", repeated("a", prefix: "https://ine.mx/")),
            ("números", "md", repeated("1234567890 ")),
            ("dígitos sin espacio", "md", repeated("5")),
            ("teléfono", "md", repeated("Llámame al 55 1234 5678. ")),
            ("teléfonos distintos", "md", numbered { "cel 55 \(1000 + $0 % 9000) \(1000 + ($0 * 7) % 9000) " }),
            ("domicilio", "md", repeated("calle 5 número 10 colonia centro ")),
            ("partes de domicilio", "md", repeated("Col. Centro C.P. 06000 ")),
            ("CURP", "md", repeated("CURP HEGG560427MVZRRL04 ")),
            ("correo", "md", repeated("ana.perez@gmail.com ")),
            ("fecha de nacimiento", "md", repeated("nació el 27 de abril de 1956 ")),
            ("linchamiento", "md", repeated("linchamiento ")),
            ("insulto dirigido", "md", repeated("eres un pendejo ", prefix: "---\nreply_to: \"1\"\n---\n")),
            ("deletreado", "md", repeated("p u t o ")),
            ("leetspeak", "md", repeated("p3nd3j0 ")),
            ("mayúsculas", "md", repeated("SAL A VOTAR ESTE DOMINGO ")),
            ("alargamiento", "md", repeated("graciaaaaaaaaaaaaas ")),
            ("signos", "md", repeated("!")),
            ("emoji", "md", repeated("🗳️")),
            ("emoji con ZWJ", "md", repeated("👨‍👩‍👧")),
            ("una línea sin espacios", "md", repeated("a")),
            ("líneas vacías", "md", repeated("\n")),
            ("muchas líneas", "md", repeated("hola\n")),
            ("espacios de ancho cero", "md", repeated("\u{200B}")),
            ("CURP con invisibles", "md", repeated("HEGG\u{200B}560427\u{2060}MVZRRL04 ")),
            ("acentos combinados", "md", repeated("e\u{301}")),
            ("marcas apiladas", "md", repeated("\u{301}", prefix: "a")),
            ("ancho completo", "md", repeated("ＨＯＬＡ ")),
            ("espacios de no separación", "md", repeated("55\u{A0}1234\u{A0}5678\u{A0}")),
            ("código", "md", repeated("`HEGG560427MVZRRL04` ")),
            ("bloques sin cerrar", "md", repeated("```x\n")),
            ("bloques de largo decreciente", "md", numbered { String(repeating: "`", count: max(3, 1400 - $0)) + "x\n" }),
            ("acentos graves distintos", "md", numbered { String(repeating: "`", count: 1 + $0) + " " }),
            ("comentarios", "md", repeated("<!-- nota --> hola ")),
            ("comentarios sin cerrar", "md", repeated("<!-- ")),
            ("supresiones", "md", repeated("<!-- criterio-disable-next-line spam -- prueba -->\nvota vota vota\n")),
            ("supresiones sin efecto", "md", repeated("criterio-disable spam -- prueba\n")),
            ("front matter con medios", "md", numbered { $0 == 0 ? "---\nmedia:\n" : "  - foto\($0).png\n" } + Array("---\nTexto.\n".utf8)),
            ("JSON con escapes", "json", repeated("\\u00e1\\n", prefix: "{\"text\": \"", suffix: "\"}")),
            ("JSON anidado", "json", nestedJSON()),
        ]
    }

    /// `{"text": "hola", "x": [[[…]]]}`, as deep as the size allows.
    static func nestedJSON() -> [UInt8] {
        let head = Array("{\"text\": \"hola\", \"x\": ".utf8)
        let depth = (size - head.count - 1) / 2
        return head + Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth) + [UInt8(ascii: "}")]
    }

    /// Writes every input to a temporary folder and prints the worst processor and wall time of
    /// `runs` runs of `criterio lint` on each.
    static func run(binary: String, runs: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criterio-bench-patologicos-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        print("Entradas patológicas de hasta \(size / 1024) KiB, `criterio lint ARCHIVO`, peor de \(runs) ejecuciones:")
        print("  " + "entrada".padding(toLength: 44, withPad: " ", startingAt: 0) + "  proceso   reloj  código")
        var worst: (name: String, seconds: Double) = ("", 0)
        for (index, input) in inputs().enumerated() {
            let file = folder.appendingPathComponent("entrada-\(index).\(input.fileExtension)")
            try Data(input.bytes).write(to: file)
            var cpu: [Double] = []
            var wall: [Double] = []
            var status: Int32 = 0
            for _ in 0..<runs {
                let run = try Bench.spawnMeasuring(binary, ["lint", file.path])
                cpu.append(run.cpuMilliseconds / 1000)
                wall.append(run.milliseconds / 1000)
                status = run.status
            }
            let slowest = cpu.max() ?? 0
            if slowest > worst.seconds { worst = (input.name, slowest) }
            let label = (input.name + " (\(input.bytes.count / 1024) KiB)").padding(toLength: 44, withPad: " ", startingAt: 0)
            print("  \(label)  \(Bench.format(slowest, 3)) s  \(Bench.format(wall.max() ?? 0, 3)) s  \(status)\(slowest > 1 ? "  NO cumple" : "")")
        }
        Bench.report(
            "La más lenta (tiempo de proceso): \(worst.name)", Bench.format(worst.seconds, 3) + " s", target: "≈ 1 s", ok: worst.seconds <= 1)
    }
}
