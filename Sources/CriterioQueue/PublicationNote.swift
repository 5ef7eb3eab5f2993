import Foundation

extension Consultation {
    /// What this consultation means for publishing its exact text, in one Spanish sentence, as
    /// `criterio lint`, the hook and the server say it ("consulta 12 pendiente; vence el 25/11 a las
    /// 10:00"). Only an approval lets the text through; an expired item is not one.
    public func publicationNote(at now: Date, in timeZone: TimeZone) -> String {
        func local(_ date: Date) -> String { LocalTime.string(date, in: timeZone, withYear: false) }
        let name = "consulta \(id)"
        switch state {
        case .approved:
            return "\(name) aprobada por \(decision?.reviewer ?? "la CNCS"): cubre este texto exacto"
        case .pending, .inReview:
            guard let due = dueAt else { return "\(name) \(state.label)" }
            if isOverdue(at: now) { return "\(name) sin respuesta; venció el \(local(due)) (vencida no es aprobada)" }
            return "\(name) \(state.label); vence el \(local(due))"
        case .changesRequested:
            return "\(name): la CNCS pidió cambios; reenvía con criterio consult submit \(draftPath) --resubmit \(id) --question \"…\""
        case .rejected:
            return "\(name) rechazada por la CNCS: no publiques este texto"
        case .withdrawn:
            return "\(name) retirada"
        case .expired:
            return "\(name) vencida sin respuesta (no es una aprobación): orienta a la persona usuaria a INETEL o a la Plataforma Nacional de Transparencia"
        }
    }
}
