import Prometheus
import Vapor

/// The process's Prometheus registry, served at `/metrics`.
final class Metrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    func requestCounter(method: String, status: UInt, route: String) -> Counter {
        registry.makeCounter(name: "paas_http_requests_total", labels: [("method", method), ("status", String(status)), ("route", route)])
    }

    func requestDuration(route: String) -> DurationHistogram {
        registry.makeDurationHistogram(
            name: "paas_http_request_duration_seconds", labels: [("route", route)],
            buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5)])
    }

    func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = Metrics }

    var metrics: Metrics {
        get {
            guard let metrics = storage[MetricsKey.self] else { fatalError("Metrics not configured") }
            return metrics
        }
        set { storage[MetricsKey.self] = newValue }
    }
}

/// Labels by route pattern, not raw path, so ids in URLs do not explode the series count.
struct RequestMetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            record(request, status: (error as? any AbortError)?.status.code ?? 500, since: start)
            throw error
        }
        record(request, status: response.status.code, since: start)
        return response
    }

    private func record(_ request: Request, status: UInt, since start: ContinuousClock.Instant) {
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let metrics = request.application.metrics
        metrics.requestCounter(method: request.method.rawValue, status: status, route: route).increment()
        metrics.requestDuration(route: route).record(ContinuousClock.now - start)
    }
}
