import CriterioCore

/// Every rule Criterio ships, in the order `criterio rules` lists them.
public enum BuiltInRules {
    public static let all: [any Rule.Type] = [
        DatosPersonalesRule.self,
        MayusculasRule.self,
        SinMultimediaRule.self,
        SpamRule.self,
        DiscursoOdioRule.self,
        GroseriasRule.self,
        CortesiaRule.self,
        OpinionPersonalRule.self,
        DeliberacionInternaRule.self,
        InformacionReservadaRule.self,
        EnlaceExternoRule.self,
        LongitudRule.self,
        OrtografiaRule.self,
    ]

    /// The rule type with identifier `id`.
    public static func rule(id: String) -> (any Rule.Type)? {
        all.first { $0.description.id == id }
    }
}
