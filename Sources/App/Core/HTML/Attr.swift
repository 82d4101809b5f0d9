/// An HTML attribute. A nil value renders a boolean attribute (`required`, `disabled`).
struct Attr: Sendable {
    let name: String
    let value: String?
    fileprivate(set) var isOmitted = false

    init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    static func `class`(_ value: String) -> Attr { Attr("class", value) }
    static func id(_ value: String) -> Attr { Attr("id", value) }
    static func href(_ value: String) -> Attr { Attr("href", value) }
    static func type(_ value: String) -> Attr { Attr("type", value) }
    static func name(_ value: String) -> Attr { Attr("name", value) }
    static func value(_ value: String) -> Attr { Attr("value", value) }
    static func `for`(_ value: String) -> Attr { Attr("for", value) }
    static func flag(_ name: String) -> Attr { Attr(name, nil) }
    static func data(_ key: String, _ value: String) -> Attr { Attr("data-" + key, value) }
    static func aria(_ key: String, _ value: String) -> Attr { Attr("aria-" + key, value) }

    /// Present only when `condition` holds: `.when(isActive, .aria("current", "page"))`.
    static func when(_ condition: Bool, _ attribute: Attr) -> Attr {
        var copy = attribute
        copy.isOmitted = !condition
        return copy
    }
}
