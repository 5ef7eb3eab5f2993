import CriterioFoundation

/// A problem in a `.criterio.yml`, in Spanish, with the file and line it is on.
public struct ConfigurationError: ExplainedError, Sendable, Equatable {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
