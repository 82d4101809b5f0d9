/// Small pieces every view uses, so forms and tables look and behave the same everywhere.
enum Components {
    static func pageHeader(_ title: String, subtitle: String? = nil, @HTMLBuilder actions: () -> [HTML] = { [] }) -> HTML {
        el("div", .class("page-header")) {
            el("div") {
                el("h1") { title }
                if let subtitle { el("p", .class("muted")) { subtitle } }
            }
            el("div", .class("page-actions")) { actions() }
        }
    }

    struct Field {
        var label: String
        var name: String
        var type = "text"
        var value = ""
        var error: String? = nil
        var hint: String? = nil
        var required = true
        var autocomplete: String? = nil
        var attributes: [Attr] = []
        /// When one page has two forms with the same field names, each needs its own ids.
        var id: String? = nil
    }

    static func field(_ field: Field) -> HTML {
        let inputID = field.id ?? "field-\(field.name)"
        var attributes: [Attr] = [.id(inputID), .name(field.name), .type(field.type)]
        if field.type != "password" { attributes.append(.value(field.value)) }
        if field.required { attributes.append(.flag("required")) }
        if let autocomplete = field.autocomplete { attributes.append(Attr("autocomplete", autocomplete)) }
        if field.error != nil {
            attributes.append(.aria("invalid", "true"))
            attributes.append(.aria("describedby", inputID + "-error"))
        }
        attributes += field.attributes
        return el("div", .class(field.error == nil ? "field" : "field has-error")) {
            el("label", .for(inputID)) { field.label }
            HTML.element("input", attributes, [])
            if let hint = field.hint, field.error != hint { el("p", .class("hint")) { hint } }
            if let error = field.error { el("p", .class("field-error"), .id(inputID + "-error")) { error } }
        }
    }

    static func emptyState(_ title: String, _ message: String, @HTMLBuilder action: () -> [HTML] = { [] }) -> HTML {
        el("div", .class("empty-state")) {
            el("h2") { title }
            el("p") { message }
            action()
        }
    }

    static func table(id: String? = nil, headers: [String], rows: [[HTML]]) -> HTML {
        el("div", .class("table-wrap")) {
            el("table", .when(id != nil, .id(id ?? ""))) {
                el("thead") { el("tr") { for header in headers { el("th", Attr("scope", "col")) { header } } } }
                el("tbody") { for row in rows { el("tr") { for cell in row { el("td") { cell } } } } }
            }
        }
    }

    static func stat(_ label: String, _ value: String, href: String? = nil) -> HTML {
        el("div", .class("stat")) {
            el("span", .class("stat-label")) { label }
            if let href {
                el("a", .class("stat-value"), .href(href)) { value }
            } else {
                el("span", .class("stat-value")) { value }
            }
        }
    }

    static func badge(_ text: String, tone: String = "neutral") -> HTML {
        el("span", .class("badge badge-\(tone)")) { text }
    }

    static func postButton(_ label: String, action: String, tone: String = "quiet", confirm: String? = nil,
                           fields: [(name: String, value: String)] = []) -> HTML {
        el("form", .class("inline-form"), Attr("method", "post"), Attr("action", action)) {
            CSRFField()
            for field in fields { el("input", .type("hidden"), .name(field.name), Attr("value", field.value)) }
            el("button", .type("submit"), .class("button button-\(tone)"), .when(confirm != nil, .data("confirm", confirm ?? ""))) { label }
        }
    }
}
