/// Build arguments a Dockerfile asks for (`ARG NAME` or `ARG NAME=default`): only config vars with
/// those names are passed to the build, so secrets are not handed to builds that never use them.
public enum DockerfileArgs {
    public static func declared(in dockerfile: String) -> [String] {
        var names: [String] = []
        for raw in dockerfile.split(separator: "\n") {
            let words = String(raw).trimmingWhitespace().split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 2, words[0].uppercased() == "ARG" else { continue }
            for word in words.dropFirst() {
                let name = String(word.split(separator: "=", maxSplits: 1).first ?? "")
                if !name.isEmpty, !names.contains(name) { names.append(name) }
            }
        }
        return names
    }
}
