import Fluent
import Foundation
import PaaSCore
import Vapor

/// Admin use cases for locations, shared by the API and the pages.
struct LocationService {
    let req: Request

    struct Input: Content {
        var name: String?
        var slug: String?
        var country: String?
        var city: String?
        var active: Bool?
    }

    func create(_ input: Input) async throws -> Location {
        let location = Location()
        location.isActive = input.active ?? true
        try apply(input, to: location, existing: false)
        try await save(location)
        try await req.audit("location.create", target: ("location", location.id!.uuidString), details: location.slug)
        return location
    }

    func update(id: UUID, _ input: Input) async throws -> Location {
        let location = try await find(id)
        if let slug = input.slug, slug != location.slug, try await inUse(id) {
            throw AppError.conflict("location_in_use", "The slug labels nodes and places apps, so it cannot change while the location has nodes or apps.", field: "slug")
        }
        try apply(input, to: location, existing: true)
        if let active = input.active { location.isActive = active }
        try await save(location)
        try await req.audit("location.update", target: ("location", id.uuidString), details: location.slug)
        return location
    }

    /// A location with nodes or apps cannot go: deactivating it stops new apps choosing it instead.
    func delete(id: UUID) async throws {
        let location = try await find(id)
        if try await inUse(id) {
            throw AppError.conflict("location_in_use", "\(location.name) still has nodes or apps. Deactivate it so new apps cannot choose it, or move them first.")
        }
        // Records of removed nodes are history only; they go with their location.
        try await req.db.transaction { tx in
            try await WorkerNode.query(on: tx).filter(\.$location.$id == id).filter(\.$status == NodeStatus.removed).delete()
            try await location.delete(on: tx)
        }
        try await req.audit("location.delete", target: ("location", id.uuidString), details: location.slug)
    }

    func find(_ id: UUID) async throws -> Location {
        guard let location = try await Location.find(id, on: req.db) else { throw AppError.notFound("Location") }
        return location
    }

    private func inUse(_ id: UUID) async throws -> Bool {
        let nodes = try await WorkerNode.query(on: req.db).filter(\.$location.$id == id).filter(\.$status != NodeStatus.removed).count()
        let apps = try await TenantApp.query(on: req.db).filter(\.$location.$id == id).count()
        return nodes + apps > 0
    }

    private func apply(_ input: Input, to location: Location, existing: Bool) throws {
        do {
            let terms = try LocationTerms.validate(
                name: input.name ?? (existing ? location.name : ""),
                slug: input.slug ?? (existing ? location.slug : nil),
                country: input.country ?? (existing ? location.country : ""),
                city: input.city ?? (existing ? location.city : nil))
            location.name = terms.name
            location.slug = terms.slug
            location.country = terms.country
            location.city = terms.city
        } catch {
            throw AppError.invalid(error.field, error.message)
        }
    }

    private func save(_ location: Location) async throws {
        let clash = try await Location.query(on: req.db).filter(\.$slug == location.slug).all().contains { $0.id != location.id }
        let taken = AppError.conflict("location_slug_taken", "A location with the slug \"\(location.slug)\" already exists.", field: "slug")
        if clash { throw taken }
        do {
            try await location.save(on: req.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw taken
        }
    }
}
