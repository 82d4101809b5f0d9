/// How many more containers of one size a location can take. Each container must fit whole on
/// one node, in memory and in reserved CPU, as Swarm places it; and the location as a whole must
/// keep what the platform has already promised other apps (their formations), which Swarm's
/// allocation lags behind while tasks are still starting.
public enum PlacementRoom {
    public struct Node: Sendable {
        public var memoryCapacityMB: Int64
        public var memoryAllocatedMB: Int64
        public var cpuCapacityMillis: Int64
        public var cpuAllocatedMillis: Int64

        public init(memoryCapacityMB: Int64, memoryAllocatedMB: Int64, cpuCapacityMillis: Int64, cpuAllocatedMillis: Int64) {
            self.memoryCapacityMB = memoryCapacityMB
            self.memoryAllocatedMB = memoryAllocatedMB
            self.cpuCapacityMillis = cpuCapacityMillis
            self.cpuAllocatedMillis = cpuAllocatedMillis
        }
    }

    /// - Parameters:
    ///   - committedMemoryMB, committedCPUMillis: the reservations of every app's formation in the location.
    ///   - memoryMB, cpuMillis: one container's reservation (CPU after overcommit).
    public static func containers(nodes: [Node], committedMemoryMB: Int64, committedCPUMillis: Int64,
                                  memoryMB: Int64, cpuMillis: Int64) -> Int {
        guard memoryMB > 0 else { return 0 }
        func fit(_ free: Int64, _ each: Int64) -> Int64 { each > 0 ? max(0, free) / each : Int64(Int32.max) }
        let perNode = nodes.reduce(Int64(0)) { sum, node in
            sum + min(fit(node.memoryCapacityMB - node.memoryAllocatedMB, memoryMB), fit(node.cpuCapacityMillis - node.cpuAllocatedMillis, cpuMillis))
        }
        let memory = fit(nodes.reduce(0) { $0 + $1.memoryCapacityMB } - max(nodes.reduce(0) { $0 + $1.memoryAllocatedMB }, committedMemoryMB), memoryMB)
        let cpu = fit(nodes.reduce(0) { $0 + $1.cpuCapacityMillis } - max(nodes.reduce(0) { $0 + $1.cpuAllocatedMillis }, committedCPUMillis), cpuMillis)
        return Int(min(perNode, memory, cpu))
    }
}
