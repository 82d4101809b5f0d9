import DockerEngine
import Fluent
import Foundation
import Vapor

/// Turns every failure into `{"error":{"code","message"}}` for the API and an error page for
/// browsers. Unknown errors become a 500 with a reference that matches the log line.
struct AppErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let failure = Self.describe(error, request: request)
            if failure.status == .internalServerError {
                request.logger.error("\(failure.message) [\(String(reflecting: error))]")
            }
            return Self.wantsJSON(request) ? jsonResponse(failure, request: request) : ErrorPage.response(failure, request: request)
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.url.path
        if path.hasPrefix("/api/") || path == "/api" || path.hasPrefix("/internal/") || path == "/healthz" { return true }
        let accept = request.headers.first(name: .accept) ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    static func describe(_ error: any Error, request: Request) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case let error as DockerError:
            return AppError.from(error)
        case let error as DecodingError:
            return decodingFailure(error)
        case let error as any DatabaseError where error.isConstraintFailure:
            return AppError(.conflict, code: "conflict", "This conflicts with something that already exists.")
        case let error as any AbortError:
            if error.status == .notFound && request.route == nil {
                return AppError(.notFound, code: "not_found", "Nothing here: \(request.method.rawValue) \(request.url.path) does not exist.")
            }
            if error.status == .unsupportedMediaType || (error.status == .badRequest && error.reason.contains("Content-Type")) {
                return AppError(.unsupportedMediaType, code: "unsupported_media_type", "Send the body as JSON with 'Content-Type: application/json'.")
            }
            if error.status == .payloadTooLarge {
                return AppError(.payloadTooLarge, code: "payload_too_large", "The request body is too large.")
            }
            let phrase = error.status.reasonPhrase
            return AppError(error.status, code: JSONCoding.snakeCase(phrase.replacingOccurrences(of: " ", with: "")), error.reason == phrase ? "\(phrase)." : error.reason)
        default:
            let reference = UUID().uuidString.prefix(8).lowercased()
            return AppError(.internalServerError, code: "internal_error", "Something went wrong on our side. It was logged with reference \(reference).")
        }
    }

    static func decodingFailure(_ error: DecodingError) -> AppError {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? JSONCoding.snakeCase($0.stringValue) }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context, key)
            return AppError(.unprocessableEntity, code: "missing_field", "'\(field)' is required.", field: field)
        case .valueNotFound(_, let context):
            let field = path(context)
            return AppError(.unprocessableEntity, code: "missing_field", "'\(field)' must not be null.", field: field)
        case .typeMismatch(let type, let context):
            let field = path(context)
            return AppError(.unprocessableEntity, code: "invalid_type", "'\(field)' must be \(typeName(type)).", field: field)
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let field = path(context)
            return AppError(.unprocessableEntity, code: "invalid_value", "'\(field)' has an invalid value.", field: field)
        default:
            return AppError(.badRequest, code: "malformed_json", "The request body is not valid JSON.")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a valid value"
        }
    }

    private func jsonResponse(_ failure: AppError, request: Request) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable { let code: String; let message: String; let field: String? }
            let error: Detail
        }
        let response = Response(status: failure.status)
        let body = Body(error: .init(code: failure.code, message: failure.message, field: failure.field))
        response.headers.contentType = .json
        response.body = .init(data: (try? JSONCoding.encoder.encode(body)) ?? Data())
        if failure.status == .tooManyRequests { response.headers.replaceOrAdd(name: .retryAfter, value: "60") }
        if failure.status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
        return response
    }
}
