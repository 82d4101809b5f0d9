import Foundation
import NIOCore
import Testing
@testable import DockerEngine

extension DockerIntegration {
    @Suite("images: build, tag, push")
    struct ImageTests {
        static func context(dockerfile: String, files: [String: String] = [:]) -> [UInt8] {
            var tar = TarWriter()
            tar.addFile("Dockerfile", dockerfile)
            for (name, contents) in files.sorted(by: { $0.key < $1.key }) { tar.addFile(name, contents) }
            return tar.finished()
        }

        @Test func buildStreamsProgressAndTags() async throws {
            try await TestRun.with("img") { docker, run in
                let base = try await docker.images.inspect(DockerTestSupport.busyboxImage)
                #expect(base.id.hasPrefix("sha256:"))

                let tag = "paas-test/built:\(run.prefix)"
                let tar = Self.context(dockerfile: """
                    FROM \(DockerTestSupport.busyboxImage)
                    COPY hello.txt /hello.txt
                    RUN cat /hello.txt
                    CMD ["cat", "/hello.txt"]
                    """, files: ["hello.txt": "hi from the context\n"])
                // Stream the context in small chunks, as a git archive would arrive.
                let chunks = stride(from: 0, to: tar.count, by: 700).map { ByteBuffer(bytes: tar[$0..<min($0 + 700, tar.count)]) }
                let messages = try await docker.images.build(
                    contextStream: chunks.async,
                    options: BuildOptions(tags: [tag], labels: run.labels, networkMode: "none")
                ).collect()
                let text = messages.compactMap(\.text).joined(separator: "\n")
                #expect(text.contains("hi from the context"))
                let auxIDs = messages.compactMap { $0.aux?.id }
                let imageID = try #require(auxIDs.last)
                let built = try await docker.images.inspect(tag)
                #expect(built.id == imageID)
                #expect(built.config?.labels?["paas-test.run"] == run.prefix)
                #expect(built.config?.cmd == ["cat", "/hello.txt"])

                // Tag for a registry nobody listens on: push must surface the failure in-band.
                let remote = "127.0.0.1:1/paas-test/built:\(run.prefix)"
                try await docker.images.tag(tag, as: remote)
                #expect(try await docker.images.inspect(remote).id == imageID)
                await #expect {
                    _ = try await docker.images.push(remote).collect()
                } throws: { error in
                    guard case .stream(let message) = error as? DockerError else { return false }
                    return message.contains("127.0.0.1:1")
                }

                try await docker.images.remove(remote)
                try await docker.images.remove(tag, force: true)
                await #expect { _ = try await docker.images.inspect(tag) } throws: { ($0 as? DockerError)?.isNotFound == true }
            }
        }

        @Test func failedBuildStepSurfaces() async throws {
            try await TestRun.with("badimg") { docker, run in
                let tar = Self.context(dockerfile: """
                    FROM \(DockerTestSupport.busyboxImage)
                    RUN echo failing-step && exit 7
                    """)
                var seen: [String] = []
                await #expect {
                    for try await message in try await docker.images.build(
                        context: tar, options: BuildOptions(tags: ["paas-test/bad:\(run.prefix)"], networkMode: "none")) {
                        if let text = message.text { seen.append(text) }
                    }
                } throws: { error in
                    guard case .stream(let message) = error as? DockerError else { return false }
                    return message.contains("7")
                }
                #expect(seen.contains { $0.contains("failing-step") })
                await #expect { _ = try await docker.images.inspect("paas-test/bad:\(run.prefix)") } throws: {
                    ($0 as? DockerError)?.isNotFound == true
                }
            }
        }
    }
}

extension Array where Element: Sendable {
    /// The array as an async sequence, for streaming request bodies in tests.
    var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}
