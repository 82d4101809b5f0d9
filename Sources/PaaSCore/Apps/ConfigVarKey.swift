/// Environment variable names a client may set. `PORT` is the platform's to give.
public enum ConfigVarKey {
    public static let reserved: Set<String> = ["PORT", "DYNO", "PAAS_APP", "PAAS_PROCESS", "PAAS_RELEASE"]
    public static let maxValueBytes = 32 * 1024

    public static func validate(key: String, value: String?) throws(ValidationFailure) {
        guard (1...255).contains(key.utf8.count), let first = key.unicodeScalars.first,
              first == "_" || ("A"..."Z").contains(first) || ("a"..."z").contains(first),
              key.unicodeScalars.allSatisfy({ $0 == "_" || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else {
            throw ValidationFailure(field: key, message: "\"\(key.prefix(60))\" is not a valid variable name: use letters, digits and underscores, not starting with a digit.")
        }
        if reserved.contains(key.uppercased()) {
            throw ValidationFailure(field: key, message: "\(key) is set by the platform and cannot be changed.")
        }
        if let value {
            guard value.utf8.count <= maxValueBytes else {
                throw ValidationFailure(field: key, message: "The value of \(key) is larger than 32 KB.")
            }
            guard !value.unicodeScalars.contains("\0") else {
                throw ValidationFailure(field: key, message: "The value of \(key) contains a NUL character.")
            }
        }
    }
}
