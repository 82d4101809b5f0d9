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
