/// The password rule, stated once so the API, the pages and the docs say the same thing.
public enum PasswordPolicy {
    public static let minLength = 10
    /// bcrypt reads only the first 72 bytes; a longer password would silently not count in full.
    public static let maxBytes = 72
    public static let rule = "Use 10 to 72 characters, with at least one letter and at least one digit or symbol."

    public static func validate(_ password: String, email: String? = nil) throws(ValidationFailure) {
        let failure = ValidationFailure(field: "password", message: rule)
        guard password.count >= minLength, password.utf8.count <= maxBytes else { throw failure }
        guard password.contains(where: { $0.isLetter }),
              password.contains(where: { !$0.isLetter && !$0.isWhitespace }) else { throw failure }
        if Set(password).count < 4 {
            throw ValidationFailure(field: "password", message: "This password repeats too few characters to be safe. " + rule)
        }
        if let email, !email.isEmpty, password.lowercased().contains(email.lowercased()) {
            throw ValidationFailure(field: "password", message: "The password must not contain your e-mail address.")
        }
    }
}
