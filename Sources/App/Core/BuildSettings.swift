import Foundation

/// How builds run: read once from the environment, like the rest of `AppConfig`.
public struct BuildSettings: Sendable {
    /// `host:port` of the platform registry images are pushed to and nodes pull from; nil keeps
    /// images on the local engine only (a single-node install).
    public var registry: String?
    /// A push larger than this is refused by git itself (`receive.maxInputSize`).
    public var maxPushBytes: Int64 = 200 * 1024 * 1024
    /// A build (not counting the rollout) is stopped and failed after this long.
    public var timeoutSeconds: Int = 900
    /// Builds of one organization that run at once; later pushes wait in the queue.
    public var concurrencyPerOrganization: Int = 1
    /// Network of `RUN` steps and build containers: `none` by default, so tenant code that runs at
    /// build time reaches nothing, internal addresses included. An operator may name a bridge whose
    /// internal ranges the node firewall drops, to let builds download packages.
    public var network: String = "none"
    /// Memory of a build, whatever the app's plan.
    public var memoryMB: Int64 = 1024
    /// How long a new release may take to become healthy before it counts as failed.
    public var rolloutTimeoutSeconds: Int = 120
    /// How long the Procfile's `release:` command may run before the release fails.
    public var releaseTimeoutSeconds: Int = 600
    /// Heroku buildpack builds: the image `bin/compile` runs in, and the one the app then runs on.
    public var stackImage = "heroku/heroku:24-build"
    public var runImage = "heroku/heroku:24"
    /// Platform buildpacks, one directory each, tried in name order when an app names none.
    public var buildpacksDirectory: String?
    /// Cloud Native Buildpacks: the builder image whose lifecycle runs when neither a Dockerfile nor a
    /// Heroku buildpack takes the app (nil: no CNB builds), the run image (nil: the one the builder
    /// names), and the platform API the lifecycle is spoken to in.
    public var cnbBuilderImage: String?
    public var cnbRunImage: String?
    public var cnbPlatformAPI = "0.12"
    /// Lets an app name a `file://` buildpack (tests and single-host installs only).
    public var allowFileBuildpacks = false
    /// Lets buildpack URLs name hosts on internal addresses (an operator's own git server on a
    /// private network); off, tenants cannot make the control plane reach inside the platform.
    public var allowInternalBuildpackHosts = false
    /// Refuses Dockerfile builds unless the build engine's default runtime is paas-runc, which
    /// confines `RUN` steps like an app's task. Off only for a single-tenant or development engine.
    public var dockerfileSandbox = true

    public init() {}

    init(_ value: (String) -> String?) {
        registry = value("PAAS_REGISTRY")
        if let mb = value("PAAS_GIT_MAX_PUSH_MB").flatMap(Int64.init), mb > 0 { maxPushBytes = mb * 1024 * 1024 }
        if let seconds = value("PAAS_BUILD_TIMEOUT").flatMap(Int.init), seconds > 0 { timeoutSeconds = seconds }
        if let limit = value("PAAS_BUILD_CONCURRENCY").flatMap(Int.init), limit > 0 { concurrencyPerOrganization = limit }
        if let network = value("PAAS_BUILD_NETWORK") { self.network = network }
        if let mb = value("PAAS_BUILD_MEMORY_MB").flatMap(Int64.init), mb >= 64 { memoryMB = mb }
        if let seconds = value("PAAS_ROLLOUT_TIMEOUT").flatMap(Int.init), seconds > 0 { rolloutTimeoutSeconds = seconds }
        if let seconds = value("PAAS_RELEASE_TIMEOUT").flatMap(Int.init), seconds > 0 { releaseTimeoutSeconds = seconds }
        if let image = value("PAAS_BUILD_STACK_IMAGE") { stackImage = image }
        runImage = value("PAAS_RUN_STACK_IMAGE") ?? (value("PAAS_BUILD_STACK_IMAGE") == nil ? runImage : stackImage)
        buildpacksDirectory = value("PAAS_BUILDPACKS_DIR")
        allowFileBuildpacks = value("PAAS_ALLOW_FILE_BUILDPACKS") == "1"
        allowInternalBuildpackHosts = value("PAAS_BUILDPACK_INTERNAL_HOSTS") == "1"
        dockerfileSandbox = value("PAAS_DOCKERFILE_SANDBOX") != "off"
        cnbBuilderImage = value("PAAS_CNB_BUILDER_IMAGE").flatMap { $0.isEmpty ? nil : $0 }
        cnbRunImage = value("PAAS_CNB_RUN_IMAGE").flatMap { $0.isEmpty ? nil : $0 }
        if let api = value("PAAS_CNB_PLATFORM_API"), !api.isEmpty { cnbPlatformAPI = api }
    }
}
