/// Whether an IP address is one a tenant-supplied URL must never make the platform contact:
/// loopback, private, link-local (cloud metadata lives there), carrier-grade NAT, multicast,
/// reserved and documentation ranges, and IPv6 forms that embed one of those IPv4 addresses.
public enum InternalAddress {
    /// Unparseable text counts as internal: refusing is the safe answer.
    public static func contains(_ text: String) -> Bool {
        if let v4 = IPv4Address.value(text) { return internal4(v4) }
        if let v6 = ipv6(text) { return internal6(v6) }
        return true
    }

    private static let ranges4: [(UInt32, Int)] = [
        (0x0000_0000, 8), (0x0A00_0000, 8), (0x6440_0000, 10), (0x7F00_0000, 8), (0xA9FE_0000, 16),
        (0xAC10_0000, 12), (0xC000_0000, 24), (0xC000_0200, 24), (0xC0A8_0000, 16), (0xC612_0000, 15),
        (0xC633_6400, 24), (0xCB00_7100, 24), (0xE000_0000, 4), (0xF000_0000, 4),
    ]

    static func internal4(_ address: UInt32) -> Bool {
        ranges4.contains { base, bits in address >> (32 - bits) == base >> (32 - bits) }
    }

    static func internal6(_ bytes: [UInt8]) -> Bool {
        let prefix = { (count: Int) in Array(bytes.prefix(count)) }
        let embedded = UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])
        if prefix(10) == [UInt8](repeating: 0, count: 10) && (bytes[10] == 0xFF && bytes[11] == 0xFF || bytes[10] == 0 && bytes[11] == 0) {
            return internal4(embedded)  // IPv4-mapped, IPv4-compatible, ::1 and ::
        }
        if prefix(12) == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return internal4(embedded) }  // NAT64
        if bytes[0] & 0xFE == 0xFC || bytes[0] == 0xFF { return true }  // unique local, multicast
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return true }  // link-local
        if prefix(4) == [0x20, 0x01, 0x0D, 0xB8] { return true }  // documentation
        if prefix(2) == [0x20, 0x02] { return internal4(UInt32(bytes[2]) << 24 | UInt32(bytes[3]) << 16 | UInt32(bytes[4]) << 8 | UInt32(bytes[5])) }  // 6to4
        return false
    }

    public static func ipv6(_ raw: String) -> [UInt8]? {
        var text = raw.hasPrefix("[") && raw.hasSuffix("]") ? String(raw.dropFirst().dropLast()) : raw
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        var tail: [UInt8] = []
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = IPv4Address.value(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = [UInt8(v4 >> 24), UInt8(v4 >> 16 & 0xFF), UInt8(v4 >> 8 & 0xFF), UInt8(v4 & 0xFF)]
            text = String(text[...lastColon])
            if !text.hasSuffix("::") { text.removeLast() }
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                out.append(value)
            }
            return out
        }
        guard let head = groups(halves[0]), let rest = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let available = 8 - tail.count / 2
        let fill = available - head.count - rest.count
        guard halves.count == 2 ? fill >= 1 : fill == 0 else { return nil }
        let all = head + [UInt16](repeating: 0, count: halves.count == 2 ? fill : 0) + rest
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + tail
    }
}
