/// One JSON line of build or push output. Build text arrives in `stream`,
/// push steps in `status`; a failure arrives in-band as `error`, after the
/// HTTP status already said 200.
public struct ProgressMessage: Decodable, Sendable, Equatable {
    public struct ErrorDetail: Decodable, Sendable, Equatable {
        public var code: Int?
        public var message: String?
    }

    /// Build: `{"ID": "sha256:..."}`; push: `{"Tag", "Digest", "Size"}`.
    public struct Aux: Decodable, Sendable, Equatable {
        public var id: String?
        public var tag: String?
        public var digest: String?
        public var size: Int64?
        enum CodingKeys: String, CodingKey { case id = "ID", tag = "Tag", digest = "Digest", size = "Size" }
    }

    public var stream: String?
    public var status: String?
    public var id: String?
    public var progress: String?
    public var error: String?
    public var errorDetail: ErrorDetail?
    public var aux: Aux?

    /// The failure text, if this line reports one.
    public var errorMessage: String? {
        error ?? errorDetail?.message
    }

    /// Human-readable text for a build log, without Docker's trailing newline.
    public var text: String? {
        if let stream { return stream.hasSuffix("\n") ? String(stream.dropLast()) : stream }
        if let status { return [id, status, progress].compactMap { $0 }.joined(separator: " ") }
        return errorMessage
    }
}
