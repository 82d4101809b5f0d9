import Vapor

func routes(_ app: Application) throws {
    app.staticFiles.register(on: app.routes)
    try app.register(collection: HealthController())
    try app.register(collection: IngressController())
    // API
    try app.register(collection: AuthAPIController())
    try app.register(collection: TokenAPIController())
    try app.register(collection: ActivityAPIController())
    try app.register(collection: WalletAPIController())
    try app.register(collection: CatalogAPIController())
    try app.register(collection: AppsAPIController())
    try app.register(collection: GitHTTPController())
    try app.register(collection: BuildHookController())
    try app.register(collection: AdminAPIController())
    try app.register(collection: AdminPlansAPIController())
    try app.register(collection: AdminAddonPlansAPIController())
    try app.register(collection: AdminLocationsAPIController())
    try app.register(collection: BillingAPIController())
    try app.register(collection: AdminWalletsAPIController())
    try app.register(collection: AdminRevenueAPIController())
    try app.register(collection: DomainsAPIController())
    try app.register(collection: WebhooksAPIController())
    try app.register(collection: WebhookDeliveryController())
    try app.register(collection: AdminSettingsAPIController())
    try app.register(collection: AdminNodesAPIController())
    try app.register(collection: NodeInstallController())
    // Pages
    try app.register(collection: AuthPagesController())
    try app.register(collection: AppsPagesController())
    try app.register(collection: DeploymentPagesController())
    try app.register(collection: BillingPagesController())
    try app.register(collection: AccountPagesController())
    try app.register(collection: AdminPagesController())
    try app.register(collection: AdminPlansPagesController())
    try app.register(collection: AdminAddonPlansPagesController())
    try app.register(collection: AdminLocationsPagesController())
    try app.register(collection: AdminWalletsPagesController())
    try app.register(collection: DomainsPagesController())
    try app.register(collection: WebhooksPagesController())
    try app.register(collection: AdminSettingsPagesController())
    try app.register(collection: AdminNodesPagesController())
}

extension Application {
    private struct StaticFilesKey: StorageKey { typealias Value = StaticFiles }

    var staticFiles: StaticFiles {
        get {
            guard let files = storage[StaticFilesKey.self] else { fatalError("StaticFiles not loaded") }
            return files
        }
        set { storage[StaticFilesKey.self] = newValue }
    }
}
