import Vapor

/// A rendered page: views build the body from a plain model; this wraps it in the layout.
struct Page {
    var title: String
    var status: HTTPResponseStatus = .ok
    var body: [HTML]

    init(title: String, status: HTTPResponseStatus = .ok, @HTMLBuilder body: () -> [HTML]) {
        self.title = title
        self.status = status
        self.body = body()
    }

    func response(for request: Request) -> Response {
        let response = Response(status: status)
        let context = PageContext(
            principal: request.principal,
            csrfToken: request.csrfToken,
            path: request.url.path,
            flash: Flash.take(from: request, clearingOn: response))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.body = .init(string: Layout.render(title: title, context: context, body: body))
        return response
    }
}

struct PageContext {
    let principal: Principal?
    let csrfToken: String
    let path: String
    let flash: Flash?
}
