import Foundation

/// The `filters` query parameter of list and event calls, e.g.
/// `DockerFilters.label("paas.app=web").with("desired-state", "running")`.
/// Several values for one key match any of them; different keys must all match.
public struct DockerFilters: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) {
        self.values = values
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init()
        for (key, value) in elements { add(key, value) }
    }

    /// `label("paas.managed")` matches the key alone; `label("k=v")` key and value.
    public static func label(_ label: String) -> DockerFilters {
        DockerFilters().with("label", label)
    }

    public static func name(_ name: String) -> DockerFilters {
        DockerFilters().with("name", name)
    }

    public func with(_ key: String, _ value: String) -> DockerFilters {
        var copy = self
        copy.add(key, value)
        return copy
    }

    public mutating func add(_ key: String, _ value: String) {
        if values[key]?.contains(value) == true { return }
        values[key, default: []].append(value)
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The engine's map form, `{"label":{"k=v":true}}`, which every API version accepts.
    var queryValue: String? {
        guard !values.isEmpty else { return nil }
        let map = values.mapValues { Dictionary($0.map { ($0, true) }, uniquingKeysWith: { a, _ in a }) }
        guard let data = try? DockerJSON.encoder.encode(map) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
