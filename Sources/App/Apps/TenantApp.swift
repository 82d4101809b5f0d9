import Fluent
import Foundation
import PaaSCore

/// A client's application. Named so it is never confused with Vapor's `Application` or this module.
final class TenantApp: Model, @unchecked Sendable {
    static let schema = "paas_applications"

    @ID var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "name") var name: String
    @Parent(key: "plan_id") var plan: Plan
    @Parent(key: "location_id") var location: Location
    @Field(key: "status") var status: String
    @Field(key: "deploy_branch") var deployBranch: String
    @OptionalField(key: "buildpacks") var buildpacks: String?
    @OptionalField(key: "health_check_path") var healthCheckPath: String?
    @OptionalField(key: "current_release_id") var currentReleaseID: UUID?
    @Field(key: "formation") var formation: String
    @OptionalField(key: "suspended_at") var suspendedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The Swarm service that runs one process type of this app.
    func serviceName(_ processType: String) -> String {
        PlatformNames.service(organizationID: organizationID.uuidString.lowercased(), appName: name, processType: processType)
    }

    /// A suspended app keeps its formation but runs nothing until its wallet is topped up.
    func suspendedQuantity(_ quantity: Int) -> Int { suspendedAt == nil ? quantity : 0 }
}

enum TenantAppQueries {
    static func forOrganization(_ organizationID: UUID, on db: any Database) async throws -> [TenantApp] {
        try await TenantApp.query(on: db)
            .filter(\.$organizationID == organizationID)
            .with(\.$plan).with(\.$location)
            .sort(\.$name)
            .all()
    }

    static func all(on db: any Database) async throws -> [TenantApp] {
        try await TenantApp.query(on: db).with(\.$plan).with(\.$location).sort(\.$createdAt, .descending).all()
    }
}
