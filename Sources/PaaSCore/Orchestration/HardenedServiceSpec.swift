import DockerModels

/// The one way a tenant process becomes a Swarm service. Every isolation rule of DESIGN.md
/// decision 3 (runtime layer) is written here and checked again by `violations(of:)`.
public enum HardenedServiceSpec {
    /// What stays after dropping ALL: enough for images that start as root and drop to a user,
    /// nothing that reaches the kernel, the network stack or other processes' namespaces.
    public static let capabilityAdd = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "NET_BIND_SERVICE", "SETGID", "SETUID"]
    public static let pidsLimit: Int64 = 256
    /// CPU is reserved at a quarter of the limit (overcommit 4x); memory is reserved in full,
    /// because memory cannot be taken back from a running process.
    public static let cpuOvercommit: Int64 = 4
    public static let tmpfsMaxBytes: Int64 = 256 * 1024 * 1024
    static let second: Int64 = 1_000_000_000

    public static func make(_ process: ProcessDeployment) -> ServiceSpec {
        let labels = self.labels(process)
        var environment = process.environment
        environment["PORT"] = String(process.port)
        environment["PAAS_APP"] = process.appName
        environment["PAAS_PROCESS"] = process.processType
        environment["PAAS_RELEASE"] = "v\(process.releaseVersion)"
        let memoryBytes = process.memoryMB * 1024 * 1024
        let nanoCPUs = process.cpuMillis * 1_000_000

        var container = ContainerSpec(image: process.image)
        container.labels = labels
        container.env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if let command = process.command { container.command = ["/bin/sh", "-c", command] }
        container.readOnly = true
        container.mounts = [.tmpfs("/tmp", sizeBytes: min(memoryBytes / 2, tmpfsMaxBytes), mode: 0o1777)]
        container.initProcess = true
        container.capabilityDrop = ["ALL"]
        container.capabilityAdd = capabilityAdd
        container.stopGracePeriod = 10 * second
        container.healthcheck = healthCheck(process)

        var task = TaskSpec(containerSpec: container)
        task.resources = ResourceRequirements(
            limits: ResourceLimit(nanoCPUs: nanoCPUs, memoryBytes: memoryBytes, pids: pidsLimit),
            reservations: ResourceLimit(nanoCPUs: nanoCPUs / cpuOvercommit, memoryBytes: memoryBytes))
        task.restartPolicy = RestartPolicy(condition: "any", delay: 2 * second, maxAttempts: 0, window: 0)
        task.placement = Placement(constraints: ["node.labels.\(PlatformNames.locationNodeLabel)==\(process.locationSlug)"])
        task.networks = [NetworkAttachmentConfig(target: PlatformNames.organizationNetwork(process.organizationID),
                                                 aliases: ["\(process.appName)-\(process.processType)"])]
        task.logDriver = LogDriver(name: "json-file", options: ["max-size": "10m", "max-file": "3"])

        var spec = ServiceSpec(taskTemplate: task)
        spec.name = PlatformNames.service(organizationID: process.organizationID, appName: process.appName, processType: process.processType)
        spec.labels = labels
        spec.mode = .replicated(UInt64(max(0, process.quantity)))
        // start-first keeps the old task serving until the new one is healthy; a failed update rolls back.
        spec.updateConfig = UpdateConfig(parallelism: 1, delay: 0, failureAction: UpdateConfig.rollback, monitor: 15 * second, order: UpdateConfig.startFirst)
        spec.rollbackConfig = UpdateConfig(parallelism: 1, delay: 0, failureAction: UpdateConfig.pause, monitor: 15 * second, order: UpdateConfig.startFirst)
        // No virtual IP: routing goes to task IPs, and nothing is published on any node.
        spec.endpointSpec = EndpointSpec(mode: "dnsrr")
        return spec
    }

    static func labels(_ process: ProcessDeployment) -> [String: String] {
        [
            PlatformNames.managedLabel: "true",
            PlatformNames.orgLabel: process.organizationID,
            PlatformNames.appLabel: process.appID,
            PlatformNames.appNameLabel: process.appName,
            PlatformNames.processLabel: process.processType,
            PlatformNames.releaseLabel: String(process.releaseVersion),
        ]
    }

    /// Web processes are probed on $PORT (see `HealthProbeScript`); other processes listen on
    /// nothing and get no probe.
    static func healthCheck(_ process: ProcessDeployment) -> HealthConfig {
        guard process.isWeb else { return HealthConfig(test: ["NONE"]) }
        let script = process.healthCheckPath.map { HealthProbeScript.http(port: process.port, path: $0) } ?? HealthProbeScript.tcp(port: process.port)
        // Engine 20.10 has no start interval: the first probe runs one interval after the start, so
        // the interval is what a rollout waits at least. Reading /proc costs next to nothing.
        return HealthConfig(test: ["CMD-SHELL", script], interval: 2 * second, timeout: 4 * second, retries: 3, startPeriod: 30 * second)
    }
}
