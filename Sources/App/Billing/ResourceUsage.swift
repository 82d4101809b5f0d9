import Fluent
import Foundation
import PaaSCore
import SQLKit

/// The usage of one billable resource over a stretch of time, as the hourly run reads it. A class:
/// every hour of a run passes the same thousands of them around, and copies were a tenth of it.
/// Filled by `load` and only read afterwards, hence safe to share.
final class ResourceUsage: @unchecked Sendable {
    struct Key: Hashable {
        var type: String
        var id: UUID
    }

    let key: Key
    let organizationID: UUID
    let applicationID: UUID?
    let name: String
    var spans: [UsageSpan] = []
    /// Where each line ran and on which plan, for revenue per location and per plan.
    var locations: [UsageSpan.Line: UUID] = [:]
    var plans: [UsageSpan.Line: UUID] = [:]

    /// Every segment that overlaps `[from, to)`, grouped by resource. One query, so a run over
    /// thousands of apps costs a scan rather than a round trip per app.
    static func load(from: Int64, to: Int64, on db: any Database) async throws -> [ResourceUsage] {
        let rows = try await db.sql().raw("""
            SELECT s.organization_id, s.application_id, s.resource_type, s.resource_id, s.process_type, s.quantity, s.plan_id,
                   s.location_id, s.price_per_hour, s.monthly_cap, s.started_at, s.ended_at, a.name AS app_name
            FROM paas_usage_segments s LEFT JOIN paas_applications a ON a.id = s.application_id
            WHERE s.started_at < \(bind: Date(epoch: to)) AND (s.ended_at IS NULL OR s.ended_at > \(bind: Date(epoch: from)))
            """).all()
        var byKey: [Key: ResourceUsage] = [:]
        for row in rows {
            let key = Key(type: try row.decode(column: "resource_type", as: String.self), id: try row.decode(column: "resource_id", as: UUID.self))
            let plan = try row.decode(column: "plan_id", as: UUID?.self)
            let line = UsageSpan.Line(processType: try row.decode(column: "process_type", as: String?.self) ?? key.type,
                                      planID: plan?.uuidString.lowercased() ?? "",
                                      monthlyCap: try row.decode(column: "monthly_cap", as: Int64?.self))
            let span = UsageSpan(line: line, quantity: try row.decode(column: "quantity", as: Int.self),
                                 pricePerHour: try row.decode(column: "price_per_hour", as: Int64.self),
                                 start: try row.decode(column: "started_at", as: Date.self).epochSeconds,
                                 end: try row.decode(column: "ended_at", as: Date?.self)?.epochSeconds)
            if byKey[key] == nil {
                byKey[key] = ResourceUsage(key: key, organizationID: try row.decode(column: "organization_id", as: UUID.self),
                                           applicationID: try row.decode(column: "application_id", as: UUID?.self),
                                           name: try row.decode(column: "app_name", as: String?.self) ?? "deleted app")
            }
            let resource = byKey[key]!
            resource.spans.append(span)
            if let location = try row.decode(column: "location_id", as: UUID?.self) { resource.locations[line] = location }
            if let plan { resource.plans[line] = plan }
        }
        return Array(byKey.values)
    }

    init(key: Key, organizationID: UUID, applicationID: UUID?, name: String) {
        self.key = key
        self.organizationID = organizationID
        self.applicationID = applicationID
        self.name = name
    }

    func ran(inHour hour: Int64) -> Bool {
        spans.contains { $0.overlap(from: hour, to: hour + BillingClock.secondsPerHour) > 0 }
    }
}

extension Date {
    init(epoch seconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(seconds)) }

    /// Whole seconds, rounded down: billing never charges a fraction of a second that has not passed.
    var epochSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
}
