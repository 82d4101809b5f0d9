import Fluent
import Foundation
import Vapor

/// Where a low-balance alert goes besides the activity log and the banner: the hosting panel
/// sends its own e-mail, so the platform hands the event to it.
protocol BalanceNotifier: Sendable {
    func lowBalance(organizationID: UUID, balance: Int64, threshold: Int64) async
}

/// The default: a log line, and when `PAAS_BILLING_WEBHOOK_URL` is set, a JSON POST the panel
/// turns into an e-mail. A failing webhook is logged, never retried into a second alert.
struct PanelBalanceNotifier: BalanceNotifier {
    let client: any Client
    let webhook: URI?
    let logger: Logger

    struct Event: Content {
        var event = "wallet.low_balance"
        var organizationId: String
        var balance: Int64
        var threshold: Int64
    }

    func lowBalance(organizationID: UUID, balance: Int64, threshold: Int64) async {
        logger.notice("wallet low: organization \(organizationID) balance \(balance) threshold \(threshold)")
        guard let webhook else { return }
        do {
            let response = try await client.post(webhook, content: Event(organizationId: organizationID.uuidString.lowercased(), balance: balance, threshold: threshold))
            if response.status.code >= 300 { logger.warning("low-balance webhook answered \(response.status.code)") }
        } catch {
            logger.warning("low-balance webhook failed: \(error)")
        }
    }
}

enum BalanceAlerts {
    static func lowBalance(organizationID: UUID, balance: Int64, on db: any Database, notifier: any BalanceNotifier) async throws {
        let wallet = try await WalletQueries.wallet(of: organizationID, on: db)
        try await Activity.record("wallet.low_balance", on: db, request: nil, principal: nil, organizationID: organizationID,
                                  target: ("wallet", try wallet.requireID().uuidString), details: "balance \(balance) micro-units, alert at \(wallet.lowBalanceThreshold)")
        await notifier.lowBalance(organizationID: organizationID, balance: balance, threshold: wallet.lowBalanceThreshold)
    }
}

extension Application {
    private struct BalanceNotifierKey: StorageKey { typealias Value = any BalanceNotifier }

    var balanceNotifier: any BalanceNotifier {
        get {
            storage[BalanceNotifierKey.self] ?? PanelBalanceNotifier(
                client: client, webhook: Environment.get("PAAS_BILLING_WEBHOOK_URL").map { URI(string: $0) }, logger: logger)
        }
        set { storage[BalanceNotifierKey.self] = newValue }
    }
}
