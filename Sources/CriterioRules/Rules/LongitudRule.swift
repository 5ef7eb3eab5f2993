import CriterioCore

/// A post must fit the network it is written for. The criteria ask for content that "se diferenciará
/// para cada red social" (6.xxiii); a post the network cuts off or refuses is not that.
public struct LongitudRule: Rule {
    public static let description = RuleDescription(
        id: "longitud",
        name: "Texto más largo que el límite de la red",
        criteria: [.xxiii],
        defaultSeverity: .warning,
        summary: "Publicación que supera el límite de caracteres de su red social («network» en el front matter).",
        rationale: """
            Los criterios no fijan longitudes, pero piden adaptar el contenido a cada red (6.xxiii), \
            y una publicación que la red recorta o rechaza no llega completa. Se cuenta el texto que se \
            publica: sin front matter ni comentarios, con el contenido de los fragmentos de código y sin \
            espacios al principio ni al final. Límites predeterminados: X 280, con el conteo de X \
            (configuración v3 de twitter-text: pesan 1 los caracteres latinos, griegos, cirílicos, \
            hebreos y árabes y algunos signos de puntuación, 2 los demás, un emoji cuenta 2 y cada \
            enlace cuenta 23 sin importar su largo); Threads 500; Instagram 2,200 (pie de publicación); \
            TikTok 2,200 (descripción); YouTube 5,000 (descripción del video); Facebook 63,206. Fuera de \
            X se cuentan puntos de código Unicode. Las redes cambian sus límites: cada uno es una opción \
            (por ejemplo, x: 25000 para una cuenta con X Premium). Un borrador sin «network» no se mide, \
            porque no se sabe qué límite aplica.
            """,
        options: [
            RuleOption("x", default: 280, in: 1...1_000_000, "Límite de X (conteo ponderado; cada enlace cuenta 23)."),
            RuleOption("threads", default: 500, in: 1...1_000_000, "Límite de Threads."),
            RuleOption("instagram", default: 2_200, in: 1...1_000_000, "Límite del pie de publicación de Instagram."),
            RuleOption("tiktok", default: 2_200, in: 1...1_000_000, "Límite de la descripción en TikTok."),
            RuleOption("youtube", default: 5_000, in: 1...1_000_000, "Límite de la descripción de un video de YouTube."),
            RuleOption("facebook", default: 63_206, in: 1...1_000_000, "Límite de Facebook."),
        ],
        triggeringExamples: [
            RuleExample(
                "---\nnetwork: x\n---\n"
                    + "El Consejo General del Instituto Nacional Electoral aprobó hoy los lineamientos para la "
                    + "organización del voto de las personas mexicanas residentes en el extranjero, que podrán "
                    + "votar por internet, por correo postal o en forma presencial en los consulados que se "
                    + "habiliten para ese ↓fin. Consulta los requisitos en https://votoextranjero.mx"),
            RuleExample(
                "---\nnetwork: threads\n---\n"
                    + "El INE instalará casillas especiales en terminales de autobuses, aeropuertos, hospitales y cent"
                    + "ros universitarios para que las personas que estén fuera de su sección el día de la jornada pue"
                    + "dan votar. Cada casilla especial recibe hasta 1,500 boletas y atiende por orden de llegada, así"
                    + " que te recomendamos acudir temprano con tu credencial vigente. Si vives en el extranjero, recu"
                    + "erda que tu registro debió hacerse antes del 25 de febrero. Consulta la ubicación de las casill"
                    + "as especiales de tu entid↓ad en ine.mx.",
                severity: .warning),
            RuleExample(
                "{\"network\": \"x\", \"text\": \""
                    + "El Consejo General del Instituto Nacional Electoral aprobó hoy los lineamientos para la organiz"
                    + "ación del voto de las personas mexicanas residentes en el extranjero, que podrán votar por inte"
                    + "rnet, por correo postal o en forma presencial en los consulados que se habiliten para ese fin. "
                    + "Consulta los requisitos en https://votoextranjero.mx"
                    + "\"}",
                format: "json"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "---\nnetwork: x\n---\n"
                    + "Este domingo se instalarán más de 170 mil casillas. Ubica la tuya en "
                    + "https://ubicatucasilla.ine.mx/una/ruta/muy/larga/que/en/x/cuenta/solo/veintitres/caracteres/aunque/mida/mucho/mas"),
            RuleExample(String(repeating: "Texto sin red declarada. ", count: 40)),
            RuleExample("---\nnetwork: facebook\n---\n" + String(repeating: "Consulta tu casilla. ", count: 40)),
            RuleExample(
                "---\nnetwork: x\n---\n" + String(repeating: "Consulta tu casilla. ", count: 13) + "Vota.",
                options: ["x": .integer(300)]),
        ])

    private let limits: [Network: Int]

    public init(configuration: RuleConfiguration) throws {
        var limits: [Network: Int] = [:]
        for network in Network.allCases {
            limits[network] = configuration.options.integer(network.rawValue)
        }
        self.limits = limits
    }

    public func check(_ post: AnalyzedPost) -> [Finding] {
        guard let network = post.metadata.network, let limit = limits[network] else { return [] }
        // An upper bound, without allocating, stops most posts here: every character weighs at
        // most one (ASCII) or two, and a link weighs 23 in X however long it is.
        guard Self.upperBound(post, weighted: network == .x) > limit else { return [] }

        let length = PublishedLength(post: post, weighted: network == .x, urlWeight: Self.urlWeight, limit: limit)
        guard length.total > limit, let start = length.overflowStart else { return [] }
        let over = length.total - limit
        let unit = network == .x ? " (cada enlace cuenta \(Self.urlWeight))" : ""
        return [
            finding(
                in: post, range: start..<length.end,
                message: "La publicación mide \(length.total) caracteres y el límite de \(network.displayName) es \(limit)\(unit): sobran \(over).")
        ]
    }

    /// At least the published length: the whole text (front matter included), ASCII characters
    /// counted once and others twice in X, and each link as 23 in X.
    static func upperBound(_ post: AnalyzedPost, weighted: Bool) -> Int {
        let bytes = post.text.bytes
        guard weighted else { return bytes.count }
        func weight(_ range: Range<Int>) -> Int {
            bytes.withUnsafeBufferPointer { buffer in
                var total = 0
                for byte in buffer[range] where byte < 0x80 || byte >= 0xC0 { total += byte < 0x80 ? 1 : 2 }
                return total
            }
        }
        var bound = weight(0..<bytes.count)
        for link in post.links { bound += urlWeight - weight(link.range) }
        return bound
    }

    /// X counts every link as this many characters (twitter-text `transformedURLLength`).
    static let urlWeight = 23
}

/// The length of a post as the network counts it, and where it passes the limit.
struct PublishedLength {
    /// The counted length.
    private(set) var total = 0
    /// The byte offset of the first character past the limit.
    private(set) var overflowStart: Int?
    /// The byte offset where the published text ends.
    private(set) var end = 0

    init(post: AnalyzedPost, weighted: Bool, urlWeight: Int, limit: Int) {
        let bytes = post.text.bytes
        let ranges = Self.publishedRanges(post)
        // Leading and trailing white space is not published.
        guard let first = Self.firstNonSpace(bytes, ranges), let last = Self.lastNonSpace(bytes, ranges) else { return }
        end = last
        var links = post.links.makeIterator()
        var nextLink = links.next()
        var emoji = post.tokens.lazy.filter { $0.kind == .emoji }.makeIterator()
        var nextEmoji = emoji.next()

        for range in ranges {
            var index = max(range.lowerBound, first)
            let stop = min(range.upperBound, last)
            while index < stop {
                while let link = nextLink, link.range.upperBound <= index { nextLink = links.next() }
                while let token = nextEmoji, token.range.upperBound <= index { nextEmoji = emoji.next() }
                let weight: Int
                let advance: Int
                if weighted, let link = nextLink, link.range.lowerBound == index {
                    weight = urlWeight
                    advance = link.range.count
                } else if weighted, let token = nextEmoji, token.range.lowerBound == index {
                    weight = 2
                    advance = token.range.count
                } else {
                    let (value, length) = Self.decode(bytes, at: index)
                    advance = length
                    weight = weighted ? Self.xWeight(value) : 1
                }
                if total + weight > limit && overflowStart == nil { overflowStart = index }
                total += weight
                index += advance
            }
        }
    }

    /// Weight of one code point in X (twitter-text config v3): 1 for U+0000–U+10FF and three
    /// ranges of general punctuation, 2 for the rest. Combining accents weigh nothing: X counts
    /// text in NFC, where they join their letter.
    static func xWeight(_ value: UInt32) -> Int {
        if (0x300...0x36F).contains(value) { return 0 }
        if value <= 4351 || (8192...8205).contains(value) || (8208...8223).contains(value) || (8242...8247).contains(value) {
            return 1
        }
        return 2
    }

    /// The byte ranges of the text that are published: everything but the front matter, comments
    /// and suppression lines; of code spans and blocks, their content without the fences.
    static func publishedRanges(_ post: AnalyzedPost) -> [Range<Int>] {
        let bytes = post.text.bytes
        var ranges: [Range<Int>] = []
        var cursor = 0
        for region in post.draft.regions.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where region.range.lowerBound >= cursor {
            if cursor < region.range.lowerBound { ranges.append(cursor..<region.range.lowerBound) }
            if region.isPublished { ranges.append(codeContent(region.range, in: bytes)) }
            cursor = region.range.upperBound
        }
        if cursor < bytes.count { ranges.append(cursor..<bytes.count) }
        return ranges
    }

    /// The content of a code span (`…`) or fenced block (``` … ```).
    private static func codeContent(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        let isBlock = bytes[range].contains(UInt8(ascii: "\n"))
        if isBlock {
            // From the line after the opening fence to the line of the closing fence.
            guard let open = bytes[range].firstIndex(of: UInt8(ascii: "\n")) else { return range }
            start = open + 1
            var lineStart = end
            if lineStart > start, bytes[lineStart - 1] == UInt8(ascii: "\n") { lineStart -= 1 }
            while lineStart > start, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            end = max(start, lineStart)
        } else {
            while start < end, bytes[start] == UInt8(ascii: "`") { start += 1 }
            while end > start, bytes[end - 1] == UInt8(ascii: "`") { end -= 1 }
        }
        return start..<end
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func firstNonSpace(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> Int? {
        for range in ranges {
            if let index = bytes[range].firstIndex(where: { !isSpace($0) }) { return index }
        }
        return nil
    }

    /// The offset just after the last published byte that is not white space.
    private static func lastNonSpace(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> Int? {
        for range in ranges.reversed() {
            if let index = bytes[range].lastIndex(where: { !isSpace($0) }) { return index + 1 }
        }
        return nil
    }

    /// The code point at `index` and its length in bytes (the text is valid UTF-8).
    static func decode(_ bytes: [UInt8], at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0, index + 1 < bytes.count {
            return (((lead & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2)
        }
        if lead < 0xF0, index + 2 < bytes.count {
            return (((lead & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6) | (UInt32(bytes[index + 2]) & 0x3F), 3)
        }
        if index + 3 < bytes.count {
            let value = ((lead & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12)
                | ((UInt32(bytes[index + 2]) & 0x3F) << 6) | (UInt32(bytes[index + 3]) & 0x3F)
            return (value, 4)
        }
        return (0xFFFD, 1)
    }
}
