import Foundation

/// One node: status, capacity, actions, the one-time install command when just issued, and the
/// install log, followed live while a run is going.
enum NodeDetailViews {
    struct Model {
        let node: NodeDTO
        let locationName: String
        let installLog: String?
        let ingress: NodeIngressState?
        let ticket: NodeInstallTicketDTO?
        /// nil when Docker could not be asked.
        let tasks: [NodeTaskRow]?
    }

    static func page(_ model: Model) -> Page {
        let node = model.node
        let path = "/admin/nodes/\(node.id)"
        return Page(title: "Node \(node.name)") {
            Components.pageHeader(node.name, subtitle: "\(node.ipv4) · \(model.locationName) · \(node.roles.joined(separator: ", "))") {
                el("a", .class("button button-quiet"), .href("/admin/nodes")) { "All nodes" }
                if node.status == "ready" || node.status == "down" { Components.postButton("Drain", action: "\(path)/drain") }
                if node.status == "draining" || node.status == "drained" { Components.postButton("Activate", action: "\(path)/activate") }
                if node.status != "removed" {
                    Components.postButton("Remove", action: "\(path)/delete", tone: "danger", confirm: "Remove \(node.name) from the cluster?")
                    if node.taskCount > 0 {
                        Components.postButton("Remove anyway", action: "\(path)/delete", tone: "danger",
                                              confirm: "Remove \(node.name) while \(node.taskCount) tasks run there? Swarm moves them to the location's other nodes, or they wait until one has room.",
                                              fields: [("force", "1")])
                    }
                }
            }
            el("section", .class("card"), .id("node-status"), .data("status", node.status)) {
                el("p") { "Status: "; Components.badge(node.status, tone: NodeViews.tone(node.status)) }
                if let problem = node.lastError { el("div", .class("notice notice-warning"), .id("node-problem"), Attr("role", "status")) { problem } }
                el("div", .class("form-row")) {
                    NodeViews.capacity(used: node.cpuAllocated, total: node.cpuCapacity, label: "CPU \(NodeViews.format(node.cpuAllocated)) / \(NodeViews.format(node.cpuCapacity))")
                    NodeViews.capacity(used: Double(node.memoryAllocatedMb), total: Double(node.memoryCapacityMb), label: "Memory \(Format.memory(node.memoryAllocatedMb)) / \(Format.memory(node.memoryCapacityMb))")
                }
                el("p", .class("hint")) {
                    "Tasks: \(node.taskCount) · Swarm node: \(node.swarmNodeId ?? "not joined") · Engine: \(node.engineVersion ?? "—") · Last seen: \(Format.date(node.lastSeenAt))"
                    if let progress = node.drainProgress, node.status == "draining" { " · Drain: \(progress)%" }
                }
                if node.roles.contains(NodeIngress.role) { ingressLine(model.ingress) }
                if let fingerprint = node.sshHostKeyFingerprint { el("p", .class("hint")) { "SSH host key: "; el("code") { fingerprint } } }
            }
            tasksCard(model.tasks)
            if let ticket = model.ticket { ticketCard(ticket, path: path) }
            if node.status == "pending" || node.status == "down" { installForm(node, path: path) }
            logCard(model, path: path)
        }
    }

    /// The node's Traefik as the control plane last found it; nothing yet until the node has joined.
    private static func ingressLine(_ state: NodeIngressState?) -> HTML {
        el("p", .class("hint"), .id("node-ingress"), .data("running", state.map { $0.running ? "true" : "false" } ?? "unknown")) {
            "Ingress: "
            if let state {
                Components.badge(state.running ? "running" : "not running", tone: state.running ? "success" : "danger")
                " \(state.message) (checked \(Format.date(state.checkedAt)))"
            } else {
                "starts once the node has joined"
            }
        }
    }

    private static func tasksCard(_ tasks: [NodeTaskRow]?) -> HTML {
        el("section", .class("card"), .id("node-tasks")) {
            el("h2") { "Tasks" }
            if let tasks {
                if tasks.isEmpty {
                    el("p", .class("muted")) { "Nothing runs on this node." }
                } else {
                    Components.table(id: "tasks", headers: ["Service", "Replica", "State", "Since"], rows: tasks.map { task in
                        [el("code") { task.service }, .text(task.slot.map(String.init) ?? "—"), .text(task.state), .text(task.since ?? "—")]
                    })
                }
            } else {
                el("p", .class("muted")) { "Docker did not answer, so the tasks cannot be listed right now." }
            }
        }
    }

    private static func ticketCard(_ ticket: NodeInstallTicketDTO, path: String) -> HTML {
        el("section", .class("card"), .id("install-ticket")) {
            el("h2") { "Install by hand" }
            el("p", .class("muted")) { "Run this as root on the server. The link works once and expires in two hours; it is shown only now." }
            el("pre", .id("install-command"), .class("code-block")) { ticket.installCommand }
            el("button", .type("button"), .class("button button-quiet"), .data("copy", "install-command")) { "Copy command" }
            el("details") {
                el("summary") { "The script" }
                el("pre", .id("install-script"), .class("code-block")) { ticket.installScript }
                el("button", .type("button"), .class("button button-quiet"), .data("copy", "install-script")) { "Copy script" }
            }
        }
    }

    private static func installForm(_ node: NodeDTO, path: String) -> HTML {
        el("section", .class("card")) {
            el("h2") { "Install over SSH" }
            el("form", .id("install-form"), Attr("method", "post"), Attr("action", "\(path)/install"), Attr("autocomplete", "off")) {
                CSRFField()
                Components.field(.init(label: "Password of \(node.sshUser)@\(node.ipv4):\(node.sshPort)", name: "password", type: "password",
                                       hint: "Used for this install only, never stored.", autocomplete: "new-password"))
                el("button", .type("submit"), .class("button button-primary")) { "Install now" }
                " "
            }
            Components.postButton("New install link", action: "\(path)/tickets")
        }
    }

    private static func logCard(_ model: Model, path: String) -> HTML {
        el("section", .class("card"), .id("install-log-card")) {
            el("h2") { "Install log" }
            el("p", .class("hint"), .id("install-state")) { model.node.installing ? "Installing — live" : (model.installLog == nil ? "No install has run yet." : "Last run") }
            el("pre", .id("install-log"), .class("install-log"),
               .when(model.node.installing, .data("install-stream", "/api/admin/paas/nodes/\(model.node.id)/install/stream"))) {
                model.node.installing ? "" : (model.installLog ?? "")
            }
        }
    }
}
