import Fluent
import Vapor

struct WalletAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "wallet").grouped(RequireSignIn()).get(use: show)
    }

    struct TransactionDTO: Content {
        let id: String
        let kind: String
        let amount: Int64
        let balanceAfter: Int64
        let description: String
        let reference: String?
        let createdAt: Date?

        init(_ row: WalletTransaction) {
            id = row.id?.uuidString.lowercased() ?? ""
            kind = row.kind.rawValue
            amount = row.amount
            balanceAfter = row.balanceAfter
            description = row.description
            reference = row.reference
            createdAt = row.createdAt
        }
    }

    struct WalletDTO: Content {
        let balance: Int64
        let currency: String
        let lowBalanceThreshold: Int64
        let unit: String
        let transactions: [TransactionDTO]
    }

    @Sendable func show(req: Request) async throws -> WalletDTO {
        let principal = try req.requirePrincipal()
        let wallet = try await WalletQueries.wallet(of: principal.organizationID, on: req.db)
        let transactions = try await WalletQueries.transactions(of: principal.organizationID, limit: 100, on: req.db)
        return WalletDTO(balance: wallet.balance, currency: wallet.currency, lowBalanceThreshold: wallet.lowBalanceThreshold,
                         unit: "micro-units (1/1,000,000 of the currency)", transactions: transactions.map(TransactionDTO.init))
    }
}

enum WalletQueries {
    static func wallet(of organizationID: UUID, on db: any Database) async throws -> Wallet {
        guard let wallet = try await Wallet.query(on: db).filter(\.$organization.$id == organizationID).first() else {
            throw AppError.notFound("Wallet")
        }
        return wallet
    }

    static func transactions(of organizationID: UUID, limit: Int, on db: any Database) async throws -> [WalletTransaction] {
        try await WalletTransaction.query(on: db)
            .filter(\.$organizationID == organizationID)
            .sort(\.$createdAt, .descending)
            .limit(limit)
            .all()
    }
}
