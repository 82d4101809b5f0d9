import Fluent
import Vapor

struct AdminLocationsPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let locations = routes.grouped("admin", "locations").grouped(RequireSignIn(adminOnly: true, redirectToLogin: true))
        locations.get(use: list)
        locations.post(use: create)
        locations.post(":id", "activate", use: activate)
        locations.post(":id", "deactivate", use: deactivate)
        locations.post(":id", "delete", use: delete)
    }

    @Sendable func list(req: Request) async throws -> Response {
        LocationViews.list(try await LocationQueries.all(on: req.db), form: .init(), errors: [:]).response(for: req)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(LocationService.Input.self)
        do {
            let location = try await LocationService(req: req).create(form)
            return req.redirect(to: "/admin/locations", flash: .success, "The location \(location.name) was added. Add nodes to it so apps can run there.")
        } catch let error as AppError where error.status != .internalServerError {
            var page = LocationViews.list(try await LocationQueries.all(on: req.db), form: form, errors: [error.field ?? "form": error.message])
            page.status = error.status
            return page.response(for: req)
        }
    }

    @Sendable func activate(req: Request) async throws -> Response { try await setActive(req, true) }
    @Sendable func deactivate(req: Request) async throws -> Response { try await setActive(req, false) }

    @Sendable func delete(req: Request) async throws -> Response {
        let service = LocationService(req: req)
        let id = try req.idParameter("id", "Location")
        let name = try await service.find(id).name
        do {
            try await service.delete(id: id)
            return req.redirect(to: "/admin/locations", flash: .success, "The location \(name) was deleted.")
        } catch let error as AppError where error.status == .conflict {
            return req.redirect(to: "/admin/locations", flash: .error, error.message)
        }
    }

    private func setActive(_ req: Request, _ active: Bool) async throws -> Response {
        var input = LocationService.Input()
        input.active = active
        let location = try await LocationService(req: req).update(id: req.idParameter("id", "Location"), input)
        return req.redirect(to: "/admin/locations", flash: .success, active ? "\(location.name) is offered to clients." : "\(location.name) is no longer offered to new apps.")
    }
}

enum LocationViews {
    static func list(_ locations: [Location], form: LocationService.Input, errors: [String: String]) -> Page {
        Page(title: "Locations") {
            Components.pageHeader("Locations", subtitle: "Where your nodes are. Clients pick one for each app.")
            if locations.isEmpty {
                Components.emptyState("No locations yet", "A location is a region or data centre, such as \"Frankfurt\". Add one below, then add nodes to it.")
            } else {
                Components.table(id: "locations", headers: ["Name", "Slug", "City", "Country", "Status", ""], rows: locations.map { location in
                    let id = location.id!.uuidString.lowercased()
                    return [el("strong") { location.name }, el("code") { location.slug }, .text(location.city ?? "—"), .text(location.country),
                            Components.badge(location.isActive ? "active" : "inactive", tone: location.isActive ? "success" : "neutral"),
                            el("div", .class("row-actions")) {
                                if location.isActive {
                                    Components.postButton("Deactivate", action: "/admin/locations/\(id)/deactivate")
                                } else {
                                    Components.postButton("Activate", action: "/admin/locations/\(id)/activate")
                                }
                                Components.postButton("Delete", action: "/admin/locations/\(id)/delete", tone: "danger", confirm: "Delete \(location.name)?")
                            }]
                })
            }
            el("section", .class("card")) {
                el("h2") { "New location" }
                el("form", .id("location-form"), Attr("method", "post"), Attr("action", "/admin/locations"), Attr("novalidate", nil)) {
                    CSRFField()
                    if let error = errors["form"] { el("div", .class("flash flash-error"), Attr("role", "alert")) { error } }
                    el("div", .class("form-row")) {
                        Components.field(.init(label: "Name", name: "name", value: form.name ?? "", error: errors["name"], attributes: [Attr("maxlength", "60")]))
                        Components.field(.init(label: "Slug", name: "slug", value: form.slug ?? "", error: errors["slug"], hint: "Optional; made from the name. Labels nodes, e.g. fra-1.", required: false))
                        Components.field(.init(label: "Country (ISO code)", name: "country", value: form.country ?? "", error: errors["country"], hint: "Two letters, e.g. DE", attributes: [Attr("maxlength", "2")]))
                        Components.field(.init(label: "City", name: "city", value: form.city ?? "", error: errors["city"], required: false))
                    }
                    el("button", .type("submit"), .class("button button-primary")) { "Add location" }
                }
            }
        }
    }
}
