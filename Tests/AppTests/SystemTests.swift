import Foundation
import Testing
import Vapor
import VaporTesting
import Yams
@testable import App

@Suite("Health, metrics and the OpenAPI document")
struct SystemTests {
    @Test("/healthz reports the database")
    func health() async throws {
        try await TestApp.withApp { app in
            let response = try await app.send(.GET, "/healthz")
            #expect(response.status == .ok)
            #expect(try response.json()["database"] as? String == "ok")
        }
    }

    @Test("/metrics serves Prometheus text with request counters")
    func metrics() async throws {
        try await TestApp.withApp { app in
            _ = try await app.send(.GET, "/healthz")
            let response = try await app.send(.GET, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType)?.hasPrefix("text/plain") == true)
            #expect(response.body.string.contains("paas_http_requests_total"))
        }
    }

    @Test("Unknown paths answer JSON 404 under /api and an HTML page elsewhere")
    func notFound() async throws {
        try await TestApp.withApp { app in
            let api = try await app.send(.GET, "/api/does-not-exist")
            #expect(api.status == .notFound)
            #expect(api.errorCode == "not_found")
            let page = try await app.send(.GET, "/does-not-exist")
            #expect(page.status == .notFound)
            #expect(page.headers.contentType == .html)
        }
    }

    @Test("openapi.yaml parses and documents every route under /api")
    func openAPICoversEveryRoute() async throws {
        try await TestApp.withApp { app in
            let response = try await app.send(.GET, "/api/openapi.yaml")
            #expect(response.status == .ok)
            let document = try #require(try Yams.load(yaml: response.body.string) as? [String: Any])
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(document["paths"] as? [String: Any])
            for route in app.routes.all {
                let components = route.path.map(\.description)
                guard components.first == "api", !components.contains("**") else { continue }
                let path = "/" + components.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0 }.joined(separator: "/")
                let operations = paths[path] as? [String: Any]
                #expect(operations != nil, "\(path) is not in openapi.yaml")
                #expect(operations?[route.method.rawValue.lowercased()] != nil, "\(route.method.rawValue) \(path) is not in openapi.yaml")
            }
        }
    }
}
