import Foundation
import Vapor

/// The header block a CGI program writes before its body (`Status: 404 Not Found`, `Content-Type: …`).
struct CGIHead {
    var status: HTTPResponseStatus
    var headers: [(String, String)]
    /// Body bytes that came in the same read as the headers.
    var rest: [UInt8]

    static func read(from reader: PipeReader) async throws -> CGIHead {
        var buffer: [UInt8] = []
        while true {
            if let head = parse(buffer) { return head }
            guard let chunk = try await reader.next() else {
                return parse(buffer + [10, 10]) ?? CGIHead(status: .badGateway, headers: [], rest: [])
            }
            buffer += chunk
            if buffer.count > 64 * 1024 { return CGIHead(status: .badGateway, headers: [], rest: []) }
        }
    }

    /// Nil until the blank line that ends the headers has arrived.
    static func parse(_ bytes: [UInt8]) -> CGIHead? {
        var index = 0
        var lines: [String] = []
        var lineStart = 0
        while index < bytes.count {
            if bytes[index] == 10 {
                var end = index
                if end > lineStart, bytes[end - 1] == 13 { end -= 1 }
                if end == lineStart {
                    return make(lines, rest: Array(bytes[(index + 1)...]))
                }
                lines.append(String(decoding: bytes[lineStart..<end], as: UTF8.self))
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }

    private static func make(_ lines: [String], rest: [UInt8]) -> CGIHead {
        var status = HTTPResponseStatus.ok
        var headers: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "status", let code = Int(value.prefix(3)) {
                status = HTTPResponseStatus(statusCode: code)
            }
            headers.append((name, value))
        }
        return CGIHead(status: status, headers: headers, rest: rest)
    }
}
