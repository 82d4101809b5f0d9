import Testing
@testable import DockerEngine

@Suite("Docker error bodies")
struct DockerErrorTests {
    @Test func notFound() {
        let error = DockerError.from(status: 404, body: Array(#"{"message":"service x not found"}"#.utf8))
        #expect(error == .notFound("service x not found"))
        #expect(error.isNotFound)
        #expect(error.statusCode == 404)
    }

    @Test func conflict() {
        let error = DockerError.from(status: 409, body: Array(#"{"message":"name conflicts with an existing object"}"#.utf8))
        #expect(error == .conflict("name conflicts with an existing object"))
    }

    @Test func outOfSequence() {
        let error = DockerError.from(status: 500, body: Array(#"{"message":"rpc error: code = Unknown desc = update out of sequence"}"#.utf8))
        #expect(error.isOutOfSequence)
        #expect(error.statusCode == 500)
        #expect(!DockerError.api(status: 500, message: "other").isOutOfSequence)
        #expect(!DockerError.conflict("update out of sequence").isOutOfSequence)
    }

    @Test func otherStatusesAndBodies() {
        #expect(DockerError.from(status: 400, body: Array("client version 1.44 is too new\n".utf8))
            == .api(status: 400, message: "client version 1.44 is too new"))
        #expect(DockerError.from(status: 503, body: []) == .api(status: 503, message: "HTTP 503"))
        #expect(DockerError.from(status: 500, body: Array(#"{"other":1}"#.utf8)) == .api(status: 500, message: #"{"other":1}"#))
    }

    @Test func unreachableIsDistinct() {
        let error = DockerError.unreachable("connection refused")
        #expect(error.isUnreachable)
        #expect(error.statusCode == nil)
        #expect(!DockerError.api(status: 503, message: "x").isUnreachable)
        #expect(error.description.contains("unreachable"))
    }
}
