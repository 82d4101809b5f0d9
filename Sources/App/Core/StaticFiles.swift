import Crypto
import Foundation
import Vapor

/// The stylesheet, script and OpenAPI document ship inside the binary's resource bundle and are
/// read once at start-up, so nothing is looked up on disk per request.
struct StaticFiles: Sendable {
    struct File: Sendable {
        let body: String
        let contentType: String
        let etag: String
    }

    let files: [String: File]

    static func load() throws -> StaticFiles {
        let entries: [(String, String, String, String)] = [
            ("/assets/app.css", "assets/app", "css", "text/css; charset=utf-8"),
            ("/assets/app.js", "assets/app", "js", "text/javascript; charset=utf-8"),
            ("/api/openapi.yaml", "openapi", "yaml", "application/yaml; charset=utf-8"),
        ]
        var files: [String: File] = [:]
        for (path, name, ext, type) in entries {
            guard let url = Bundle.module.url(forResource: "Resources/" + name, withExtension: ext) else {
                throw AppError(.internalServerError, code: "missing_resource", "The resource \(name).\(ext) is missing from the build.")
            }
            let body = try String(contentsOf: url, encoding: .utf8)
            let etag = "\"" + SHA256.hash(data: Data(body.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined() + "\""
            files[path] = File(body: body, contentType: type, etag: etag)
        }
        return StaticFiles(files: files)
    }

    func register(on routes: any RoutesBuilder) {
        for (path, file) in files {
            let components = path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
            routes.get(components) { req -> Response in
                if req.headers.first(name: .ifNoneMatch) == file.etag { return Response(status: .notModified) }
                let response = Response(status: .ok, body: .init(string: file.body))
                response.headers.replaceOrAdd(name: .contentType, value: file.contentType)
                response.headers.replaceOrAdd(name: .eTag, value: file.etag)
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
                return response
            }
        }
    }
}
