import CriterioCore

/// Generates realistic INE posts, deterministically from a seed: institutional sentences with
/// dates, figures, links, hashtags, mentions and emoji, and a realistic share of posts that break a
/// criterion (personal data, capitals, repetition, hateful replies).
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
    ]
    static let networks: [Network] = [.x, .facebook, .instagram, .threads]

    mutating func post() -> (text: String, metadata: PostMetadata) {
        var parts = [pick(Self.openings)]
        let extra = Int(random.next() % 3)
        for _ in 0..<extra { parts.append(pick(Self.middles)) }
        if random.next() % 100 < 8 { parts.append(pick(Self.problems)) }
        parts.append(pick(Self.closings))
        let media = random.next() % 10 < 8 ? [MediaReference(value: "https://www.ine.mx/img/\(random.next() % 1000).jpg")] : []
        let metadata = PostMetadata(network: Self.networks[Int(random.next() % UInt64(Self.networks.count))], media: media)
        return (parts.joined(separator: " "), metadata)
    }

    private mutating func pick(_ options: [String]) -> String {
        options[Int(random.next() % UInt64(options.count))]
    }
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
