/// Which output a log frame came from: the first byte of Docker's frame header.
public enum LogStream: UInt8, Sendable, Hashable, CustomStringConvertible {
    case stdin = 0
    case stdout = 1
    case stderr = 2
    /// Engine-side errors interleaved into exec and attach streams.
    case systemError = 3

    public var description: String {
        switch self {
        case .stdin: return "stdin"
        case .stdout: return "stdout"
        case .stderr: return "stderr"
        case .systemError: return "system"
        }
    }
}
