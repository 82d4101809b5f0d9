/// Names and labels the platform gives Swarm objects, in one place so every part agrees.
public enum PlatformNames {
    public static let managedLabel = "paas.managed"
    public static let orgLabel = "paas.org"
    public static let appLabel = "paas.app"
    public static let appNameLabel = "paas.app-name"
    public static let processLabel = "paas.process"
    public static let releaseLabel = "paas.release"
    public static let locationNodeLabel = "paas.location"

    /// Service names stay under Docker's 63 characters: 5 + 8 + 1 + 30 + 1 + 15.
    public static func service(organizationID: String, appName: String, processType: String) -> String {
        "paas-\(organizationID.prefix(8).lowercased())-\(appName)-\(processType)"
    }

    public static func organizationNetwork(_ organizationID: String) -> String {
        "paas-org-\(organizationID.lowercased())"
    }
}
