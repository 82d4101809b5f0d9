/// Reads the entries of a tar archive (what `git archive` sends): enough to see which files a
/// pushed tree has at its top and to read a small one such as the Procfile, without unpacking.
public struct TarIndex: Sendable {
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var isDirectory: Bool
        public var offset: Int
        public var size: Int
    }

    public private(set) var entries: [Entry] = []
    /// The archive's entries without its end-of-archive blocks, for joining archives into one.
    public var body: ArraySlice<UInt8> { bytes[0..<bodyLength] }
    private let bytes: [UInt8]
    private var bodyLength = 0

    public init(_ bytes: [UInt8]) throws(ValidationFailure) {
        self.bytes = bytes
        var position = 0
        var paxPath: String?
        while position + 512 <= bytes.count {
            let header = bytes[position..<(position + 512)]
            if header.allSatisfy({ $0 == 0 }) { break }
            guard let size = Self.octal(header, 124, 12) else { throw ValidationFailure(field: "archive", message: "The pushed tree is not a readable tar archive.") }
            let type = header[header.startIndex + 156]
            let dataStart = position + 512
            guard dataStart + size <= bytes.count else { throw ValidationFailure(field: "archive", message: "The pushed tree's archive is cut short.") }
            switch type {
            case UInt8(ascii: "x"):
                paxPath = Self.paxPath(bytes[dataStart..<(dataStart + size)])
            case UInt8(ascii: "g"):
                break
            default:
                var path = paxPath ?? Self.ustarPath(header)
                paxPath = nil
                if path.hasPrefix("./") { path.removeFirst(2) }
                let isDirectory = type == UInt8(ascii: "5") || path.hasSuffix("/")
                if path.hasSuffix("/") { path.removeLast() }
                if !path.isEmpty { entries.append(Entry(path: path, isDirectory: isDirectory, offset: dataStart, size: size)) }
            }
            position = dataStart + (size + 511) / 512 * 512
        }
        bodyLength = min(position, bytes.count)
    }

    /// Names at the top of the tree (`Dockerfile`, `Procfile`, `bin`, ...).
    public var topLevelNames: Set<String> {
        Set(entries.map { String($0.path.split(separator: "/", maxSplits: 1).first ?? "") })
    }

    /// A regular file's text, or nil if the tree has no such file.
    public func text(of path: String) -> String? {
        guard let entry = entries.first(where: { $0.path == path && !$0.isDirectory }) else { return nil }
        return String(decoding: bytes[entry.offset..<(entry.offset + entry.size)], as: UTF8.self)
    }

    private static func field(_ header: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> String {
        let slice = header[(header.startIndex + start)..<(header.startIndex + start + length)]
        return String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func octal(_ header: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> Int? {
        let text = field(header, start, length).filter { $0 != " " }
        return text.isEmpty ? 0 : Int(text, radix: 8)
    }

    private static func ustarPath(_ header: ArraySlice<UInt8>) -> String {
        let name = field(header, 0, 100)
        let prefix = field(header, 345, 155)
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// `NN path=value\n` records; only the path matters here.
    private static func paxPath(_ data: ArraySlice<UInt8>) -> String? {
        for record in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let pair = record[record.index(after: space)...]
            if pair.hasPrefix("path=") { return String(pair.dropFirst(5)) }
        }
        return nil
    }
}
