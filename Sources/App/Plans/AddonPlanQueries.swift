import Fluent
import Foundation

enum AddonPlanQueries {
    /// What a client may pick: archived plans keep serving existing addons but are not offered.
    static func offered(on db: any Database) async throws -> [AddonPlan] {
        ordered(try await AddonPlan.query(on: db).filter(\.$isArchived == false).all())
    }

    static func all(on db: any Database) async throws -> [AddonPlan] {
        ordered(try await AddonPlan.query(on: db).all())
    }

    /// Sorted here rather than in SQL: SQLite and PostgreSQL disagree on where NULL sort orders go
    /// and on how names collate, and the catalog must read the same on both. Plans without a sort
    /// order come after the ordered ones of their kind.
    private static func ordered(_ plans: [AddonPlan]) -> [AddonPlan] {
        plans.sorted { a, b in
            if a.kind != b.kind { return a.kind < b.kind }
            let left = a.sortOrder ?? .max, right = b.sortOrder ?? .max
            if left != right { return left < right }
            return a.name < b.name
        }
    }
}
