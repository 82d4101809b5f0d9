import Foundation

/// A Heroku buildpack build's CACHE_DIR, kept between an app's builds as the tar the build
/// container gave back (`cache/...`), under `<data>/build-cache/`.
struct BuildCacheStore {
    let path: String

    /// `kind` keeps each builder's cache apart: a Heroku CACHE_DIR is no CNB layers directory.
    init(dataDirectory: String, appID: UUID, kind: String = "") {
        path = (dataDirectory as NSString).appendingPathComponent("build-cache/\(appID.uuidString.lowercased())\(kind.isEmpty ? "" : "-" + kind).tar")
    }

    func load() -> [UInt8]? {
        FileManager.default.contents(atPath: path).map(Array.init)
    }

    func store(_ tar: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(tar).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    var sizeBytes: Int64 { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0 }
}
