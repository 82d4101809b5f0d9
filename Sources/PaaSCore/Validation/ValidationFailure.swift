/// A rule a value broke, phrased for the person who typed it.
public struct ValidationFailure: Error, Equatable, Sendable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
