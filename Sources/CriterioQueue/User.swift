import Foundation

/// What a person may do in the queue (SPEC §8).
public enum Role: String, CaseIterable, Sendable, Codable {
    /// *Persona administradora de cuenta*: submits and follows their area's consultations.
    case admin
    /// A CNCS reviewer: claims and decides.
    case cncs
    /// Also reopens finished items, force-releases claims and manages users.
    case supervisor

    public var label: String {
        switch self {
        case .admin: "administradora de cuenta"
        case .cncs: "revisora de la CNCS"
        case .supervisor: "supervisora"
        }
    }

    /// Reviews: claims, releases and decides.
    public var reviews: Bool { self == .cncs || self == .supervisor }
}

/// A person the queue knows, by a unique name.
public struct User: Sendable, Codable, Equatable {
    public var name: String
    public var role: Role
    /// The area an administrator submits for; nil for CNCS and supervisors.
    public var area: String?
    /// Where notifications go; nil for none.
    public var email: String?
    public var createdAt: Date

    public init(name: String, role: Role, area: String? = nil, email: String? = nil, createdAt: Date) {
        self.name = name
        self.role = role
        self.area = area
        self.email = email
        self.createdAt = createdAt
    }

    /// Whether the user sees a consultation of `area` (administrators see only their own area's).
    public func sees(area: String) -> Bool {
        role != .admin || self.area == area
    }
}

/// Who performed an audited event: a person, or the queue itself for automatic transitions.
public enum Actor: Sendable, Equatable {
    case user(User)
    case system

    /// The name written in the log.
    public var name: String {
        switch self {
        case .user(let user): user.name
        case .system: Actor.systemName
        }
    }

    /// The reserved actor name of automatic transitions; no user may take it.
    public static let systemName = "sistema"
}
