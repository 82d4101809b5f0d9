import Foundation

/// Failures talking to the engine. `unreachable` is its own case because the
/// platform answers it differently (503, retry later) from an engine that
/// answered and refused.
public enum DockerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No socket, connection refused, TLS handshake failed, or a connect timeout.
    case unreachable(String)
    /// 404: the object does not exist.
    case notFound(String)
    /// 409: a name is taken or the object is in use.
    case conflict(String)
    /// Any other non-success status, with Docker's message.
    case api(status: Int, message: String)
    /// An error reported inside a progress stream (build, push) after a 200.
    case stream(String)
    /// The engine answered with something this client cannot read.
    case invalidResponse(String)
    /// Bad DOCKER_HOST, TLS material or arguments; nothing was sent.
    case invalidConfiguration(String)

    public var statusCode: Int? {
        switch self {
        case .notFound: return 404
        case .conflict: return 409
        case .api(let status, _): return status
        default: return nil
        }
    }

    public var message: String {
        switch self {
        case .unreachable(let m), .notFound(let m), .conflict(let m), .stream(let m),
             .invalidResponse(let m), .invalidConfiguration(let m):
            return m
        case .api(_, let m):
            return m
        }
    }

    public var isUnreachable: Bool {
        if case .unreachable = self { return true }
        return false
    }

    public var isNotFound: Bool {
        if case .notFound = self { return true }
        return false
    }

    /// Swarm refuses an update whose version is stale with a 500 and this text;
    /// the remedy is to read the object again and re-apply the change.
    public var isOutOfSequence: Bool {
        guard case .api(let status, let message) = self else { return false }
        return status == 500 && message.contains("update out of sequence")
    }

    public var description: String {
        switch self {
        case .unreachable(let m): return "Docker unreachable: \(m)"
        case .notFound(let m): return "Docker 404: \(m)"
        case .conflict(let m): return "Docker 409: \(m)"
        case .api(let status, let m): return "Docker \(status): \(m)"
        case .stream(let m): return "Docker stream error: \(m)"
        case .invalidResponse(let m): return "Docker invalid response: \(m)"
        case .invalidConfiguration(let m): return "Docker configuration: \(m)"
        }
    }

    /// Builds the error for a non-success response. Docker's body is
    /// `{"message": "..."}`; older paths and proxies may send plain text.
    static func from(status: Int, body: [UInt8]) -> DockerError {
        struct Body: Decodable { var message: String? }
        let message: String
        if let decoded = try? JSONDecoder().decode(Body.self, from: Data(body)), let text = decoded.message {
            message = text
        } else {
            let text = String(decoding: body.prefix(2048), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            message = text.isEmpty ? "HTTP \(status)" : text
        }
        switch status {
        case 404: return .notFound(message)
        case 409: return .conflict(message)
        default: return .api(status: status, message: message)
        }
    }
}
