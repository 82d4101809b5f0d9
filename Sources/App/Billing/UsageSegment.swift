import Fluent
import Foundation
import PaaSCore

/// A span during which one process type of an app ran a fixed number of containers at a fixed
/// price. Written by `UsageMeter` whenever what runs changes; read by the hourly billing run.
final class UsageSegment: Model, @unchecked Sendable {
    static let schema = "paas_usage_segments"
    static let appProcess = "app_process"

    @ID var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "application_id") var applicationID: UUID?
    @Field(key: "resource_type") var resourceType: String
    @Field(key: "resource_id") var resourceID: UUID
    @OptionalField(key: "process_type") var processType: String?
    @Field(key: "quantity") var quantity: Int
    @OptionalField(key: "plan_id") var planID: UUID?
    @OptionalField(key: "location_id") var locationID: UUID?
    @Field(key: "price_per_hour") var pricePerHour: Int64
    @OptionalField(key: "monthly_cap") var monthlyCap: Int64?
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
