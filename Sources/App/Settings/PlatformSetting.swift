import Fluent
import Foundation
import SQLKit

/// Platform-wide key/value settings (`paas_settings`): things an admin changes at run time, and
/// the few markers background jobs keep between runs.
enum PlatformSetting {
    static func get(_ key: String, on db: any Database) async throws -> String? {
        try await db.sql().raw("SELECT value FROM paas_settings WHERE \(ident: "key") = \(bind: key)").first()?.decode(column: "value", as: String.self)
    }

    /// Insert or replace in one statement, so two writers never collide on the unique key.
    static func set(_ key: String, to value: String, on db: any Database) async throws {
        try await db.sql().raw("""
            INSERT INTO paas_settings (id, \(ident: "key"), value, updated_at) VALUES (\(bind: UUID()), \(bind: key), \(bind: value), \(bind: Date()))
            ON CONFLICT (\(ident: "key")) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """).run()
    }

    static func remove(_ key: String, on db: any Database) async throws {
        try await db.sql().raw("DELETE FROM paas_settings WHERE \(ident: "key") = \(bind: key)").run()
    }
}

extension PlatformSetting {
    /// Every setting whose key starts with `prefix`, in one query.
    static func all(prefix: String, on db: any Database) async throws -> [String: String] {
        let rows = try await db.sql().raw("SELECT \(ident: "key"), value FROM paas_settings WHERE \(ident: "key") LIKE \(bind: prefix + "%")").all()
        var result: [String: String] = [:]
        for row in rows { result[try row.decode(column: "key", as: String.self)] = try row.decode(column: "value", as: String.self) }
        return result
    }
}
