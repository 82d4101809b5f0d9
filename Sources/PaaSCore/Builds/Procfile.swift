/// A `Procfile`: one `type: command` per line. Its types become Swarm services, except `release`,
/// which runs once per release before traffic moves.
public struct Procfile: Equatable, Sendable {
    public static let releaseType = "release"

    public var processes: [String: String]

    public init(processes: [String: String]) { self.processes = processes }

    /// Process types that run as services.
    public var services: [String: String] { processes.filter { $0.key != Self.releaseType } }
    public var releaseCommand: String? { processes[Self.releaseType] }

    /// Blank lines and `#` comments are skipped; a malformed line or a repeated type is an error,
    /// reported with its line number so the push output points at it.
    public static func parse(_ text: String) throws(ValidationFailure) -> Procfile {
        var processes: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw failure(index, "write \"type: command\", like \"web: ./server\"")
            }
            let type: String
            do { type = try ProcessType.validate(String(line[..<colon])) } catch { throw failure(index, error.message) }
            let command = String(line[line.index(after: colon)...]).trimmingWhitespace()
            guard !command.isEmpty else { throw failure(index, "process type \"\(type)\" has no command") }
            guard processes[type] == nil else { throw failure(index, "process type \"\(type)\" appears twice") }
            processes[type] = command
        }
        return Procfile(processes: processes)
    }

    private static func failure(_ index: Int, _ message: String) -> ValidationFailure {
        ValidationFailure(field: "Procfile", message: "Procfile line \(index + 1): \(message).")
    }
}
