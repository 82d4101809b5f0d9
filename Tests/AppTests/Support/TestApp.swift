import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// A configured, migrated app on a database of its own: SQLite in memory, or a fresh schema in
/// the PostgreSQL at `PAAS_TEST_POSTGRES_URL` when `PAAS_TEST_DATABASE=postgres`.
enum TestApp {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    /// `Tests/fixtures`, found from this file so tests run from any directory.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures").path

    static var usesPostgres: Bool { environment["PAAS_TEST_DATABASE"] == "postgres" }

    static func config(sqliteFile: Bool = false) throws -> AppConfig {
        var config = AppConfig.fromEnvironment([:])
        config.dataDirectory = NSTemporaryDirectory() + "paas-test-" + UUID().uuidString.prefix(8)
        config.bcryptCost = 4
        // Many tests run at once, each with its own app: keep the server's connection count low.
        config.databasePoolPerLoop = 1
        config.adminEmail = nil
        config.adminPassword = nil
        // The platform registry scripts/test starts (scripts/lib/registry.sh); builds push there.
        config.builds.registry = environment["PAAS_TEST_REGISTRY"]
        config.builds.rolloutTimeoutSeconds = 100
        // Local images and the fixture buildpack: nothing can be pulled here (infra.md).
        let busybox = environment["PAAS_BUSYBOX_IMAGE"] ?? "paas-test/busybox:1"
        config.builds.stackImage = busybox
        config.builds.runImage = busybox
        config.builds.buildpacksDirectory = fixtures + "/buildpacks"
        config.builds.allowFileBuildpacks = true
        if usesPostgres {
            guard let url = environment["PAAS_TEST_POSTGRES_URL"] else {
                throw TestSetupError("PAAS_TEST_DATABASE=postgres needs PAAS_TEST_POSTGRES_URL")
            }
            config.database = .postgres(url: url)
            config.databaseSchema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        } else if sqliteFile {
            // For tests that start `paas` as a second process on the same database.
            config.database = .sqlite(path: (config.dataDirectory as NSString).appendingPathComponent("paas.sqlite"))
        } else {
            config.database = .sqliteMemory
        }
        return config
    }

    static func withApp(sqliteFile: Bool = false, _ test: (Application) async throws -> Void) async throws {
        let config = try config(sqliteFile: sqliteFile)
        if usesPostgres { await DatabaseSlots.postgres.acquire() }
        do {
            try await run(config, test)
        } catch {
            if usesPostgres { await DatabaseSlots.postgres.release() }
            // PSQLError's description hides the server's message; the reflection has it.
            if "\(error)".hasPrefix("PSQLError") { Issue.record("PostgreSQL: \(String(reflecting: error))") }
            throw error
        }
        if usesPostgres { await DatabaseSlots.postgres.release() }
    }

    private static func run(_ config: AppConfig, _ test: (Application) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try await configure(app, config: config)
            if let schema = config.databaseSchema, let sql = app.db as? any SQLDatabase {
                try await sql.raw("CREATE SCHEMA \(ident: schema)").run()
            }
            try await app.autoMigrate()
            try await test(app)
            if let schema = config.databaseSchema, let sql = app.db as? any SQLDatabase {
                try await sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
            }
        } catch {
            try? await app.asyncShutdown()
            try? FileManager.default.removeItem(atPath: config.dataDirectory)
            throw error
        }
        try await app.asyncShutdown()
        try? FileManager.default.removeItem(atPath: config.dataDirectory)
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
