import Vapor

/// Cookie-authenticated writes must prove they come from our own pages. Bearer-token calls need
/// no proof: a browser never attaches our tokens to a cross-site request.
/// Signed-in browsers use the session's token; visitors (sign-in and sign-up forms) a double-submit cookie.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookie = "paas_csrf"
    static let field = "_csrf"
    static let header = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let unsafe = ![.GET, .HEAD, .OPTIONS].contains(request.method)
        let isPage = !request.url.path.hasPrefix("/api/") && !request.url.path.hasPrefix("/git/") && !request.url.path.hasPrefix("/internal/")
        let sessionAuthenticated = request.principal?.isSession ?? false
        if unsafe && (isPage || sessionAuthenticated) {
            let expected = Self.token(for: request)
            let sent = request.headers.first(name: Self.header) ?? (try? request.content.get(String.self, at: Self.field))
            guard let sent, SecureToken.constantTimeEquals(sent, expected) else {
                throw AppError(.forbidden, code: "csrf_failed", "This form has expired or did not come from this site. Reload the page and try again.")
            }
        }
        let response = try await next.respond(to: request)
        if request.principal?.sessionCSRFToken == nil, request.cookies[Self.cookie] == nil, let issued = request.issuedCSRFToken {
            response.cookies[Self.cookie] = HTTPCookies.Value(
                string: issued, maxAge: 86_400, path: "/", isSecure: request.application.config.secureCookies,
                isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    /// The token a form on this request's page must carry.
    static func token(for request: Request) -> String {
        if let token = request.principal?.sessionCSRFToken { return token }
        if let cookie = request.cookies[Self.cookie]?.string, !cookie.isEmpty { return cookie }
        if let issued = request.issuedCSRFToken { return issued }
        let fresh = SecureToken.random()
        request.issuedCSRFToken = fresh
        return fresh
    }
}

extension Request {
    private struct IssuedCSRFKey: StorageKey { typealias Value = String }

    fileprivate(set) var issuedCSRFToken: String? {
        get { storage[IssuedCSRFKey.self] }
        set { storage[IssuedCSRFKey.self] = newValue }
    }

    var csrfToken: String { CSRFMiddleware.token(for: self) }
}
