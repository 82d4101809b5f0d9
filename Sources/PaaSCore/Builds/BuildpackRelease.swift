/// What a Heroku buildpack's `bin/release` prints: YAML, of which the platform reads only
/// `default_process_types`, a map of process type to command. Parsed by hand because the output is
/// this one flat shape, and anything else in it is ignored rather than failing the build.
public enum BuildpackRelease {
    public static func defaultProcessTypes(_ yaml: String) -> [String: String] {
        var result: [String: String] = [:]
        var inside = false
        for raw in yaml.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw)
            if !line.hasPrefix(" ") && !line.hasPrefix("\t") {
                inside = line.trimmingWhitespace().hasPrefix("default_process_types:")
                continue
            }
            guard inside, let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]).trimmingWhitespace()
            var value = String(line[line.index(after: colon)...]).trimmingWhitespace()
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            if let type = try? ProcessType.validate(key), !value.isEmpty { result[type] = value }
        }
        return result
    }
}

/// Where an app's buildpack comes from: a git URL (optionally `#ref`) or the name of a platform one.
public enum BuildpackSource: Equatable, Sendable {
    case git(url: String, ref: String?)
    case platform(name: String)

    public static func parse(_ raw: String, allowFile: Bool) throws(ValidationFailure) -> BuildpackSource {
        let text = raw.trimmingWhitespace()
        let rule = ValidationFailure(field: "buildpacks", message: "Buildpack \"\(text)\" must be an https:// git URL (optionally ending in #branch) or the name of a platform buildpack.")
        if text.contains("://") {
            let schemes = ["https://", "http://", "git://"] + (allowFile ? ["file://"] : [])
            guard schemes.contains(where: { text.hasPrefix($0) }), !text.contains(" "), text.count <= 500 else { throw rule }
            let parts = text.split(separator: "#", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[1].isEmpty || parts[1].hasPrefix("-") { throw rule }
            return .git(url: parts[0], ref: parts.count == 2 ? parts[1] : nil)
        }
        guard (1...60).contains(text.count), !text.hasPrefix("."),
              text.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }) else { throw rule }
        return .platform(name: text)
    }
}
