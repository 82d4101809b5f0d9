import Vapor

enum AccountViews {
    struct AccountModel {
        let user: User
        let organization: Organization
        let role: OrganizationMember.Role
        let members: [(name: String, email: String, role: String)]
        let activity: [ActivityLog]
    }

    struct TokensModel {
        var tokens: [APIToken]
        var formName = ""
        var newToken: String?
        var error: String?
    }

    static func account(_ model: AccountModel) -> Page {
        Page(title: "Account") {
            Components.pageHeader("Account", subtitle: "Your profile, your organization and what happened in it.") {
                el("a", .class("button button-primary"), .href("/account/tokens")) { "API tokens" }
            }
            el("div", .class("grid")) {
                el("section", .class("card")) {
                    el("h2") { "Profile" }
                    el("dl") {
                        el("dt") { "Name" }; el("dd") { model.user.name }
                        el("dt") { "E-mail" }; el("dd") { model.user.email }
                        el("dt") { "Platform role" }; el("dd") { model.user.role == .admin ? "Administrator" : "Client" }
                    }
                }
                el("section", .class("card")) {
                    el("h2") { "Organization" }
                    el("dl") {
                        el("dt") { "Name" }; el("dd") { model.organization.name }
                        el("dt") { "Identifier" }; el("dd") { el("code") { model.organization.slug } }
                        el("dt") { "Your role" }; el("dd") { model.role.rawValue.capitalized }
                    }
                }
            }
            el("h2") { "Members" }
            Components.table(id: "members", headers: ["Name", "E-mail", "Role"], rows: model.members.map { member in
                [.text(member.name), .text(member.email), Components.badge(member.role)]
            })
            el("h2") { "Recent activity" }
            ActivityTable.render(model.activity, emptyMessage: "Actions in your organization, such as tokens created or apps deployed, are listed here.")
        }
    }

    static func tokens(_ model: TokensModel, status: HTTPResponseStatus = .ok) -> Page {
        Page(title: "API tokens", status: status) {
            Components.pageHeader("API tokens", subtitle: "Tokens sign in the API, git pushes (as the password) and scripts. Treat them like passwords.")
            if let token = model.newToken {
                el("section", .class("card"), Attr("role", "status")) {
                    el("h2") { "Your new token" }
                    el("p") { "Copy it now. It is not stored and cannot be shown again." }
                    el("div", .class("secret")) {
                        el("code", .id("new-token")) { token }
                        el("button", .type("button"), .class("button button-quiet"), .data("copy", "new-token")) { "Copy" }
                    }
                }
            }
            el("section", .class("card")) {
                el("h2") { "Create a token" }
                if let error = model.error { el("div", .class("flash flash-error"), Attr("role", "alert")) { error } }
                el("form", .id("create-token-form"), Attr("method", "post"), Attr("action", "/account/tokens")) {
                    CSRFField()
                    el("div", .class("form-row")) {
                        Components.field(.init(label: "Name", name: "name", value: model.formName, hint: "What uses it, e.g. \"laptop git\" or \"CI\".",
                                               attributes: [Attr("maxlength", "60")]))
                        Components.field(.init(label: "Expires after (days)", name: "expires_in_days", type: "number", hint: "Leave empty for no expiry.",
                                               required: false, attributes: [Attr("min", "1"), Attr("max", "3650")]))
                    }
                    el("button", .type("submit"), .class("button button-primary")) { "Create token" }
                }
            }
            if model.tokens.isEmpty {
                Components.emptyState("No tokens yet", "Create a token above to use the API or push code with git.")
            } else {
                Components.table(id: "tokens", headers: ["Name", "Token", "Created", "Last used", "Expires", ""], rows: model.tokens.map { token in
                    [.text(token.name), el("code") { token.prefix + "…" }, .text(Format.date(token.createdAt)),
                     .text(token.lastUsedAt == nil ? "Never" : Format.date(token.lastUsedAt)),
                     .text(token.expiresAt == nil ? "Never" : Format.date(token.expiresAt)),
                     Components.postButton("Revoke", action: "/account/tokens/\(token.id!.uuidString.lowercased())/revoke", tone: "danger",
                                           confirm: "Revoke the token \"\(token.name)\"? Anything using it stops working.")]
                })
            }
        }
    }
}

enum ActivityTable {
    static func render(_ rows: [ActivityLog], emptyMessage: String) -> HTML {
        if rows.isEmpty { return Components.emptyState("No activity yet", emptyMessage) }
        return Components.table(id: "activity", headers: ["When", "Action", "Target", "Details", "From"], rows: rows.map { row in
            [.text(Format.date(row.createdAt)), el("code") { row.action },
             .text(row.targetType.map { "\($0) \(row.targetID?.prefix(8) ?? "")" } ?? "—"), .text(row.details ?? "—"), .text(row.ip ?? "—")]
        })
    }
}
