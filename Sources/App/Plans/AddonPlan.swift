import Fluent
import Foundation

/// A tier for a managed database or cache. Prices are micro-units per addon-hour; `monthlyPrice`
/// caps a month's charge. A nil CPU or connection limit leaves the engine's own default.
final class AddonPlan: Model, @unchecked Sendable {
    static let schema = "paas_addon_plans"

    @ID var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @OptionalField(key: "description") var description: String?
    @OptionalField(key: "cpu_millis") var cpuMillis: Int64?
    @Field(key: "memory_mb") var memoryMB: Int64
    @Field(key: "storage_mb") var storageMB: Int64
    @OptionalField(key: "max_connections") var maxConnections: Int?
    @Field(key: "price_per_hour") var pricePerHour: Int64
    @OptionalField(key: "monthly_price") var monthlyPrice: Int64?
    @Field(key: "is_archived") var isArchived: Bool
    @OptionalField(key: "sort_order") var sortOrder: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
