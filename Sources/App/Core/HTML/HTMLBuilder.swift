@resultBuilder
enum HTMLBuilder {
    static func buildBlock(_ components: [HTML]...) -> [HTML] { components.flatMap { $0 } }
    static func buildExpression(_ node: HTML) -> [HTML] { [node] }
    static func buildExpression(_ nodes: [HTML]) -> [HTML] { nodes }
    static func buildExpression(_ text: String) -> [HTML] { [.text(text)] }
    static func buildOptional(_ component: [HTML]?) -> [HTML] { component ?? [] }
    static func buildEither(first component: [HTML]) -> [HTML] { component }
    static func buildEither(second component: [HTML]) -> [HTML] { component }
    static func buildArray(_ components: [[HTML]]) -> [HTML] { components.flatMap { $0 } }
    static func buildLimitedAvailability(_ component: [HTML]) -> [HTML] { component }
}
