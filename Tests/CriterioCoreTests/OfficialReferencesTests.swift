import CriterioCore
import Testing

/// Issue 14: numbers in official references are not phones, and a surname that is also an
/// institutional word hides no date of birth.
@Suite("Referencias oficiales y apellidos institucionales")
struct OfficialReferencesTests {
    func kinds(_ text: String) throws -> [String] {
        try Lint.findings(text, rules: ["datos-personales"]).map { $0.kind ?? "" }
    }

    @Test(arguments: [
        "Publicado en el DOF número 2024090412, edición vespertina.", "DOF, edición 5732165043 del 4 de septiembre de 2024.",
        "ISBN 978-607-8510-52-3", "ISBN-10 6078510523", "ISSN 2448-4903 (impreso) y 2448-8445 (en línea).",
        "Mediante oficio número 5512345678 se notificó a la junta.", "Oficio No. DEA-55-1234-5678 de la Dirección Ejecutiva.",
        "Boletín 5512345678: resultados del cómputo.", "Comunicado 442 123 4567 de la Coordinación.",
        "Lo publicó la Gaceta Electoral número 3312345678.", "Tomo DCCXXXII No. 3312345678 del Periódico Oficial.",
        "Clave de publicación 978-607-8510-52-3-1.",
    ])
    func officialReferencesAreNotPhones(text: String) throws {
        #expect(try kinds(text).isEmpty, "«\(text)»")
    }

    @Test func phonesNearThoseWordsAreStillPhones() throws {
        #expect(try kinds("Sobre el boletín, llama a Ana al 55 8765 4321.") == ["telefono"])
        #expect(try kinds("Para el oficio, mi celular es 33 1234 5678.") == ["telefono"])
        #expect(try kinds("Informes con Mariano Jerónimo Partida al 3360859328.") == ["telefono"])
        #expect(try kinds("WhatsApp: +52-33-1234-5678") == ["telefono"])
    }

    @Test(arguments: [
        "María Consejo nació el 3 de mayo de 1980 en Puebla.", "Nuestra compañera Luz Campana nació el 12/03/1985.",
        "Pedro Ley nació el 1 de junio de 1970.", "JUAN LOPEZ nació el 5 de mayo de 1975.",
        "Ana Portal Reforma, fecha de nacimiento: 27/04/1956.",
    ])
    func aSurnameThatIsAnInstitutionalWordHidesNoBirthDate(text: String) throws {
        #expect(try kinds(text) == ["fecha-nacimiento"], "«\(text)»")
    }

    @Test func institutionsAreStillBornOnTheirDates() throws {
        for text in [
            "El Consejo General nació el 11 de octubre de 1990.", "La Unidad de Fiscalización nació el 2 de mayo de 2008.",
            "El IFE nació el 11 de octubre de 1990.", "Hace 34 años nació el Instituto Federal Electoral, el 11 de octubre de 1990.",
        ] {
            #expect(try kinds(text).isEmpty, "«\(text)»")
        }
    }
}
