import Fluent
import Foundation

enum DomainQueries {
    /// The API shape of domains, with the records each still needs: one query for the apps'
    /// default hostnames and one lookup per location, however many domains there are.
    static func dtos(_ domains: [Domain], on db: any Database) async throws -> [DomainDTO] {
        let appIDs = Array(Set(domains.map { $0.$app.id }))
        guard !appIDs.isEmpty else { return [] }
        let defaults = try await Domain.query(on: db).filter(\.$app.$id ~~ appIDs).filter(\.$isDefault == true).all()
        let defaultHost = Dictionary(defaults.map { ($0.$app.id, $0.hostname) }, uniquingKeysWith: { a, _ in a })
        let apps = try await TenantApp.query(on: db).filter(\.$id ~~ appIDs).with(\.$location).all()
        var addresses: [UUID: [String]] = [:]
        for location in Set(apps.map { $0.$location.id }) {
            if let value = apps.first(where: { $0.$location.id == location })?.location {
                addresses[location] = try await LocationIngress.of(value, on: db).addresses
            }
        }
        let appLocation = Dictionary(apps.map { ($0.id!, $0.$location.id) }, uniquingKeysWith: { a, _ in a })
        return domains.map { domain in
            DomainDTO(domain, defaultHostname: defaultHost[domain.$app.id],
                      ingressAddresses: appLocation[domain.$app.id].flatMap { addresses[$0] } ?? [])
        }
    }

}
