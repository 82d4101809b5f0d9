import Foundation

/// A component a `scripts/lib` helper starts and describes in environment variables (the sshd,
/// the second node). Present: tests use it. Absent: they skip with the reason, unless components
/// are required (scripts/test), when they run and fail on `require`.
protocol ScriptComponent {
    /// nil when the variables are not set.
    static var current: Self? { get }
    /// What is missing and which helper starts it, for the skip and failure messages.
    static var missing: String { get }
}

extension ScriptComponent {
    static var shouldRun: Bool {
        if current != nil || DockerAvailability.required { return true }
        print("skipped: \(missing)")
        return false
    }

    static func require() throws -> Self {
        guard let current else { throw TestSetupError("\(missing); scripts/test starts it") }
        return current
    }
}
