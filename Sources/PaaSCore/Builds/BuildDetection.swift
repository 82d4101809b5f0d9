/// Which builder turns a pushed tree into an image. The order is DESIGN.md decision 4:
/// a Dockerfile wins, then Heroku buildpacks (v2), then Cloud Native Buildpacks.
public enum BuildStrategy: String, Equatable, Sendable {
    case dockerfile
    case heroku
    case cnb
}

public enum BuildDetection {
    /// - Parameters:
    ///   - files: paths at the top of the pushed tree.
    ///   - explicitBuildpacks: the app's buildpack list; when set, detection is skipped.
    ///   - herokuDetects: whether any platform buildpack's `bin/detect` accepts the tree (asked lazily:
    ///     it runs tenant-independent scripts in a build container).
    ///   - cnbAvailable: whether a CNB builder image is configured.
    public static func strategy(files: Set<String>, explicitBuildpacks: [String], cnbAvailable: Bool,
                                herokuDetects: () async throws -> Bool) async throws -> BuildStrategy? {
        if !explicitBuildpacks.isEmpty { return .heroku }
        if files.contains("Dockerfile") { return .dockerfile }
        if try await herokuDetects() { return .heroku }
        if cnbAvailable { return .cnb }
        return nil
    }

    public static let nothingDetected = "No build method matched this repository: add a Dockerfile, or set the app's buildpacks, "
        + "or push code that one of the platform's buildpacks recognises."
}
