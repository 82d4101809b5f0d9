import Foundation
import Testing
import PaaSCore

@Suite("Routing table")
struct RoutingTableTests {
    let options = RoutingTable.Options(statusURL: "http://172.17.0.1:8080")

    @Test("A running app gets an HTTP router per hostname and one service over its task addresses")
    func runningApp() {
        let app = RoutedApp(id: "a1", name: "shop", hosts: [.init(hostname: "shop.paas.127.0.0.1.sslip.io"), .init(hostname: "www.shop.example")],
                            backends: ["http://10.200.1.7:5000", "http://10.200.1.5:5000", "http://10.200.1.5:5000"])
        let http = RoutingTable.config(for: [app], options: options).http
        #expect(http.routers.count == 2)
        let router = http.routers["host-shop-dpaas-d127-d0-d0-d1-dsslip-dio-http"]
        #expect(router?.rule == "Host(`shop.paas.127.0.0.1.sslip.io`)")
        #expect(router?.entryPoints == ["web"] && router?.service == "app-a1" && router?.tls == nil)
        #expect(router?.middlewares == [RoutingTable.retryMiddleware], "a request that meets a stopping task is retried on another")
        #expect(http.services["app-a1"]?.loadBalancer.servers.map(\.url) == ["http://10.200.1.5:5000", "http://10.200.1.7:5000"], "deduplicated and sorted")
        #expect(http.services["app-a1"]?.loadBalancer.passHostHeader == true)
        #expect(http.middlewares == [RoutingTable.retryMiddleware: .init(retry: .init(attempts: 3, initialInterval: "50ms"))])
        #expect(http.services[RoutingTable.statusService] == nil)
    }

    @Test("TLS adds an HTTPS router with the resolver; an active certificate redirects plain HTTP")
    func tls() {
        let app = RoutedApp(id: "a1", name: "shop", hosts: [.init(hostname: "pending.example", tls: true), .init(hostname: "live.example", tls: true, redirectToHTTPS: true)],
                            backends: ["http://10.200.1.5:5000"])
        let http = RoutingTable.config(for: [app], options: options).http
        #expect(http.routers["host-pending-dexample-https"]?.tls?.certResolver == "le")
        #expect(http.routers["host-pending-dexample-https"]?.entryPoints == ["websecure"])
        #expect(http.routers["host-pending-dexample-http"]?.middlewares == [RoutingTable.retryMiddleware], "until the certificate is active, HTTP serves the app")
        #expect(http.routers["host-pending-dexample-https"]?.middlewares == [RoutingTable.retryMiddleware])
        #expect(http.routers["host-live-dexample-http"]?.middlewares == [RoutingTable.redirectMiddleware])
        #expect(http.routers["host-live-dexample-https"]?.service == "app-a1")
        #expect(http.middlewares[RoutingTable.redirectMiddleware]?.redirectScheme == .init(scheme: "https", permanent: true))
    }

    @Test("An app with nothing running is sent to the control plane's status page, saying why", arguments: [
        (RoutedApp.Idle.suspended, "/_paas/status/suspended/shop"), (.stopped, "/_paas/status/no-processes/shop"), (.deploying, "/_paas/status/deploying/shop"),
    ])
    func idle(state: RoutedApp.Idle, path: String) {
        let app = RoutedApp(id: "a1", name: "shop", hosts: [.init(hostname: "shop.example", tls: true, redirectToHTTPS: true)], backends: [], idle: state)
        let http = RoutingTable.config(for: [app], options: options).http
        #expect(http.routers["host-shop-dexample-https"]?.service == RoutingTable.statusService)
        #expect(http.routers["host-shop-dexample-https"]?.middlewares == ["paas-status-a1"])
        #expect(http.middlewares["paas-status-a1"]?.replacePath?.path == path)
        #expect(http.services[RoutingTable.statusService]?.loadBalancer.servers == [.init(url: "http://172.17.0.1:8080")])
        #expect(http.services["app-a1"] == nil)
    }

    @Test("Router names never collide, and a hostname that could break the rule is left out")
    func names() {
        let apps = [RoutedApp(id: "a", name: "a", hosts: [.init(hostname: "a-b.c")], backends: ["http://10.200.0.2:5000"]),
                    RoutedApp(id: "b", name: "b", hosts: [.init(hostname: "a.b-c"), .init(hostname: "x`) || Host(`evil.com"), .init(hostname: "UPPER.example")],
                              backends: ["http://10.200.0.3:5000"])]
        let http = RoutingTable.config(for: apps, options: options).http
        #expect(Set(http.routers.keys) == ["host-a-hb-dc-http", "host-a-db-hc-http"])
        #expect(http.routers.values.allSatisfy { !$0.rule.contains("evil") })
    }

    @Test("The same input gives the same configuration, whatever the order")
    func deterministic() {
        let a = RoutedApp(id: "a", name: "a", hosts: [.init(hostname: "a.example")], backends: ["http://10.200.0.2:5000", "http://10.200.0.9:5000"])
        let b = RoutedApp(id: "b", name: "b", hosts: [.init(hostname: "b.example")], backends: [], idle: .suspended)
        #expect(RoutingTable.config(for: [a, b], options: options) == RoutingTable.config(for: [b, a], options: options))
    }
}

@Suite("Traefik configuration encoding")
struct TraefikEncodingTests {
    @Test("Empty maps are left out: Traefik refuses them as standalone elements")
    func emptyMapsOmitted() throws {
        let empty = RoutingTable.config(for: [], options: .init(statusURL: "http://172.17.0.1:8080"))
        #expect(String(decoding: try JSONEncoder().encode(empty), as: UTF8.self) == "{}")
        let one = RoutingTable.config(for: [RoutedApp(id: "a", name: "a", hosts: [.init(hostname: "a.example")], backends: ["http://10.200.0.2:5000"])],
                                      options: .init(statusURL: "http://172.17.0.1:8080"))
        let json = String(decoding: try JSONEncoder().encode(one), as: UTF8.self)
        #expect(json.contains("\"routers\"") && json.contains("\"services\"") && json.contains("\"retry\"") && !json.contains("redirectScheme"))
        #expect(try JSONDecoder().decode(TraefikDynamicConfig.self, from: Data(json.utf8)) == one)
    }
}
