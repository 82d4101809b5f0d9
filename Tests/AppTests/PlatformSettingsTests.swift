import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

@Suite("Platform settings")
struct PlatformSettingsTests {
    @Test("Admins read and change the settings; each field is validated and nothing is half-saved")
    func adminAPI() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            let client = try await app.signup()
            let initial = try await app.send(.GET, "/api/admin/paas/settings", token: admin).json()
            #expect(initial["domain_template"] as? String == "{app}.paas.{ipv4}.sslip.io")
            #expect(initial["default_domain_https"] as? Bool == true)
            #expect((initial["acme_ca_url"] as? String)?.hasPrefix("https://") == true)
            #expect(try await app.send(.GET, "/api/admin/paas/settings", token: client).status == .forbidden)
            #expect(try await app.send(.PATCH, "/api/admin/paas/settings", token: client, json: #"{"default_domain_https": false}"#).status == .forbidden)

            for (body, field) in [(#"{"domain_template": "paas.{ipv4}.sslip.io"}"#, "domain_template"), (#"{"acme_email": "nope"}"#, "acme_email"),
                                  (#"{"acme_ca_url": "http://insecure.example/dir"}"#, "acme_ca_url"),
                                  (#"{"default_domain_https": false, "acme_ca_url": "ftp://x"}"#, "acme_ca_url")] {
                let response = try await app.send(.PATCH, "/api/admin/paas/settings", token: admin, json: body)
                #expect(response.status == .unprocessableEntity && response.errorField == field, "\(body): \(response.body.string)")
            }
            #expect(try await app.send(.GET, "/api/admin/paas/settings", token: admin).json()["default_domain_https"] as? Bool == true,
                    "a refused change saves none of its fields")

            let saved = try await app.send(.PATCH, "/api/admin/paas/settings", token: admin, json: """
                {"domain_template": "{app}.{location}.apps.example.com", "default_domain_https": false, "acme_email": "Ops@Example.com"}
                """)
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try saved.json()["domain_template"] as? String == "{app}.{location}.apps.example.com")
            #expect(try saved.json()["acme_email"] as? String == "ops@example.com")
            #expect(try await ActivityLog.query(on: app.db).filter(\.$action == "settings.update").count() == 1)
        }
    }

    @Test("New apps take their default hostname from the template, and no client may claim a name under it")
    func template() async throws {
        try await TestApp.withApp { app in
            let fixtures = try await AppFixtures.make(app, locationSlug: "fra-1")
            _ = try await app.send(.PATCH, "/api/admin/paas/settings", token: fixtures.admin, json: #"{"domain_template": "{app}.{location}.apps.example.com"}"#)
            let client = try await app.signup()
            let created = try await fixtures.createApp(app, token: client, name: "templated")
            #expect((created["domains"] as? [String])?.first == "templated.fra-1.apps.example.com")
            let id = try #require(created["id"] as? String)
            let squat = try await DomainsAPITests.add(app, client, id, "other.fra-1.apps.example.com")
            #expect(squat.status == .unprocessableEntity && squat.errorMessage?.contains("fra-1.apps.example.com") == true)
        }
    }

    @Test("The ingress takes its ACME account from the settings over the environment")
    func ingressUsesSettings() async throws {
        try await TestApp.withApp { app in
            let admin = try await app.makeAdminToken()
            _ = try await app.send(.PATCH, "/api/admin/paas/settings", token: admin, json: #"{"acme_email": "certs@example.com", "acme_ca_url": "https://ca.example.com/dir"}"#)
            let config = try await app.ingressConfig()
            #expect(config.acmeEmail == "certs@example.com" && config.acmeCAServer == "https://ca.example.com/dir")
            let flags = IngressSpec.request(config: config, slug: "x", internalURL: "http://172.17.0.1:8080", token: "t", dataSource: "/tmp", labels: [:]).cmd ?? []
            #expect(flags.contains("--certificatesresolvers.le.acme.caserver=https://ca.example.com/dir"))
            #expect(flags.contains("--certificatesresolvers.le.acme.email=certs@example.com"))
        }
    }
}
