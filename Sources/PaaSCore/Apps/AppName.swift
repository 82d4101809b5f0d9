/// App names are DNS labels: they become hostnames (`<name>.paas.<ip>.sslip.io`), service names
/// and image paths, and are unique platform-wide.
public enum AppName {
    public static let maxLength = 30
    static let reserved: Set<String> = ["admin", "api", "app", "apps", "assets", "git", "internal", "login", "logout", "metrics",
                                        "paas", "registry", "root", "signup", "static", "system", "traefik", "www"]

    public static func validate(_ raw: String) throws(ValidationFailure) -> String {
        let name = raw.trimmingWhitespace().lowercased()
        let rule = "Use 3 to 30 lowercase letters, digits and dashes, starting with a letter, like \"my-shop\"."
        guard name.count >= 3, name.count <= maxLength,
              let first = name.unicodeScalars.first, ("a"..."z").contains(first),
              Slug.isValid(name, maxLength: maxLength) else {
            throw ValidationFailure(field: "name", message: rule)
        }
        if reserved.contains(name) {
            throw ValidationFailure(field: "name", message: "\"\(name)\" is reserved by the platform. Choose another name.")
        }
        return name
    }
}
