/// Free text a person types: names of people, organizations, tokens.
public enum TextField {
    /// Trims, then checks length and refuses control characters, which have no place in a name
    /// and would corrupt logs and terminal output.
    public static func validate(_ raw: String, field: String, label: String, min: Int = 1, max: Int = 100) throws(ValidationFailure) -> String {
        let value = raw.trimmingWhitespace()
        if value.count < min {
            throw ValidationFailure(field: field, message: min <= 1 ? "\(label) is required." : "\(label) must be at least \(min) characters.")
        }
        if value.count > max {
            throw ValidationFailure(field: field, message: "\(label) must be at most \(max) characters.")
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationFailure(field: field, message: "\(label) must not contain control characters.")
        }
        return value
    }
}

extension String {
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
