import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// Cross-site request forgery protection: every form carries a token that a foreign site cannot read.
enum CSRF {
    static let fieldName = "_csrf"
    /// Before sign-in there is no session: the token is also set as a cookie and the two must match.
    static let cookieName = "fq_csrf"

    /// Compares in constant time, so that the comparison leaks nothing about the expected value.
    static func matches(_ submitted: String?, _ expected: String?) -> Bool {
        guard let submitted, let expected, !expected.isEmpty, submitted.utf8.count == expected.utf8.count else {
            return false
        }
        return zip(submitted.utf8, expected.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static let rejected = HTTPError(.forbidden, message: "CSRF token missing or wrong")

    /// The pre-sign-in token for a page's forms: the one the browser already holds, or a new one.
    static func pageToken(_ request: Request) -> String {
        request.cookies[cookieName]?.value ?? RandomToken.make()
    }

    /// Sets the pre-sign-in token cookie on the page that carries `token` in its forms; `path` is where they post.
    /// `secure`: HTTPS only (`AppConfiguration.secureCookies`).
    static func setPageToken(_ token: String, path: String, secure: Bool, on response: inout Response) {
        response.setCookie(Cookie(name: cookieName, value: token, path: path, secure: secure, sameSite: .strict))
    }

    /// Refuses a pre-sign-in form whose token does not match the cookie.
    static func requirePageToken(_ submitted: String?, _ request: Request) throws {
        guard matches(submitted, request.cookies[cookieName]?.value) else { throw rejected }
    }
}
