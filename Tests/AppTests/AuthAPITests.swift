import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

@Suite("Auth API")
struct AuthAPITests {
    @Test("Sign-up creates user, organization and wallet, and returns a working token")
    func signupCreatesEverything() async throws {
        try await TestApp.withApp { app in
            let token = try await app.signup(email: "Ada@Example.com", organization: "Analytical Engines")
            #expect(token.hasPrefix("paas_"))
            let me = try await app.send(.GET, "/api/auth/me", token: token)
            #expect(me.status == .ok)
            let body = try me.json()
            #expect((body["user"] as? [String: Any])?["email"] as? String == "ada@example.com")
            #expect((body["organization"] as? [String: Any])?["role"] as? String == "owner")
            #expect(try await Wallet.query(on: app.db).count() == 1)
            let wallet = try await app.send(.GET, "/api/wallet", token: token)
            #expect(try wallet.json()["balance"] as? Int == 0)
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "user.signup").count() == 1)
        }
    }

    @Test("Login returns a token; a wrong password and an unknown e-mail get the same 401")
    func login() async throws {
        try await TestApp.withApp { app in
            try await app.signup(email: "bob@example.com", password: "correct-horse-9")
            let ok = try await app.send(.POST, "/api/auth/login", json: #"{"email": "BOB@example.com", "password": "correct-horse-9"}"#)
            #expect(ok.status == .ok)
            #expect((try ok.json()["token"] as? String)?.hasPrefix("paas_") == true)
            let wrong = try await app.send(.POST, "/api/auth/login", json: #"{"email": "bob@example.com", "password": "wrong-horse-9"}"#)
            let unknown = try await app.send(.POST, "/api/auth/login", json: #"{"email": "nobody@example.com", "password": "wrong-horse-9"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.errorMessage == unknown.errorMessage)
        }
    }

    @Test("Weak passwords are refused with the rule stated", arguments: ["short1!", "onlyletterspassword", "1234567890", "aaaaaaaaa1", String(repeating: "ab1", count: 30)])
    func weakPasswords(password: String) async throws {
        try await TestApp.withApp { app in
            let response = try await app.send(.POST, "/api/auth/signup", json: """
                {"email": "weak@example.com", "password": "\(password)", "name": "W", "organization": "Weak Org"}
                """)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == "password")
            #expect(response.errorMessage?.contains("characters") == true || response.errorMessage?.contains("repeats") == true)
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test("A duplicate e-mail is a 409 and nothing is half-written")
    func duplicateEmail() async throws {
        try await TestApp.withApp { app in
            try await app.signup(email: "dup@example.com")
            let again = try await app.send(.POST, "/api/auth/signup", json: """
                {"email": "DUP@example.com", "password": "another-pass-1", "name": "D", "organization": "Other"}
                """)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "email_taken")
            #expect(try await Organization.query(on: app.db).count() == 1)
            #expect(try await Wallet.query(on: app.db).count() == 1)
        }
    }

    @Test("Missing fields are a 422 naming the field")
    func missingFields() async throws {
        try await TestApp.withApp { app in
            for field in ["email", "password", "name", "organization"] {
                var body: [String: String] = ["email": "m@example.com", "password": "correct-horse-9", "name": "M", "organization": "Org"]
                body[field] = nil
                let json = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
                let response = try await app.send(.POST, "/api/auth/signup", json: json)
                #expect(response.status == .unprocessableEntity)
                #expect(response.errorField == field)
                #expect(response.errorMessage?.contains(field) == true)
            }
        }
    }

    @Test("Malformed JSON is a 400, a wrong type a 422, never a 500")
    func malformedBodies() async throws {
        try await TestApp.withApp { app in
            let broken = try await app.send(.POST, "/api/auth/signup", json: #"{"email": "x@example.com", "#)
            #expect(broken.status == .badRequest)
            #expect(broken.errorCode == "malformed_json")
            let wrongType = try await app.send(.POST, "/api/auth/signup", json: #"{"email": 42, "password": "x", "name": "n", "organization": "o"}"#)
            #expect(wrongType.status == .unprocessableEntity)
            #expect(wrongType.errorField == "email")
            let array = try await app.send(.POST, "/api/auth/login", json: "[1,2,3]")
            #expect(array.status.code < 500)
            let noType = try await app.send(.POST, "/api/auth/login", headers: [("Content-Type", "text/plain")])
            #expect(noType.status.code >= 400 && noType.status.code < 500)
        }
    }

    @Test("Invalid e-mails and over-long text are refused", arguments: [
        ("email", "not-an-email"), ("email", "a@b"), ("email", "spaces in@example.com"), ("email", String(repeating: "a", count: 250) + "@example.com"),
        ("name", String(repeating: "n", count: 101)), ("organization", "x"), ("organization", String(repeating: "o", count: 101)), ("name", "bell\u{07}"),
    ])
    func invalidText(field: String, value: String) async throws {
        try await TestApp.withApp { app in
            var body = ["email": "ok@example.com", "password": "correct-horse-9", "name": "Ok", "organization": "Ok Org"]
            body[field] = value
            let json = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
            let response = try await app.send(.POST, "/api/auth/signup", json: json)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == field)
        }
    }

    @Test("SQL metacharacters are stored as text and harm nothing")
    func sqlMetacharacters() async throws {
        try await TestApp.withApp { app in
            let name = #"Robert'); DROP TABLE users;--"#
            let token = try await app.signup(organization: name)
            let me = try await app.send(.GET, "/api/auth/me", token: token)
            #expect((try me.json()["organization"] as? [String: Any])?["name"] as? String == name)
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test("Repeated failed logins are rate limited with a 429")
    func rateLimit() async throws {
        try await TestApp.withApp { app in
            try await app.signup(email: "target@example.com")
            for _ in 0..<10 {
                let response = try await app.send(.POST, "/api/auth/login", json: #"{"email": "target@example.com", "password": "guess-guess-1"}"#)
                #expect(response.status == .unauthorized)
            }
            let blocked = try await app.send(.POST, "/api/auth/login", json: #"{"email": "target@example.com", "password": "correct-horse-9"}"#)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: .retryAfter) != nil)
        }
    }

    @Test("Without a token the API answers 401; with a bogus one too")
    func unauthenticated() async throws {
        try await TestApp.withApp { app in
            #expect(try await app.send(.GET, "/api/auth/me").status == .unauthorized)
            let bogus = try await app.send(.GET, "/api/auth/me", token: "paas_not-a-real-token")
            #expect(bogus.status == .unauthorized)
            #expect(bogus.errorCode == "invalid_token")
            #expect(try await app.send(.GET, "/api/paas/plans").status == .unauthorized)
        }
    }

    @Test("Logout revokes the token it was called with")
    func logout() async throws {
        try await TestApp.withApp { app in
            let token = try await app.signup()
            #expect(try await app.send(.POST, "/api/auth/logout", token: token).status == .noContent)
            #expect(try await app.send(.GET, "/api/auth/me", token: token).status == .unauthorized)
        }
    }
}
