import Fluent
import Foundation
import PaaSCore
import Testing
import Vapor
@testable import App

/// `paas billing:run` as the operator runs it: a separate process on the same database, killed
/// with SIGKILL mid-run, or started twice at once.
@Suite("Billing run as a process", .serialized)
struct BillingProcessTests {
    static let hours = 48

    /// `swift test` runs `.build/<triple>/debug/paasPackageTests.xctest`; `paas` is built beside it.
    static func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["PAAS_BIN"] { return path }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("paas").path
        guard FileManager.default.isExecutableFile(atPath: beside) else { throw TestSetupError("no paas executable at \(beside): run swift build first or set PAAS_BIN") }
        return beside
    }

    static func start(_ app: Application, until: Date, log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = ["billing:run", "--until", ISO8601DateFormatter().string(from: until)]
        var environment = ["PATH": "/usr/bin:/bin", "PAAS_DATA_DIR": app.config.dataDirectory, "DOCKER_HOST": "tcp://127.0.0.1:1", "LOG_LEVEL": "warning"]
        if case .postgres(let url) = app.config.database {
            environment["DATABASE_URL"] = url
            environment["PAAS_DATABASE_SCHEMA"] = app.config.databaseSchema
        }
        process.environment = environment
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    static func finish(_ process: Process) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    static func dataset(_ app: Application) async throws -> (BillingDataset, Date) {
        let start = Date(epoch: BillingClock.hourStart(Date().epochSeconds) - Int64(hours + 1) * 3600)
        let fixtures = try await AppFixtures.make(app)
        let data = try await BillingDataset.generate(app, planID: UUID(uuidString: fixtures.planID)!, locationID: UUID(uuidString: fixtures.locationID)!,
                                                     organizations: 100, appsPerOrganization: 5, start: start)
        return (data, start.addingTimeInterval(TimeInterval(hours * 3600)))
    }

    @Test("kill -9 in the middle of a run, then a rerun: every resource-hour is charged exactly once")
    func killedMidRun() async throws {
        try await TestApp.withApp(sqliteFile: true) { app in
            let (data, until) = try await Self.dataset(app)
            let log = app.config.dataDirectory + "/billing-killed.log"
            let process = try Self.start(app, until: until, log: log)
            let total = data.apps.count * Self.hours
            var charged = 0
            let deadline = Date().addingTimeInterval(120)
            while charged == 0, process.isRunning, Date() < deadline {
                try await Task.sleep(for: .milliseconds(10))
                charged = try await app.db.count("SELECT COUNT(*) AS n FROM paas_billing_records")
            }
            kill(process.processIdentifier, SIGKILL)
            await Self.finish(process)
            #expect(process.terminationReason == .uncaughtSignal, "the run finished before it could be killed: \(String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self))")
            let afterKill = try await app.db.count("SELECT COUNT(*) AS n FROM paas_billing_records")
            #expect(afterKill > 0 && afterKill < total, "killed mid-run: \(afterKill) of \(total) records")
            #expect(afterKill % data.apps.count == 0, "an hour is all or nothing: \(afterKill) records")
            #expect(try await app.db.walletsOutOfBalance() == 0)

            let rerun = try Self.start(app, until: until, log: app.config.dataDirectory + "/billing-rerun.log")
            await Self.finish(rerun)
            #expect(rerun.terminationStatus == 0)
            try await BillingRunTests.expectExactlyOnce(app, data, hours: Self.hours)
        }
    }

    @Test("Two runs started at once charge every resource-hour exactly once")
    func concurrentProcesses() async throws {
        try await TestApp.withApp(sqliteFile: true) { app in
            let (data, until) = try await Self.dataset(app)
            let first = try Self.start(app, until: until, log: app.config.dataDirectory + "/billing-a.log")
            let second = try Self.start(app, until: until, log: app.config.dataDirectory + "/billing-b.log")
            await Self.finish(first)
            await Self.finish(second)
            // SQLite lets one writer through; the other may stop with "database is locked" and
            // charge nothing. PostgreSQL queues it on the advisory lock. Neither charges twice.
            #expect(first.terminationStatus == 0 || second.terminationStatus == 0)
            let third = try Self.start(app, until: until, log: app.config.dataDirectory + "/billing-c.log")
            await Self.finish(third)
            #expect(third.terminationStatus == 0)
            try await BillingRunTests.expectExactlyOnce(app, data, hours: Self.hours)
        }
    }
}
