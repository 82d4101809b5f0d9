import Foundation

/// The admin's node list with capacity bars and the add-node form. Handlers build the model.
enum NodeViews {
    struct ListModel {
        let nodes: [NodeDTO]
        let locations: [Location]
        let form: NodeService.Input
        let errors: [String: String]
    }

    static func list(_ model: ListModel) -> Page {
        let names = Dictionary(model.locations.map { ($0.id!.uuidString.lowercased(), $0.name) }, uniquingKeysWith: { first, _ in first })
        return Page(title: "Nodes") {
            Components.pageHeader("Nodes", subtitle: "The servers that run your clients' apps, with what Swarm has placed on them.")
            if model.nodes.isEmpty {
                Components.emptyState("No worker nodes yet", model.locations.isEmpty
                    ? "Nodes belong to a location. Add a location first, then add servers to it."
                    : "Apps need at least one ready node in their location. Add a server below by its IPv4 address and root password, or make this host the first node with `paas bootstrap --location <slug>`.") {
                    if model.locations.isEmpty { el("a", .class("button button-primary"), .href("/admin/locations")) { "Add a location" } }
                }
            } else {
                Components.table(id: "nodes", headers: ["Name", "Address", "Location", "Status", "CPU", "Memory", "Tasks", "Last seen"], rows: model.nodes.map { node in
                    [el("a", .href("/admin/nodes/\(node.id)")) { el("strong") { node.name } }, el("code") { node.ipv4 },
                     .text(names[node.locationId] ?? "—"), Components.badge(node.status, tone: tone(node.status)),
                     capacity(used: node.cpuAllocated, total: node.cpuCapacity, label: "\(format(node.cpuAllocated)) / \(format(node.cpuCapacity)) CPU"),
                     capacity(used: Double(node.memoryAllocatedMb), total: Double(node.memoryCapacityMb), label: "\(Format.memory(node.memoryAllocatedMb)) / \(Format.memory(node.memoryCapacityMb))"),
                     .text(String(node.taskCount)), .text(Format.date(node.lastSeenAt))]
                })
            }
            if !model.locations.isEmpty { addForm(model) }
        }
    }

    /// A labelled bar: what the reservations of running tasks take of what the node has.
    static func capacity(used: Double, total: Double, label: String) -> HTML {
        el("div", .class("capacity")) {
            el("progress", Attr("max", total > 0 ? format(total) : "1"), .value(format(min(used, max(total, 0)))), Attr("aria-label", label)) {}
            el("span", .class("capacity-label")) { label }
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    static func tone(_ status: String) -> String {
        switch status {
        case "ready": "success"
        case "installing", "draining", "pending": "warning"
        case "down": "danger"
        default: "neutral"
        }
    }

    private static func addForm(_ model: ListModel) -> HTML {
        el("section", .class("card")) {
            el("h2") { "Add a node" }
            el("p", .class("muted")) { "With a password the control plane installs the node over SSH now and shows the output live; the password is used for that run only and never stored. Without one you get a one-time install command to run yourself." }
            el("form", .id("node-form"), Attr("method", "post"), Attr("action", "/admin/nodes"), Attr("novalidate", nil), Attr("autocomplete", "off")) {
                CSRFField()
                if let error = model.errors["form"] { el("div", .class("flash flash-error"), Attr("role", "alert")) { error } }
                el("div", .class("form-row")) {
                    Components.field(.init(label: "Name", name: "name", value: model.form.name ?? "", error: model.errors["name"], attributes: [Attr("maxlength", "60")]))
                    Components.field(.init(label: "IPv4 address", name: "ipv4", value: model.form.ipv4 ?? "", error: model.errors["ipv4"], hint: "e.g. 203.0.113.10"))
                    Components.field(.init(label: "SSH port", name: "ssh_port", type: "number", value: String(model.form.sshPort ?? 22), error: model.errors["ssh_port"]))
                }
                el("div", .class("form-row")) {
                    Components.field(.init(label: "SSH user", name: "ssh_user", value: model.form.sshUser ?? "root", error: model.errors["ssh_user"], hint: "root, or a user who may sudo"))
                    Components.field(.init(label: "Password", name: "password", type: "password", error: model.errors["password"], hint: "Optional: leave empty to install by hand", required: false, autocomplete: "new-password"))
                    locationSelect(model)
                }
                el("fieldset", .class("field")) {
                    el("legend") { "Roles" }
                    for role in ["worker", "ingress"] {
                        el("label", .class("checkbox")) {
                            el("input", .type("checkbox"), .name("roles[]"), .value(role), .when((model.form.roles ?? ["worker"]).contains(role), Attr("checked", nil)))
                            " \(role)"
                        }
                    }
                    if let error = model.errors["roles"] { el("p", .class("field-error")) { error } }
                }
                el("button", .type("submit"), .class("button button-primary")) { "Add node" }
            }
        }
    }

    private static func locationSelect(_ model: ListModel) -> HTML {
        el("div", .class("field")) {
            el("label", Attr("for", "field-location_id")) { "Location" }
            el("select", .id("field-location_id"), .name("location_id")) {
                for location in model.locations {
                    let id = location.id!.uuidString.lowercased()
                    el("option", .value(id), .when(model.form.locationId == id, Attr("selected", nil))) { "\(location.name) (\(location.slug))" }
                }
            }
            if let error = model.errors["location_id"] { el("p", .class("field-error")) { error } }
        }
    }
}
