import CriterioRules
import Testing

/// Test vectors from research/pii-anchors.md (python-stdnum's own doctests, recomputed there).
@Suite("Identificadores mexicanos")
struct IdentifierTests {
    @Test(arguments: ["HEGG560427MVZRRL04", "BEML920313HMCLNS09", "PEGL890909MJCRMS08", "BOXW310820HNERXN09", "TOMA880125HMNRRN02", "TOMA880125HMNRRNO2"])
    func validCURPs(curp: String) {
        #expect(MexicanIdentifiers.validateCURP(curp) == .valid)
    }

    @Test func invalidCURPs() {
        #expect(MexicanIdentifiers.validateCURP("HEGG560427MVZRRL05") == .checkDigitMismatch)
        #expect(MexicanIdentifiers.validateCURP("BACA890909MJCRMS05") == .invalid)  // inconvenient word
        #expect(MexicanIdentifiers.validateCURP("PEGL891313MJCRMS06") == .invalid)  // date
        #expect(MexicanIdentifiers.validateCURP("PEGL890909QJCRMS08") == .invalid)  // sex
        #expect(MexicanIdentifiers.validateCURP("PEGL890909MQQRMS02") == .invalid)  // state
    }

    @Test func rfcs() {
        #expect(MexicanIdentifiers.classifyRFC("GODE561231GR8", strict: true) == .fisica)
        #expect(MexicanIdentifiers.classifyRFC("MAB9307148T4", strict: true) == .moral)
        #expect(MexicanIdentifiers.classifyRFC("AEL7407151YA", strict: true) == .moral)
        #expect(MexicanIdentifiers.classifyRFC("&&&030828PX7", strict: true) == .moral)
        #expect(MexicanIdentifiers.classifyRFC("VACE460910SX6") == .fisica)
        #expect(MexicanIdentifiers.classifyRFC("VACE460910SX6", strict: true) == nil)
        #expect(MexicanIdentifiers.classifyRFC("CACA580710NF7") == nil)
        #expect(MexicanIdentifiers.classifyRFC("COMG600703") == .fisica)
        #expect(MexicanIdentifiers.classifyRFC("ABCD123456") == nil)
    }

    @Test func clabeLuhnCardsAndICAO() {
        #expect(MexicanIdentifiers.isValidCLABE("012180026050783858"))
        #expect(MexicanIdentifiers.isValidCLABE("032180000118359719"))
        #expect(!MexicanIdentifiers.isValidCLABE("012180026050783859"))
        #expect(MexicanIdentifiers.luhn("92919084431") && !MexicanIdentifiers.luhn("92919084432"))
        #expect(MexicanIdentifiers.luhn("49927398716"))
        let brands = ["4111111111111111": "Visa", "5555555555554444": "Mastercard", "2223000048410010": "Mastercard",
                      "378282246310005": "American Express", "6011111111111117": "Discover", "3530111333300000": "JCB",
                      "30569309025904": "Diners Club"]
        for (number, brand) in brands { #expect(MexicanIdentifiers.cardBrand(number) == brand, "\(number)") }
        #expect(MexicanIdentifiers.cardBrand("4111111111111112") == nil)
        #expect(MexicanIdentifiers.icaoCheckDigit("255969294") == 9)
        #expect(MexicanIdentifiers.icaoCheckDigit("G15997557") == 4)
    }
}
