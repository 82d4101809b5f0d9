/// Writes small ustar archives: the generated files the platform adds to a build context.
public enum TarWriter {
    /// One regular file entry (header plus padded data), for names under 100 bytes.
    public static func file(_ name: String, _ text: String, mode: Int = 0o644) -> [UInt8] {
        let data = Array(text.utf8)
        return header(name, mode: mode, size: data.count, type: "0") + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    /// A symbolic link entry (the target is stored as written, absolute or relative).
    public static func symlink(_ name: String, to target: String) -> [UInt8] {
        header(name, mode: 0o777, size: 0, type: "2", link: target)
    }

    private static func header(_ name: String, mode: Int, size: Int, type: Character, link: String = "") -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        put(Array(name.utf8.prefix(99)), at: 0, in: &header)
        put(octal(mode, width: 7), at: 100, in: &header)
        put(octal(0, width: 7), at: 108, in: &header)
        put(octal(0, width: 7), at: 116, in: &header)
        put(octal(size, width: 11), at: 124, in: &header)
        put(octal(0, width: 11), at: 136, in: &header)
        header[156] = type.asciiValue ?? UInt8(ascii: "0")
        put(Array(link.utf8.prefix(99)), at: 157, in: &header)
        put(Array("ustar\u{0}00".utf8), at: 257, in: &header)
        // The checksum is computed with its own field read as spaces.
        put([UInt8](repeating: 32, count: 8), at: 148, in: &header)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 6) + [0, 32], at: 148, in: &header)
        return header
    }

    public static let end = [UInt8](repeating: 0, count: 1024)

    private static func octal(_ value: Int, width: Int) -> [UInt8] {
        let digits = String(value, radix: 8)
        return Array((String(repeating: "0", count: max(0, width - digits.count)) + digits).utf8)
    }

    private static func put(_ bytes: [UInt8], at offset: Int, in header: inout [UInt8]) {
        for (index, byte) in bytes.enumerated() { header[offset + index] = byte }
    }
}
