/// A numeral of section 6 ("Criterios Generales") of the *Criterios para el uso de redes sociales
/// en Internet del Instituto Nacional Electoral* (seeds/003), cited by every rule and finding.
public struct Criterion: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The Roman numeral, lower case, as the document writes it: "iii", "xxvi".
    public let numeral: String

    public init?(_ numeral: String) {
        var lowered = numeral.lowercased()
        if lowered.hasPrefix("6.") { lowered.removeFirst(2) }
        guard Criterion.texts[lowered] != nil else { return nil }
        self.numeral = lowered
    }

    private init(known numeral: String) { self.numeral = numeral }

    /// How findings cite it: "6.xxvi".
    public var description: String { "6.\(numeral)" }

    /// The criterion's official wording.
    public var text: String { Criterion.texts[numeral] ?? "" }

    /// Its position in the list (1-based), for ordering.
    public var number: Int { Criterion.order.firstIndex(of: numeral).map { $0 + 1 } ?? 0 }

    public static func < (lhs: Criterion, rhs: Criterion) -> Bool { lhs.number < rhs.number }


    public static let i = Criterion(known: "i")
    public static let ii = Criterion(known: "ii")
    public static let iii = Criterion(known: "iii")
    public static let iv = Criterion(known: "iv")
    public static let v = Criterion(known: "v")
    public static let vi = Criterion(known: "vi")
    public static let vii = Criterion(known: "vii")
    public static let viii = Criterion(known: "viii")
    public static let ix = Criterion(known: "ix")
    public static let x = Criterion(known: "x")
    public static let xi = Criterion(known: "xi")
    public static let xii = Criterion(known: "xii")
    public static let xiii = Criterion(known: "xiii")
    public static let xiv = Criterion(known: "xiv")
    public static let xv = Criterion(known: "xv")
    public static let xvi = Criterion(known: "xvi")
    public static let xvii = Criterion(known: "xvii")
    public static let xviii = Criterion(known: "xviii")
    public static let xix = Criterion(known: "xix")
    public static let xx = Criterion(known: "xx")
    public static let xxi = Criterion(known: "xxi")
    public static let xxii = Criterion(known: "xxii")
    public static let xxiii = Criterion(known: "xxiii")
    public static let xxiv = Criterion(known: "xxiv")
    public static let xxv = Criterion(known: "xxv")
    public static let xxvi = Criterion(known: "xxvi")
    public static let xxvii = Criterion(known: "xxvii")
    public static let xxviii = Criterion(known: "xxviii")
    public static let xxix = Criterion(known: "xxix")
    public static let xxx = Criterion(known: "xxx")
    public static let xxxi = Criterion(known: "xxxi")
    public static let xxxii = Criterion(known: "xxxii")
    public static let xxxiii = Criterion(known: "xxxiii")
    public static let xxxiv = Criterion(known: "xxxiv")

    static let order: [String] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi", "xxvii", "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv"]

    /// Text of numeral 6 as published (seeds/003_*.txt), line breaks of the PDF removed.
    static let texts: [String: String] = [
        "i": """
            Solo serán publicados en las cuentas institucionales aquellos mensajes y contenidos que hagan referencia a las actividades del Instituto u ofrezcan información pública en poder del mismo.
            """,
        "ii": """
            Se privilegiará la publicación de mensajes que promuevan el diálogo con los ciudadanos, con el objeto de identificar por este medio, las áreas de mejora en el desempeño del Instituto.
            """,
        "iii": """
            Se restringirá la publicación de comentarios a título personal que puedan dañar la imagen pública del Instituto o que contradigan sus principios rectores, así como cualquier tipo de datos personales o información considerada como temporalmente reservada o confidencial en la Ley, el Reglamento en Materia de Transparencia y Acceso a la Información Pública, la Ley General de Transparencia y Acceso a la Información Pública, la Ley General de Protección de Datos Personales y la Ley Federal de Transparencia y Acceso a la Información Pública.
            """,
        "iv": """
            Se deberá evitar la publicación de información errónea, confusa, contradictoria o de fuentes no identificadas y confirmadas previamente, ya que toda la información publicada por los organismos públicos en las redes sociales es considerada como oficial por las personas usuarias.
            """,
        "v": """
            Se evitará la publicación de información relacionada con la deliberación interna de los funcionarios del Instituto hasta que haya concluido en decisiones institucionales con carácter oficial.
            """,
        "vi": """
            Podrán publicarse vínculos o información sobre instancias ajenas al Instituto únicamente cuando la información se vincule directamente con sus fines y programas institucionales. En el caso de artículos científicos y periodísticos, estos podrán publicarse si hacen referencia explícita al Instituto o a sus actividades.
            """,
        "vii": """
            En caso de que los administradores de cuentas posean información solicitada por los usuarios, podrán proporcionarla siempre y cuando tengan certeza de su veracidad, notificando por correo electrónico al área responsable de la misma para efectos de su conocimiento. En caso contrario, los administradores orientarán al usuario para que dirijan su solicitud de información a INETEL o a través de la Plataforma Nacional de Transparencia.
            """,
        "viii": """
            Solo en caso de que las áreas o servidores públicos responsables tengan dudas sobre la pertinencia de publicar alguna información o contenido, los administradores de las cuentas consultarán por correo electrónico a la Coordinación Nacional de Comunicación Social antes de proceder a la publicación. La Coordinación contará con hasta 48 horas para emitir una respuesta; de no existir pronunciamiento se comunicará a la persona usuaria la posibilidad de obtener vía INTEL o a través de la Plataforma Nacional de Transparencia
            """,
        "ix": """
            Se podrán colocar enlaces a páginas en las que el Instituto presta servicios específicos al público o enlaces a páginas desde las cuales se puedan seguir en directo los eventos organizados por él, así como las sesiones públicas de sus órganos colegiados (www.ine.mx).
            """,
        "x": """
            También se podrán colocar vínculos a boletines de prensa y comunicados públicos sobre las decisiones tomadas por los órganos de dirección del Instituto. En este caso, conviene redactar de nuevo el mensaje titular y añadir el enlace a su ubicación en Internet.
            """,
        "xi": """
            Podrán publicarse herramientas y aplicaciones que les sirvan a los usuarios para estar informados sobre las actividades que de manera individual o en colaboración participe el Instituto, que les ayuden para ejercer sus derechos político-electorales o contribuyan al desarrollo de la cultura cívica democrática.
            """,
        "xii": """
            Se publicarán declaraciones que informen a la ciudadanía sobre las acciones del Instituto y las expliquen, así como aquellas que fijen la postura institucional con respecto a un tema.
            """,
        "xiii": """
            Con la finalidad de iniciar un diálogo con las personas usuarias, los administradores podrán hacer uso de etiquetas que involucren a quienes protagonizarán la publicación que se desea.
            """,
        "xiv": """
            Los administradores de las cuentas deberán evitar conversaciones sobre asuntos cotidianos, ya que los temas abordados en las cuentas del Instituto deben tratarse desde una perspectiva institucional y no con carácter personal o privado.
            """,
        "xv": """
            La publicación de contenidos y las respuestas a los usuarios debe realizarse de manera responsable y acorde con los presentes Criterios por las áreas del Instituto, ya que cualquier actividad en las redes sociales queda registrada.
            """,
        "xvi": """
            Ante la presencia de comentarios ofensivos, insultantes o denigrantes, no se procederá a bloquear las cuentas de las personas usuarias ni a expulsarlas de las cuentas institucionales. El Instituto se guiará por una política de máxima libertad de expresión y tolerancia, en donde se reconoce que las expresiones disidentes forman parte de la opinión pública y debate político. La respuesta en caso de ser necesaria, siempre será institucional.
            """,
        "xvii": """
            Los únicos discursos que no deberán tolerarse, serán aquellos que promuevan el odio y la violencia.
            """,
        "xviii": """
            Las áreas propietarias de las cuentas deberán proporcionar respuestas claras, concretas y personalizadas a los comentarios o mensajes de las personas usuarias a través de las respectivas administraciones.
            """,
        "xix": """
            Las respuestas a los comentarios de las personas usuarias se guiarán por los principios mayor celeridad, certeza y objetividad. En caso de existir un rebase en el número de comentarios recibidos, se privilegiarán las dudas más recurrentes de las personas, procurando publicar información relacionada que frene la afluencia de dudas.
            """,
        "xx": """
            La información utilizada en las cuentas en redes sociales, deberá estar avalada por el área responsable de generarla, en atención a que fungen como sitios de almacenamiento. Para eso se recurrirá a la fuente original de información para validarla.
            """,
        "xxi": """
            Queda prohibido responder a los comentarios de las personas usuarias con insultos, descalificaciones, o faltas de cortesía y de respeto.
            """,
        "xxii": """
            Se actualizarán los contenidos publicados con base en el flujo de información que se tenga en cada área responsable y en la dinámica de la red social utilizada (periodicidad diaria o semanal). Esta definición será parte de la capacitación que se brinde a las y los administradores de las cuentas.
            """,
        "xxiii": """
            Se privilegiará la generación de contenidos multimedia para ser utilizados en todas las redes sociales en las que el Instituto tiene presencia, pero este se diferenciará para cada red social.
            """,
        "xxiv": """
            Se redactarán entradas con información veraz, de calidad y cercana a las personas usuarias.
            """,
        "xxv": """
            Los desarrolladores de contenidos deberán cuidar la gramática, sintaxis y la ortografía en los textos que se publiquen.
            """,
        "xxvi": """
            Para la escritura de los mensajes deberán utilizarse preferentemente letras mayúsculas y minúsculas.
            """,
        "xxvii": """
            Debe procurarse que todas las publicaciones vayan acompañadas de material audiovisual de tal forma que no se publique solo texto.
            """,
        "xxviii": """
            Durante el seguimiento de las sesiones de los Consejos Generales es recomendable privilegiar la publicación de dos o tres temas relevantes, para publicar la información en tiempo real, y no hacer un seguimiento a la sesión completa. Lo anterior, a fin de evitar la saturación de la información en las redes sociales
            """,
        "xxix": """
            No debe enviarse indiscriminadamente información o mensajes a las personas usuarias o seguidores (spam).
            """,
        "xxx": """
            La autenticidad de las cuentas institucionales deberá ser solicitada a la administración de la red social en caso de que esto sea posible y tan pronto como se cumplan con los requerimientos necesarios para tal efecto.
            """,
        "xxxi": """
            En caso de que alguna cuenta propiedad del Instituto sea operada por servidores públicos no autorizados o intervenida por usuarios ajenos al Instituto (hackers), los servidores públicos encargados de la misma deberán notificarlo al titular del área, a la Coordinación Nacional de Comunicación Social y a UNICOM, tan pronto como estén enterados de la situación, con el objeto de tomar las medidas pertinentes.
            """,
        "xxxii": """
            Los servidores públicos que posean una cuenta personal en redes sociales vinculada al dominio ine.mx o publicada en las páginas de Internet del Instituto están exhortados a publicar mensajes o contenidos que no perjudiquen la imagen pública del mismo.
            """,
        "xxxiii": """
            Las Juntas Locales del INE informarán al Instituto su estrategia en redes sociales, para encontrar mecanismos para compartir contenidos.
            """,
        "xxxiv": """
            Por seguridad, debe procurarse que las contraseñas de todas las cuentas institucionales se actualizarán por lo menos una vez cada dos meses.
            """,
    ]
}
