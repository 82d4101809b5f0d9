import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// A browser in miniature: keeps cookies and reads the CSRF field, as a real one would.
struct BrowserSessionDriver {
    let app: Application
    var cookies: [String: String] = [:]

    mutating func request(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        var body: ByteBuffer?
        if let form {
            headers.contentType = .urlEncodedForm
            body = ByteBuffer(string: form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            cookies[name] = value.expires.map { $0 < Date() } == true ? nil : value.string
        }
        return response
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    mutating func signup(name: String = "Page User", email: String, organization: String) async throws -> TestingHTTPResponse {
        let form = try await request(.GET, "/signup")
        let token = try #require(Self.csrf(in: form.body.string))
        return try await request(.POST, "/signup", form: ["_csrf": token, "name": name, "email": email, "password": "correct-horse-9", "organization": organization])
    }
}

@Suite("Pages")
struct PagesTests {
    @Test("Sign-up through the form starts a session with a safe cookie and lands on Apps")
    func signupFlow() async throws {
        try await TestApp.withApp { app in
            var browser = BrowserSessionDriver(app: app)
            let response = try await browser.signup(email: "page@example.com", organization: "Page Org")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/apps")
            let cookie = try #require(response.headers.setCookie?[PrincipalMiddleware.sessionCookie])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            let apps = try await browser.request(.GET, "/apps")
            #expect(apps.status == .ok)
            #expect(apps.body.string.contains("<h1>Apps</h1>"))
            #expect(apps.body.string.contains("Welcome, Page User"))
        }
    }

    @Test("Forms without the CSRF token are refused")
    func csrfRequired() async throws {
        try await TestApp.withApp { app in
            var browser = BrowserSessionDriver(app: app)
            _ = try await browser.request(.GET, "/login")
            let forged = try await browser.request(.POST, "/login", form: ["email": "x@example.com", "password": "y"])
            #expect(forged.status == .forbidden)
            _ = try await browser.signup(email: "csrf@example.com", organization: "Csrf Org")
            let noToken = try await browser.request(.POST, "/account/tokens", form: ["name": "sneaky"])
            #expect(noToken.status == .forbidden)
            let wrongToken = try await browser.request(.POST, "/logout", form: ["_csrf": "forged"])
            #expect(wrongToken.status == .forbidden)
            // The session cookie alone does not let a cross-site page call the JSON API either.
            let api = try await browser.request(.POST, "/api/tokens", form: ["name": "sneaky"])
            #expect(api.status == .forbidden)
            let page = try await browser.request(.GET, "/account/tokens")
            #expect(!page.body.string.contains("sneaky"))
        }
    }

    @Test("A failed sign-in shows the reason on the page")
    func failedLogin() async throws {
        try await TestApp.withApp { app in
            var browser = BrowserSessionDriver(app: app)
            let form = try await browser.request(.GET, "/login")
            let token = try #require(BrowserSessionDriver.csrf(in: form.body.string))
            let response = try await browser.request(.POST, "/login", form: ["_csrf": token, "email": "nobody@example.com", "password": "nope-nope-1"])
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("flash flash-error"))
            #expect(response.body.string.contains("not correct"))
            #expect(response.body.string.contains(#"value="nobody@example.com""#))
        }
    }

    @Test("Weak password on the sign-up page states the rule and keeps the typed values")
    func signupErrors() async throws {
        try await TestApp.withApp { app in
            var browser = BrowserSessionDriver(app: app)
            let form = try await browser.request(.GET, "/signup")
            let token = try #require(BrowserSessionDriver.csrf(in: form.body.string))
            let response = try await browser.request(.POST, "/signup", form: ["_csrf": token, "name": "N", "email": "keep@example.com", "password": "short", "organization": "Keep Org"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("field-error"))
            #expect(response.body.string.contains("10 to 72 characters"))
            #expect(response.body.string.contains(#"value="keep@example.com""#))
            #expect(response.body.string.contains(#"value="Keep Org""#))
        }
    }

    @Test("User text is HTML-escaped everywhere it is shown")
    func escaping() async throws {
        try await TestApp.withApp { app in
            var browser = BrowserSessionDriver(app: app)
            let hostile = #"<script>alert("x")</script>' onmouseover='x"#
            _ = try await browser.signup(name: hostile, email: "xss@example.com", organization: hostile)
            let account = try await browser.request(.GET, "/account")
            #expect(account.status == .ok)
            #expect(!account.body.string.contains("<script>alert"))
            #expect(account.body.string.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x"))
        }
    }

    @Test("Pages send visitors to sign in and refuse clients the admin area")
    func accessControl() async throws {
        try await TestApp.withApp { app in
            var visitor = BrowserSessionDriver(app: app)
            let apps = try await visitor.request(.GET, "/apps")
            #expect(apps.status == .seeOther)
            #expect(apps.headers.first(name: .location) == "/login?next=/apps")
            var client = BrowserSessionDriver(app: app)
            _ = try await client.signup(email: "client@example.com", organization: "Client Org")
            let admin = try await client.request(.GET, "/admin")
            #expect(admin.status == .forbidden)
            #expect(admin.body.string.contains("administrator"))
        }
    }

    @Test("The tokens page shows a new token once")
    func tokensPage() async throws {
        try await TestApp.withApp { app in
            var browser = BrowserSessionDriver(app: app)
            _ = try await browser.signup(email: "tok@example.com", organization: "Tok Org")
            let page = try await browser.request(.GET, "/account/tokens")
            let token = try #require(BrowserSessionDriver.csrf(in: page.body.string))
            let created = try await browser.request(.POST, "/account/tokens", form: ["_csrf": token, "name": "laptop", "expires_in_days": ""])
            #expect(created.status == .created)
            #expect(created.body.string.contains(#"<code id="new-token">paas_"#))
            let again = try await browser.request(.GET, "/account/tokens")
            #expect(!again.body.string.contains("new-token"))
            #expect(again.body.string.contains("laptop"))
        }
    }

    @Test("Admin pages render for administrators")
    func adminPages() async throws {
        try await TestApp.withApp { app in
            try await FirstAdmin.create(app, email: "root@example.com", password: "admin-pass-123", name: "Root")
            var browser = BrowserSessionDriver(app: app)
            let form = try await browser.request(.GET, "/login")
            let token = try #require(BrowserSessionDriver.csrf(in: form.body.string))
            let login = try await browser.request(.POST, "/login", form: ["_csrf": token, "email": "root@example.com", "password": "admin-pass-123"])
            #expect(login.headers.first(name: .location) == "/admin")
            for path in ["/admin", "/admin/nodes", "/admin/locations", "/admin/plans", "/admin/apps", "/admin/builds", "/billing", "/account"] {
                let page = try await browser.request(.GET, path)
                #expect(page.status == .ok, "\(path)")
            }
        }
    }
}
