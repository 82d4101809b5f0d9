import Foundation
import Vapor

/// Everything `paas` reads from its environment, resolved once at start-up.
public struct AppConfig: Sendable {
    public enum DatabaseKind: Sendable, Equatable {
        case sqlite(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    public var host: String
    public var port: Int
    public var dataDirectory: String
    public var database: DatabaseKind
    public var dockerHost: String
    public var publicURL: String
    /// `publicURL` without a trailing slash, for the URLs nodes and Traefik are given.
    public var publicBaseURL: String { publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
    public var currency: String
    public var adminEmail: String?
    public var adminPassword: String?
    public var secretKey: String?
    /// Pending migrations run on `serve` for the embedded SQLite default; PostgreSQL is migrated by
    /// the operator with `paas migrate` unless this is set, so schema changes stay a deliberate step.
    public var autoMigrate: Bool
    public var secureCookies: Bool
    /// 12 in production; tests lower it because every sign-up hashes a password.
    public var bcryptCost: Int
    /// A PostgreSQL schema to use instead of `public`: lets one database hold several
    /// installations, and gives every test its own.
    public var databaseSchema: String?
    /// PostgreSQL connections per event loop (`PAAS_DB_POOL`).
    public var databasePoolPerLoop: Int
    /// The DNS server custom-domain checks ask (`PAAS_DNS_RESOLVER`, `ip[:port]`); nil means the
    /// first nameserver of /etc/resolv.conf.
    public var dnsResolver: String? = nil
    /// Where workers reach the Swarm manager (`PAAS_SWARM_MANAGER_ADDR`, `ip:2377`); defaults to
    /// the address the manager advertises.
    public var swarmManagerAddr: String? = nil
    /// Extra environment for install scripts the control plane runs over SSH
    /// (`PAAS_NODE_INSTALL_MODE=check`, `PAAS_NODE_INSTALL_ROOT`): the test mode of the script.
    public var nodeInstallEnvironment: [String: String] = [:]
    /// Builds, git pushes and the platform registry (`PAAS_BUILD_*`, `PAAS_GIT_*`, `PAAS_REGISTRY`).
    public var builds = BuildSettings()

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AppConfig {
        func value(_ key: String) -> String? {
            guard let v = env[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        let host = value("HOST") ?? "127.0.0.1"
        let port = value("PORT").flatMap(Int.init) ?? 8080
        let dataDir = value("PAAS_DATA_DIR") ?? "./data"
        let database: DatabaseKind
        if let url = value("DATABASE_URL"), url.hasPrefix("postgres") {
            database = .postgres(url: url)
        } else if value("DATABASE_URL") == "sqlite::memory:" {
            database = .sqliteMemory
        } else {
            database = .sqlite(path: (dataDir as NSString).appendingPathComponent("paas.sqlite"))
        }
        let isEmbedded: Bool
        if case .postgres = database { isEmbedded = false } else { isEmbedded = true }
        var config = AppConfig(
            host: host,
            port: port,
            dataDirectory: dataDir,
            database: database,
            dockerHost: value("DOCKER_HOST") ?? "unix:///var/run/docker.sock",
            publicURL: value("PAAS_PUBLIC_URL") ?? "http://\(host):\(port)",
            currency: (value("PAAS_CURRENCY") ?? "USD").uppercased(),
            adminEmail: value("PAAS_ADMIN_EMAIL"),
            adminPassword: value("PAAS_ADMIN_PASSWORD"),
            secretKey: value("PAAS_SECRET_KEY"),
            autoMigrate: value("PAAS_AUTO_MIGRATE").map { ["1", "true", "yes"].contains($0.lowercased()) } ?? isEmbedded,
            secureCookies: value("PAAS_PUBLIC_URL")?.hasPrefix("https://") ?? false,
            bcryptCost: value("PAAS_BCRYPT_COST").flatMap(Int.init).map { min(max($0, 4), 31) } ?? 12,
            databaseSchema: value("PAAS_DATABASE_SCHEMA"),
            databasePoolPerLoop: value("PAAS_DB_POOL").flatMap(Int.init).map { min(max($0, 1), 64) } ?? 4
        )
        config.dnsResolver = value("PAAS_DNS_RESOLVER")
        config.swarmManagerAddr = value("PAAS_SWARM_MANAGER_ADDR")
        if let mode = value("PAAS_NODE_INSTALL_MODE") { config.nodeInstallEnvironment["PAAS_INSTALL_MODE"] = mode }
        if let root = value("PAAS_NODE_INSTALL_ROOT") { config.nodeInstallEnvironment["PAAS_NODE_ROOT"] = root }
        config.builds = BuildSettings(value)
        return config
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    public var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("AppConfig not set; call configure(_:) first") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }
}
