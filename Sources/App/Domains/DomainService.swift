import Fluent
import Foundation
import PaaSCore
import Vapor

/// An organization's custom domains. Every query is scoped by the principal's organization; a
/// hostname belongs to one app platform-wide, and an unproven claim holds it only until it lapses.
struct DomainService {
    let req: Request

    /// Enough for any real app, and a bound on what one account can make the platform check.
    static let maxPerApp = 100

    struct AddInput: Content {
        var appId: String
        var hostname: String
    }

    func list(appID: UUID? = nil) async throws -> [Domain] {
        let organizationID = try req.requirePrincipal().organizationID
        var query = Domain.query(on: req.db).filter(\.$organizationID == organizationID)
        if let appID { query = query.filter(\.$app.$id == appID) }
        return try await query.with(\.$app).sort(\.$isDefault, .descending).sort(\.$hostname).all()
    }

    func find(_ id: UUID) async throws -> Domain {
        let organizationID = try req.requirePrincipal().organizationID
        guard let domain = try await Domain.query(on: req.db).filter(\.$id == id)
            .filter(\.$organizationID == organizationID).with(\.$app).first() else {
            throw AppError.notFound("Domain")
        }
        return domain
    }

    func add(_ input: AddInput) async throws -> Domain {
        guard let appID = UUID(uuidString: input.appId) else { throw AppError.invalid("app_id", "Choose one of your apps.") }
        let app = try await AppService(req: req).find(appID)
        let settings = try await PlatformSettings.load(on: req.db, config: req.application.config)
        let reserved = try await DefaultDomain.reservedSuffixes(settings: settings, on: req.db)
        let hostname: String
        do { hostname = try DomainName.validate(input.hostname, platformSuffixes: reserved) } catch { throw AppError.invalid(error.field, error.message) }
        if try await Domain.query(on: req.db).filter(\.$app.$id == appID).filter(\.$isDefault == false).count() >= Self.maxPerApp {
            throw AppError.conflict("domain_limit", "An app can have at most \(Self.maxPerApp) custom domains; remove one first.", field: "hostname")
        }
        let now = Date()
        let domain = Domain()
        domain.organizationID = app.organizationID
        domain.$app.id = appID
        domain.hostname = hostname
        domain.isDefault = false
        domain.status = DomainStatus.pendingDNS.rawValue
        domain.verificationToken = "paas-verify=" + SecureToken.random(bytes: 24)
        domain.claimExpiresAt = now.addingTimeInterval(DomainLifecycle.claimLifetime)
        domain.certStatus = CertificateStatus.none.rawValue
        do {
            try await req.db.transaction { tx in
                if let existing = try await Domain.query(on: tx).filter(\.$hostname == hostname).with(\.$app).first() {
                    try Self.refuse(existing, for: app, hostname: hostname, now: now)
                    // Nobody proved this claim in time: it gives way to the new one.
                    try await existing.delete(on: tx)
                }
                try await domain.create(on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict("domain_taken", "\(hostname) was just added by someone else.", field: "hostname")
        }
        domain.$app.value = app
        try await req.audit("domain.add", target: ("domain", domain.id!.uuidString), details: "\(hostname) → \(app.name)")
        return domain
    }

    /// Why an existing row keeps the hostname from `app`, unless it is a claim that lapsed.
    private static func refuse(_ existing: Domain, for app: TenantApp, hostname: String, now: Date) throws {
        if existing.organizationID == app.organizationID {
            let message = existing.$app.id == app.id
                ? "\(hostname) is already on this app."
                : "\(hostname) is already on your app \(existing.app.name); remove it there first."
            throw AppError.conflict("domain_exists", message, field: "hostname")
        }
        guard existing.claimLapsed(at: now) else {
            let message = existing.verifiedAt == nil && !existing.isDefault
                ? "\(hostname) is claimed by another account and waiting for its DNS proof. An unproven claim lapses within 72 hours; if the domain is yours, try again then or contact support."
                : "\(hostname) belongs to an app of another account. If the domain is yours, contact support."
            throw AppError.conflict("domain_taken", message, field: "hostname")
        }
    }

    func remove(_ id: UUID) async throws {
        let domain = try await find(id)
        guard !domain.isDefault else {
            throw AppError.conflict("default_domain", "The default hostname comes with the app and cannot be removed.")
        }
        try await domain.delete(on: req.db)
        try await req.audit("domain.remove", target: ("domain", id.uuidString), details: domain.hostname)
    }

    /// Checks DNS and the certificate now; a certificate that failed is asked for again.
    func verify(_ id: UUID) async throws -> Domain {
        let domain = try await find(id)
        try await DomainChecker.make(req.application).check(domain, retry: true)
        try await req.audit("domain.verify", target: ("domain", id.uuidString), details: "\(domain.hostname): \(domain.status)")
        return domain
    }
}
