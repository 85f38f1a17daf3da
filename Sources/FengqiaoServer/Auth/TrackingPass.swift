import Crypto
import FengqiaoCore
import Foundation
import Hummingbird

/// What the tracking page remembers once the citizen proved the tracking code and the phone's last 4 digits: a
/// short-lived signed cookie, so that the digits never travel in an address (a link, a redirect, the browser's
/// history, a proxy's log). The cookie holds the code, its expiry and an HMAC over the code, the digits and the
/// expiry with the session secret: the digits themselves are not in it, and it proves them only for that case
/// while the reporter's phone is unchanged.
struct TrackingPass: Sendable {
    static let cookieName = "fq_track"
    /// How long a proof lasts: long enough to read, answer and rate; short on a shared phone.
    static let lifetime: TimeInterval = 30 * 60

    let secret: String
    let secure: Bool

    func value(code: String, digits: String, now: Date) -> String {
        let expiry = Int64((now.timeIntervalSince1970 + Self.lifetime).rounded())
        return "\(code).\(expiry).\(mac(code: code, digits: digits, expiry: expiry))"
    }

    /// The tracking code a valid, unexpired cookie names, with a check of the digits it was made for.
    func code(in request: Request, now: Date) -> (code: String, proves: @Sendable (String) -> Bool)? {
        guard let value = request.cookies[Self.cookieName]?.value else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let expiry = Int64(parts[1]), Double(expiry) > now.timeIntervalSince1970,
            let code = CaseNumbering.normalisedTrackingCode(parts[0])
        else { return nil }
        let given = parts[2]
        let secret = secret
        return (
            code,
            { digits in
                CSRF.matches(given, Self(secret: secret, secure: false).mac(code: code, digits: digits, expiry: expiry))
            }
        )
    }

    func set(code: String, digits: String, now: Date, on response: inout Response) {
        response.setCookie(
            Cookie(
                name: Self.cookieName, value: value(code: code, digits: digits, now: now),
                maxAge: Int(Self.lifetime), path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    func clear(on response: inout Response) {
        response.setCookie(
            Cookie(
                name: Self.cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true,
                sameSite: .strict))
    }

    private func mac(code: String, digits: String, expiry: Int64) -> String {
        let message = Data("track|\(code)|\(digits)|\(expiry)".utf8)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return Hex.lowercase(code)
    }
}
