/// The images a tenant's Dockerfile reads (`FROM`, `COPY --from`), checked before Docker sees it.
/// Builds share an engine and a registry with other organizations, so a Dockerfile must not name
/// another organization's images, reach the platform registry under another name, or pick a local
/// image by ID prefix (the engine falls back to that when no name matches).
public enum DockerfileImages {
    public struct Rules: Sendable {
        /// `host:port` of the platform registry, if any.
        public var registry: String?
        /// `<registry>/org-<id>/` (or `paas-local/org-<id>/`): the organization's own images.
        public var ownPrefix: String

        public init(registry: String?, ownPrefix: String) {
            self.registry = registry
            self.ownPrefix = ownPrefix
        }
    }

    public static func check(_ dockerfile: String, buildArgs: [String: String], rules: Rules) throws(ValidationFailure) {
        for reference in try references(in: dockerfile, buildArgs: buildArgs) { try check(reference, rules: rules) }
    }

    /// Image references after `ARG` substitution, without stage names and `scratch`.
    public static func references(in dockerfile: String, buildArgs: [String: String]) throws(ValidationFailure) -> [String] {
        var args = buildArgs
        var stages: Set<String> = []
        var found: [String] = []
        for instruction in instructions(dockerfile) {
            let words = instruction.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            switch keyword {
            case "ARG":
                for word in words.dropFirst() {
                    let pair = word.split(separator: "=", maxSplits: 1).map(String.init)
                    if pair.count == 2, buildArgs[pair[0]] == nil { args[pair[0]] = unquote(pair[1]) }
                }
            case "FROM":
                let operands = words.dropFirst().filter { !$0.hasPrefix("--") }
                guard let raw = operands.first else { continue }
                let image = try substitute(raw, args)
                if image.lowercased() != "scratch", !stages.contains(image.lowercased()) { found.append(image) }
                if operands.count >= 3, operands[1].uppercased() == "AS" { stages.insert(operands[2].lowercased()) }
            case "COPY", "ADD":
                for word in words.dropFirst() where word.lowercased().hasPrefix("--from=") {
                    let source = try substitute(String(word.dropFirst("--from=".count)), args)
                    if !stages.contains(source.lowercased()), Int(source) == nil { found.append(source) }
                }
            default:
                continue
            }
        }
        return found
    }

    static func check(_ reference: String, rules: Rules) throws(ValidationFailure) {
        let image = reference.lowercased()
        let name = String(image.split(separator: "@", maxSplits: 1).first ?? "")
        if image.hasPrefix("sha256:") || (!name.contains("/") && !name.contains(":") && name.allSatisfy(\.isHexDigit)) {
            throw failure("\"\(reference)\" looks like an image ID; name base images by repository and tag.")
        }
        let host = name.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        let hasHost = name.contains("/") && (host.contains(".") || host.contains(":") || host == "localhost")
        let platformHost = rules.registry?.lowercased()
        let isPlatform = name.hasPrefix("paas-local/") || (hasHost && host == platformHost)
        if isPlatform, !image.hasPrefix(rules.ownPrefix.lowercased()) {
            throw failure("\"\(reference)\" belongs to another organization; a Dockerfile can only build on your own apps' images.")
        }
        let hostName = String(host.split(separator: ":", maxSplits: 1).first ?? "")
        if hasHost, !isPlatform, hostName == "localhost" || hostName.hasPrefix("127.") || host.hasPrefix("[") || hostName.hasPrefix("0.") {
            throw failure("\"\(reference)\" names a registry on the build host; use the platform registry or a public one.")
        }
    }

    private static func failure(_ message: String) -> ValidationFailure {
        ValidationFailure(field: "Dockerfile", message: "Dockerfile: \(message)")
    }

    /// Lines joined across `\\` continuations, comments dropped.
    static func instructions(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw).trimmingWhitespace()
            if current.isEmpty, line.hasPrefix("#") { continue }
            let continues = line.hasSuffix("\\")
            if continues { line.removeLast() }
            current += (current.isEmpty ? "" : " ") + line
            if !continues {
                if !current.isEmpty { result.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// `$NAME`, `${NAME}` and `${NAME:-default}`; a variable that cannot be resolved is refused,
    /// because the image it would name cannot be checked.
    static func substitute(_ text: String, _ args: [String: String]) throws(ValidationFailure) -> String {
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            var name = ""
            var fallback: String?
            if rest.first == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw failure("an unfinished ${ in \"\(text)\".") }
                let inner = String(rest[rest.index(after: rest.startIndex)..<close])
                if let range = inner.range(of: ":-") {
                    name = String(inner[..<range.lowerBound])
                    fallback = String(inner[range.upperBound...])
                } else {
                    name = inner
                }
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? rest.endIndex
                name = String(rest[..<end])
                rest = rest[end...]
            }
            guard let value = args[name].flatMap({ $0.isEmpty ? nil : $0 }) ?? fallback else {
                throw failure("\"\(text)\" uses $\(name), which has no value; name the image literally or give the ARG a default.")
            }
            output += value
        }
        return output + rest
    }

    private static func unquote(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" else { return value }
        return String(value.dropFirst().dropLast())
    }
}
