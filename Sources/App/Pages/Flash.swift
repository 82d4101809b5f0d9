import Foundation
import Vapor

/// A one-time message carried across a redirect in a short-lived cookie.
struct Flash: Sendable, Equatable {
    enum Kind: String, Sendable { case success, error, info }

    let kind: Kind
    let message: String

    static let cookie = "paas_flash"

    static func set(_ kind: Kind, _ message: String, on response: Response) {
        let encoded = "\(kind.rawValue):\(message)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        response.cookies[cookie] = HTTPCookies.Value(string: encoded, maxAge: 60, path: "/", isHTTPOnly: true, sameSite: .lax)
    }

    /// Reads the pending message and clears it so it shows once.
    static func take(from request: Request, clearingOn response: Response) -> Flash? {
        guard let raw = request.cookies[cookie]?.string, !raw.isEmpty,
              let decoded = raw.removingPercentEncoding,
              let colon = decoded.firstIndex(of: ":"),
              let kind = Kind(rawValue: String(decoded[..<colon])) else { return nil }
        response.cookies[cookie] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/")
        return Flash(kind: kind, message: String(decoded[decoded.index(after: colon)...].prefix(500)))
    }
}

extension Request {
    /// Redirects after a form post (POST → redirect → GET) with a message for the next page.
    func redirect(to path: String, flash kind: Flash.Kind, _ message: String) -> Response {
        let response = redirect(to: path, redirectType: .normal)
        Flash.set(kind, message, on: response)
        return response
    }
}
