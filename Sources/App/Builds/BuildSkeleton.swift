import Foundation

/// The files a buildpack build container starts with besides the app: `/paas/build.sh` and the
/// buildpack order, `/buildpacks/NN-name`, `/env/KEY` (the config vars, as ENV_DIR) and empty
/// `/cache` and `/app`. Written to a temp directory and packed with the host's tar.
enum BuildSkeleton {
    static func tar(buildpacks: [String], explicit: Bool, config: [String: String]) async throws -> [UInt8] {
        let root = NSTemporaryDirectory() + "paas-build-" + UUID().uuidString.prefix(8)
        let files = FileManager.default
        defer { try? files.removeItem(atPath: root) }
        for dir in ["paas", "env", "cache", "app", "buildpacks", "tmp"] {
            try files.createDirectory(atPath: "\(root)/\(dir)", withIntermediateDirectories: true)
        }
        try files.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: "\(root)/tmp")
        var order: [String] = []
        for (index, source) in buildpacks.enumerated() {
            let name = String(format: "%02d-", index) + (source as NSString).lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" }
            try files.copyItem(atPath: source, toPath: "\(root)/buildpacks/\(name)")
            try? files.removeItem(atPath: "\(root)/buildpacks/\(name)/.git")
            // A buildpack cloned from a host that lost the executable bits still runs.
            for script in ["detect", "compile", "release"] where files.fileExists(atPath: "\(root)/buildpacks/\(name)/bin/\(script)") {
                try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(root)/buildpacks/\(name)/bin/\(script)")
            }
            order.append(name)
        }
        try BuildpackScript.text.write(toFile: "\(root)/paas/build.sh", atomically: true, encoding: .utf8)
        try order.joined(separator: " ").write(toFile: "\(root)/paas/order", atomically: true, encoding: .utf8)
        try (explicit ? "1" : "0").write(toFile: "\(root)/paas/explicit", atomically: true, encoding: .utf8)
        for (key, value) in config { try value.write(toFile: "\(root)/env/\(key)", atomically: true, encoding: .utf8) }
        return try await HostTar.pack(root)
    }
}

/// The host's `tar`, packing a directory's contents with their modes (buildpack scripts stay
/// executable), owned by the given ids; and unpacking an archive into a directory.
enum HostTar {
    static func pack(_ directory: String, paths: [String] = ["."], owner: Int = 0, group: Int = 0) async throws -> [UInt8] {
        try await run(["-C", directory, "--owner=\(owner)", "--group=\(group)", "--numeric-owner", "-c"] + paths, input: nil)
    }

    static func unpack(_ archive: [UInt8], into directory: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try await run(["-C", directory, "--no-same-owner", "--no-same-permissions", "-x"], input: archive)
    }

    private static func run(_ arguments: [String], input: [UInt8]?) async throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/tar")
        process.arguments = arguments
        let out = Pipe()
        let stdin = Pipe()
        process.standardOutput = out
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let input {
            try await Blocking.run {
                try stdin.fileHandleForWriting.write(contentsOf: Data(input))
                try stdin.fileHandleForWriting.close()
            }
        }
        let data = try await Blocking.run { out.fileHandleForReading.readDataToEndOfFile() }
        try await Blocking.run { process.waitUntilExit() }
        guard process.terminationStatus == 0 else { throw BuildInfrastructureFault(message: "Packing the build files failed (tar exit \(process.terminationStatus)).") }
        return Array(data)
    }
}
