import Testing
@testable import App

@Suite("CGI response head")
struct CGIHeadTests {
    @Test("Status and headers are read up to the blank line; the rest is body")
    func parses() throws {
        let bytes = Array("Status: 404 Not Found\r\nContent-Type: text/plain\r\n\r\nRepository not found".utf8)
        let head = try #require(CGIHead.parse(bytes))
        #expect(head.status.code == 404)
        #expect(head.headers.contains { $0 == ("Content-Type", "text/plain") })
        #expect(String(decoding: head.rest, as: UTF8.self) == "Repository not found")
    }

    @Test("Without a Status header the answer is 200; an unfinished head is not parsed yet")
    func defaults() throws {
        #expect(try #require(CGIHead.parse(Array("Content-Type: a\n\nbody".utf8))).status == .ok)
        #expect(CGIHead.parse(Array("Content-Type: a\r\n".utf8)) == nil)
    }
}
