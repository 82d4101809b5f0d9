/// What a finished `exec` produced. Output is kept as lines joined by `\n`
/// (no trailing newline), which is how callers compare and show it.
public struct ExecResult: Sendable, Equatable {
    public var exitCode: Int
    public var stdout: String
    public var stderr: String

    public init(exitCode: Int, stdout: String, stderr: String) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
    }
}
