/// Events of the log that are not transitions of a consultation (those are `QueueAction.eventName`):
/// user management, credentials, and looking at what the queue keeps hidden. Their names are stable
/// identifiers, like the transitions'.
public enum AuditEvent: String, CaseIterable, Sendable {
    case userAdded = "user_added"
    case roleChanged = "user_role_changed"
    case areaChanged = "user_area_changed"
    /// A password set or reset (the log never holds the password nor its hash).
    case passwordSet = "password_set"
    case tokenCreated = "token_created"
    case tokenRevoked = "token_revoked"
    /// A person revealed the personal data that pages and reports redact in a consultation's text.
    case revealed

    /// How people read it; the user the event is about (`details.user`) follows.
    public var label: String {
        switch self {
        case .userAdded: "dio de alta a"
        case .roleChanged: "cambió el rol de"
        case .areaChanged: "cambió el área de"
        case .passwordSet: "cambió la contraseña de"
        case .tokenCreated: "creó un token de API de"
        case .tokenRevoked: "revocó tokens de API de"
        case .revealed: "reveló los datos personales"
        }
    }
}
