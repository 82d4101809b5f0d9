import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

enum DatabaseSetup {
    static func configure(_ app: Application, _ kind: AppConfig.DatabaseKind, schema: String? = nil, poolPerLoop: Int = 4) throws {
        switch kind {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            app.databases.use(.sqlite(.file(path)), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory), as: .sqlite)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = schema.map { [$0] }
            app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: poolPerLoop), as: .psql)
        }
    }
}
