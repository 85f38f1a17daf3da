import FengqiaoCore
import Foundation
import Hummingbird
import HummingbirdAuth

/// Per-request state: the request id shown to users on errors and written to the log, the language, and who is
/// asking (HummingbirdAuth's `AuthRequestContext`).
public struct AppRequestContext: AuthRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    public var language: DisplayLanguage = .zhHans
    /// Set by the authenticators: `SessionAuthenticator` for signed-in staff, `BearerAuthenticator` for API clients.
    public var identity: Identity?
    /// The signed-in session's CSRF token, for the forms of the page being rendered.
    var csrfToken: String? { identity?.csrfToken }
    /// The request's time: the clock read once, first of all (`RequestClockMiddleware`).
    public internal(set) var now: Date = .distantPast

    public var requestDecoder: JSONDecoder { APIJSON.decoder }
    public var responseEncoder: JSONEncoder { APIJSON.encoder }

    /// The caller's IP address, for the abuse limits ("unknown" in in-process tests): the TCP peer, or, when the
    /// peer is a configured trusted proxy (`FENGQIAO_TRUSTED_PROXIES`), the address it names in `X-Forwarded-For`
    /// (`ClientAddressMiddleware`).
    public internal(set) var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        requestID = RequestID.make()
    }
}

extension AppRequestContext {
    /// Who is asking, in a route group whose `RoleRequirement` has already let them in; the API's 401 otherwise.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw APIError.unauthenticated }
        return identity
    }
}

/// The API's JSON, configured once: ISO 8601 dates, stable key order.
enum APIJSON {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

enum RequestID {
    /// 16 hex digits: short enough to read out over the phone to support staff.
    static func make() -> String {
        let value = UInt64.random(in: 0...UInt64.max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
