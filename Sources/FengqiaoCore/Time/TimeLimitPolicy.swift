import Foundation

/// The clocks that run on a case ("30分钟响应、24小时分类办理、5个工作日办结反馈、10个工作日跟踪问效"), plus the
/// escalation ladder's clock for the mediation level the case is at.
public enum ClockKind: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    /// 响应: from registration until staff first act on the case.
    case respond
    /// 分类办理: from registration (or escalation to a new center) until the case is dispatched or answered.
    case start
    /// 接单: from each dispatch until the lead organisation accepts.
    case accept
    /// 办结反馈: from the first dispatch (or a reopening) until resolution; approved extensions add to it.
    case finish
    /// 跟踪问效: from resolution until the follow-up.
    case followUp = "follow-up"
    /// 调解层级时限: the time the ladder gives the current mediation level (`EscalationLadder.Step.within`).
    case mediationLevel = "mediation-level"

    public var name: Localized {
        switch self {
        case .respond: Localized(zh: "响应", en: "Respond")
        case .start: Localized(zh: "分类办理", en: "Classify and start")
        case .accept: Localized(zh: "接单", en: "Accept")
        case .finish: Localized(zh: "办结反馈", en: "Finish and report back")
        case .followUp: Localized(zh: "跟踪回访", en: "Follow up")
        case .mediationLevel: Localized(zh: "本级调解时限", en: "Mediation at this level")
        }
    }

    /// The clocks a policy sets; the mediation level's clock comes from the ladder.
    public static let policyClocks: [ClockKind] = [.respond, .start, .accept, .finish, .followUp]
}

/// A time-limit policy (时限规则): the limits of each clock for the cases it matches by category, urgency and
/// channel. Administrators edit them; the policy that applied is copied into the case's file
/// (`CaseChange.timeLimitsApplied`), so a later change never rewrites a case's history.
public struct TimeLimitPolicy: Sendable, Codable, Equatable, Hashable, Identifiable {
    /// A stable code, e.g. `standard`, `urgent`.
    public var code: String
    public var name: String
    /// Matches categories whose code equals this or starts with it followed by a dot (`livelihood` matches
    /// `livelihood.neighbour`); nil matches every category.
    public var categoryPrefix: String?
    public var urgency: Urgency?
    public var channel: Channel?
    public var limits: [ClockKind: TimeLimit]
    /// The share of a clock after which it turns yellow (预警), 0.75 by default.
    public var warningShare: Double

    public var id: String { code }

    public init(
        code: String, name: String, categoryPrefix: String? = nil, urgency: Urgency? = nil, channel: Channel? = nil,
        limits: [ClockKind: TimeLimit], warningShare: Double = 0.75
    ) {
        self.code = code
        self.name = name
        self.categoryPrefix = categoryPrefix
        self.urgency = urgency
        self.channel = channel
        self.limits = limits
        self.warningShare = warningShare
    }

    /// How specifically the policy matches a case, or nil when it does not: each criterion that is set and
    /// matches counts, the category by the length of its prefix.
    public func specificity(categoryCode: String?, urgency: Urgency, channel: Channel) -> Int? {
        var score = 0
        if let categoryPrefix {
            guard let categoryCode, categoryCode == categoryPrefix || categoryCode.hasPrefix(categoryPrefix + ".")
            else { return nil }
            score += 100 + categoryPrefix.count
        }
        if let required = self.urgency {
            guard required == urgency else { return nil }
            score += 1000
        }
        if let required = self.channel {
            guard required == channel else { return nil }
            score += 10
        }
        return score
    }

    /// Checks what an administrator submits.
    public func validate() throws(TimeLimitError) {
        guard TimeLimitRules.isCode(code) else { throw .invalidCode }
        guard !name.trimmingWhitespace.isEmpty, name.count <= 100 else { throw .invalidName }
        guard (0.1...0.95).contains(warningShare) else { throw .invalidWarningShare }
        for kind in ClockKind.policyClocks {
            guard let limit = limits[kind] else { throw .missingLimit(kind) }
            guard limit.count > 0 else { throw .invalidLimit(kind) }
        }
        if limits[.mediationLevel] != nil { throw .invalidLimit(.mediationLevel) }
        if let categoryPrefix, !TimeLimitRules.isCategoryPrefix(categoryPrefix) { throw .invalidCategoryPrefix }
    }

    /// The national pattern ("30分钟响应、24小时分类办理、5个工作日办结反馈、10个工作日跟踪问效"), with 4 working
    /// hours for a dispatched organisation to accept.
    public static let standard = TimeLimitPolicy(
        code: "standard", name: "通用时限（30分钟响应、24小时分类办理、5个工作日办结、10个工作日回访）",
        limits: [
            .respond: .minutes(30), .start: .hours(24), .accept: .workingHours(4), .finish: .workingDays(5),
            .followUp: .workingDays(10),
        ])

    /// 急难事马上办: shorter limits for urgent cases.
    public static let urgent = TimeLimitPolicy(
        code: "urgent", name: "急难事马上办（10分钟响应、2小时分类办理、1个工作日办结）", urgency: .urgent,
        limits: [
            .respond: .minutes(10), .start: .hours(2), .accept: .hours(1), .finish: .workingDays(1),
            .followUp: .workingDays(3),
        ])

    /// The policies a new database starts with.
    public static let defaults: [TimeLimitPolicy] = [standard, urgent]
}

/// The policies and ladders in force, from which a case's time limits are chosen.
public struct TimeLimitBook: Sendable, Equatable {
    public var policies: [TimeLimitPolicy]
    public var ladders: [EscalationLadder]

    public init(policies: [TimeLimitPolicy], ladders: [EscalationLadder]) {
        self.policies = policies
        self.ladders = ladders
    }

    public static let defaults = TimeLimitBook(policies: TimeLimitPolicy.defaults, ladders: EscalationLadder.defaults)

    /// The most specific matching policy (ties: the first in code order), or `TimeLimitPolicy.standard` when none
    /// matches.
    public func policy(categoryCode: String?, urgency: Urgency, channel: Channel) -> TimeLimitPolicy {
        var best: (policy: TimeLimitPolicy, score: Int)?
        for policy in policies.sorted(by: { $0.code < $1.code }) {
            guard let score = policy.specificity(categoryCode: categoryCode, urgency: urgency, channel: channel)
            else { continue }
            if best == nil || score > best!.score { best = (policy, score) }
        }
        return best?.policy ?? .standard
    }

    /// The ladder for a category (the longest matching prefix), if any.
    public func ladder(categoryCode: String?) -> EscalationLadder? {
        guard let categoryCode else { return nil }
        var best: (ladder: EscalationLadder, length: Int)?
        for ladder in ladders.sorted(by: { $0.code < $1.code }) {
            for prefix in ladder.categoryPrefixes
            where categoryCode == prefix || categoryCode.hasPrefix(prefix + ".") {
                if best == nil || prefix.count > best!.length { best = (ladder, prefix.count) }
            }
        }
        return best?.ladder
    }

    /// What applies to a case whose responsible center sits at `centerLevel`: the policy, and the ladder with
    /// the step the case starts at (the first step at or above the center's level).
    public func limits(for current: Case, centerLevel: RegionLevel?) -> AppliedTimeLimits {
        let policy = policy(categoryCode: current.categoryCode, urgency: current.urgency, channel: current.channel)
        guard current.kind != .consultation, let ladder = ladder(categoryCode: current.categoryCode) else {
            return AppliedTimeLimits(policy: policy, ladder: nil, ladderStartStep: nil)
        }
        return AppliedTimeLimits(policy: policy, ladder: ladder, ladderStartStep: ladder.step(for: centerLevel))
    }
}

/// The limits recorded on a case (`CaseChange.timeLimitsApplied`).
public struct AppliedTimeLimits: Sendable, Codable, Equatable, Hashable {
    public var policy: TimeLimitPolicy
    public var ladder: EscalationLadder?
    /// The ladder step the case starts at, when a ladder applies.
    public var ladderStartStep: Int?

    public init(policy: TimeLimitPolicy, ladder: EscalationLadder?, ladderStartStep: Int?) {
        self.policy = policy
        self.ladder = ladder
        self.ladderStartStep = ladderStartStep
    }
}

enum TimeLimitRules {
    static func isCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 40
            && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isCategoryPrefix(_ prefix: String) -> Bool {
        !prefix.isEmpty && prefix.count <= 100
            && prefix.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "."
                    || $0 == "-"
            }
    }
}

/// Why an administrator's time-limit policy or ladder was refused.
public enum TimeLimitError: UserFacingError, Equatable {
    case invalidCode
    case invalidName
    case invalidWarningShare
    case missingLimit(ClockKind)
    case invalidLimit(ClockKind)
    case invalidCategoryPrefix
    case invalidLadder
    case notFound
    /// A version may not take effect before now.
    case effectiveInPast
    /// Only a version that has not taken effect yet can be withdrawn.
    case notScheduled

    public var code: String {
        switch self {
        case .invalidCode: "time_limit.invalid_code"
        case .invalidName: "time_limit.invalid_name"
        case .invalidWarningShare: "time_limit.invalid_warning_share"
        case .missingLimit: "time_limit.missing_limit"
        case .invalidLimit: "time_limit.invalid_limit"
        case .invalidCategoryPrefix: "time_limit.invalid_category_prefix"
        case .invalidLadder: "time_limit.invalid_ladder"
        case .notFound: "time_limit.not_found"
        case .effectiveInPast: "time_limit.effective_in_past"
        case .notScheduled: "time_limit.not_scheduled"
        }
    }

    public var message: Localized {
        switch self {
        case .invalidCode:
            Localized(
                zh: "编码只能由小写字母、数字和连字符组成，最长40个字符。",
                en: "A code is 1–40 lower-case letters, digits and hyphens.")
        case .invalidName:
            Localized(zh: "名称不能为空，最长100个字符。", en: "A name is 1–100 characters.")
        case .invalidWarningShare:
            Localized(zh: "预警比例应在0.1到0.95之间。", en: "The warning share must be between 0.1 and 0.95.")
        case .missingLimit(let kind):
            Localized(zh: "缺少“\(kind.name.zh)”时限。", en: "The \(kind.name.en) limit is missing.")
        case .invalidLimit(let kind):
            Localized(zh: "“\(kind.name.zh)”时限无效。", en: "The \(kind.name.en) limit is not valid.")
        case .invalidCategoryPrefix:
            Localized(zh: "事项类别前缀无效。", en: "The category prefix is not valid.")
        case .invalidLadder:
            Localized(
                zh: "调解层级设置无效：至少两级，层级自下而上，每级次数和时限为正数。",
                en:
                    "The ladder is not valid: at least two steps, levels from the bottom up, positive session counts and limits."
            )
        case .notFound:
            Localized(zh: "找不到该时限规则。", en: "No such time-limit rule.")
        case .effectiveInPast:
            Localized(zh: "生效日期不能早于今天。", en: "The effective date cannot be in the past.")
        case .notScheduled:
            Localized(
                zh: "只能撤回尚未生效的版本。", en: "Only a version that has not taken effect yet can be withdrawn.")
        }
    }
}

extension TimeLimitBook {
    /// The commands after which the platform may act by itself (`followUp(to:on:level:)`).
    public static let followedUpActions: Set<CaseAction> = [.assess, .dispatch, .takeMediation]

    /// What the platform does by itself after `command` brought a case to `current`: new time limits when an
    /// assessment changed which apply, or the ladder level of the new lead after a dispatch. `level` gives an
    /// organisation's region level. Both write paths (one case at a time, bulk) ask this.
    public func followUp(
        to command: CaseCommand, on current: Case, level: (Organisation.ID) -> RegionLevel?
    ) -> CaseCommand? {
        switch command {
        case .assess:
            let limits = limits(for: current, centerLevel: current.centerOrganisationID.flatMap(level))
            let applied = current.timing.limits
            guard applied?.policy != limits.policy || applied?.ladder?.code != limits.ladder?.code else { return nil }
            return .applyTimeLimits(limits)
        case .dispatch, .takeMediation:
            guard let ladder = current.timing.ladder, let lead = current.lead?.organisationID,
                let leadLevel = level(lead), let step = ladder.placement(forLeadAt: leadLevel)
            else { return nil }
            return .placeOnLadder(step: step)
        default:
            return nil
        }
    }
}
