import Testing
import PaaSCore

@Suite("Cloud Native Buildpacks export")
struct CNBExportTests {
    /// A `/layers` archive as the lifecycle's builder leaves it, built from tar entries.
    private func layersArchive(_ files: [String: String], directories: [String]) throws -> TarIndex {
        var bytes: [UInt8] = []
        for directory in directories { bytes += TarWriter.file(directory + "/", "", mode: 0o755) }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { bytes += TarWriter.file(path, text) }
        return try TarIndex(bytes + TarWriter.end)
    }

    @Test("Launch layers are the ones marked launch, in either buildpack API's place; processes put the default first")
    func layersAndProcesses() throws {
        let archive = try layersArchive([
            "layers/heroku_nodejs/node.toml": "[types]\n  launch = true\n  build = true\n  cache = true\n",
            "layers/heroku_nodejs/deps.toml": "[types]\nbuild = true\ncache = true\n",
            "layers/old_bp/runtime.toml": "launch = true\ncache = false\n",
            "layers/heroku_nodejs/gone.toml": "[types]\nlaunch = true\n",
            "layers/heroku_nodejs/launch.toml": "[[processes]]\ntype = \"web\"\n",
            "layers/config/metadata.toml": """
                [[buildpacks]]
                  id = "heroku/nodejs"
                [[processes]]
                  type = "worker"
                  command = ["node", "worker.js"]
                  args = []
                  direct = false
                [[processes]]
                  type = "web"
                  command = ["node", "server.js, --port"]
                  default = true
                [[processes]]
                  type = "Bad Type!"
                  command = ["x"]
                """,
        ], directories: ["layers", "layers/heroku_nodejs", "layers/heroku_nodejs/node", "layers/heroku_nodejs/deps", "layers/old_bp",
                         "layers/old_bp/runtime", "layers/config"])
        let found = CNBLayers(archive)
        #expect(found.launchLayers == ["layers/heroku_nodejs/node", "layers/old_bp/runtime"])
        #expect(found.processTypes == ["web", "worker"])
        #expect(CNBLayers.command(for: "web") == "exec /cnb/process/web")
    }

    @Test("No metadata means no process types, so the build can say so")
    func nothingDeclared() throws {
        let found = CNBLayers(try layersArchive([:], directories: ["layers"]))
        #expect(found.launchLayers.isEmpty)
        #expect(found.processTypes.isEmpty)
    }

    @Test("The TOML slice reads strings with escapes, booleans and arrays with quoted commas")
    func toml() {
        let toml = CNBTOML("# c\ntop = 'x'\n[types]\nlaunch = true\n[[processes]]\ncommand = [\"a\\\"b\", 'c, d']\nn = 3\n\"quoted key\" = \"v\\n\"\n")
        #expect(toml.tables(named: "").first?.values["top"] == .string("x"))
        #expect(toml.tables(named: "types").first?.values["launch"] == .bool(true))
        let process = toml.tables(named: "processes").first
        #expect(process?.values["command"] == .strings(["a\"b", "c, d"]))
        #expect(process?.values["n"] == .raw("3"))
        #expect(process?.values["quoted key"] == .string("v\n"))
    }

    @Test("The builder's user comes from its environment and is never root")
    func user() {
        #expect(CNBExport.User(environment: ["PATH=/bin", "CNB_USER_ID=1002", "CNB_GROUP_ID=1003"]) == .init(uid: 1002, gid: 1003))
        #expect(CNBExport.User(environment: ["CNB_USER_ID=0", "CNB_GROUP_ID=x"]) == .init(uid: 1000, gid: 1000))
    }

    @Test("The export Dockerfile only copies: run image, launch layers, app, launcher, process links")
    func dockerfile() {
        let text = CNBExport.dockerfile(runImage: "heroku/heroku:24", user: .init(uid: 1002, gid: 1000),
                                        launchLayers: ["layers/heroku_nodejs/node"], platformAPI: "0.12")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "FROM heroku/heroku:24")
        #expect(lines.contains("COPY --chown=1002:1000 layers/heroku_nodejs/node /layers/heroku_nodejs/node"))
        #expect(lines.contains("COPY --chown=1002:1000 workspace /workspace"))
        #expect(lines.contains("USER 1002:1000"))
        #expect(lines.last == "ENTRYPOINT [\"/cnb/lifecycle/launcher\"]")
        #expect(!lines.contains { $0.hasPrefix("RUN") })
    }

    @Test("A symlink entry reads back as an entry, and archives join without their end blocks")
    func tarJoin() throws {
        let first = try TarIndex(TarWriter.file("a.txt", "hello") + TarWriter.end)
        let second = try TarIndex(TarWriter.symlink("process/web", to: "/cnb/lifecycle/launcher") + TarWriter.end)
        let joined = try TarIndex(Array(first.body) + Array(second.body) + TarWriter.end)
        #expect(joined.entries.map(\.path) == ["a.txt", "process/web"])
        #expect(joined.text(of: "a.txt") == "hello")
        #expect(first.body.count == 1024)
    }
}
