import Fluent
import Vapor

/// `paas migrate [--revert [--all]]`. Fluent's own command asks for confirmation on standard input,
/// which install scripts and CI do not have; this one prints what it does and does it.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Revert the last batch of migrations.")
        var revert: Bool
        @Flag(name: "all", help: "With --revert: revert every batch.")
        var all: Bool
        @Flag(name: "dry-run", help: "List what would run and change nothing.")
        var dryRun: Bool
    }

    var help: String { "Applies pending database migrations, or reverts them with --revert." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let migrator = context.application.migrator
        try await migrator.setupIfNeeded().get()
        if signature.revert {
            let pending = try await migrator.previewRevertLastBatch().get()
            for (migration, _) in pending { context.console.print("revert \(migration.name)") }
            guard !signature.dryRun else { return }
            if signature.all {
                try await migrator.revertAllBatches().get()
            } else {
                try await migrator.revertLastBatch().get()
            }
            context.console.print(signature.all ? "Reverted every migration." : "Reverted the last batch (\(pending.count) migrations).")
        } else {
            let pending = try await migrator.previewPrepareBatch().get()
            for (migration, _) in pending { context.console.print("apply \(migration.name)") }
            guard !signature.dryRun else { return }
            try await migrator.prepareBatch().get()
            context.console.print(pending.isEmpty ? "The database is up to date." : "Applied \(pending.count) migrations.")
        }
    }
}
