import Vapor

enum ErrorPage {
    static func response(_ failure: AppError, request: Request) -> Response {
        let title: String
        switch failure.status {
        case .notFound: title = "404 · Not found"
        case .forbidden: title = "403 · Forbidden"
        case .unauthorized: title = "401 · Sign in needed"
        case .internalServerError: title = "500 · Something went wrong"
        default: title = "\(failure.status.code) · \(failure.status.reasonPhrase)"
        }
        let signedIn = request.principal != nil
        return Page(title: title, status: failure.status) {
            el("section", .class("error-page card")) {
                el("h1") { title }
                el("p") { failure.message }
                el("p") {
                    if signedIn {
                        el("a", .class("button button-quiet"), .href("/")) { "Back to your dashboard" }
                    } else {
                        el("a", .class("button button-primary"), .href("/login")) { "Sign in" }
                    }
                }
            }
        }.response(for: request)
    }
}
