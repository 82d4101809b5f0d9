/// Everything the platform decides about one process type of one release. There is deliberately
/// no field for mounts, capabilities, networks, ports, privileges or labels: nothing a tenant
/// supplies can reach those parts of the service spec.
public struct ProcessDeployment: Equatable, Sendable {
    /// The port every process is told to listen on (`PORT`); the ingress sends traffic there.
    public static let defaultPort = 5000

    public var organizationID: String
    public var appID: String
    public var appName: String
    public var processType: String
    public var quantity: Int
    public var image: String
    /// From the Procfile; nil runs the image's own entrypoint and command.
    public var command: String?
    public var environment: [String: String]
    public var releaseVersion: Int
    public var cpuMillis: Int64
    public var memoryMB: Int64
    public var locationSlug: String
    public var healthCheckPath: String?
    public var port: Int

    public init(organizationID: String, appID: String, appName: String, processType: String, quantity: Int, image: String,
                command: String? = nil, environment: [String: String] = [:], releaseVersion: Int, cpuMillis: Int64, memoryMB: Int64,
                locationSlug: String, healthCheckPath: String? = nil, port: Int = ProcessDeployment.defaultPort) {
        self.organizationID = organizationID
        self.appID = appID
        self.appName = appName
        self.processType = processType
        self.quantity = quantity
        self.image = image
        self.command = command
        self.environment = environment
        self.releaseVersion = releaseVersion
        self.cpuMillis = cpuMillis
        self.memoryMB = memoryMB
        self.locationSlug = locationSlug
        self.healthCheckPath = healthCheckPath
        self.port = port
    }

    public var isWeb: Bool { processType == ProcessType.web }
}
