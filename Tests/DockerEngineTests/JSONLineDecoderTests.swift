import Testing
@testable import DockerEngine

@Suite("JSON line streams")
struct JSONLineDecoderTests {
    @Test func documentsSplitAcrossChunks() throws {
        var decoder = JSONLineDecoder<ProgressMessage>()
        var out = try decoder.feed(Array(#"{"stream":"Step 1/2"}"#.utf8 + [0x0D, 0x0A] + #"{"stre"#.utf8))
        #expect(out.map(\.stream) == ["Step 1/2"])
        out = try decoder.feed(Array(#"am":"Step 2/2\n"}"#.utf8 + [0x0A, 0x0A]))
        #expect(out.map(\.text) == ["Step 2/2"])
        #expect(try decoder.finish().isEmpty)
    }

    @Test func lastDocumentWithoutNewline() throws {
        var decoder = JSONLineDecoder<ProgressMessage>()
        #expect(try decoder.feed(Array(#"{"aux":{"ID":"sha256:abc"}}"#.utf8)).isEmpty)
        #expect(try decoder.finish().first?.aux?.id == "sha256:abc")
    }

    @Test func inBandErrors() throws {
        var decoder = JSONLineDecoder<ProgressMessage>()
        let out = try decoder.feed(Array(#"{"errorDetail":{"code":7,"message":"boom"},"error":"boom"}"#.utf8 + [0x0A]))
        #expect(out.first?.errorMessage == "boom")
        #expect(out.first?.errorDetail?.code == 7)
    }

    @Test func events() throws {
        var decoder = JSONLineDecoder<DockerEvent>()
        let line = #"{"Type":"network","Action":"create","Actor":{"ID":"n1","Attributes":{"name":"x"}},"scope":"swarm","time":1,"timeNano":1000000000,"extra":[1]}"#
        let out = try decoder.feed(Array((line + "\n").utf8))
        #expect(out.first?.type == "network")
        #expect(out.first?.actor?.attributes?["name"] == "x")
        #expect(out.first?.scope == "swarm")
    }

    @Test func garbageThrows() {
        var decoder = JSONLineDecoder<DockerEvent>()
        #expect(throws: DockerError.self) { try decoder.feed(Array("not json\n".utf8)) }
    }
}
