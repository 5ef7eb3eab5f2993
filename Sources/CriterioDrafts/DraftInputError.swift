import CriterioFoundation

/// A draft that cannot be linted, explained in Spanish with the file (and line, when known).
public struct DraftInputError: ExplainedError, Sendable, Equatable {
    public let path: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `ruta:línea:columna: mensaje`, the way compilers and linters print errors.
    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(message)"
    }
}
