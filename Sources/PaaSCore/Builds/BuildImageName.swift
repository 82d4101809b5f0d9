/// Where a build's image lives: `<registry>/org-<id>/<app>:v<N>` (DESIGN.md decision 4). Without a
/// registry (a single-node install) the same name is kept on the local engine under `paas-local`.
public enum BuildImageName {
    public static func make(registry: String?, organizationID: String, appName: String, version: Int) -> String {
        "\(repository(registry: registry, organizationID: organizationID, appName: appName)):v\(version)"
    }

    public static func repository(registry: String?, organizationID: String, appName: String) -> String {
        let host = registry.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "paas-local"
        return "\(host)/org-\(organizationID.lowercased())/\(appName)"
    }

    /// `repo:tag` plus the digest the registry gave it, so every node runs exactly the pushed bytes.
    public static func pinned(_ image: String, digest: String?) -> String {
        guard let digest, digest.hasPrefix("sha256:"), !image.contains("@") else { return image }
        return "\(image)@\(digest)"
    }
}
