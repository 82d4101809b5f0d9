import Fluent
import Foundation
import SQLKit
import Testing
@testable import App

@Suite("Migrations")
struct MigrationTests {
    /// Every table migration group 003 creates, in `Migrations003.all` order.
    static let paasTables = [
        "paas_locations", "paas_plans", "paas_worker_nodes", "paas_applications", "paas_environments",
        "paas_releases", "paas_deployments", "paas_containers", "paas_domains", "paas_addon_plans",
        "paas_addons", "paas_build_cache", "paas_metrics", "paas_logs", "paas_health_checks",
        "paas_git_repos", "paas_webhooks", "paas_autoscaling_rules", "paas_config_vars",
        "paas_usage_segments", "paas_billing_records", "paas_jobs", "paas_settings",
    ]

    static let groups: [(prefix: String, migrations: [any Migration])] = [
        ("001_", Migrations001.all),
        ("002_", Migrations002.all),
        ("003_", Migrations003.all),
        ("004_", Migrations004.all),
        ("005_", Migrations005.all),
        ("006_", Migrations006.all),
        ("007_", Migrations007.all),
        ("008_", Migrations008.all),
    ]

    @Test("Every PaaS table exists after migration")
    func everyPaaSTableExists() async throws {
        try await TestApp.withApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            for table in Self.paasTables {
                let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
                let count = try #require(row, "no row from \(table)").decode(column: "n", as: Int.self)
                #expect(count >= 0)
            }
        }
    }

    @Test("Group 003 has one migration per PaaS table")
    func group003CoversEveryTable() {
        let names = Migrations003.all.map(\.name)
        #expect(names == Self.paasTables.map { "003_create_\($0)" })
    }

    @Test("Every recorded migration name starts with its group number")
    func migrationNamesCarryTheirGroup() async throws {
        var groupOf: [String: String] = [:]
        for group in Self.groups {
            for migration in group.migrations {
                #expect(migration.name.hasPrefix(group.prefix), "\(migration.name) is listed in group \(group.prefix)")
                #expect(groupOf[migration.name] == nil, "\(migration.name) is listed twice")
                groupOf[migration.name] = group.prefix
            }
        }

        try await TestApp.withApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let recorded = try await sql.raw("SELECT name FROM _fluent_migrations").all()
                .map { try $0.decode(column: "name", as: String.self) }
            #expect(Set(recorded) == Set(groupOf.keys), "every listed migration ran, and nothing else")
            for name in recorded {
                let prefix = try #require(groupOf[name], "\(name) is in no group")
                #expect(name.hasPrefix(prefix), "\(name) should start with \(prefix)")
            }
        }
    }

    @Test("Revert drops every PaaS table, and migrating again works")
    func revertIsReal() async throws {
        try await TestApp.withApp { app in
            let sql = try #require(app.db as? any SQLDatabase)

            try await app.autoRevert()
            for table in Self.paasTables {
                await #expect(throws: (any Error).self, "\(table) should be gone after revert") {
                    try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").run()
                }
            }
            let left = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()
            #expect(try #require(left).decode(column: "n", as: Int.self) == 0)

            try await app.autoMigrate()
            for table in Self.paasTables {
                let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
                #expect(row != nil, "\(table) should exist again")
            }
        }
    }

    @Test("A resource-hour can be charged only once")
    func billingRecordsAreUniquePerResourceHour() async throws {
        try await TestApp.withApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let organizationID = UUID()
            try await sql.raw("""
                INSERT INTO organizations (id, name, slug) VALUES (\(bind: organizationID), 'Billing Test', \(bind: "billing-test-\(organizationID.uuidString.lowercased())"))
                """).run()

            let resourceID = UUID()
            let hour = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z
            func charge(hour: Date) async throws {
                try await sql.raw("""
                    INSERT INTO paas_billing_records (id, organization_id, resource_type, resource_id, hour_start, seconds, amount, description, created_at)
                    VALUES (\(bind: UUID()), \(bind: organizationID), 'app_process', \(bind: resourceID), \(bind: hour), 3600, 25000, 'web x1', \(bind: Date()))
                    """).run()
            }

            try await charge(hour: hour)
            await #expect(throws: (any Error).self, "the same resource-hour twice must be rejected") {
                try await charge(hour: hour)
            }
            // The next hour of the same resource is a different charge.
            try await charge(hour: hour.addingTimeInterval(3600))

            let row = try await sql.raw("SELECT COUNT(*) AS n FROM paas_billing_records WHERE resource_id = \(bind: resourceID)").first()
            #expect(try #require(row).decode(column: "n", as: Int.self) == 2)
        }
    }
}
