import PaaSCore
import Vapor

enum AuthViews {
    struct LoginModel {
        var email = ""
        var next: String?
        var error: String?
    }

    struct SignupModel {
        var name = ""
        var email = ""
        var organization = ""
        var errors: [String: String] = [:]
    }

    static func login(_ model: LoginModel, status: HTTPResponseStatus = .ok) -> Page {
        Page(title: "Sign in", status: status) {
            el("section", .class("card auth-card")) {
                el("h1") { "Sign in" }
                if let error = model.error { el("div", .class("flash flash-error"), Attr("role", "alert")) { error } }
                el("form", .id("login-form"), Attr("method", "post"), Attr("action", "/login"), Attr("novalidate", nil)) {
                    CSRFField()
                    if let next = model.next { el("input", .type("hidden"), .name("next"), .value(next)) }
                    Components.field(.init(label: "E-mail", name: "email", type: "email", value: model.email, autocomplete: "email"))
                    Components.field(.init(label: "Password", name: "password", type: "password", autocomplete: "current-password"))
                    el("button", .type("submit"), .class("button button-primary button-block")) { "Sign in" }
                }
                el("p", .class("muted")) { "New here? "; el("a", .href("/signup")) { "Create an account" } }
            }
        }
    }

    static func signup(_ model: SignupModel, status: HTTPResponseStatus = .ok) -> Page {
        Page(title: "Create your account", status: status) {
            el("section", .class("card auth-card")) {
                el("h1") { "Create your account" }
                if let error = model.errors["form"] { el("div", .class("flash flash-error"), Attr("role", "alert")) { error } }
                if !model.errors.isEmpty && model.errors["form"] == nil {
                    el("div", .class("flash flash-error"), Attr("role", "alert")) { "Please correct the fields marked below." }
                }
                el("form", .id("signup-form"), Attr("method", "post"), Attr("action", "/signup"), Attr("novalidate", nil)) {
                    CSRFField()
                    Components.field(.init(label: "Your name", name: "name", value: model.name, error: model.errors["name"], autocomplete: "name"))
                    Components.field(.init(label: "E-mail", name: "email", type: "email", value: model.email, error: model.errors["email"], autocomplete: "email"))
                    Components.field(.init(label: "Password", name: "password", type: "password", error: model.errors["password"], hint: PasswordPolicy.rule, autocomplete: "new-password"))
                    Components.field(.init(label: "Organization", name: "organization", value: model.organization, error: model.errors["organization"],
                                           hint: "Your company or team. Apps, billing and tokens belong to it.", autocomplete: "organization"))
                    el("button", .type("submit"), .class("button button-primary button-block")) { "Create account" }
                }
                el("p", .class("muted")) { "Already have an account? "; el("a", .href("/login")) { "Sign in" } }
            }
        }
    }
}
