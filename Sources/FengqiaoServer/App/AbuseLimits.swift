import FengqiaoCore
import Foundation

/// Counts events per key in a sliding window: how many public reports an address or a phone sent in the last hour,
/// how many sign-ins failed for a username. Kept in memory, per process: with several app instances each counts its
/// own share (the limits are then per instance; see docs/OPERATIONS.md).
actor SlidingWindowCounter {
    let limit: Int
    let window: TimeInterval
    private var events: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Whether `key` is still under its limit at `now` (nothing is recorded).
    func allows(_ key: String, now: Date) -> Bool {
        recent(key, now: now).count < limit
    }

    /// Records one event for `key` at `now`; returns whether it was still under the limit before this one.
    @discardableResult
    func record(_ key: String, now: Date) -> Bool {
        var list = recent(key, now: now)
        let allowed = list.count < limit
        list.append(now)
        events[key] = list
        if events.count > 100_000 { prune(now: now) }
        return allowed
    }

    func reset(_ key: String) { events[key] = nil }

    private func recent(_ key: String, now: Date) -> [Date] {
        (events[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    private func prune(now: Date) {
        events = events.compactMapValues { list in
            let kept = list.filter { now.timeIntervalSince($0) < window }
            return kept.isEmpty ? nil : kept
        }
    }
}

/// The limits on what anyone on the internet can do without an account (issue 8, abuse): public reports per
/// address and per phone, tracking look-ups that find nothing per address (guessing codes), and failed sign-ins per
/// username and per address (lockout).
struct AbuseLimits: Sendable {
    let reportsPerAddress = SlidingWindowCounter(limit: 20, window: 3600)
    let reportsPerPhone = SlidingWindowCounter(limit: 5, window: 3600)
    let failedLookupsPerAddress = SlidingWindowCounter(limit: 30, window: 600)
    let failedSignInsPerUser = SlidingWindowCounter(limit: 5, window: 900)
    let failedSignInsPerAddress = SlidingWindowCounter(limit: 30, window: 900)

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
}

extension APIError {
    /// A request refused by an abuse limit: 429 with the reason.
    static func tooMany(_ message: Localized) -> APIError {
        APIError(status: .tooManyRequests, code: "request.too_many", message: message)
    }
}
