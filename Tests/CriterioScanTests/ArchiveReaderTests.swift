import CriterioArchives
import CriterioCore
import Foundation
import Testing

@Suite("Lectura de archivos de publicaciones")
struct ArchiveReaderTests {
    @Test("JSON Lines: campos, alias en español, ids numéricos, multimedia como lista, ruta o conteo")
    func jsonLines() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("posts.jsonl", """
            {"id": "1", "text": "Primera publicación", "created_at": "2024-05-20T10:00:00-06:00", "media": ["a.jpg"], "account": "INEMexico", "network": "x"}

            {"id": 2, "texto": "Segunda", "fecha": 1716220800, "multimedia": 2, "cuenta": "INECDMX", "red": "facebook", "respuesta_a": "https://x.com/a/status/9"}
            {"id": "3", "text": "Tercera", "media": "video.mp4", "reply_to": 12345}
            """)
        let read = try ReadArchive(path)
        #expect(read.format == .jsonLines)
        #expect(read.bad.isEmpty)
        #expect(read.posts.map(\.record) == [1, 3, 4], "el número de registro es la línea")
        let first = read.posts[0]
        #expect(first.id == "1" && first.account == "INEMexico" && first.network == .x && first.media == ["a.jpg"])
        #expect(first.date == PublicationDate(year: 2024, month: 5, day: 20, hour: 16))
        let second = read.posts[1]
        #expect(second.id == "2" && second.text == "Segunda" && second.account == "INECDMX" && second.network == .facebook)
        #expect(second.media.count == 2 && second.replyTo == "https://x.com/a/status/9")
        #expect(second.date?.secondsSince1970 == 1_716_220_800)
        #expect(read.posts[2].media == ["video.mp4"] && read.posts[2].replyTo == "12345")
        #expect(read.posts[2].draft().metadata.isReply, "una respuesta cuenta como respuesta para cortesia")
    }

    @Test("JSON Lines: una línea rota, sin texto, no UTF-8 o demasiado larga se reporta con su número y se omite")
    func badJSONLines() throws {
        let folder = try TemporaryFolder()
        var bytes = Data("""
            {"id": "1", "text": "Bien"}
            {"id": "2", "text": "cortada
            {"id": "3"}
            {"id": "4", "text": "   "}
            [1, 2]
            {"id": "6", "text": 42}

            """.utf8)
        bytes += Data([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A])  // {"text":"\xFF\xFE"}
        bytes += Data(("{\"text\": \"" + String(repeating: "a", count: 3_000) + "\"}\n").utf8)
        bytes += Data("{\"id\": \"9\", \"text\": \"También bien\"}\n".utf8)
        bytes += Data("""
            {"id": "10", "text": "Multimedia rara", "media": [1, 2]}
            {"id": {"a": 1}, "text": "Id raro"}
            {"id": "12", "text": "Sin multimedia", "media": null, "created_at": null}

            """.utf8)
        let path = try folder.write("posts.jsonl", bytes)
        let read = try ReadArchive(path, options: ArchiveOptions(maximumLineBytes: 2_000))
        #expect(read.posts.map(\.id) == ["1", "9", "12"])
        #expect(read.posts.last?.media == [] && read.posts.last?.createdAt == nil, "null es como no escribir la clave")
        #expect(read.bad.map(\.record) == [2, 3, 4, 5, 6, 7, 8, 10, 11])
        let messages = Dictionary(uniqueKeysWithValues: read.bad.map { ($0.record, $0.message) })
        #expect(messages[2]?.hasPrefix("JSON inválido") == true)
        #expect(messages[3]?.contains("no tiene texto") == true)
        #expect(messages[4]?.contains("no tiene texto") == true)
        #expect(messages[5] == "no es un objeto JSON")
        #expect(messages[6] == "«text» debe ser un texto")
        #expect(messages[7]?.contains("UTF-8") == true)
        #expect(messages[8]?.contains("el límite es 2000") == true)
        #expect(messages[10] == "«media» debe ser una lista de rutas o URL, una ruta o un número de archivos")
        #expect(messages[11] == "«id» debe ser un texto o un número")
        #expect(read.bad[0].description.hasPrefix("\(path), registro 2: JSON inválido"))
    }

    @Test("JSON Lines: la primera de dos claves repetidas cuenta, un número entero escrito 5.0 es un id, y cada error de sintaxis se dice en español")
    func jsonLinesEdges() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("posts.jsonl", #"""
            {"id": "1", "text": "La primera", "text": "La segunda", "id": "otro"}
            {"id": 5.0, "text": "Id con punto", "fecha": 1.7e9, "media": 2.0}
            {"text": "Sobra texto"} {"text": "otra"}
            {"text": "Escape \q inválido"}
            {"text": "Sin comillas", "media": tru}
            {"text": "Número raro", "id": 01}
            {"text": "Lista sin cerrar", "media": ["a.jpg"
            {"text": "Tab	dentro"}
            {"id": 18446744073709551615, "text": "Id mayor que Int64"}
            {"id": 1.5, "text": "Id con fracción"}
            {"text": "Texto sin cerrar
            """#)
        let read = try ReadArchive(path)
        #expect(read.posts.map(\.id) == ["1", "5"])
        #expect(read.posts[0].text == "La primera", "como JSONDecoder: la primera clave repetida")
        #expect(read.posts[1].createdAt == "1700000000" && read.posts[1].media.count == 2)
        let messages = Dictionary(uniqueKeysWithValues: read.bad.map { ($0.record, $0.message) })
        #expect(messages[3] == "JSON inválido: la estructura no es válida (¿falta una coma, unas comillas, «}» o «]», o sobra texto?)")
        #expect(messages[4]?.hasPrefix("JSON inválido: secuencia de escape inválida") == true)
        #expect(messages[5]?.hasPrefix("JSON inválido: valor inválido (¿un texto sin comillas?") == true)
        #expect(messages[6] == "JSON inválido: un número está mal escrito o fuera del rango que se puede leer")
        #expect(messages[7] == messages[3], "una lista sin cerrar")
        #expect(messages[8]?.hasPrefix("JSON inválido: hay un carácter de control sin escapar") == true)
        #expect(messages[9] == "«id» debe ser un texto o un número")
        #expect(messages[10] == "«id» debe ser un texto o un número")
        #expect(messages[11] == "JSON inválido: el JSON termina antes de cerrarse (¿falta una comilla, «}» o «]»?)")
        #expect(read.bad.count == 9)
    }

    @Test("JSON Lines: el mismo lector lee una línea de 200 KB entre dos cortas, con escapes, NUL y 42 claves")
    func jsonLinesOfEverySize() throws {
        let folder = try TemporaryFolder()
        let long = String(repeating: "Jornada electoral ", count: 11_000)
        let manyKeys = (1...40).map { "\"extra\($0)\": \($0)" }.joined(separator: ", ")
        let path = try folder.write("posts.jsonl", """
            {"id": "a", "text": "Corta"}
            {"id": "b", "text": "\(long)"}
            {"id": "c", "text": "Línea\\ncon \\"escapes\\" \\u00e1\\u0000 y \\ud83d\\uddf3"}
            {\(manyKeys), "id": "d", "text": "Muchas claves"}
            """)
        let read = try ReadArchive(path, options: ArchiveOptions(maximumLineBytes: 1 << 20))
        #expect(read.bad.isEmpty)
        #expect(read.posts.map(\.id) == ["a", "b", "c", "d"])
        #expect(read.posts[1].text == long)
        #expect(read.posts[2].text == "Línea\ncon \"escapes\" á\u{0} y 🗳")
        #expect(read.posts[3].text == "Muchas claves")
    }

    @Test("CSV: encabezado, --text-column, campos entre comillas con saltos de línea, separador ;")
    func csv() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("posts.csv", """
            id,cuenta,fecha,mensaje,multimedia,respuesta_a
            a1,INEMexico,2024-05-20 10:00,"Convocatoria:
            1. Ser ciudadana.
            2. Registrarse, con ""comillas"".",foto.jpg;video.mp4,
            a2,INEMexico,2024-05-21,Sin comillas,3,https://x.com/a/status/1

            """)
        let read = try ReadArchive(path)
        #expect(read.format == .csv)
        #expect(read.posts.count == 2 && read.bad.isEmpty)
        #expect(read.posts[0].text == "Convocatoria:\n1. Ser ciudadana.\n2. Registrarse, con \"comillas\".")
        #expect(read.posts[0].media == ["foto.jpg", "video.mp4"] && read.posts[0].account == "INEMexico")
        #expect(read.posts[1].media.count == 3 && read.posts[1].replyTo == "https://x.com/a/status/1" && read.posts[1].record == 2)

        let semicolons = try folder.write("puntoycoma.txt", "id;cuenta;contenido_publicado\nb1;INE;Hola; con punto y coma\n")
        let chosen = try ReadArchive(semicolons, options: ArchiveOptions(textColumn: "Contenido_Publicado"))
        #expect(chosen.posts.isEmpty && chosen.bad.map(\.message) == ["tiene 4 campos y el encabezado 3"], "la fila tiene un campo de más")
        let plain = try folder.write("simple.csv", "id;contenido_publicado\nb1;Hola desde la junta\n")
        #expect(try ReadArchive(plain, options: ArchiveOptions(textColumn: "contenido_publicado")).posts.map(\.text) == ["Hola desde la junta"])
    }

    @Test("CSV: una fila con otro número de campos o sin texto se omite; una columna de texto que no existe es un error")
    func badCSV() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("posts.csv", "id,text,cuenta\n1,Bien,INE\n2,Le falta un campo\n3,,INE\n4,\"Otra, bien\",INE\n5,Sobra,INE,extra\n")
        let read = try ReadArchive(path)
        #expect(read.posts.map(\.id) == ["1", "4"])
        #expect(read.bad.map(\.record) == [2, 3, 5])
        #expect(read.bad[0].message == "tiene 2 campos y el encabezado 3")
        #expect(read.bad[1].message.contains("no tiene texto"))

        #expect(throws: ArchiveError.self) { try ReadArchive(path, options: ArchiveOptions(textColumn: "cuerpo")) }
        do {
            _ = try ReadArchive(path, options: ArchiveOptions(textColumn: "cuerpo"))
        } catch let error as ArchiveError {
            #expect(error.message == "no hay columna «cuerpo»; las columnas son: id, text, cuenta")
        }
        let noText = try folder.write("sin-texto.csv", "id,cuenta\n1,INE\n")
        do {
            _ = try ReadArchive(noText)
            Issue.record("un CSV sin columna de texto debe ser un error")
        } catch let error as ArchiveError {
            #expect(error.message.contains("--text-column"))
        }
    }

    @Test("CSV que deja de ser UTF-8: lo leído se conserva y el resto se reporta")
    func csvInvalidUTF8() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("posts.csv", Data("id,text\n1,Bien\n2,Mal ".utf8) + Data([0xE9, 0x0A]) + Data("3,Perdido\n".utf8))
        let (_, reader) = try Archives.open(path)
        var posts: [String] = []
        let decoder = ArchiveRecordDecoder()
        #expect(throws: ArchiveError.self) {
            try reader.read(problem: { _ in }) { record in
                if case .success(let post) = decoder.decode(record) { posts.append(post.text) }
            }
        }
        #expect(posts == ["Bien"])
    }

    static func xArchiveEntries() -> [(String, Data)] {
        let part0 = "[\n" + [
            XArchiveFixture.tweet(
                id: "100", text: "Ubica tu casilla en https://t.co/abc &amp; participa https://t.co/img",
                date: "Sun Jun 02 14:00:00 +0000 2024", urls: [("https://t.co/abc", "https://ubicatucasilla.ine.mx")],
                media: [("https://t.co/img", "https://pbs.twimg.com/media/casilla.jpg")]),
            XArchiveFixture.tweet(
                id: "101", text: "@ciudadana Hola, tu credencial sigue vigente.", date: "Mon Jun 03 15:00:00 +0000 2024", reply: "99",
                display: (11, 45)),
        ].joined(separator: ",\n") + "\n]"
        let cut = "Las personas funcionarias de casilla reciben y cuentan los votos frente a las representaciones de los partidos… https://t.co/long"
        let whole = "Las personas funcionarias de casilla reciben y cuentan los votos frente a las representaciones de los partidos políticos, y al cierre publican el resultado afuera de la casilla."
        let part1 = "[\n" + [
            XArchiveFixture.tweet(id: "102", text: cut, date: "Tue Jun 04 16:00:00 +0000 2024"),
            "{\"tweet\": {\"id_str\": \"103\", \"created_at\": \"Tue Jun 04 17:00:00 +0000 2024\"}}",
            "\"no es un tweet\"",
            XArchiveFixture.tweet(id: "105", text: "Última del archivo.", date: "Wed Jun 05 18:00:00 +0000 2024"),
        ].joined(separator: ",\n") + "\n]"
        let notes = "[{\"noteTweet\": {\"noteTweetId\": \"9\", \"createdAt\": \"2024-06-04T16:00:01.000Z\", \"core\": {\"text\": \(XArchiveFixture.quoted(whole))}}}]"
        return [
            ("Your archive.html", Data("<html></html>".utf8)),
            ("data/manifest.js", XArchiveFixture.manifest(user: "INEJalisco", parts: ["tweets.js", "tweets-part1.js"], notes: ["note-tweet.js"])),
            ("data/tweets.js", XArchiveFixture.script("tweets.part0", part0)),
            ("data/tweets-part1.js", XArchiveFixture.script("tweets.part1", part1)),
            ("data/note-tweet.js", XArchiveFixture.script("note_tweet.part0", notes)),
            ("data/tweets_media/100-casilla.jpg", Data(repeating: 0xFF, count: 64)),
        ]
    }

    static func checkXArchive(_ read: ReadArchive) {
        #expect(read.format == .xArchive)
        #expect(read.problems.isEmpty)
        #expect(read.posts.map(\.id) == ["100", "101", "102", "105"], "las partes en el orden del manifiesto")
        #expect(read.posts.map(\.record) == [1, 2, 3, 6])
        #expect(read.bad.map(\.record) == [4, 5])
        let first = read.posts[0]
        #expect(first.text == "Ubica tu casilla en https://ubicatucasilla.ine.mx & participa", "t.co expandido, enlace de la imagen quitado, &amp; decodificado")
        #expect(first.media == ["https://pbs.twimg.com/media/casilla.jpg"] && first.account == "INEJalisco" && first.network == .x)
        #expect(first.date == PublicationDate(year: 2024, month: 6, day: 2, hour: 14))
        #expect(read.posts[1].text == "Hola, tu credencial sigue vigente." && read.posts[1].replyTo == "99")
        #expect(read.posts[2].text.hasSuffix("publican el resultado afuera de la casilla."), "el texto completo de note-tweet.js")
    }

    @Test("Archivo de X: el zip, entrada por entrada, con manifiesto, partes, notas largas, respuestas y multimedia")
    func xZip() throws {
        let folder = try TemporaryFolder()
        let zip = try folder.zip("twitter-2024.zip", Self.xArchiveEntries())
        Self.checkXArchive(try ReadArchive(zip))
    }

    @Test("Archivo de X: su carpeta, su carpeta data/ o un tweets.js solo")
    func xFolder() throws {
        let folder = try TemporaryFolder()
        for (path, data) in Self.xArchiveEntries() { try folder.write("twitter/" + path, data) }
        Self.checkXArchive(try ReadArchive(folder.path + "/twitter"))
        Self.checkXArchive(try ReadArchive(folder.path + "/twitter/data"))

        let single = try ReadArchive(folder.path + "/twitter/data/tweets.js")
        #expect(single.format == .xArchive && single.posts.map(\.id) == ["100", "101"])
        #expect(single.posts[0].account == nil, "sin manifiesto no se sabe la cuenta")
    }

    @Test("Archivo de X: una parte rota se reporta y las demás se leen; sin manifiesto se buscan las partes por nombre")
    func xBrokenPart() throws {
        let folder = try TemporaryFolder()
        let entries: [(String, Data)] = [
            ("data/tweets.js", XArchiveFixture.script("tweets.part0", "[" + XArchiveFixture.tweet(id: "1", text: "Primera parte.") + "]")),
            ("data/tweets-part1.js", XArchiveFixture.script("tweets.part1", "[{\"tweet\": {\"id_str\": ")),
            ("data/tweets-part2.js", XArchiveFixture.script("tweets.part2", "[" + XArchiveFixture.tweet(id: "3", text: "Tercera parte.") + "]")),
        ]
        let read = try ReadArchive(try folder.zip("x.zip", entries))
        #expect(read.posts.map(\.id) == ["1", "3"])
        #expect(read.problems.count == 1)
        #expect(read.problems.first?.archive.hasSuffix("x.zip/data/tweets-part1.js") == true)
        #expect(read.problems.first?.message.contains("se omitió esta parte") == true)
    }

    @Test("Archivo de X: se lee tweet por tweet; uno raro es un registro malo, y un error a media parte deja los tweets de antes")
    func xPartTweetByTweet() throws {
        let folder = try TemporaryFolder()
        let tweets = [
            XArchiveFixture.tweet(id: "1", text: "Primero."),
            #"{"tweet": {"id_str": "2", "full_text": 42}}"#,
            "\"no es un tweet\"",
            #"{"tweet": {"id_str": "4", "full_text": "Con entidades raras.", "entities": {"urls": [null]}}}"#,
            #"{"id_str": "5", "full_text": "De un archivo antiguo, sin «tweet».", "display_text_range": [0, "30"]}"#,
            #"{"tweet": {"id_str": "6", "full_text": "Valor sin comillas", "lang": es}}"#,
            XArchiveFixture.tweet(id: "7", text: "Séptimo."),
        ]
        // A comma missing between the second and third tweets: the walk stops there. (A part cut short
        // is refused whole before its first tweet: simdjson finds the missing brackets first.)
        let broken = "[" + XArchiveFixture.tweet(id: "10", text: "Antes del error.") + ", " + XArchiveFixture.tweet(id: "11", text: "También.") + " "
            + XArchiveFixture.tweet(id: "12", text: "Después.") + "]"
        let path = try folder.zip("x.zip", [
            ("data/tweets.js", XArchiveFixture.script("tweets.part0", "[" + tweets.joined(separator: ",\n") + "]\n")),
            ("data/tweets-part1.js", XArchiveFixture.script("tweets.part1", broken)),
        ])
        let read = try ReadArchive(path)
        #expect(read.posts.map(\.id) == ["1", "5", "7", "10", "11"])
        #expect(read.posts.map(\.record) == [1, 5, 7, 8, 9])
        let messages = Dictionary(uniqueKeysWithValues: read.bad.map { ($0.record, $0.message) })
        #expect(messages[2] == "tweet.full_text: el valor no es un texto")
        #expect(messages[3] == "el tweet no es un objeto JSON")
        #expect(messages[4] == "tweet.entities.urls[0]: el valor no es un objeto")
        #expect(messages[6]?.hasPrefix("JSON inválido: la estructura no es válida") == true)
        #expect(read.problems.count == 1)
        #expect(read.problems.first?.archive.hasSuffix("x.zip/data/tweets-part1.js") == true)
        #expect(read.problems.first?.message.hasSuffix("se omitió esta parte desde el tweet 3") == true)
    }

    /// Found by fuzz-archives: ZIPFoundation inflated a deflate stream that does not end within its
    /// entry by reading on to the end of the file, and then looped for ever; `criterio scan` hung.
    @Test("Zip: una entrada cuyo flujo deflate no termina es una parte dañada, no un ciclo sin fin")
    func unfinishedDeflateStream() throws {
        let folder = try TemporaryFolder()
        let path = try folder.zip("x.zip", [
            ("data/tweets.js", XArchiveFixture.script("tweets.part0", "[" + XArchiveFixture.tweet(id: "1", text: "Primera parte.") + "]")),
            ("data/tweets-part1.js", XArchiveFixture.script("tweets.part1", "[" + XArchiveFixture.tweet(id: "2", text: "Segunda parte.") + "]")),
        ])
        // The first entry's data becomes empty stored blocks that are never the last one
        // (00, LEN 0000, NLEN FFFF): valid deflate that never ends.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func field(_ offset: Int, _ count: Int) -> Int { (0..<count).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) } }
        let start = 30 + field(26, 2) + field(28, 2)
        let unfinished: [UInt8] = [0x00, 0x00, 0x00, 0xFF, 0xFF]
        for index in 0..<field(18, 4) { bytes[start + index] = unfinished[index % unfinished.count] }
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let read = try ReadArchive(path)
        #expect(read.posts.map(\.id) == ["2"])
        #expect(read.problems.map(\.message) == ["la entrada está dañada en el zip (no se pudo descomprimir)"])
        #expect(read.problems.first?.archive.hasSuffix("x.zip/data/tweets.js") == true)
    }

    @Test("Zip: una bomba (razón de compresión), una entrada con ../ y un zip sin publicaciones dan errores en español")
    func unsafeZips() throws {
        let folder = try TemporaryFolder()
        let zeros = Data(repeating: UInt8(ascii: " "), count: 8 << 20)
        let bomb = try folder.zip("bomba.zip", [("data/tweets.js", Data("window.YTD.tweets.part0 = [".utf8) + zeros + Data("]".utf8))])
        let (_, reader) = try Archives.open(bomb)
        var problems: [ArchiveError] = []
        try reader.read(problem: { problems.append($0) }) { _ in }
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("bomba zip") == true, "\(problems)")

        let limited = try folder.zip("grande.zip", [("data/tweets.js", XArchiveFixture.script("tweets.part0", "[" + String(repeating: " ", count: 4_000) + "]"))])
        let (_, small) = try Archives.open(limited, options: ArchiveOptions(limits: ArchiveLimits(maximumPartBytes: 1_000)))
        problems = []
        try small.read(problem: { problems.append($0) }) { _ in }
        #expect(problems.first?.message.contains("el límite para una parte es 1000") == true, "\(problems)")

        let escape = try folder.zip("escape.zip", [("data/tweets.js", Data("window.YTD.tweets.part0 = []".utf8)), ("../../etc/criterio.txt", Data("x".utf8))])
        #expect {
            try Archives.open(escape)
        } throws: { error in
            (error as? ArchiveError)?.message.contains("«../../etc/criterio.txt», que sale de su carpeta") == true
        }

        let other = try folder.zip("fotos.zip", [("fotos/1.jpg", Data(repeating: 1, count: 10))])
        #expect {
            try Archives.open(other)
        } throws: { error in
            (error as? ArchiveError)?.message == "el zip no es un archivo de X (data/tweets.js) ni una exportación de Facebook (your_posts_1.json)"
        }
        let broken = try folder.write("roto.zip", Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0, count: 100))
        #expect { try Archives.open(broken) } throws: { ($0 as? ArchiveError)?.message == "no es un zip válido o está dañado" }
    }

    @Test("Formato desconocido, binario, vacío o inexistente: error en español, sin caerse")
    func unknownShapes() throws {
        let folder = try TemporaryFolder()
        let cases: [(String, Data, String)] = [
            ("informe.pdf", Data("%PDF-1.7\n".utf8) + Data([0, 1, 2, 3, 0xFF]), "es un archivo binario"),
            ("vacio.jsonl", Data(), "está vacío"),
            ("nota.txt", Data("Solo una nota sin columnas\n".utf8), "no se reconoce el formato"),
        ]
        for (name, data, message) in cases {
            let path = try folder.write(name, data)
            #expect { try Archives.open(path) } throws: { ($0 as? ArchiveError)?.message.contains(message) == true }
        }
        #expect { try Archives.open(folder.path + "/no-existe.jsonl") } throws: { ($0 as? ArchiveError)?.message == "no existe el archivo o la carpeta" }
        try FileManager.default.createDirectory(atPath: folder.path + "/vacia", withIntermediateDirectories: true)
        #expect { try Archives.open(folder.path + "/vacia") } throws: { ($0 as? ArchiveError)?.message.contains("la carpeta no es un archivo de X") == true }
    }

    @Test("El formato se reconoce por el contenido, no por la extensión")
    func detectionByContent() throws {
        let folder = try TemporaryFolder()
        let jsonl = try folder.write("publicaciones.txt", "{\"text\": \"Hola\"}\n")
        #expect(try Archives.open(jsonl).format == .jsonLines)
        let csv = try folder.write("exportacion.dat", "text,account\nHola,INE\n")
        #expect(try Archives.open(csv).format == .csv)
        let facebook = try folder.write("posts.json", "[\n {\"timestamp\": 1, \"data\": [{\"post\": \"Hola\"}]}\n]")
        #expect(try Archives.open(facebook).format == .facebook)
        let x = try folder.write("historial.json", "window.YTD.tweets.part0 = [" + XArchiveFixture.tweet(id: "1", text: "Hola") + "]")
        #expect(try Archives.open(x).format == .xArchive)
    }

    @Test("Facebook: your_posts_1.json con el texto reparado, adjuntos como multimedia y publicaciones sin texto omitidas")
    func facebook() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("your_posts_1.json", #"""
            [
              {"timestamp": 1712073600, "data": [{"post": "\u00c2\u00bfTu credencial perdi\u00c3\u00b3 vigencia? \u00f0\u009f\u0097\u00b3\u00ef\u00b8\u008f"}, {"update_timestamp": 1712073600}],
               "attachments": [{"data": [{"media": {"uri": "photos_and_videos/1.jpg"}}, {"external_context": {"url": "https://ine.mx"}}]}],
               "title": "INE actualiz\u00c3\u00b3 su estado."},
              {"timestamp": 1712160000, "data": [{"post": "Ma\u00f1ana hay sesi\u00f3n"}]},
              {"timestamp": 1712246400, "attachments": [{"data": [{"media": {"uri": "photos_and_videos/2.jpg"}}]}]},
              {"timestamp": "no es un n\u00famero", "data": []}
            ]
            """#)
        let read = try ReadArchive(path)
        #expect(read.format == .facebook)
        #expect(read.posts.count == 2)
        #expect(read.posts[0].text == "¿Tu credencial perdió vigencia? 🗳️")
        #expect(read.posts[0].media == ["photos_and_videos/1.jpg"] && read.posts[0].network == .facebook)
        #expect(read.posts[0].date?.secondsSince1970 == 1_712_073_600)
        #expect(read.posts[1].text == "Mañana hay sesión", "un texto que no es UTF-8 mal escrito se queda como está")
        #expect(read.bad.map(\.record) == [3, 4])
        #expect(read.bad[0].message.contains("no tiene texto"))
    }

    @Test("Facebook: los archivos nuevos (your_posts__check_ins__photos_and_videos_1.json) en el zip o la carpeta, en orden")
    func facebookExport() throws {
        let folder = try TemporaryFolder()
        let first = Data(#"[{"timestamp": 1, "data": [{"post": "Uno"}]}]"#.utf8)
        let second = Data(#"[{"timestamp": 2, "data": [{"post": "Dos"}]}]"#.utf8)
        let entries = [
            ("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_2.json", second),
            ("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", first),
            ("your_facebook_activity/posts/album/0.json", Data("{}".utf8)),
        ]
        let zip = try ReadArchive(try folder.zip("facebook.zip", entries))
        #expect(zip.format == .facebook && zip.posts.map(\.text) == ["Uno", "Dos"])
        for (path, data) in entries { try folder.write("export/" + path, data) }
        #expect(try ReadArchive(folder.path + "/export").posts.map(\.text) == ["Uno", "Dos"])

        let notFacebook = try folder.write("lista.json", #"[{"nombre": "a"}, {"nombre": "b"}]"#)
        let (_, reader) = try Archives.open(notFacebook)
        var problems: [ArchiveError] = []
        try reader.read(problem: { problems.append($0) }) { _ in }
        #expect(problems.first?.message.contains("no es una exportación de publicaciones de Facebook") == true)
    }

    @Test("Reparación del texto de Facebook", arguments: [
        ("Votaci\u{00c3}\u{00b3}n", "Votación"),
        ("Ma\u{00f1}ana", "Mañana"),
        ("Sin acentos", "Sin acentos"),
        ("\u{00c3}\u{00b3} y ó", "\u{00c3}\u{00b3} y ó"),
    ])
    func facebookText(input: String, expected: String) {
        #expect(FacebookText.repaired(input) == expected)
    }
}
