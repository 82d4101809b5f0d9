import Fluent
import PaaSCore
import Vapor

/// The client's own billing: `/api/paas/billing`, scoped to the principal's organization.
struct BillingAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let billing = routes.grouped("api", "paas", "billing").grouped(RequireSignIn())
        billing.get(use: summary)
        billing.get("statements", ":month", use: statement)
    }

    @Sendable func summary(req: Request) async throws -> BillingSummary {
        let days = try req.query.get(Int?.self, at: "days") ?? 30
        guard (1...366).contains(days) else { throw AppError.invalid("days", "Ask for 1 to 366 days of usage.") }
        return try await BillingSummary.load(organizationID: try req.requirePrincipal().organizationID, days: days, on: req.db)
    }

    @Sendable func statement(req: Request) async throws -> Statement {
        try await Statement.load(organizationID: try req.requirePrincipal().organizationID, month: req.parameters.get("month") ?? "", on: req.db)
    }
}
