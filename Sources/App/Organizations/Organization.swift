import Fluent
import Foundation

final class Organization: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }
}
