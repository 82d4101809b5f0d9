extension LogLine {
    /// With `LogOptions.details`, Docker puts `key=value,key=value ` before the message.
    /// Returns those attributes and the message without them, or nil when the line has none.
    public var swarmDetails: (attributes: [String: String], message: String)? {
        guard text.hasPrefix("com.docker.swarm."), let space = text.firstIndex(of: " ") else { return nil }
        var attributes: [String: String] = [:]
        for pair in text[..<space].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { attributes[String(parts[0])] = String(parts[1]) }
        }
        return (attributes, String(text[text.index(after: space)...]))
    }
}
