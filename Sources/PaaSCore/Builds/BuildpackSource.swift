/// Where an app's buildpack comes from: a git URL (optionally `#ref`) or the name of a platform one.
public enum BuildpackSource: Equatable, Sendable {
    case git(url: String, ref: String?)
    case platform(name: String)

    public static func parse(_ raw: String, allowFile: Bool) throws(ValidationFailure) -> BuildpackSource {
        let text = raw.trimmingWhitespace()
        let rule = ValidationFailure(field: "buildpacks", message: "Buildpack \"\(text)\" must be an https:// git URL (optionally ending in #branch) or the name of a platform buildpack.")
        if text.contains("://") {
            // Not git://: unauthenticated, unencrypted, and gone from the big hosts since 2022.
            let schemes = ["https://", "http://"] + (allowFile ? ["file://"] : [])
            guard schemes.contains(where: { text.hasPrefix($0) }), !text.contains(" "), text.count <= 500 else { throw rule }
            let parts = text.split(separator: "#", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[1].isEmpty || parts[1].hasPrefix("-") { throw rule }
            return .git(url: parts[0], ref: parts.count == 2 ? parts[1] : nil)
        }
        guard (1...60).contains(text.count), !text.hasPrefix("."),
              text.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }) else { throw rule }
        return .platform(name: text)
    }

    /// The URL as it may appear in logs and messages: credentials in it are replaced.
    public static func redacted(_ raw: String) -> String {
        guard let scheme = raw.range(of: "://") else { return raw }
        let rest = raw[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "#" || $0 == "?" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return raw }
        return String(raw[..<scheme.upperBound]) + "***" + String(rest[at...])
    }
}
