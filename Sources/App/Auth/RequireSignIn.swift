import Vapor

/// Guards a route group. The API answers 401/403 as JSON; pages send visitors to the sign-in page
/// and remember where they were going.
struct RequireSignIn: AsyncMiddleware {
    var adminOnly = false
    var redirectToLogin = false

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let principal = request.principal else {
            if redirectToLogin {
                let target = request.url.path.hasPrefix("/") ? request.url.path : "/"
                let next = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_"))) ?? "/"
                return request.redirect(to: "/login?next=\(next)")
            }
            throw AppError.unauthorized
        }
        if adminOnly && !principal.isAdmin { throw AppError.forbidden }
        return try await next.respond(to: request)
    }
}
