import Foundation

/// What a rate counts, in words for people: shown as is on the definitions page (指标口径).
public struct RateDefinition: Sendable, Hashable, Codable, Identifiable {
    /// A count (受理量) or a ratio of two counts.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case count
        case ratio
    }

    /// Stable, for URLs and stored settings: `resolution`, `on-time`…
    public var id: String
    public var name: Localized
    public var kind: Kind
    /// What is counted (for a count, the count itself).
    public var numerator: Localized
    /// What the numerator is divided by; nil for a count.
    public var denominator: Localized?

    public init(id: String, name: Localized, kind: Kind, numerator: Localized, denominator: Localized?) {
        self.id = id
        self.name = name
        self.kind = kind
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// One rate computed over a set of cases.
public struct Rate: Sendable, Hashable, Identifiable {
    public var definition: RateDefinition
    public var numerator: Int
    /// Nil for a count.
    public var denominator: Int?

    public init(definition: RateDefinition, numerator: Int, denominator: Int?) {
        self.definition = definition
        self.numerator = numerator
        self.denominator = denominator
    }

    public var id: String { definition.id }

    /// A ratio: numerator ÷ denominator, between 0 and 1, nil when the denominator is 0 (nothing to measure). A count:
    /// the count.
    public var value: Double? {
        guard let denominator else { return Double(numerator) }
        return denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }
}

/// The core rates leaders watch (DOMAIN.md, "Measures leaders watch"), each defined once below: its words
/// (`RateDefinition`, shown on the definitions page) and its rule (which cases it counts) side by side.
///
/// Basis shared by all of them (`basis`): the cases registered in the chosen period (by registration time, however
/// long ago they were handled), as they stand when the rates are computed; withdrawn cases and duplicates merged into
/// a master case are left out of every ratio. A consultation answered at intake counts as resolved with outcome
/// solved, as the case file records it; filter by kind (`MetricsFilter.kind`) to see requests (诉求) only.
///
/// Per region subtree, organisation, category, channel, kind and period: `compute(_:filter:deadlineFor:)`.
public enum CoreRates {
    /// One core rate: its definition and the rule that counts it. For a ratio, the numerator rule is asked only of
    /// the cases in the denominator, so the numerator never exceeds the denominator.
    public struct Measure: Sendable {
        /// The deadline of a case (its time limit, extensions included), or nil when it has none.
        public typealias Deadlines = (CaseFacts) -> Date?
        typealias Rule = @Sendable (CaseFacts, Deadlines) -> Bool

        public let definition: RateDefinition
        let numerator: Rule
        /// Nil for a count.
        let denominator: Rule?

        init(_ definition: RateDefinition, numerator: @escaping Rule, denominator: Rule?) {
            self.definition = definition
            self.numerator = numerator
            self.denominator = denominator
        }

        public var id: String { definition.id }

        /// Whether a case is in the denominator (always, for a count) and in the numerator (asked only of the
        /// cases in the denominator).
        func holds(for facts: CaseFacts, deadlineFor: Deadlines) -> (considered: Bool, counted: Bool) {
            let considered = denominator?(facts, deadlineFor) ?? true
            return (considered, considered && numerator(facts, deadlineFor))
        }

        /// The rate over `facts` (already filtered).
        public func rate(over facts: [CaseFacts], deadlineFor: Deadlines = { $0.deadline }) -> Rate {
            rate(over: facts.map { RateTally(conditions: CoreRates.conditions(of: $0, deadlineFor: deadlineFor)) })
        }

        /// The rate over cases counted by their conditions (`CoreRates.conditions(of:)`): what the store sums in the
        /// database instead of reading every case's facts.
        public func rate(over tallies: some Sequence<RateTally>) -> Rate {
            let bits = CoreRates.bits(of: self)
            var counted = 0
            var considered = 0
            for tally in tallies {
                if tally.conditions & bits.considered != 0 { considered += tally.count }
                if tally.conditions & bits.counted != 0 { counted += tally.count }
            }
            return Rate(definition: definition, numerator: counted, denominator: denominator == nil ? nil : considered)
        }
    }

    /// 口径: the basis every measure shares.
    public static let basis = Localized(
        zh: "统计选定期间内受理（登记）的案件，按统计时的状态计算；已撤回和已合并（重复件）的案件不计入任何比率。"
            + "当场答复的咨询按“已办结、已解决”计。",
        en: "The cases registered in the chosen period, as they stand when the figures are computed; withdrawn cases"
            + " and duplicates merged into a master case are left out of every ratio. A consultation answered at"
            + " intake counts as resolved and solved.")

    /// The outcomes that count as 化解 (settled).
    public static let settlingOutcomes: Set<Outcome> = [.solved, .agreementReached]

    /// The follow-up verdicts that count as 满意.
    public static let satisfiedVerdicts: Set<Satisfaction> = [.satisfied, .basicallySatisfied]

    /// 受理量 — Intake (a count, not a rate).
    ///
    /// - 计数：本期受理的案件数，含咨询和已撤回的案件，不含合并到主案的重复件
    /// - Count: cases registered in the period, consultations and withdrawn cases included, duplicates merged into a
    ///   master case excluded
    public static let intake = Measure(
        RateDefinition(
            id: "intake", name: Localized(zh: "受理量", en: "Intake"), kind: .count,
            numerator: Localized(
                zh: "本期受理的案件数，含咨询和已撤回的案件，不含合并到主案的重复件",
                en: "Cases registered in the period, consultations and withdrawn cases included, duplicates merged"
                    + " into a master case excluded"),
            denominator: nil),
        numerator: { facts, _ in !facts.isMerged },
        denominator: nil)

    /// 化解率 — Resolution rate.
    ///
    /// - 分子：已办结的案件中，办结结果为“已解决”或“达成调解协议”的案件数
    /// - Numerator: resolved cases whose outcome is solved or agreement reached
    /// - 分母：已办结（已办结、已回访、已归档）的案件数，不论办结结果
    /// - Denominator: resolved cases (resolved, followed up or closed), whatever the outcome
    public static let resolution = Measure(
        RateDefinition(
            id: "resolution", name: Localized(zh: "化解率", en: "Resolution rate"), kind: .ratio,
            numerator: Localized(
                zh: "已办结的案件中，办结结果为“已解决”或“达成调解协议”的案件数",
                en: "Resolved cases whose outcome is solved or agreement reached"),
            denominator: Localized(
                zh: "已办结（已办结、已回访、已归档）的案件数，不论办结结果",
                en: "Resolved cases (resolved, followed up or closed), whatever the outcome")),
        numerator: { facts, _ in facts.outcome.map { settlingOutcomes.contains($0) } ?? false },
        denominator: { facts, _ in facts.isResolved })

    /// 办结率 — Closing rate.
    ///
    /// - 分子：已办结（已办结、已回访、已归档）的案件数
    /// - Numerator: resolved cases (resolved, followed up or closed)
    /// - 分母：本期受理的案件数，不含已撤回和已合并的案件
    /// - Denominator: cases registered in the period, withdrawn and merged cases excluded
    public static let closing = Measure(
        RateDefinition(
            id: "closing", name: Localized(zh: "办结率", en: "Closing rate"), kind: .ratio,
            numerator: Localized(
                zh: "已办结（已办结、已回访、已归档）的案件数",
                en: "Resolved cases (resolved, followed up or closed)"),
            denominator: Localized(
                zh: "本期受理的案件数，不含已撤回和已合并的案件",
                en: "Cases registered in the period, withdrawn and merged cases excluded")),
        numerator: { facts, _ in facts.isResolved },
        denominator: { facts, _ in facts.countsInRates })

    /// 按期办结率 — On-time closing rate.
    ///
    /// - 分子：在办理期限内（不晚于期限）办结的案件数，以最近一次办结时间为准
    /// - Numerator: resolved cases resolved on or before their deadline, by the time of the latest resolution
    /// - 分母：已办结且有办理期限的案件数；没有期限的案件无法衡量，不计入
    /// - Denominator: resolved cases that have a deadline; cases without one cannot be measured and are left out
    public static let onTime = Measure(
        RateDefinition(
            id: "on-time", name: Localized(zh: "按期办结率", en: "On-time closing rate"), kind: .ratio,
            numerator: Localized(
                zh: "在办理期限内（不晚于期限）办结的案件数，以最近一次办结时间为准",
                en: "Resolved cases resolved on or before their deadline, by the time of the latest resolution"),
            denominator: Localized(
                zh: "已办结且有办理期限的案件数；没有期限的案件无法衡量，不计入",
                en: "Resolved cases that have a deadline; cases without one cannot be measured and are left out")),
        numerator: { facts, deadlineFor in
            guard let resolvedAt = facts.resolvedAt, let deadline = deadlineFor(facts) else { return false }
            return resolvedAt <= deadline
        },
        denominator: { facts, deadlineFor in facts.isResolved && deadlineFor(facts) != nil })

    /// The denominator 接单率 and 退单率 share: cases dispatched at least once.
    static let dispatchedCases = Localized(
        zh: "派过单的案件数，不含已撤回和已合并的案件",
        en: "Cases dispatched at least once, withdrawn and merged cases excluded")

    /// The denominator 满意率 and 重办率 share: cases followed up at least once.
    static let followedUpCases = Localized(
        zh: "回访过的案件数，不含已撤回和已合并的案件",
        en: "Cases followed up at least once, withdrawn and merged cases excluded")

    /// 接单率 — Acceptance on first dispatch.
    ///
    /// - 分子：首次派单即由牵头单位接单（其间未退单、未上报）的案件数
    /// - Numerator: dispatched cases whose first dispatch the lead accepted (no return or escalation before)
    /// - 分母：派过单的案件数，不含已撤回和已合并的案件
    /// - Denominator: cases dispatched at least once, withdrawn and merged cases excluded
    public static let acceptance = Measure(
        RateDefinition(
            id: "acceptance", name: Localized(zh: "接单率", en: "Acceptance on first dispatch"), kind: .ratio,
            numerator: Localized(
                zh: "首次派单即由牵头单位接单（其间未退单、未上报）的案件数",
                en: "Dispatched cases whose first dispatch the lead accepted (no return or escalation before)"),
            denominator: dispatchedCases),
        numerator: { facts, _ in facts.acceptedOnFirstDispatch },
        denominator: { facts, _ in facts.countsInRates && facts.wasDispatched })

    /// 退单率 — Return rate.
    ///
    /// - 分子：被牵头单位退单至少一次的案件数（协办单位退出不算退单）
    /// - Numerator: cases returned by a lead at least once (an assisting organisation leaving is not a return)
    /// - 分母：派过单的案件数，不含已撤回和已合并的案件
    /// - Denominator: cases dispatched at least once, withdrawn and merged cases excluded
    public static let returns = Measure(
        RateDefinition(
            id: "return", name: Localized(zh: "退单率", en: "Return rate"), kind: .ratio,
            numerator: Localized(
                zh: "被牵头单位退单至少一次的案件数（协办单位退出不算退单）",
                en: "Cases returned by a lead at least once (an assisting organisation leaving is not a return)"),
            denominator: dispatchedCases),
        numerator: { facts, _ in facts.wasReturned },
        denominator: { facts, _ in facts.countsInRates && facts.wasDispatched })

    /// 满意率 — Satisfaction rate.
    ///
    /// - 分子：最近一次回访为“满意”或“基本满意”的案件数
    /// - Numerator: cases whose latest follow-up was satisfied or basically satisfied
    /// - 分母：回访过的案件数，不含已撤回和已合并的案件
    /// - Denominator: cases followed up at least once, withdrawn and merged cases excluded
    public static let satisfaction = Measure(
        RateDefinition(
            id: "satisfaction", name: Localized(zh: "满意率", en: "Satisfaction rate"), kind: .ratio,
            numerator: Localized(
                zh: "最近一次回访为“满意”或“基本满意”的案件数",
                en: "Cases whose latest follow-up was satisfied or basically satisfied"),
            denominator: followedUpCases),
        numerator: { facts, _ in facts.latestSatisfaction.map { satisfiedVerdicts.contains($0) } ?? false },
        denominator: { facts, _ in facts.countsInRates && facts.wasFollowedUp })

    /// 重办率 — Redo rate.
    ///
    /// - 分子：因回访“不满意”而重新办理（重办）过的案件数
    /// - Numerator: cases reopened at least once because a follow-up was dissatisfied
    /// - 分母：回访过的案件数，不含已撤回和已合并的案件
    /// - Denominator: cases followed up at least once, withdrawn and merged cases excluded
    public static let redo = Measure(
        RateDefinition(
            id: "redo", name: Localized(zh: "重办率", en: "Redo rate"), kind: .ratio,
            numerator: Localized(
                zh: "因回访“不满意”而重新办理（重办）过的案件数",
                en: "Cases reopened at least once because a follow-up was dissatisfied"),
            denominator: followedUpCases),
        numerator: { facts, _ in facts.redoCount > 0 },
        denominator: { facts, _ in facts.countsInRates && facts.wasFollowedUp })

    /// 反弹率 — Flare-up rate.
    ///
    /// - 分子：办结后因矛盾反弹被“重新办理”过的案件数（回访不满意引起的重办不算）
    /// - Numerator: cases reopened after resolution because the matter flared up again (the reopen command; a
    ///   reopening caused by a dissatisfied follow-up is not one)
    /// - 分母：办结过的案件数（含其后被重新办理的），不含已撤回和已合并的案件
    /// - Denominator: cases resolved at least once (including those reopened since), withdrawn and merged cases
    ///   excluded
    public static let flareUp = Measure(
        RateDefinition(
            id: "flare-up", name: Localized(zh: "反弹率", en: "Flare-up rate"), kind: .ratio,
            numerator: Localized(
                zh: "办结后因矛盾反弹被“重新办理”过的案件数（回访不满意引起的重办不算）",
                en: "Cases reopened after resolution because the matter flared up again (the reopen command; a"
                    + " reopening caused by a dissatisfied follow-up is not one)"),
            denominator: Localized(
                zh: "办结过的案件数（含其后被重新办理的），不含已撤回和已合并的案件",
                en: "Cases resolved at least once (including those reopened since), withdrawn and merged cases"
                    + " excluded")),
        numerator: { facts, _ in facts.flareUpCount > 0 },
        denominator: { facts, _ in facts.countsInRates && facts.wasResolved })

    /// Every core rate, in the order the definitions page and the dashboards show them.
    public static let all: [Measure] = [
        intake, resolution, closing, onTime, acceptance, returns, satisfaction, redo, flareUp,
    ]

    /// The definitions, in the order of `all`.
    public static let definitions: [RateDefinition] = all.map(\.definition)

    /// Every core rate, in the order of `all`, over the cases `filter` lets through. `deadlineFor` gives a case's
    /// deadline for 按期办结率 (by default the finish deadline the store keeps in `CaseFacts.deadline`); cases
    /// without one are not measurable there.
    public static func compute(
        _ facts: [CaseFacts], filter: MetricsFilter = .all, deadlineFor: Measure.Deadlines = { $0.deadline }
    ) -> [Rate] {
        compute(
            facts.filter(filter.includes).map { RateTally(conditions: conditions(of: $0, deadlineFor: deadlineFor)) })
    }

    /// Every core rate, in the order of `all`, over cases counted by their conditions.
    public static func compute(_ tallies: [RateTally]) -> [Rate] {
        all.map { $0.rate(over: tallies) }
    }

    // MARK: Conditions

    /// The bit of `conditions(of:)` that says a case is unresolved now (`CaseState.isUnresolved`): the dashboard's
    /// open counts. It follows the two bits of every measure in `all`.
    public static let unresolvedBit: Int64 = 1 << (2 * all.count)

    /// Everything the rates ask of one case, as bits: for the measure at index `i` of `all`, bit `2i` says the case
    /// is in its denominator (always set for a count) and bit `2i + 1` that it is in its numerator; then
    /// `unresolvedBit`. The bits depend only on the case's facts (its deadline included), not on the time they are
    /// asked at, so the store keeps them on each case (`cases.metric_flags`), rewritten with the facts, and sums
    /// them with `GROUP BY` instead of reading every case. Changing a rule or the order of `all` changes the meaning
    /// of the stored bits: such a change needs a migration that recomputes them (as M0012 does).
    public static func conditions(of facts: CaseFacts, deadlineFor: Measure.Deadlines = { $0.deadline }) -> Int64 {
        var conditions: Int64 = facts.state.isUnresolved ? unresolvedBit : 0
        for (index, measure) in all.enumerated() {
            let holds = measure.holds(for: facts, deadlineFor: deadlineFor)
            if holds.considered { conditions |= 1 << (2 * index) }
            if holds.counted { conditions |= 1 << (2 * index + 1) }
        }
        return conditions
    }

    /// The two bits of `measure` in `conditions(of:)`.
    static func bits(of measure: Measure) -> (considered: Int64, counted: Int64) {
        guard let index = all.firstIndex(where: { $0.id == measure.id }) else {
            preconditionFailure("\(measure.id) is not one of CoreRates.all")
        }
        return (1 << (2 * index), 1 << (2 * index + 1))
    }
}

/// Cases that share the same conditions (`CoreRates.conditions(of:)`), and how many they are: all the rates need to
/// know of them. The store returns these from a `GROUP BY`, a few hundred rows however many cases there are.
public struct RateTally: Sendable, Hashable {
    public var conditions: Int64
    public var count: Int

    public init(conditions: Int64, count: Int = 1) {
        self.conditions = conditions
        self.count = count
    }

    /// Unresolved now (`CoreRates.unresolvedBit`).
    public var isUnresolved: Bool { conditions & CoreRates.unresolvedBit != 0 }
}
