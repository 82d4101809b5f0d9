import DockerEngine
import Fluent
import Foundation
import Vapor

/// Builds the whole application. The executable, the tests and every command go through here.
public func configure(_ app: Application, config: AppConfig = .fromEnvironment()) async throws {
    app.config = config
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)

    try DatabaseSetup.configure(app, config.database, schema: config.databaseSchema, poolPerLoop: config.databasePoolPerLoop)
    app.migrations.addPaaSMigrations()
    app.secretBox = try SecretBox.load(config: config)
    app.metrics = Metrics()
    app.loginRateLimiter = LoginRateLimiter()
    app.staticFiles = try StaticFiles.load()
    app.docker = try DockerClient(host: DockerHost(parsing: config.dockerHost))
    app.lifecycle.use(DockerClientLifecycle())
    app.swarmSnapshot = SwarmSnapshot()
    app.installLogs = InstallLogHub()
    app.builds = BuildServices()
    _ = JSONCoding.installed

    app.middleware = Middlewares()
    app.middleware.use(RequestMetricsMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(AppErrorMiddleware(environment: app.environment))
    app.middleware.use(PrincipalMiddleware())
    app.middleware.use(CSRFMiddleware())

    app.routes.defaultMaxBodySize = "1mb"
    try routes(app)

    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(AdminCreateCommand(), as: "admin:create")
    app.asyncCommands.use(BootstrapCommand(), as: "bootstrap")
    app.asyncCommands.use(BillingRunCommand(), as: "billing:run")

    let command = app.environment.arguments.dropFirst().first ?? "serve"
    if app.environment != .testing && (command == "serve" || command.hasPrefix("-")) {
        app.lifecycle.use(ServeStartup())
        app.lifecycle.use(PeriodicSync())
        app.lifecycle.use(BillingSchedule())
        app.lifecycle.use(DomainSchedule())
    }
}
