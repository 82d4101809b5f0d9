/// Just enough ustar to send a build context: regular files, one header
/// block each, padded to 512 bytes, two zero blocks at the end.
struct TarWriter {
    private(set) var bytes: [UInt8] = []

    mutating func addFile(_ name: String, _ contents: String, mode: Int = 0o644) {
        let data = Array(contents.utf8)
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (i, byte) in text.utf8.prefix(width).enumerated() { header[offset + i] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(mode, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(data.count, at: 124, width: 12)
        octal(0, at: 136, width: 12)
        put("        ", at: 148, width: 8)  // checksum is computed over spaces here
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        let sum = header.reduce(0) { $0 + Int($1) }
        octal(sum, at: 148, width: 7)
        header[155] = UInt8(ascii: " ")
        bytes += header + data
        bytes += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    func finished() -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: 1024)
    }
}
