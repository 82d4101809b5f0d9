/// An Engine API version such as `1.41`. Compared numerically, so 1.9 < 1.41.
public struct DockerAPIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    /// The newest API whose request and response shapes this client is written against.
    public static let newestKnown = DockerAPIVersion(major: 1, minor: 45)

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]),
              major >= 0, minor >= 0 else { return nil }
        self.init(major: major, minor: minor)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }

    /// The daemon refuses versions newer than its own ("client version 1.44 is
    /// too new"), and we must not speak versions we were not written for.
    public static func negotiate(daemon: DockerAPIVersion, client: DockerAPIVersion = .newestKnown) -> DockerAPIVersion {
        min(daemon, client)
    }
}
