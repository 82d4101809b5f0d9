import Testing
import PaaSCore

@Suite("Placement room")
struct PlacementRoomTests {
    func node(_ memory: Int64, used: Int64 = 0, cpu: Int64 = 4000, cpuUsed: Int64 = 0) -> PlacementRoom.Node {
        .init(memoryCapacityMB: memory, memoryAllocatedMB: used, cpuCapacityMillis: cpu, cpuAllocatedMillis: cpuUsed)
    }

    @Test("A container must fit on one node: free memory split over nodes does not add up to a place")
    func wholeOnOneNode() {
        // 300 MB free on each of two nodes: 600 MB in total, yet no 512 MB container fits anywhere.
        let nodes = [node(1024, used: 724), node(1024, used: 724)]
        #expect(PlacementRoom.containers(nodes: nodes, committedMemoryMB: 0, committedCPUMillis: 0, memoryMB: 512, cpuMillis: 125) == 0)
        #expect(PlacementRoom.containers(nodes: nodes, committedMemoryMB: 0, committedCPUMillis: 0, memoryMB: 256, cpuMillis: 125) == 2)
    }

    @Test("Reserved CPU bounds a node as memory does")
    func cpuBounds() {
        let nodes = [node(8192, cpu: 1000, cpuUsed: 750)]
        #expect(PlacementRoom.containers(nodes: nodes, committedMemoryMB: 0, committedCPUMillis: 0, memoryMB: 256, cpuMillis: 125) == 2)
        #expect(PlacementRoom.containers(nodes: nodes, committedMemoryMB: 0, committedCPUMillis: 0, memoryMB: 256, cpuMillis: 0) == 32)
    }

    @Test("What the platform promised counts even before Swarm placed it")
    func committed() {
        let nodes = [node(2048)]
        #expect(PlacementRoom.containers(nodes: nodes, committedMemoryMB: 0, committedCPUMillis: 0, memoryMB: 512, cpuMillis: 0) == 4)
        #expect(PlacementRoom.containers(nodes: nodes, committedMemoryMB: 1536, committedCPUMillis: 0, memoryMB: 512, cpuMillis: 0) == 1)
        #expect(PlacementRoom.containers(nodes: nodes, committedMemoryMB: 4096, committedCPUMillis: 0, memoryMB: 512, cpuMillis: 0) == 0)
        #expect(PlacementRoom.containers(nodes: [], committedMemoryMB: 0, committedCPUMillis: 0, memoryMB: 512, cpuMillis: 0) == 0)
        #expect(PlacementRoom.containers(nodes: [node(1024, used: 2048)], committedMemoryMB: 0, committedCPUMillis: 0, memoryMB: 1, cpuMillis: 0) == 0,
                "an over-allocated node has no room, not negative room")
    }
}
