/// A deliberately plain e-mail check: one "@", a dotted domain of DNS labels, no spaces.
/// It catches typos; delivery is the only full proof of an address.
public enum EmailAddress {
    public static let maxLength = 254

    public static func normalize(_ raw: String) throws(ValidationFailure) -> String {
        let value = raw.trimmingWhitespace().lowercased()
        let invalid = ValidationFailure(field: "email", message: "Enter a valid e-mail address, like name@example.com.")
        if value.isEmpty { throw ValidationFailure(field: "email", message: "E-mail is required.") }
        if value.utf8.count > maxLength {
            throw ValidationFailure(field: "email", message: "E-mail must be at most \(maxLength) characters.")
        }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
              !local.isEmpty, local.utf8.count <= 64 else { throw invalid }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+/=?^_`{|}~-")
        guard local.allSatisfy({ localAllowed.contains($0) }), !local.hasPrefix("."), !local.hasSuffix("."),
              !local.contains("..") else { throw invalid }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw invalid }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                  label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { throw invalid }
        }
        return value
    }
}
