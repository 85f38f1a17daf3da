import FengqiaoCore
import Foundation
import Hummingbird

/// Per-request state: the request id shown to users on errors and written to the log, and the language.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    public var language: DisplayLanguage = .zhHans
    /// Set by the authentication middleware for signed-in staff and API clients.
    var identity: Identity?
    /// The signed-in session's CSRF token, for the forms of the page being rendered.
    var csrfToken: String?
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
