/// The frame around every page: navigation by role, flash messages, the sign-out form.
enum Layout {
    static func render(title: String, context: PageContext, body: [HTML]) -> String {
        let document = el("html", Attr("lang", "en")) {
            el("head") {
                el("meta", Attr("charset", "utf-8"))
                el("meta", .name("viewport"), Attr("content", "width=device-width, initial-scale=1"))
                el("title") { "\(title) · PaaS" }
                el("link", Attr("rel", "stylesheet"), .href("/assets/app.css"))
                el("script", Attr("src", "/assets/app.js"), .flag("defer"))
            }
            el("body") {
                el("a", .class("skip-link"), .href("#main")) { "Skip to content" }
                header(context)
                el("main", .id("main"), .class("container")) {
                    if let flash = context.flash {
                        el("div", .class("flash flash-\(flash.kind.rawValue)"), Attr("role", flash.kind == .error ? "alert" : "status")) { flash.message }
                    }
                    body
                }
                el("footer", .class("site-footer container")) { "PaaS control panel" }
            }
        }
        return "<!doctype html>" + document.render(csrfToken: context.csrfToken)
    }

    private static func header(_ context: PageContext) -> HTML {
        el("header", .class("site-header")) {
            el("div", .class("container header-inner")) {
                el("a", .class("brand"), .href("/")) { el("span", .class("brand-mark"), .aria("hidden", "true")) { "▲" }; "PaaS" }
                if let principal = context.principal {
                    el("nav", .class("main-nav"), .aria("label", "Main")) {
                        // Admins run the platform; their own account stays one click away in the menu.
                        el("ul") {
                            for item in principal.isAdmin ? adminNav : clientNav { navLink(item, context.path) }
                        }
                    }
                    el("div", .class("account-menu")) {
                        el("a", .class("account-who"), .href("/account"), .aria("label", "Your account")) {
                            el("strong") { principal.organization.name }
                            el("span", .class("muted")) { principal.user.email }
                        }
                        el("form", .id("logout-form"), Attr("method", "post"), Attr("action", "/logout")) {
                            CSRFField()
                            el("button", .type("submit"), .class("button button-quiet")) { "Sign out" }
                        }
                    }
                } else {
                    el("nav", .class("main-nav"), .aria("label", "Main")) {
                        el("ul") {
                            navLink(("Sign in", "/login"), context.path)
                            navLink(("Sign up", "/signup"), context.path)
                        }
                    }
                }
            }
        }
    }

    static let clientNav: [(String, String)] = [("Apps", "/apps"), ("Billing", "/billing"), ("Account", "/account")]
    static let adminNav: [(String, String)] = [
        ("Overview", "/admin"), ("Nodes", "/admin/nodes"), ("Locations", "/admin/locations"),
        ("Plans", "/admin/plans"), ("Addon plans", "/admin/addon-plans"), ("All apps", "/admin/apps"),
        ("Builds", "/admin/builds"), ("Wallets", "/admin/wallets"), ("Revenue", "/admin/revenue"), ("Settings", "/admin/settings"),
    ]

    private static func navLink(_ item: (String, String), _ path: String) -> HTML {
        let active = item.1 == "/admin" ? path == "/admin" : (path == item.1 || path.hasPrefix(item.1 + "/"))
        return el("li") {
            el("a", .href(item.1), .when(active, .aria("current", "page"))) { item.0 }
        }
    }
}
