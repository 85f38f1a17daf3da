import Foundation

/// One version of a time-limit policy or an escalation ladder, with the instant it takes effect. Administrators never
/// change a rule in place: each edit adds a version, and a retirement is a version without a body. A version that
/// has not taken effect yet (scheduled) may be withdrawn; once in force it stays in the history.
public struct TimeLimitVersion: Sendable, Codable, Equatable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case policy
        case ladder
    }

    /// Where a version stands at a given instant.
    public enum Status: String, Sendable, Codable {
        /// The version in force for its code.
        case current
        /// Takes effect later.
        case scheduled
        /// Replaced by a later version.
        case past
        /// Withdrawn before it took effect.
        case withdrawn

        public var name: Localized {
            switch self {
            case .current: Localized(zh: "现行", en: "Current")
            case .scheduled: Localized(zh: "待生效", en: "Scheduled")
            case .past: Localized(zh: "已被替代", en: "Past")
            case .withdrawn: Localized(zh: "已撤回", en: "Withdrawn")
            }
        }
    }

    public var id: Int64
    public var kind: Kind
    public var code: String
    /// The policy (kind `policy`), nil for a retirement.
    public var policy: TimeLimitPolicy?
    /// The ladder (kind `ladder`), nil for a retirement.
    public var ladder: EscalationLadder?
    public var effectiveFrom: Date
    public var createdAt: Date
    /// Who made the change, as the access log names people; nil for the shipped defaults.
    public var createdBy: String?
    public var withdrawnAt: Date?
    public var withdrawnBy: String?

    public init(
        id: Int64, kind: Kind, code: String, policy: TimeLimitPolicy? = nil, ladder: EscalationLadder? = nil,
        effectiveFrom: Date, createdAt: Date, createdBy: String? = nil, withdrawnAt: Date? = nil,
        withdrawnBy: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.code = code
        self.policy = policy
        self.ladder = ladder
        self.effectiveFrom = effectiveFrom
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.withdrawnAt = withdrawnAt
        self.withdrawnBy = withdrawnBy
    }

    /// True for a version that retires its code (no body).
    public var isRetirement: Bool { policy == nil && ladder == nil }

    /// The rule's name, or nil for a retirement.
    public var name: String? { policy?.name ?? ladder?.name }
}

/// Every version of the policies and ladders, from which the book in force at any instant follows.
public struct TimeLimitHistory: Sendable, Equatable {
    public var versions: [TimeLimitVersion]

    public init(versions: [TimeLimitVersion]) {
        self.versions = versions
    }

    /// The version in force for each code at `instant`: of the versions not withdrawn that took effect at or before
    /// it, the one that took effect last (the later-made on a tie).
    public func inForce(at instant: Date) -> [TimeLimitVersion] {
        var best: [String: TimeLimitVersion] = [:]
        for version in versions where version.withdrawnAt == nil && version.effectiveFrom <= instant {
            let key = version.kind.rawValue + ":" + version.code
            if let seen = best[key],
                (seen.effectiveFrom, seen.id) > (version.effectiveFrom, version.id)
            {
                continue
            }
            best[key] = version
        }
        return best.values.sorted { ($0.kind.rawValue, $0.code) < ($1.kind.rawValue, $1.code) }
    }

    /// The policies and ladders in force at `instant`: a case whose clocks start then takes its limits from this.
    public func book(at instant: Date) -> TimeLimitBook {
        let inForce = inForce(at: instant)
        return TimeLimitBook(
            policies: inForce.compactMap(\.policy).sorted { $0.code < $1.code },
            ladders: inForce.compactMap(\.ladder).sorted { $0.code < $1.code })
    }

    /// Where `version` stands at `now`.
    public func status(of version: TimeLimitVersion, at now: Date) -> TimeLimitVersion.Status {
        if version.withdrawnAt != nil { return .withdrawn }
        if version.effectiveFrom > now { return .scheduled }
        return inForce(at: now).contains { $0.id == version.id } ? .current : .past
    }

    /// The versions of one rule, the latest-taking-effect first.
    public func versions(of kind: TimeLimitVersion.Kind, code: String) -> [TimeLimitVersion] {
        versions.filter { $0.kind == kind && $0.code == code }
            .sorted { ($0.effectiveFrom, $0.id) > ($1.effectiveFrom, $1.id) }
    }
}
