import Fluent
import Foundation
import PaaSCore
import Testing
import Vapor
@testable import App

@Suite("Billing API")
struct BillingAPITests {
    /// An app with a succeeded release written straight to the database, so metering and wallet
    /// rules can be exercised without Docker (the Swarm suite covers the real rollout).
    static func releasedApp(_ app: Application, _ fixtures: AppFixtures, token: String, fund: Bool = true) async throws -> TenantApp {
        let response = try await app.send(.POST, "/api/paas/apps", token: token, json: #"{"name": "bill-\#(UUID().uuidString.prefix(6).lowercased())", "plan_id": "\#(fixtures.planID)", "location_id": "\#(fixtures.locationID)"}"#)
        let tenant = try #require(try await TenantApp.find(UUID(uuidString: try response.json()["id"] as? String ?? ""), on: app.db))
        if fund { try await fixtures.fund(app, organizationID: tenant.organizationID) }
        let release = Release()
        release.organizationID = tenant.organizationID
        release.$app.id = try tenant.requireID()
        release.version = 1
        release.image = "paas-test/web:1"
        release.configSnapshotSealed = try app.secretBox.seal("{}")
        release.formation = tenant.formation
        release.processTypes = #"{"web": "httpd", "worker": "sleep 1d"}"#
        release.description = "test"
        release.status = "succeeded"
        try await release.create(on: app.db)
        tenant.currentReleaseID = release.id
        try await tenant.save(on: app.db)
        return tenant
    }

    static func openSegments(_ app: Application, _ tenant: TenantApp) async throws -> [UsageSegment] {
        try await UsageSegment.query(on: app.db).filter(\.$resourceID == tenant.requireID()).filter(\.$endedAt == nil).sort(\.$processType).all()
    }

    @Test("Usage segments follow the formation, the plan, suspension and deletion")
    func metering() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let tenant = try await Self.releasedApp(app, fixtures, token: try await app.signup())
            try await UsageMeter.sync(tenant, on: app.db)
            var open = try await Self.openSegments(app, tenant)
            #expect(open.map { "\($0.processType ?? "")×\($0.quantity)@\($0.pricePerHour)" } == ["web×1@1000"], "worker has 0 containers")
            try await UsageMeter.sync(tenant, on: app.db)
            #expect(try await UsageSegment.query(on: app.db).count() == 1, "a sync without a change writes nothing")

            tenant.formation = Formation(quantities: ["web": 3, "worker": 1]).json
            try await UsageMeter.sync(tenant, on: app.db)
            open = try await Self.openSegments(app, tenant)
            #expect(open.map { "\($0.processType ?? "")×\($0.quantity)" } == ["web×3", "worker×1"])
            #expect(try await UsageSegment.query(on: app.db).filter(\.$endedAt != nil).count() == 1)

            let admin = fixtures.admin
            let pricier = try await app.send(.POST, "/api/admin/paas/plans", token: admin, json: #"{"name": "Pricier", "cpu": 0.25, "memory_mb": 64, "max_containers": 3, "price_per_hour": 5000, "monthly_price": 2000000}"#).json()
            tenant.$plan.id = UUID(uuidString: pricier["id"] as! String)!
            tenant.$plan.value = nil
            try await UsageMeter.sync(tenant, on: app.db)
            open = try await Self.openSegments(app, tenant)
            #expect(open.allSatisfy { $0.pricePerHour == 5000 && $0.monthlyCap == 2_000_000 }, "a plan change bills the new price from now on")

            tenant.suspendedAt = Date()
            try await UsageMeter.sync(tenant, on: app.db)
            #expect(try await Self.openSegments(app, tenant).isEmpty)
            tenant.suspendedAt = nil
            try await UsageMeter.sync(tenant, on: app.db)
            #expect(try await Self.openSegments(app, tenant).count == 2)
            try await UsageMeter.close(appID: tenant.requireID(), organizationID: tenant.organizationID, on: app.db)
            #expect(try await Self.openSegments(app, tenant).isEmpty)
        }
    }

    @Test("With an empty wallet, scaling up a released app is refused with 402 and nothing changes; scaling down is allowed")
    func emptyWallet() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let token = try await app.signup()
            let tenant = try await Self.releasedApp(app, fixtures, token: token, fund: false)
            let response = try await app.send(.POST, "/api/paas/apps/\(tenant.requireID().uuidString)/scale", token: token, json: #"{"web": 2}"#)
            #expect(response.status == .paymentRequired)
            #expect(response.errorCode == "wallet_empty")
            #expect(response.errorMessage?.contains("Top up your wallet") == true)
            #expect(Formation(json: try await TenantApp.find(tenant.id, on: app.db)!.formation).quantity("web") == 1)
        }
    }

    @Test("Admin credit and debit: validated, idempotent, audited, refused to clients")
    func adminAdjustments() async throws {
        try await TestApp.withApp { app in
            let client = try await app.signup()
            let organization = try await Organization.query(on: app.db).first()!.requireID().uuidString.lowercased()
            let admin = try await app.makeAdminToken()
            let path = "/api/admin/paas/wallets/\(organization)"
            for (body, field) in [(#"{"amount": 0, "reason": "zero"}"#, "amount"), (#"{"amount": -5, "reason": "negative"}"#, "amount"),
                                  (#"{"amount": 5, "reason": "x"}"#, "reason"), (#"{"amount": 5}"#, "reason"), (#"{"amount": 1.5, "reason": "fraction"}"#, "amount"),
                                  (#"{"amount": 5, "reason": "short key", "idempotency_key": "k"}"#, "idempotency_key")] {
                let response = try await app.send(.POST, "\(path)/credit", token: admin, json: body)
                #expect(response.status == .unprocessableEntity, "\(body): \(response.status)")
                #expect(response.errorField == field, "\(body): \(response.body.string)")
            }
            #expect(try await app.send(.POST, "/api/admin/paas/wallets/\(UUID())/credit", token: admin, json: #"{"amount": 5, "reason": "nobody"}"#).status == .notFound)
            #expect(try await app.send(.POST, "/api/admin/paas/wallets/not-an-id/credit", token: admin, json: #"{"amount": 5, "reason": "nobody"}"#).status == .notFound)

            let body = #"{"amount": 2500000, "reason": "Bank transfer 4711", "idempotency_key": "transfer-4711"}"#
            let first = try await app.send(.POST, "\(path)/credit", token: admin, json: body)
            #expect(first.status == .ok)
            #expect(try first.json()["balance"] as? Int == 2_500_000)
            let again = try await app.send(.POST, "\(path)/credit", token: admin, json: body)
            #expect(try again.json()["replayed"] as? Bool == true)
            #expect(try again.json()["balance"] as? Int == 2_500_000, "a retried credit moves no money")
            let debit = try await app.send(.POST, "\(path)/debit", token: admin, json: #"{"amount": 500000, "reason": "Refund reversal"}"#)
            #expect(try debit.json()["balance"] as? Int == 2_000_000)
            #expect(try await app.db.walletsOutOfBalance() == 0)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action ~~ ["wallet.credit", "wallet.debit"]).count() == 2)

            let wallet = try await app.send(.GET, "/api/wallet", token: client).json()
            #expect((wallet["transactions"] as? [[String: Any]])?.first?["description"] as? String == "Debit: Refund reversal")
            let list = try await app.send(.GET, "/api/admin/paas/wallets", token: admin).jsonArray()
            #expect(list.contains { $0["organization_id"] as? String == organization && $0["balance"] as? Int == 2_000_000 })
            #expect(try await app.send(.GET, path, token: admin).status == .ok)
            for (method, url) in [(HTTPMethod.GET, "/api/admin/paas/wallets"), (.GET, path), (.POST, "\(path)/credit"), (.POST, "\(path)/debit"), (.GET, "/api/admin/paas/revenue")] {
                let refused = try await app.send(method, url, token: client, json: method == .POST ? #"{"amount": 5000000, "reason": "free money"}"# : nil)
                #expect(refused.status == .forbidden, "\(method) \(url)")
            }
            #expect(try await app.send(.GET, "/api/wallet", token: client).json()["balance"] as? Int == 2_000_000)
        }
    }

    @Test("Each organization sees only its own usage and statements; admins see revenue per plan and location")
    func isolationAndReports() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app)
            let alice = try await app.signup(), bob = try await app.signup()
            let shop = try await Self.releasedApp(app, fixtures, token: alice)
            let blog = try await Self.releasedApp(app, fixtures, token: bob)
            for tenant in [shop, blog] { try await UsageMeter.sync(tenant, on: app.db) }
            // Both have run for three closed hours.
            let start = Date(epoch: BillingClock.hourStart(Date().epochSeconds) - 4 * 3600)
            for segment in try await UsageSegment.query(on: app.db).all() { segment.startedAt = start; try await segment.save(on: app.db) }
            _ = try await BillingRun(db: app.db, currency: "USD", logger: app.logger).run(until: start.addingTimeInterval(3 * 3600))

            let aliceResponse = try await app.send(.GET, "/api/paas/billing", token: alice)
            #expect(aliceResponse.status == .ok, "\(aliceResponse.body.string)")
            let aliceSummary = try aliceResponse.json()
            let usage = try #require(aliceSummary["usage"] as? [[String: Any]])
            #expect(Set(usage.compactMap { $0["app_name"] as? String }) == [shop.name])
            #expect(usage.reduce(0) { $0 + ($1["amount"] as? Int ?? 0) } == 3000)
            #expect(aliceSummary["burn_rate_per_hour"] as? Int == 1000)
            #expect(aliceSummary["month_to_date"] as? Int ?? 0 <= 3000)
            let month = BillingClock.monthLabel(start.epochSeconds)
            let statement = try await app.send(.GET, "/api/paas/billing/statements/\(month)", token: bob).json()
            #expect((statement["apps"] as? [[String: Any]])?.map { $0["app_name"] as? String } == [blog.name])
            #expect(try await app.send(.GET, "/api/paas/billing/statements/2026-13", token: bob).status == .unprocessableEntity)
            #expect(try await app.send(.GET, "/api/paas/billing?days=0", token: bob).status == .unprocessableEntity)
            #expect(try await app.send(.GET, "/api/paas/billing").status == .unauthorized)

            let revenue = try await app.send(.GET, "/api/admin/paas/revenue?days=2", token: fixtures.admin).json()
            #expect(revenue["total"] as? Int == 6000)
            #expect((revenue["per_plan"] as? [[String: Any]])?.first?["amount"] as? Int == 6000)
            #expect((revenue["per_location"] as? [[String: Any]])?.first?["name"] as? String == "fixture")
            let metrics = try await app.send(.GET, "/api/admin/paas/metrics", token: fixtures.admin).json()
            #expect(metrics["burn_rate_per_hour"] as? Int == 2000)
            #expect(metrics["revenue_last_day"] as? Int == 6000)
            #expect(metrics["billing_next_hour"] is String)
        }
    }
}
