import DockerEngine
import Fluent
import Foundation
import PaaSCore
import Vapor

/// `paas bootstrap`: makes the Docker engine at `DOCKER_HOST` a ready node of a location, which is
/// how the embedded default gets its first node (remote nodes come through the install script).
///
/// Idempotent: it initialises Swarm only when the engine is in none, creates the location only when
/// it is missing, upserts the node record by Swarm node ID and writes the labels only when they
/// differ, so a second run changes nothing but `last_seen_at` (and adds an activity row).
/// Everything is checked before anything is written; the database changes and the node labels
/// are one transaction, so a Docker failure leaves no half-written records.
struct NodeBootstrap {
    /// Swarm's default pool is 10.0.0.0/8, which holds this machine's DNS resolver; a known /16
    /// lets the firewall drop tenant traffic into other overlays by one prefix (infra.md).
    static let defaultAddressPool = "10.200.0.0/16"
    static let defaultAdvertiseAddr = "127.0.0.1"
    static let managerRoles = "worker,ingress,manager"

    struct Options: Sendable {
        var locationSlug: String
        /// Only used when the location is created; defaults to the slug.
        var locationName: String?
        /// Required when the location does not exist yet.
        var country: String?
        /// The address Swarm advertises when it is initialised here, and the node's IPv4.
        var advertiseAddr: String?

        init(locationSlug: String, locationName: String? = nil, country: String? = nil, advertiseAddr: String? = nil) {
            self.locationSlug = locationSlug
            self.locationName = locationName
            self.country = country
            self.advertiseAddr = advertiseAddr
        }
    }

    struct Outcome: Sendable {
        var swarmInitialised: Bool
        var locationCreated: Bool
        var nodeCreated: Bool
        var labelsChanged: Bool
        var location: Location
        var node: WorkerNode
        /// The labels the Swarm node carries after the run.
        var labels: [String: String]
        /// What the database and label steps did, one line each.
        var lines: [String]
    }

    let db: any Database
    let docker: DockerClient
    var now: @Sendable () -> Date = { Date() }

    /// Runs every step, calling `report` with one line per step as it completes.
    @discardableResult
    func run(_ options: Options, report: (String) -> Void = { _ in }) async throws -> Outcome {
        // 1. Input, checked before anything is touched.
        let slug = try Self.slug(options.locationSlug)
        let advertise = try options.advertiseAddr.map(Self.ipv4)
        let newLocation: LocationTerms?
        if try await Location.query(on: db).filter(\.$slug == slug).first() == nil {
            newLocation = try Self.terms(slug: slug, options: options)
        } else {
            newLocation = nil
        }

        // 2. Swarm: initialise, keep, or refuse.
        let (swarmNodeID, initialised) = try await ensureSwarm(advertise: advertise, report: report)
        let swarmNode = try await readyNode(swarmNodeID, wait: initialised)

        // 3. Records and labels, together. Two runs racing on one database: the loser of the
        //    unique slug / Swarm node ID retries once and finds the winner's rows.
        var attempt = 0
        while true {
            attempt += 1
            do {
                let outcome = try await db.transaction { tx in
                    try await register(on: tx, slug: slug, newLocation: newLocation, swarmNode: swarmNode,
                                       advertise: advertise, initialised: initialised)
                }
                outcome.lines.forEach(report)
                return outcome
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 2 {
                continue
            }
        }
    }

    // MARK: Steps

    private func ensureSwarm(advertise: String?, report: (String) -> Void) async throws -> (nodeID: String, initialised: Bool) {
        let info = try await dockerCall("read the engine's state") { try await docker.system.info() }
        let swarm = info.swarm
        switch swarm?.localNodeState ?? "inactive" {
        case "active":
            guard swarm?.controlAvailable == true, let nodeID = swarm?.nodeID, !nodeID.isEmpty else {
                throw AppError(.conflict, code: "swarm_not_manager",
                               "The engine at \(docker.host) is a Swarm worker, not a manager. Run bootstrap against a manager (point DOCKER_HOST at it), or make this engine leave its swarm first (`docker swarm leave`).")
            }
            report("swarm: already initialised (manager)")
            let cluster = try await dockerCall("read the swarm") { try await docker.swarm.inspect() }
            if let pool = cluster.defaultAddrPool, !pool.contains(Self.defaultAddressPool) {
                report("swarm: warning: the default address pool is \(pool.joined(separator: ", ")), not \(Self.defaultAddressPool); the firewall rule that keeps tenant traffic on this machine expects \(Self.defaultAddressPool)")
            }
            if let advertise, let current = swarm?.nodeAddr, current != advertise {
                report("swarm: note: the node advertises \(current); --advertise-addr \(advertise) is recorded as its IPv4 only")
            }
            return (nodeID, false)
        case "inactive":
            let address = advertise ?? Self.defaultAdvertiseAddr
            let request = SwarmInitRequest(listenAddr: "0.0.0.0:2377", advertiseAddr: address,
                                           defaultAddrPool: [Self.defaultAddressPool], subnetSize: 24)
            let nodeID = try await dockerCall("initialise Swarm") { try await docker.swarm.initialize(request) }
            report("swarm: initialised (manager, advertising \(address), address pool \(Self.defaultAddressPool))")
            return (nodeID, true)
        case let state:
            let detail = swarm?.error.flatMap { $0.isEmpty ? nil : ": \($0)" } ?? "."
            throw AppError(.conflict, code: "swarm_not_ready",
                           "The engine at \(docker.host) is in Swarm state \"\(state)\"\(detail) Wait for it to settle, or unlock it (`docker swarm unlock`), then run bootstrap again.")
        }
    }

    /// Reads the manager's node; right after `swarm init` it takes a moment to report ready.
    private func readyNode(_ id: String, wait: Bool) async throws -> SwarmNode {
        let deadline = ContinuousClock.now + .seconds(wait ? 15 : 0)
        while true {
            let node = try await dockerCall("read the Swarm node") { try await docker.nodes.inspect(id) }
            if node.status?.state == "ready" || ContinuousClock.now >= deadline { return node }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    private func register(
        on tx: any Database, slug: String, newLocation: LocationTerms?, swarmNode: SwarmNode,
        advertise: String?, initialised: Bool
    ) async throws -> Outcome {
        var lines: [String] = []
        // Location.
        let location: Location
        var locationCreated = false
        if let existing = try await Location.query(on: tx).filter(\.$slug == slug).first() {
            location = existing
            lines.append("location: using \(slug) (\(existing.name), \(existing.country))")
        } else {
            guard let terms = newLocation else {
                // Deleted between the check and now.
                throw AppError.conflict("location_changed", "The location \"\(slug)\" changed while bootstrapping; run bootstrap again.")
            }
            location = Location()
            location.name = terms.name
            location.slug = terms.slug
            location.country = terms.country
            location.city = terms.city
            location.isActive = true
            try await location.create(on: tx)
            locationCreated = true
            lines.append("location: created \(slug) (\(terms.name), \(terms.country))")
        }
        let locationID = try location.requireID()

        // Node record, by Swarm node ID.
        let existing = try await WorkerNode.query(on: tx).filter(\.$swarmNodeID == swarmNode.id).first()
        if let existing, existing.$location.id != locationID {
            let current = try await Location.find(existing.$location.id, on: tx)?.slug ?? "another location"
            throw AppError.conflict("node_in_other_location",
                                    "This engine is already the node \(existing.name) of location \(current). Apps there are placed by its label, so bootstrap will not move it to \(slug); run it with --location \(current).",
                                    field: "location")
        }
        let node = existing ?? WorkerNode()
        let nodeCreated = existing == nil
        let hostname = swarmNode.description?.hostname.flatMap { $0.isEmpty ? nil : $0 } ?? swarmNode.spec.name ?? "manager"
        if nodeCreated {
            node.id = UUID()
            node.name = hostname
            node.sshPort = 22
            node.cpuAllocatedMillis = 0
            node.memoryAllocatedMB = 0
            node.taskCount = 0
            node.$location.id = locationID
        }
        // Swarm reports 0.0.0.0 for a node that never said where it is reachable.
        let reported = swarmNode.status?.addr.flatMap { $0.isEmpty || $0 == "0.0.0.0" ? nil : $0 }
        node.ipv4 = advertise ?? reported ?? existing?.ipv4 ?? Self.defaultAdvertiseAddr
        node.roles = Self.managerRoles
        node.apply(swarmNode)
        if nodeCreated {
            // Capacity columns are required; a node that has not reported resources yet starts at 0.
            if swarmNode.description?.resources == nil {
                node.cpuCapacityMillis = 0
                node.memoryCapacityMB = 0
            }
        }
        let reading = SwarmNodeReading.status(of: swarmNode, runningTasks: node.taskCount)
        node.status = reading?.status ?? NodeStatus.down
        node.lastError = reading == nil ? "Swarm does not know this node's state yet." : reading?.problem
        if node.status != NodeStatus.down { node.lastSeenAt = now() }
        try await node.save(on: tx)
        let nodeID = try node.requireID()
        lines.append("node: \(nodeCreated ? "registered" : "already registered") \(node.name) (\(node.status))")

        // Labels on the Swarm node: placement and ingress selection read them.
        let wanted = [NodeLabels.location: slug, NodeLabels.node: nodeID.uuidString, NodeLabels.ingress: "true"]
        var labels = swarmNode.spec.labels ?? [:]
        let labelsChanged = wanted.contains { labels[$0.key] != $0.value }
        if labelsChanged {
            let written = try await dockerCall("label the Swarm node") {
                try await docker.nodes.modify(swarmNode.id) { spec in
                    spec.labels = (spec.labels ?? [:]).merging(wanted) { _, new in new }
                }
            }
            labels = written.labels ?? [:]
            lines.append("labels: set " + wanted.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        } else {
            lines.append("labels: already set")
        }

        try await Activity.record(
            "node.bootstrap", on: tx, request: nil, principal: nil,
            target: ("node", nodeID.uuidString),
            details: "location=\(slug) swarm_node=\(swarmNode.id) swarm_initialised=\(initialised) location_created=\(locationCreated) node_created=\(nodeCreated) labels_changed=\(labelsChanged)")

        return Outcome(swarmInitialised: initialised, locationCreated: locationCreated, nodeCreated: nodeCreated,
                       labelsChanged: labelsChanged, location: location, node: node, labels: labels, lines: lines)
    }

    // MARK: Input and errors

    static func slug(_ raw: String) throws -> String {
        let slug = raw.trimmingWhitespace().lowercased()
        guard Slug.isValid(slug, maxLength: 32) else {
            throw AppError.invalid("location", "The location slug may use lowercase letters, digits and single dashes (at most 32), like \"fra-1\"; got \"\(raw)\".")
        }
        return slug
    }

    static func terms(slug: String, options: Options) throws -> LocationTerms {
        guard let country = options.country, !country.trimmingWhitespace().isEmpty else {
            throw AppError.invalid("country", "The location \"\(slug)\" does not exist yet: give its country as a two-letter ISO code with --country (like --country DE) to create it.")
        }
        do {
            return try LocationTerms.validate(name: options.locationName ?? slug, slug: slug, country: country, city: nil)
        } catch {
            throw AppError.invalid(error.field, error.message)
        }
    }

    static func ipv4(_ raw: String) throws -> String {
        let text = raw.trimmingWhitespace()
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let valid = parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit) && Int(part)! <= 255
        }
        guard valid else {
            throw AppError.invalid("advertise_addr", "--advertise-addr must be an IPv4 address like 203.0.113.10; got \"\(raw)\".")
        }
        return text
    }

    /// Docker's failures as messages for the operator at the terminal.
    private func dockerCall<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DockerError {
            throw Self.describe(error, host: docker.host, doing: what)
        }
    }

    static func describe(_ error: DockerError, host: DockerHost, doing what: String) -> AppError {
        if error.isUnreachable {
            return AppError(.serviceUnavailable, code: "docker_unreachable",
                            "Docker is not reachable at \(host) (DOCKER_HOST): \(error.message). Start dockerd, or point DOCKER_HOST at a running engine; nothing was written to the database.")
        }
        return AppError(.badGateway, code: "docker_error", "Docker refused to \(what): \(error.message)")
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
