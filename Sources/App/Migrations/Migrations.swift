import Fluent

/// Numbered groups follow the client's panel: 001 and 002 are the panel's own schema, 003 onward is the PaaS.
enum Migrations001 {
    static let all: [any Migration] = [
        CreateUsers(), CreateOrganizations(), CreateOrganizationMembers(),
        CreateAPITokens(), CreateUserSessions(), CreateActivityLogs(),
    ]
}

enum Migrations002 {
    static let all: [any Migration] = [CreateWallets(), CreateWalletTransactions()]
}

extension Migrations {
    func addPaaSMigrations() {
        add(Migrations001.all)
        add(Migrations002.all)
        add(Migrations003.all)
        add(Migrations004.all)
        add(Migrations005.all)
        add(Migrations006.all)
        add(Migrations007.all)
        add(Migrations008.all)
    }
}
