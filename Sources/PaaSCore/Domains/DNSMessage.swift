/// The few DNS messages domain verification needs (RFC 1035): a query for one name and type, and
/// the answers of a response, with name compression. Pure bytes in and out; a transport sends them.
public enum DNSMessage {
    public enum RecordType: UInt16, Sendable {
        case a = 1, cname = 5, txt = 16, aaaa = 28
    }

    public struct Answer: Equatable, Sendable {
        public var name: String
        public var type: UInt16
        public var ttl: UInt32
        /// A: dotted quad; CNAME: the target name; TXT: the character-strings joined; else hex.
        public var value: String
    }

    public struct Response: Equatable, Sendable {
        public var id: UInt16
        /// 0 no error, 2 server failure, 3 name does not exist.
        public var rcode: UInt8
        public var truncated: Bool
        public var answers: [Answer]
    }

    public struct ParseError: Error, Equatable, Sendable {
        public let reason: String
    }

    /// A recursive query (RD set) for `name` with one question.
    public static func query(id: UInt16, name: String, type: RecordType) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]
        for label in name.split(separator: ".") {
            let utf8 = Array(label.utf8.prefix(63))
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        bytes += [0, UInt8(type.rawValue >> 8), UInt8(type.rawValue & 0xFF), 0x00, 0x01]
        return bytes
    }

    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> Response {
        var reader = Reader(bytes: bytes)
        let id = try reader.u16()
        let flags = try reader.u16()
        let questions = try reader.u16()
        let answers = try reader.u16()
        _ = try reader.u16()
        _ = try reader.u16()
        for _ in 0..<questions {
            _ = try reader.name()
            _ = try reader.u16()
            _ = try reader.u16()
        }
        var records: [Answer] = []
        for _ in 0..<answers {
            let name = try reader.name()
            let type = try reader.u16()
            _ = try reader.u16()
            let ttl = UInt32(try reader.u16()) << 16 | UInt32(try reader.u16())
            let length = Int(try reader.u16())
            let end = reader.offset + length
            guard end <= bytes.count else { throw ParseError(reason: "record data runs past the message") }
            let value: String
            switch type {
            case RecordType.a.rawValue where length == 4:
                value = bytes[reader.offset..<end].map(String.init).joined(separator: ".")
            case RecordType.cname.rawValue:
                value = try reader.name()
            case RecordType.txt.rawValue:
                var text: [UInt8] = []
                var position = reader.offset
                while position < end {
                    let count = Int(bytes[position])
                    guard position + 1 + count <= end else { throw ParseError(reason: "TXT string runs past its record") }
                    text += bytes[(position + 1)..<(position + 1 + count)]
                    position += 1 + count
                }
                value = String(decoding: text, as: UTF8.self)
            default:
                value = bytes[reader.offset..<end].map { String($0, radix: 16) }.joined()
            }
            reader.offset = end
            records.append(Answer(name: name, type: type, ttl: ttl, value: value))
        }
        return Response(id: id, rcode: UInt8(flags & 0x0F), truncated: flags & 0x0200 != 0, answers: records)
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func u16() throws(ParseError) -> UInt16 {
            guard offset + 2 <= bytes.count else { throw ParseError(reason: "message ends early") }
            defer { offset += 2 }
            return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        }

        /// A possibly compressed name; pointers may only go backwards, so loops cannot happen.
        mutating func name() throws(ParseError) -> String {
            var labels: [String] = []
            var position = offset
            var jumped = false
            var limit = position
            while true {
                guard position < bytes.count else { throw ParseError(reason: "name runs past the message") }
                let length = Int(bytes[position])
                if length & 0xC0 == 0xC0 {
                    guard position + 1 < bytes.count else { throw ParseError(reason: "pointer runs past the message") }
                    let target = (length & 0x3F) << 8 | Int(bytes[position + 1])
                    guard target < limit else { throw ParseError(reason: "name pointer does not point backwards") }
                    if !jumped { offset = position + 2 }
                    jumped = true
                    limit = target
                    position = target
                    continue
                }
                guard length & 0xC0 == 0 else { throw ParseError(reason: "unknown label type") }
                if length == 0 {
                    if !jumped { offset = position + 1 }
                    return labels.joined(separator: ".")
                }
                guard position + 1 + length <= bytes.count else { throw ParseError(reason: "label runs past the message") }
                labels.append(String(decoding: bytes[(position + 1)...(position + length)], as: UTF8.self).lowercased())
                position += 1 + length
            }
        }
    }
}
