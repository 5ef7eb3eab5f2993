import CriterioCore

/// Generates realistic INE posts, deterministically from a seed: institutional sentences with
/// dates, figures, links, hashtags, mentions and emoji; replies to people (`reply_to`); a few links
/// to outside sites and long threads; and a realistic share of posts that break a criterion
/// (personal data, capitals, repetition, hateful or rude replies, personal opinion, internal
/// deliberation, reserved information).
struct CorpusGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let openings = [
        "Este domingo se instalarán más de 170 mil casillas en todo el país.",
        "El Consejo General del INE aprobó los lineamientos para el voto de las personas mexicanas residentes en el extranjero.",
        "¿Tu credencial para votar perdió vigencia? Acude a tu módulo de atención ciudadana.",
        "Hoy inicia el periodo de actualización del Padrón Electoral en los 300 distritos.",
        "Las y los funcionarios de casilla recibieron su segunda capacitación.",
        "Conoce cómo se cuentan los votos en la casilla y quién vigila cada paso del proceso.",
        "El Programa de Resultados Electorales Preliminares (PREP) publicará las actas a partir de las 20:00 horas.",
        "La Junta Local Ejecutiva informa que los módulos atenderán en horario extendido esta semana.",
        "Participa en la consulta infantil y juvenil: niñas, niños y adolescentes también opinan.",
        "Sesión extraordinaria del Consejo General: se discuten los informes de fiscalización.",
        "El INE garantiza el derecho al voto de las personas en prisión preventiva.",
        "Recuerda que el voto es libre y secreto. Nadie puede obligarte a votar por alguien.",
    ]
    static let middles = [
        "Consulta los requisitos en https://www.ine.mx/credencial/ antes de acudir.",
        "La información oficial está en https://centralelectoral.ine.mx y en nuestras redes.",
        "Ubica tu casilla en ubicatucasilla.ine.mx con la sección de tu credencial.",
        "Si tienes dudas, llama a INETEL al 800 433 2000, de lunes a domingo.",
        "El Consejo General del INE sesionará en público; sigue la transmisión en https://www.youtube.com/@INETV/live",
        "El acuerdo INE/CG73/2017 establece los criterios para el uso de las redes sociales.",
        "Se recibieron 98,765 solicitudes, un 12.5 % más que en el proceso anterior.",
        "La jornada será el 2 de junio de 2024, de 8:00 a 18:00 horas.",
        "Agradecemos a las más de 1.4 millones de personas que integran las mesas directivas.",
        "El plazo vence el 10 de febrero; después no habrá prórroga.",
        "Sigue la transmisión en vivo de la sesión y consulta la versión estenográfica.",
    ]
    static let closings = [
        "#Elecciones2024", "#INEInforma", "#VotoLibre @INEMexico", "Más información en @INEtelMX 📲", "🗳️ #TuVotoCuenta",
        "¡Participa!", "Gracias por tu confianza.", "#Credencial #INE", "", "👉 Comparte esta información.",
    ]
    static let problems = [
        "Felicidades a la ganadora; su CURP es HEGG560427MVZRRL04 y su celular 55 1234 5678.",
        "¡ÚLTIMOS DÍAS PARA REGISTRARTE COMO SUPERVISORA ELECTORAL! NO TE QUEDES FUERA DE ESTA GRAN OPORTUNIDAD",
        "¡Vota, vota, vota! Siiiiii, todas y todos a las urnas!!!!",
        "Ya dejen de escribir, son unos pendejos que no saben ni leer.",
        "Deposita tu donativo en la cuenta CLABE 012180026050783858.",
        "Escríbele al responsable: jorge.ramirez1987@hotmail.com",
        "La neta, yo creo que este debate lo gana mi candidata 😅",
        "Según fuentes internas, los consejeros votarían en contra del proyecto.",
        "Documento de uso interno: no difundir hasta la sesión.",
        "Descarga la guía en bit.ly/guia-ine-2024",
    ]
    /// Openings of replies to people (drafts with `reply_to`).
    static let replies = [
        "Hola, gracias por escribirnos.", "Con gusto te ayudamos.", "Lamentamos la espera en el módulo.",
        "Gracias por tu comentario; lo turnamos al área responsable.", "Hola. Tu credencial sigue vigente hasta 2030.",
    ]
    static let rudeReplies = [
        "Como ya te dijimos, aprende a leer: el horario está en la imagen.", "Ni modo, el plazo ya venció.",
    ]
    /// Links to the press: a post now and then shares an interview or a report about the Institute.
    static let pressLinks = [
        "Lee la entrevista con la consejera presidenta en https://www.jornada.com.mx/noticia/2024/05/20/politica/entrevista",
        "Así lo reportó la prensa: https://www.eluniversal.com.mx/nacion/elecciones-2024-computos-distritales",
    ]
    /// Paragraphs that make a thread too long for X.
    static let longParagraphs = [
        "Las personas funcionarias de casilla, sorteadas entre la ciudadanía y capacitadas por el INE, reciben y cuentan los votos frente a las representaciones de los partidos políticos; al cierre, el resultado se publica en una manta afuera de la casilla y el paquete electoral viaja con custodia al consejo distrital.",
    ]
    static let networks: [Network] = [.x, .facebook, .instagram, .threads]

    mutating func post() -> (text: String, metadata: PostMetadata) {
        // One post in seven answers somebody.
        let isReply = random.next() % 7 == 0
        let network = Self.networks[Int(random.next() % UInt64(Self.networks.count))]
        var parts = [isReply ? pick(Self.replies) : pick(Self.openings)]
        let extra = Int(random.next() % 3)
        for _ in 0..<extra { parts.append(pick(Self.middles)) }
        if random.next() % 100 < 2 { parts.append(pick(Self.pressLinks)) }
        let isLong = random.next() % 100 < 3
        if isLong { parts.append(pick(Self.longParagraphs)) }
        if random.next() % 100 < 8 { parts.append(isReply && random.next() % 3 == 0 ? pick(Self.rudeReplies) : pick(Self.problems)) }
        parts.append(pick(Self.closings))
        // Posts for X are written to fit (X refuses longer ones), except the few long threads.
        while network == .x, !isLong, parts.count > 2, parts.joined(separator: " ").count > 250 { parts.remove(at: 1) }
        let media = random.next() % 10 < 8 ? [MediaReference(value: "https://www.ine.mx/img/\(random.next() % 1000).jpg")] : []
        let metadata = PostMetadata(
            network: network, media: media,
            replyTo: isReply ? "https://x.com/usuaria\(random.next() % 10_000)/status/\(random.next() % 1_000_000)" : nil)
        return (parts.joined(separator: " "), metadata)
    }

    private mutating func pick(_ options: [String]) -> String {
        options[Int(random.next() % UInt64(options.count))]
    }

    mutating func nextRandom() -> UInt64 { random.next() }
}

/// A small, fast, reproducible pseudo-random generator.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A post of an account's published history, for the scan benchmark.
struct ArchivedCorpusPost {
    let id: String
    let account: String
    let network: Network
    /// Seconds since 1970.
    let createdAt: Int64
    let text: String
    let media: [String]
    let replyTo: String?
}

extension CorpusGenerator {
    static let states = [
        "Aguascalientes", "Baja California", "Campeche", "Chiapas", "Chihuahua", "Ciudad de México", "Coahuila", "Colima",
        "Durango", "Guanajuato", "Guerrero", "Hidalgo", "Jalisco", "México", "Michoacán", "Morelos", "Nayarit", "Nuevo León",
        "Oaxaca", "Puebla", "Querétaro", "Quintana Roo", "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco", "Tamaulipas",
        "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas", "Baja California Sur",
    ]
    static let months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]

    /// The accounts of the institution: the national one, the 32 local boards and their district boards (300 in all).
    static let accounts: [String] = ["INEMexico"] + states.map { "INE" + $0.replacingOccurrences(of: " ", with: "") }
        + (1...267).map { "INE_JDE\($0)" }

    /// Post `number` of an archive: `post()`'s text with what makes each account's posts its own
    /// (its place, a figure and a date of the day), published by one of the 300 accounts between 2018
    /// and 2024.
    mutating func archivedPost(number: Int) -> ArchivedCorpusPost {
        let (base, metadata) = post()
        let accountIndex = Int(nextRandom() % UInt64(Self.accounts.count))
        let state = Self.states[accountIndex % Self.states.count]
        var text = base
        if nextRandom() % 2 == 0 {
            text = "Junta Distrital \(nextRandom() % 20 + 1) en \(state): " + text
        }
        if nextRandom() % 2 == 0 {
            text += " Corte al \(nextRandom() % 28 + 1) de \(Self.months[Int(nextRandom() % 12)]): \(Int(nextRandom() % 90_000) + 1_000) trámites atendidos."
        }
        let start: Int64 = 1_514_786_400  // 2018-01-01 06:00 UTC
        let createdAt = start + Int64(nextRandom() % (7 * 365 * 86_400))
        return ArchivedCorpusPost(
            id: String(1_000_000_000_000 + number), account: Self.accounts[accountIndex], network: metadata.network ?? .x,
            createdAt: createdAt, text: text, media: metadata.media.map(\.value), replyTo: metadata.replyTo)
    }
}
