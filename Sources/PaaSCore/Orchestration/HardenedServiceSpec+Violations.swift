import DockerModels

extension HardenedServiceSpec {
    /// Checked on every spec just before it is sent to Docker, whatever built it: a second line of
    /// defence should a later change to `make` (or an update that edits a fetched spec) weaken it.
    public static func violations(of spec: ServiceSpec, organizationID: String) -> [String] {
        var found: [String] = []
        let container = spec.taskTemplate.containerSpec
        if container == nil { found.append("no container spec") }
        if let mounts = container?.mounts, mounts.contains(where: { $0.type != "tmpfs" }) {
            found.append("a non-tmpfs mount")
        }
        if container?.capabilityDrop != ["ALL"] { found.append("capabilities not dropped") }
        let extra = Set(container?.capabilityAdd ?? []).subtracting(capabilityAdd)
        if !extra.isEmpty { found.append("extra capabilities \(extra.sorted())") }
        if container?.readOnly != true { found.append("writable root filesystem") }
        if container?.initProcess != true { found.append("no init process") }
        if container?.secrets?.isEmpty == false { found.append("secrets attached") }
        if container?.sysctls?.isEmpty == false { found.append("sysctls set") }
        let networks = spec.taskTemplate.networks?.map(\.target) ?? []
        if networks != [PlatformNames.organizationNetwork(organizationID)] { found.append("networks \(networks) instead of the organization's") }
        if spec.endpointSpec?.ports?.isEmpty == false { found.append("published ports") }
        let limits = spec.taskTemplate.resources?.limits
        if limits?.memoryBytes == nil || limits?.nanoCPUs == nil || limits?.pids == nil { found.append("missing resource limits") }
        let constraints = spec.taskTemplate.placement?.constraints ?? []
        if !constraints.contains(where: { $0.hasPrefix("node.labels.\(PlatformNames.locationNodeLabel)==") }) { found.append("no location constraint") }
        let allLabels = (spec.labels ?? [:]).merging(container?.labels ?? [:]) { first, _ in first }
        if allLabels.keys.contains(where: { $0.hasPrefix("traefik.") || $0.hasPrefix("com.docker.") }) { found.append("routing or engine labels") }
        if allLabels[PlatformNames.orgLabel] != organizationID { found.append("wrong organization label") }
        return found
    }
}
