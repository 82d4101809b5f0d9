/// Procfile process types (`web`, `worker`, `clock`): part of service names, so short and plain.
public enum ProcessType {
    public static let web = "web"

    public static func validate(_ raw: String) throws(ValidationFailure) -> String {
        let name = raw.trimmingWhitespace().lowercased()
        guard (1...15).contains(name.count), let first = name.unicodeScalars.first, ("a"..."z").contains(first),
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) else {
            throw ValidationFailure(field: "process", message: "Process type \"\(raw)\" must be 1 to 15 lowercase letters, digits, dashes or underscores, starting with a letter.")
        }
        return name
    }
}
