import Crypto
import Foundation
import PaaSCore

/// Buildpacks as directories on the control plane: a platform buildpack by name, or a git URL
/// cloned once into `<data>/buildpacks/` and reused for an hour. Cloning runs no buildpack code.
struct BuildpackFetcher {
    let dataDirectory: String
    let settings: BuildSettings

    static let reuseSeconds: TimeInterval = 3600

    struct Failed: Error {
        let message: String
    }

    /// Platform buildpacks, tried in name order when the app lists none.
    func platformBuildpacks() -> [String] {
        guard let root = settings.buildpacksDirectory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return [] }
        return names.sorted().filter { !$0.hasPrefix(".") }.map { (root as NSString).appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("bin/compile")) }
    }

    func directory(for raw: String) async throws -> String {
        let source: BuildpackSource
        do { source = try BuildpackSource.parse(raw, allowFile: settings.allowFileBuildpacks) } catch { throw Failed(message: error.message) }
        switch source {
        case .platform(let name):
            guard let match = platformBuildpacks().first(where: { ($0 as NSString).lastPathComponent == name }) else {
                throw Failed(message: "There is no platform buildpack named \"\(name)\".")
            }
            return match
        case .git(let url, let ref):
            return try await clone(url: url, ref: ref)
        }
    }

    private func clone(url: String, ref: String?) async throws -> String {
        let key = SHA256.hash(data: Data((url + "#" + (ref ?? "")).utf8)).map { String(format: "%02x", $0) }.joined().prefix(24)
        let root = (dataDirectory as NSString).appendingPathComponent("buildpacks")
        let target = (root as NSString).appendingPathComponent(String(key))
        if let modified = (try? FileManager.default.attributesOfItem(atPath: target))?[.modificationDate] as? Date,
           Date().timeIntervalSince(modified) < Self.reuseSeconds {
            return target
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let staging = target + ".tmp-" + UUID().uuidString.prefix(8)
        var arguments: [String]
        if url.hasPrefix("file://") {
            arguments = BuildpackHost.schemeOptions + ["-c", "protocol.file.allow=always"]
        } else {
            do { arguments = try await BuildpackHost.resolve(url, allowInternal: settings.allowInternalBuildpackHosts).gitOptions } catch let refused as BuildpackHost.Refused {
                throw Failed(message: refused.message)
            }
        }
        arguments += ["clone", "--quiet", "--depth", "1"]
        if let ref { arguments += ["--branch", ref] }
        arguments += ["--", url, staging]
        do {
            try await GitCommand.run(arguments, in: root)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw Failed(message: "The buildpack \(BuildpackSource.redacted(url)) could not be cloned: \(error)")
        }
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.moveItem(atPath: staging, toPath: target)
        return target
    }
}
