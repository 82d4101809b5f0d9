import Fluent
import Foundation

/// A resource tier. Prices are micro-units per container-hour; `monthlyPrice` caps a package plan.
final class Plan: Model, @unchecked Sendable {
    static let schema = "paas_plans"

    @ID var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "cpu_millis") var cpuMillis: Int64
    @Field(key: "memory_mb") var memoryMB: Int64
    @Field(key: "storage_mb") var storageMB: Int64
    @Field(key: "max_containers") var maxContainers: Int
    @Field(key: "price_per_hour") var pricePerHour: Int64
    @OptionalField(key: "monthly_price") var monthlyPrice: Int64?
    @Field(key: "autoscaling_allowed") var autoscalingAllowed: Bool
    @Field(key: "log_retention_days") var logRetentionDays: Int
    @Field(key: "is_archived") var isArchived: Bool
    @Field(key: "sort_order") var sortOrder: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
