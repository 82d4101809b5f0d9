import Fluent
import Foundation
import PaaSCore
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Hourly billing run")
struct BillingRunTests {
    /// Six closed hours ago, on the hour.
    /// Six hours before the last hour a run without `until` charges: measured from now minus the
    /// grace, so a test in the first minutes of an hour expects the same hours the run charges.
    static var start: Date { Date(epoch: BillingClock.hourStart(Date().addingTimeInterval(-BillingRun.grace).epochSeconds) - 6 * 3600) }

    static func dataset(_ app: Application, organizations: Int = 3, apps: Int = 2, start: Date = start, funds: Int64 = 1_000_000_000, threshold: Int64 = 1_000_000) async throws -> BillingDataset {
        let fixtures = try await AppFixtures.make(app)
        return try await BillingDataset.generate(app, planID: UUID(uuidString: fixtures.planID)!, locationID: UUID(uuidString: fixtures.locationID)!,
                                                 organizations: organizations, appsPerOrganization: apps, start: start, funds: funds, lowBalanceThreshold: threshold)
    }

    static func run(_ app: Application, until: Date) async throws -> BillingRun.Report {
        try await BillingRun(db: app.db, currency: "USD", logger: app.logger).run(until: until)
    }

    static func expectExactlyOnce(_ app: Application, _ data: BillingDataset, hours: Int) async throws {
        #expect(try await app.db.count("SELECT COUNT(*) AS n FROM paas_billing_records") == data.apps.count * hours)
        #expect(try await app.db.count("SELECT COUNT(*) AS n FROM wallet_transactions WHERE kind = 'debit'") == data.organizations.count * hours)
        #expect(try await app.db.walletsOutOfBalance() == 0, "every balance equals the sum of its transactions")
        #expect(try await app.db.debitsNotMatchingItems() == 0, "every debit equals the sum of its items")
        for organization in data.organizations {
            let wallet = try await WalletQueries.wallet(of: organization, on: app.db)
            #expect(wallet.balance == data.funds - Int64(hours) * data.hourlyCost[organization]!)
        }
    }

    @Test("Running twice for the same hours charges each resource-hour once")
    func twice() async throws {
        try await TestApp.withApp { app in
            let data = try await Self.dataset(app)
            let until = Self.start.addingTimeInterval(5 * 3600)
            let first = try await Self.run(app, until: until)
            #expect(first.hours == 5 && first.records == data.apps.count * 5 && first.debits == data.organizations.count * 5)
            let second = try await Self.run(app, until: until)
            #expect(second.records == 0 && second.debits == 0 && second.amount == 0)
            try await Self.expectExactlyOnce(app, data, hours: 5)
            // Each record is one app's full hour: 2 containers × 3600 s at 1,000 micro-units an hour.
            let record = try #require(try await BillingRecord.query(on: app.db).first())
            #expect(record.seconds == 7200 && record.amount == 2000)
            #expect(record.planID != nil && record.locationID != nil)
            #expect(record.description.hasPrefix("a-") && record.description.contains("web 120 container-min"))
            let lines = try #require(try JSONSerialization.jsonObject(with: Data((record.lines ?? "").utf8)) as? [[String: Any]])
            #expect(lines.count == 1 && lines[0]["process_type"] as? String == "web" && lines[0]["container_seconds"] as? Int == 7200)
            #expect(lines[0]["amount"] as? Int == 2000 && lines[0]["capped"] as? Bool == false && lines[0]["plan_id"] as? String == record.planID?.uuidString.lowercased())
        }
    }

    @Test("Two runs at the same time charge once")
    func concurrent() async throws {
        try await TestApp.withApp { app in
            let data = try await Self.dataset(app, organizations: 4, apps: 3)
            let until = Self.start.addingTimeInterval(6 * 3600)
            async let a = Self.run(app, until: until)
            async let b = Self.run(app, until: until)
            let (ra, rb) = try await (a, b)
            #expect(ra.records + rb.records == data.apps.count * 6)
            try await Self.expectExactlyOnce(app, data, hours: 6)
        }
    }

    @Test("Hours missed while the control plane was down are caught up, and only closed hours are charged")
    func catchUp() async throws {
        try await TestApp.withApp { app in
            let data = try await Self.dataset(app, organizations: 2, apps: 1)
            _ = try await Self.run(app, until: Self.start.addingTimeInterval(2 * 3600 + 1800))
            try await Self.expectExactlyOnce(app, data, hours: 2)
            // Down for a while; the default `until` stops before the hour that is still open.
            let report = try await BillingRun(db: app.db, currency: "USD", logger: app.logger).run()
            #expect(report.hours == 4)
            try await Self.expectExactlyOnce(app, data, hours: 6)
            #expect(try await PlatformSetting.get(BillingRun.cursorKey, on: app.db) == String(Self.start.epochSeconds + 6 * 3600))
        }
    }

    @Test("A charge that empties a wallet suspends the organization's apps and records an alert; a credit resumes them")
    func suspendAndResume() async throws {
        try await TestApp.withApp { app in
            // 9,000 micro-units: one hour of 3 apps costs 6,000, so the first hour crosses the 5,000 alert and the second empties the wallet.
            let data = try await Self.dataset(app, organizations: 1, apps: 3, funds: 9_000, threshold: 5_000)
            let organization = data.organizations[0]
            let alerts = RecordingNotifier()
            app.balanceNotifier = alerts
            let result = try await BillingJob(application: app).run(until: Self.start.addingTimeInterval(2 * 3600))
            #expect(result.report.exhausted == [organization])
            #expect(result.changes[organization.uuidString.lowercased()]?.suspended.count == 3)
            #expect(try await WalletQueries.wallet(of: organization, on: app.db).balance == -3_000)
            let apps = try await TenantApp.query(on: app.db).filter(\.$organizationID == organization).all()
            #expect(apps.allSatisfy { $0.suspendedAt != nil && $0.status == "suspended" })
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "wallet.low_balance").count() == 1)
            #expect(await alerts.calls == [RecordingNotifier.Call(organizationID: organization, balance: 3_000, threshold: 5_000)], "the panel hook hears it once")
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "app.suspend").count() == 3)

            let admin = try await app.makeAdminToken()
            let credit = try await app.send(.POST, "/api/admin/paas/wallets/\(organization.uuidString.lowercased())/credit", token: admin,
                                            json: #"{"amount": 10000, "reason": "Top-up by bank transfer"}"#)
            #expect(credit.status == .ok, "\(credit.body.string)")
            #expect(try credit.json()["balance"] as? Int == 7_000)
            #expect((try credit.json()["resumed"] as? [String])?.count == 3)
            #expect(try await TenantApp.query(on: app.db).filter(\.$organizationID == organization).filter(\.$suspendedAt != nil).count() == 0)
            #expect(try await app.db.walletsOutOfBalance() == 0)
        }
    }
}

actor RecordingNotifier: BalanceNotifier {
    struct Call: Equatable { var organizationID: UUID; var balance: Int64; var threshold: Int64 }
    var calls: [Call] = []

    func lowBalance(organizationID: UUID, balance: Int64, threshold: Int64) async {
        calls.append(Call(organizationID: organizationID, balance: balance, threshold: threshold))
    }
}
