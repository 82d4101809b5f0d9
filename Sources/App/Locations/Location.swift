import Fluent
import Foundation

/// Where worker nodes live; a client's app runs only on nodes of its location.
final class Location: Model, @unchecked Sendable {
    static let schema = "paas_locations"

    @ID var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Field(key: "country") var country: String
    @OptionalField(key: "city") var city: String?
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
