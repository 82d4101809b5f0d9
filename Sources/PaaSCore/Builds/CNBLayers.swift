/// What the lifecycle's build phase left in `/layers`, read from that directory's archive (entries
/// `layers/...`): which layers the app image needs at launch, and the process types the buildpacks
/// declared in `config/metadata.toml`. The platform exports the image from this, so it is read with
/// the same rules the lifecycle's exporter follows.
public struct CNBLayers: Equatable, Sendable {
    /// `layers/<buildpack>/<layer>` directories marked `launch = true`, sorted.
    public var launchLayers: [String]
    /// Process types in the order the buildpacks declared them; the default one first.
    public var processTypes: [String]

    public init(_ archive: TarIndex) {
        let directories = Set(archive.entries.filter(\.isDirectory).map(\.path))
        var launch: [String] = []
        for entry in archive.entries where !entry.isDirectory && entry.path.hasSuffix(".toml") {
            let parts = entry.path.split(separator: "/")
            // layers/<buildpack>/<layer>.toml; the buildpack's own launch.toml, store.toml and the
            // config directory are not layers.
            guard parts.count == 3, parts[0] == "layers", parts[1] != "config" else { continue }
            let layer = "layers/\(parts[1])/\(parts[2].dropLast(5))"
            guard directories.contains(layer), Self.isLaunch(archive.text(of: entry.path) ?? "") else { continue }
            launch.append(layer)
        }
        launchLayers = launch.sorted()
        var types: [String] = []
        var defaultType: String?
        for table in CNBTOML(archive.text(of: "layers/config/metadata.toml") ?? "").tables(named: "processes") {
            guard case .string(let type)? = table.values["type"], (try? ProcessType.validate(type)) != nil, !types.contains(type) else { continue }
            types.append(type)
            if table.values["default"] == .bool(true) { defaultType = type }
        }
        if let defaultType, let index = types.firstIndex(of: defaultType) { types.insert(types.remove(at: index), at: 0) }
        processTypes = types
    }

    /// Buildpack API 0.6 and later mark a layer under `[types]`; earlier ones at the top level.
    static func isLaunch(_ text: String) -> Bool {
        let toml = CNBTOML(text)
        if let types = toml.tables(named: "types").first { return types.values["launch"] == .bool(true) }
        return toml.tables(named: "").first?.values["launch"] == .bool(true)
    }

    /// The command a process type runs: the launcher, reached through the `/cnb/process/<type>` link
    /// that tells it which process to start with that process's own environment.
    public static func command(for type: String) -> String { "exec /cnb/process/\(type)" }
}
