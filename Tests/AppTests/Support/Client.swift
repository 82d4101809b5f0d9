import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Thin helpers over VaporTesting so tests read as API conversations.
extension Application {
    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, json: String? = nil,
              headers extra: [(String, String)] = []) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if json != nil { headers.contentType = .json }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return try await testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Signs up a fresh client and returns its token.
    @discardableResult
    func signup(email: String = "user-\(UUID().uuidString.prefix(8))@example.com", organization: String = "Org \(UUID().uuidString.prefix(4))",
                password: String = "correct-horse-9") async throws -> String {
        let response = try await send(.POST, "/api/auth/signup", json: """
            {"email": "\(email)", "password": "\(password)", "name": "Test User", "organization": "\(organization)"}
            """)
        #expect(response.status == .created, "signup failed: \(response.body.string)")
        return try response.json()["token"] as? String ?? ""
    }

    func makeAdminToken() async throws -> String {
        let email = "admin-\(UUID().uuidString.prefix(8))@example.com"
        try await FirstAdmin.create(self, email: email, password: "admin-pass-123", name: "Admin")
        let response = try await send(.POST, "/api/auth/login", json: #"{"email": "\#(email)", "password": "admin-pass-123"}"#)
        return try response.json()["token"] as? String ?? ""
    }
}

extension TestingHTTPResponse {
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
    }

    func jsonArray() throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        if let array = object as? [[String: Any]] { return array }
        return (object as? [String: Any])?["data"] as? [[String: Any]] ?? []
    }

    var errorCode: String? { ((try? json())?["error"] as? [String: Any])?["code"] as? String }
    var errorField: String? { ((try? json())?["error"] as? [String: Any])?["field"] as? String }
    var errorMessage: String? { ((try? json())?["error"] as? [String: Any])?["message"] as? String }
}
