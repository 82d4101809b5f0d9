/// The slice of TOML the lifecycle writes into `/layers` (layer `<name>.toml` files and
/// `config/metadata.toml`): `[table]` and `[[array-of-tables]]` headers, and `key = value` lines whose
/// values are strings, booleans, numbers or one-line arrays of strings. Anything else is kept as raw
/// text, so an unfamiliar field never fails a build.
public struct CNBTOML: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case string(String)
        case bool(Bool)
        case strings([String])
        case raw(String)
    }

    public struct Table: Equatable, Sendable {
        /// `types` for `[types]`, `processes` for each `[[processes]]`; empty for the top level.
        public var name: String
        public var values: [String: Value] = [:]
    }

    public private(set) var tables: [Table] = [Table(name: "")]

    public init(_ text: String) {
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let name = String(line.drop(while: { $0 == "[" }).reversed().drop(while: { $0 == "]" }).reversed()).trimmingWhitespace()
                tables.append(Table(name: name))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = Self.unquote(String(line[..<equals]).trimmingWhitespace())
            let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
            tables[tables.count - 1].values[key] = Self.value(value)
        }
    }

    public func tables(named name: String) -> [Table] { tables.filter { $0.name == name } }

    static func value(_ text: String) -> Value {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if text.hasPrefix("\"") || text.hasPrefix("'") { return .string(unquote(text)) }
        if text.hasPrefix("["), text.hasSuffix("]") {
            let inner = text.dropFirst().dropLast().trimmingWhitespace()
            if inner.isEmpty { return .strings([]) }
            return .strings(splitStrings(inner))
        }
        return .raw(text)
    }

    /// A quoted TOML string without its quotes, with the basic-string escapes a path or a command uses.
    static func unquote(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" else { return text }
        let body = String(text.dropFirst().dropLast())
        guard first == "\"" else { return body }
        var out = ""
        var escaped = false
        for character in body {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// `"a", "b, c"` → `["a", "b, c"]`: commas inside quotes do not split.
    private static func splitStrings(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for character in text {
            if let open = quote {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" && open == "\"" { escaped = true } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character == "," {
                items.append(unquote(current.trimmingWhitespace()))
                current = ""
            } else {
                current.append(character)
            }
        }
        let last = current.trimmingWhitespace()
        if !last.isEmpty { items.append(unquote(last)) }
        return items
    }
}

extension Substring {
    func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}

