import PaaSCore

/// What a visitor of an app with nothing running sees, instead of a bare gateway error.
enum StatusPage {
    static func page(state: RoutedApp.Idle, appName: String) -> Page {
        let (title, message): (String, String) = switch state {
        case .suspended: ("This app is suspended", "Its owner's account needs attention. It will be back as soon as that is sorted out.")
        case .stopped: ("This app is not running", "Its owner has scaled it to zero containers.")
        case .deploying: ("This app is starting", "It is being deployed right now. Try again in a few seconds.")
        }
        return Page(title: title) {
            el("div", .class("empty-state"), .id("app-status"), .data("state", state.rawValue)) {
                el("h1") { title }
                el("p") { el("strong") { appName } }
                el("p") { message }
            }
        }
    }
}
