import Fluent
import Vapor

struct AdminAddonPlansPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let plans = routes.grouped("admin", "addon-plans").grouped(RequireSignIn(adminOnly: true, redirectToLogin: true))
        plans.get(use: list)
        plans.post(use: create)
        plans.get(":id", use: edit)
        plans.post(":id", use: update)
        plans.post(":id", "archive", use: archive)
        plans.post(":id", "restore", use: restore)
        plans.post(":id", "delete", use: delete)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await listPage(req, form: AddonPlanForm(), errors: [:]).response(for: req)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(AddonPlanForm.self)
        do {
            let plan = try await AddonPlanService(req: req).create(try form.input())
            return req.redirect(to: "/admin/addon-plans", flash: .success, "The addon plan \(plan.name) was created.")
        } catch let error as AppError where error.status != .internalServerError {
            var page = try await listPage(req, form: form, errors: [error.field ?? "form": error.message])
            page.status = error.status
            return page.response(for: req)
        }
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let plan = try await AddonPlanService(req: req).find(req.idParameter("id", "Addon plan"))
        return AddonPlanViews.edit(plan, form: AddonPlanForm(plan), errors: [:], currency: req.application.config.currency).response(for: req)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let service = AddonPlanService(req: req)
        let id = try req.idParameter("id", "Addon plan")
        let form = try req.content.decode(AddonPlanForm.self)
        do {
            let plan = try await service.update(id: id, try form.input())
            return req.redirect(to: "/admin/addon-plans", flash: .success, "The addon plan \(plan.name) was saved.")
        } catch let error as AppError where error.status != .internalServerError && error.status != .notFound {
            var page = AddonPlanViews.edit(try await service.find(id), form: form, errors: [error.field ?? "form": error.message],
                                           currency: req.application.config.currency)
            page.status = error.status
            return page.response(for: req)
        }
    }

    @Sendable func archive(req: Request) async throws -> Response {
        try await setArchived(req, true)
    }

    @Sendable func restore(req: Request) async throws -> Response {
        try await setArchived(req, false)
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let service = AddonPlanService(req: req)
        let id = try req.idParameter("id", "Addon plan")
        let name = try await service.find(id).name
        if try await service.delete(id: id) != nil {
            return req.redirect(to: "/admin/addon-plans", flash: .info, "Addons still use \(name), so it was archived instead: they keep it, new addons cannot pick it.")
        }
        return req.redirect(to: "/admin/addon-plans", flash: .success, "The addon plan \(name) was deleted.")
    }

    private func setArchived(_ req: Request, _ archived: Bool) async throws -> Response {
        var input = AddonPlanService.Input()
        input.archived = archived
        let plan = try await AddonPlanService(req: req).update(id: req.idParameter("id", "Addon plan"), input)
        return req.redirect(to: "/admin/addon-plans", flash: .success, archived ? "\(plan.name) is archived: new addons cannot pick it." : "\(plan.name) is offered again.")
    }

    private func listPage(_ req: Request, form: AddonPlanForm, errors: [String: String]) async throws -> Page {
        AddonPlanViews.list(try await AddonPlanQueries.all(on: req.db), form: form, errors: errors, currency: req.application.config.currency)
    }
}
