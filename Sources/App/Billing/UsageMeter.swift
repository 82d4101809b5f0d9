import Fluent
import Foundation
import PaaSCore

/// Keeps an app's open usage segments equal to what Swarm was told to run: called after every
/// change that alters it (deploy, scale, plan change, suspend, resume, delete) and by the reconcile
/// pass, which repairs a change that crashed between Docker and the database. Idempotent.
enum UsageMeter {
    /// One process type running at one quantity and price.
    struct Running: Hashable {
        var processType: String
        var quantity: Int
        var planID: UUID
        var pricePerHour: Int64
        var monthlyCap: Int64?
        var locationID: UUID
    }

    /// What the app runs now: nothing before its first release or while suspended.
    static func running(_ app: TenantApp, on db: any Database) async throws -> Set<Running> {
        guard app.suspendedAt == nil, let releaseID = app.currentReleaseID, let release = try await Release.find(releaseID, on: db) else { return [] }
        let plan = try await app.$plan.get(on: db)
        let formation = Formation(json: app.formation)
        var running = Set<Running>()
        for processType in AppDeployer.processCommands(release.processTypes).keys where formation.quantity(processType) > 0 {
            running.insert(Running(processType: processType, quantity: formation.quantity(processType), planID: try plan.requireID(),
                                   pricePerHour: plan.pricePerHour, monthlyCap: plan.monthlyPrice, locationID: app.$location.id))
        }
        return running
    }

    static func sync(_ app: TenantApp, on db: any Database, at now: Date = Date()) async throws {
        let wanted = try await running(app, on: db)
        try await record(wanted, appID: try app.requireID(), organizationID: app.organizationID, on: db, at: now)
    }

    /// Ends every open segment of an app that is gone.
    static func close(appID: UUID, organizationID: UUID, on db: any Database, at now: Date = Date()) async throws {
        try await record([], appID: appID, organizationID: organizationID, on: db, at: now)
    }

    private static func record(_ wanted: Set<Running>, appID: UUID, organizationID: UUID, on db: any Database, at now: Date) async throws {
        try await db.transaction { tx in
            let open = try await UsageSegment.query(on: tx)
                .filter(\.$resourceType == UsageSegment.appProcess).filter(\.$resourceID == appID).filter(\.$endedAt == nil)
                .all()
            var missing = wanted
            for segment in open {
                // One open segment per running line is kept; anything else has stopped (or is a duplicate).
                if let line = running(of: segment), missing.remove(line) != nil { continue }
                segment.endedAt = now
                try await segment.save(on: tx)
            }
            for line in missing {
                let segment = UsageSegment()
                segment.organizationID = organizationID
                segment.applicationID = appID
                segment.resourceType = UsageSegment.appProcess
                segment.resourceID = appID
                segment.processType = line.processType
                segment.quantity = line.quantity
                segment.planID = line.planID
                segment.locationID = line.locationID
                segment.pricePerHour = line.pricePerHour
                segment.monthlyCap = line.monthlyCap
                segment.startedAt = now
                try await segment.create(on: tx)
            }
        }
    }

    private static func running(of segment: UsageSegment) -> Running? {
        guard let processType = segment.processType, let planID = segment.planID, let locationID = segment.locationID else { return nil }
        return Running(processType: processType, quantity: segment.quantity, planID: planID, pricePerHour: segment.pricePerHour,
                       monthlyCap: segment.monthlyCap, locationID: locationID)
    }
}
