import Fluent
import SQLKit

extension Database {
    /// Both drivers speak SQL; reports and bulk billing need it where Fluent's query builder stops.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw AppError(.internalServerError, code: "sql_unavailable", "The database does not speak SQL.") }
        return sql
    }

    var isPostgres: Bool { (self as? any SQLDatabase)?.dialect.name == "postgresql" }
}
