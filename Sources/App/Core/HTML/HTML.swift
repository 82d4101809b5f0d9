/// A server-rendered HTML node. Text and attribute values are always escaped; only `raw` is not,
/// and it is used for markup the code itself wrote (inline CSS/JS), never for user input.
struct HTML: Sendable {
    fileprivate enum Storage: Sendable {
        case element(String, [Attr], [HTML])
        case text(String)
        case raw(String)
        case group([HTML])
        /// The form's CSRF token is known only when the page renders for a request.
        case csrfField
    }

    fileprivate let storage: Storage

    static func text(_ value: String) -> HTML { HTML(storage: .text(value)) }
    static func raw(_ value: String) -> HTML { HTML(storage: .raw(value)) }
    static func group(_ nodes: [HTML]) -> HTML { HTML(storage: .group(nodes)) }
    static let empty = HTML(storage: .group([]))
    static let csrfField = HTML(storage: .csrfField)

    static func element(_ tag: String, _ attributes: [Attr], _ children: [HTML]) -> HTML {
        HTML(storage: .element(tag, attributes, children))
    }

    private static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    func render(csrfToken: String = "") -> String {
        var output = ""
        render(into: &output, csrfToken: csrfToken)
        return output
    }

    func render(into output: inout String, csrfToken: String) {
        switch storage {
        case .text(let value):
            output += HTML.escape(value)
        case .raw(let value):
            output += value
        case .group(let nodes):
            for node in nodes { node.render(into: &output, csrfToken: csrfToken) }
        case .csrfField:
            output += "<input type=\"hidden\" name=\"\(CSRFMiddleware.field)\" value=\"" + HTML.escape(csrfToken) + "\">"
        case .element(let tag, let attributes, let children):
            output += "<" + tag
            for attribute in attributes {
                output += " " + attribute.name
                if let value = attribute.value { output += "=\"" + HTML.escape(value) + "\"" }
            }
            output += ">"
            guard !HTML.voidElements.contains(tag) else { return }
            for child in children { child.render(into: &output, csrfToken: csrfToken) }
            output += "</" + tag + ">"
        }
    }

    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// The hidden CSRF input every form carries.
func CSRFField() -> HTML { .csrfField }

/// `el("a", .href("/apps")) { "Apps" }`
func el(_ tag: String, _ attributes: Attr..., @HTMLBuilder content: () -> [HTML] = { [] }) -> HTML {
    .element(tag, attributes.filter { !$0.isOmitted }, content())
}
