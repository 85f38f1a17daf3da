import FengqiaoCore
import FengqiaoStore
import Foundation
import HTTPTypes

/// One limit on what can be done without an account: at most `limit` attempts per key in `window` seconds.
struct AbuseLimit: Sendable {
    let name: String
    let limit: Int
    let window: TimeInterval
}

/// The limits on what anyone on the internet can do without an account: public reports per address and per phone,
/// tracking look-ups that find nothing per address (guessing codes), and sign-in attempts per username (lockout)
/// and per address. Counted in the database (`AbuseCounterRepository`), so they hold across instances, restarts
/// and parallel requests: each attempt is recorded and counted in one statement before it is served, and an
/// attempt that turns out harmless is taken back.
struct AbuseLimits: Sendable {
    let counters: AbuseCounterRepository

    static let reportsPerAddress = AbuseLimit(name: "report.address", limit: 20, window: 3600)
    static let reportsPerPhone = AbuseLimit(name: "report.phone", limit: 5, window: 3600)
    static let failedLookupsPerAddress = AbuseLimit(name: "lookup.address", limit: 30, window: 600)
    /// At most 5 password checks per username in 15 minutes, in parallel too; a correct one clears the count.
    static let signInsPerUser = AbuseLimit(name: "signin.user", limit: 5, window: 900)
    /// At most 30 failed sign-ins from one address in 15 minutes, counted before any password is hashed.
    static let signInsPerAddress = AbuseLimit(name: "signin.address", limit: 30, window: 900)

    /// Records one attempt; true while the window holds no more than the limit with it.
    func attempt(_ limit: AbuseLimit, _ key: String, at now: Date) async throws -> Bool {
        try await counters.hit(Self.key(limit, key), window: limit.window, at: now) <= limit.limit
    }

    /// Takes an attempt back: it was no abuse (a tracking code found, a sign-in that succeeded).
    func undo(_ limit: AbuseLimit, _ key: String) async throws {
        try await counters.undo(Self.key(limit, key))
    }

    func reset(_ limit: AbuseLimit, _ key: String) async throws {
        try await counters.reset(Self.key(limit, key))
    }

    /// A bounded key: what a client sends may be long.
    private static func key(_ limit: AbuseLimit, _ key: String) -> String {
        "\(limit.name):\(key.prefix(128))"
    }

    static let tooManyReports = Localized(
        zh: "提交过于频繁，请稍后再试；紧急情况请拨打110或12345。",
        en: "Too many reports in a short time; please try again later. In an emergency call 110 or 12345.")
    static let tooManyLookups = Localized(
        zh: "查询失败次数过多，请10分钟后再试。", en: "Too many failed look-ups; try again in 10 minutes.")
    static let signInLocked = Localized(
        zh: "登录失败次数过多，该账号已暂时锁定15分钟。如忘记密码，请联系管理员。",
        en:
            "Too many failed sign-ins: the account is locked for 15 minutes. Ask an administrator if you forgot the password."
    )
    static let signInsFromAddress = Localized(
        zh: "本网络登录失败次数过多，请15分钟后再试。",
        en: "Too many failed sign-ins from this network; try again in 15 minutes.")
    static let signInBusy = Localized(
        zh: "登录的人太多，请几秒钟后再试。", en: "Too many sign-ins at once; please try again in a few seconds.")
}

extension APIError {
    /// A request refused by an abuse limit: 429 with the reason.
    static func tooMany(_ message: Localized, retryAfter: Int) -> APIError {
        APIError(status: .tooManyRequests, code: "request.too_many", message: message, retryAfter: retryAfter)
    }
}

extension HTTPField.Name {
    static let retryAfter = HTTPField.Name("Retry-After")!
}
