import Vapor

/// A failure a person can act on. Rendered as `{"error":{"code","message","field"}}` for the API
/// and as a flash message or error page for the pages.
public struct AppError: AbortError, Sendable {
    public var status: HTTPResponseStatus
    public var code: String
    public var message: String
    public var field: String?

    public init(_ status: HTTPResponseStatus, code: String, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    public var reason: String { message }

    public static func notFound(_ what: String) -> AppError {
        AppError(.notFound, code: "not_found", "\(what) not found.")
    }

    public static func invalid(_ field: String, _ message: String) -> AppError {
        AppError(.unprocessableEntity, code: "invalid_\(field)", message, field: field)
    }

    public static func conflict(_ code: String, _ message: String, field: String? = nil) -> AppError {
        AppError(.conflict, code: code, message, field: field)
    }

    public static let unauthorized = AppError(.unauthorized, code: "unauthorized", "Sign in, or send an API token as 'Authorization: Bearer <token>'.")
    public static let forbidden = AppError(.forbidden, code: "forbidden", "This needs platform administrator rights.")
}
