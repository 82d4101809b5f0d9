import Fluent
import Vapor

struct LocationDTO: Content {
    let id: String
    let name: String
    let slug: String
    let country: String
    let city: String?
    let active: Bool

    init(_ location: Location) {
        id = location.id?.uuidString.lowercased() ?? ""
        name = location.name
        slug = location.slug
        country = location.country
        city = location.city
        active = location.isActive
    }
}

enum LocationQueries {
    static func active(on db: any Database) async throws -> [Location] {
        try await Location.query(on: db).filter(\.$isActive == true).sort(\.$name).all()
    }

    /// What clients may choose: active locations with at least one ready node to place apps on.
    static func offered(on db: any Database) async throws -> [Location] {
        let ready = Set(try await WorkerNode.query(on: db).filter(\.$status == NodeStatus.ready).all().map { $0.$location.id })
        return try await active(on: db).filter { ready.contains($0.id!) }
    }

    static func all(on db: any Database) async throws -> [Location] {
        try await Location.query(on: db).sort(\.$name).all()
    }
}
