import Testing
import Foundation
import PaaSCore

@Suite("Build rules")
struct BuildRulesTests {
    @Test("A Procfile gives services and a release command")
    func procfile() throws {
        let parsed = try Procfile.parse("# comment\nweb: ./server --port $PORT\n\nworker:  sh -c 'while true; do sleep 1; done'\nrelease: ./migrate\n")
        #expect(parsed.services == ["web": "./server --port $PORT", "worker": "sh -c 'while true; do sleep 1; done'"])
        #expect(parsed.releaseCommand == "./migrate")
    }

    @Test("Malformed Procfiles name the line", arguments: [
        ("web ./server", "line 1"), ("web: ok\nWeb!: x", "line 2"), ("web: a\nweb: b", "appears twice"), ("web:", "no command"),
    ])
    func badProcfile(text: String, expected: String) {
        #expect { try Procfile.parse(text) } throws: { ($0 as? ValidationFailure)?.message.contains(expected) == true }
    }

    @Test("Detection order: buildpack list, Dockerfile, Heroku, CNB")
    func detection() async throws {
        #expect(try await BuildDetection.strategy(files: ["Dockerfile"], explicitBuildpacks: ["https://x/bp.git"], cnbAvailable: true) { false } == .heroku)
        #expect(try await BuildDetection.strategy(files: ["Dockerfile", "index.sh"], explicitBuildpacks: [], cnbAvailable: true) { true } == .dockerfile)
        #expect(try await BuildDetection.strategy(files: ["index.sh"], explicitBuildpacks: [], cnbAvailable: true) { true } == .heroku)
        #expect(try await BuildDetection.strategy(files: ["index.sh"], explicitBuildpacks: [], cnbAvailable: true) { false } == .cnb)
        #expect(try await BuildDetection.strategy(files: ["README"], explicitBuildpacks: [], cnbAvailable: false) { false } == nil)
    }

    @Test("Image names carry organization, app and version")
    func imageNames() {
        #expect(BuildImageName.make(registry: "127.0.0.1:5000/", organizationID: "ABC", appName: "shop", version: 3) == "127.0.0.1:5000/org-abc/shop:v3")
        #expect(BuildImageName.make(registry: nil, organizationID: "abc", appName: "shop", version: 1) == "paas-local/org-abc/shop:v1")
        #expect(BuildImageName.pinned("r/org-a/s:v1", digest: "sha256:ff") == "r/org-a/s:v1@sha256:ff")
        #expect(BuildImageName.pinned("r/org-a/s:v1", digest: nil) == "r/org-a/s:v1")
    }

    @Test("Only the deploy branch deploys; master stands in for main")
    func deployRefs() {
        #expect(DeployRef.deploys(ref: "refs/heads/main", deployBranch: "main"))
        #expect(DeployRef.deploys(ref: "refs/heads/master", deployBranch: "main"))
        #expect(!DeployRef.deploys(ref: "refs/heads/master", deployBranch: "production"))
        #expect(!DeployRef.deploys(ref: "refs/heads/feature", deployBranch: "main"))
        #expect(!DeployRef.deploys(ref: "refs/tags/main", deployBranch: "main"))
        #expect(DeployRef.refs(deployBranch: "production") == ["refs/heads/production"])
        #expect(DeployRef.isCommit(String(repeating: "a1", count: 20)))
        #expect(!DeployRef.isCommit(DeployRef.zeroSHA))
        #expect(!DeployRef.isCommit("HEAD"))
    }
}

@Suite("Tar index")
struct TarIndexTests {
    /// A ustar header + padded data, written by hand so the reader is tested against the format.
    static func entry(_ name: String, _ text: String, type: Character = "0") -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        let data = Array(text.utf8)
        for (i, byte) in name.utf8.enumerated() { header[i] = byte }
        for (i, byte) in String(format: "%011o", data.count).utf8.enumerated() { header[124 + i] = byte }
        header[156] = type.asciiValue!
        for (i, byte) in "ustar".utf8.enumerated() { header[257 + i] = byte }
        return header + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    @Test("Top-level names and a file's text")
    func reads() throws {
        let pax = "30 path=" + String(repeating: "d", count: 17) + "/file.txt\n"
        let archive = Self.entry("pax_global_header", "52 comment=abc\n", type: "g") + Self.entry("Procfile", "web: ./run\n")
            + Self.entry("bin/", "", type: "5") + Self.entry("bin/compile", "#!/bin/sh\n")
            + Self.entry("ignored", pax, type: "x") + Self.entry("short", "x")
            + [UInt8](repeating: 0, count: 1024)
        let index = try TarIndex(archive)
        #expect(index.topLevelNames == ["Procfile", "bin", String(repeating: "d", count: 17)])
        #expect(index.text(of: "Procfile") == "web: ./run\n")
        #expect(index.text(of: "bin") == nil)
        #expect(index.text(of: "Dockerfile") == nil)
    }

    @Test("A truncated archive is refused")
    func truncated() {
        let archive = Array(Self.entry("Procfile", String(repeating: "x", count: 600)).prefix(700))
        #expect(throws: ValidationFailure.self) { try TarIndex(archive) }
    }
}

@Suite("Buildpack rules")
struct BuildpackRulesTests {
    @Test("bin/release output gives the default process types")
    func releaseYAML() {
        let yaml = "---\naddons: []\ndefault_process_types:\n  web: sh app.sh\n  worker: \"bin/work --fast\"\n  Bad!: x\nconfig_vars:\n  A: b\n"
        #expect(BuildpackRelease.defaultProcessTypes(yaml) == ["web": "sh app.sh", "worker": "bin/work --fast"])
        #expect(BuildpackRelease.defaultProcessTypes("").isEmpty)
    }

    @Test("Buildpack sources: git URLs with an optional ref, or platform names")
    func sources() throws {
        #expect(try BuildpackSource.parse("https://example.test/bp.git#v2", allowFile: false) == .git(url: "https://example.test/bp.git", ref: "v2"))
        #expect(try BuildpackSource.parse(" shell ", allowFile: false) == .platform(name: "shell"))
        #expect(try BuildpackSource.parse("file:///srv/bp", allowFile: true) == .git(url: "file:///srv/bp", ref: nil))
        for bad in ["file:///srv/bp", "git://example.test/bp.git", "ext::sh -c evil", "ssh://host/x", "https://x/y.git#--upload-pack=evil", "../etc", "Shell Pack"] {
            #expect(throws: ValidationFailure.self) { try BuildpackSource.parse(bad, allowFile: false) }
        }
        #expect(BuildpackSource.redacted("https://user:secret@git.example.test/bp.git#v1") == "https://***@git.example.test/bp.git#v1")
        #expect(BuildpackSource.redacted("https://git.example.test/a@b.git") == "https://git.example.test/a@b.git")
        #expect(BuildpackSource.redacted("shell") == "shell")
    }

    @Test("Only the build args a Dockerfile declares are passed")
    func dockerfileArgs() {
        let dockerfile = "ARG BASE=debian\nFROM $BASE\narg TOKEN\nRUN echo ARG NOT_ME\nARG A=1 B\n"
        #expect(DockerfileArgs.declared(in: dockerfile) == ["BASE", "TOKEN", "A", "B"])
    }

    @Test("TarWriter's entries read back through TarIndex")
    func tarRoundTrip() throws {
        let archive = TarWriter.file("Dockerfile", "FROM x\n") + TarWriter.file("run.sh", "#!/bin/sh\n", mode: 0o755) + TarWriter.end
        let index = try TarIndex(archive)
        #expect(index.text(of: "Dockerfile") == "FROM x\n")
        #expect(index.topLevelNames == ["Dockerfile", "run.sh"])
        // The checksum is what tar(1) expects: unsigned sum of the header with the field as spaces.
        var header = Array(archive.prefix(512))
        let stored = Int(String(decoding: header[148..<154], as: UTF8.self), radix: 8)
        for i in 148..<156 { header[i] = 32 }
        #expect(stored == header.reduce(0) { $0 + Int($1) })
    }
}

@Suite("Dockerfile images")
struct DockerfileImagesTests {
    static let rules = DockerfileImages.Rules(registry: "127.0.0.1:5000", ownPrefix: "127.0.0.1:5000/org-aaa/")

    @Test("FROM and COPY --from are found after ARG substitution; stages and scratch are not images")
    func references() throws {
        let dockerfile = """
            # syntax comment
            ARG BASE=debian:12
            ARG TAG
            FROM --platform=linux/amd64 $BASE AS build
            RUN echo hi \\
                && echo there
            FROM ${RUNTIME:-busybox:1} AS run
            COPY --from=build /out /out
            COPY --from=0 /x /x
            COPY --from=alpine:3 /etc/os-release /os
            FROM scratch
            FROM run
            """
        #expect(try DockerfileImages.references(in: dockerfile, buildArgs: [:]) == ["debian:12", "busybox:1", "alpine:3"])
        #expect(try DockerfileImages.references(in: dockerfile, buildArgs: ["BASE": "node:20"]).first == "node:20")
        #expect(throws: ValidationFailure.self) { try DockerfileImages.references(in: "FROM node:$TAG", buildArgs: [:]) }
    }

    @Test("Own images and public ones pass; other organizations', ID prefixes and loopback registries are refused", arguments: [
        ("FROM 127.0.0.1:5000/org-aaa/shop:v3", true), ("FROM debian:12", true), ("FROM registry.example.com/team/app:1", true),
        ("FROM paas-test/busybox:1", true),
        ("FROM 127.0.0.1:5000/org-bbb/shop:v1", false), ("FROM paas-local/org-bbb/shop:v1", false),
        ("FROM x AS a\nCOPY --from=127.0.0.1:5000/org-bbb/shop:v1 /app /stolen", false),
        ("ARG B=127.0.0.1:5000/org-bbb/shop:v1\nFROM $B", false), ("FROM localhost:5000/org-bbb/shop:v1", false),
        ("FROM 127.0.0.2:5000/org-aaa/shop:v1", false), ("FROM 3f2a9c", false), ("FROM sha256:3f2a9c00", false),
    ])
    func rules(dockerfile: String, allowed: Bool) {
        let passed = (try? DockerfileImages.check(dockerfile, buildArgs: [:], rules: Self.rules)) != nil
        #expect(passed == allowed, "\(dockerfile)")
    }
}
