import Foundation

/// An escalation ladder (调解层级): the levels a dispute is mediated at, from the bottom up, with how many
/// sessions and how much time each level has before the case moves to the next level's center. Configured per
/// dispute type (by category); the seeds' two are shipped: "三级调解" and "三二一".
public struct EscalationLadder: Sendable, Codable, Equatable, Hashable, Identifiable {
    public struct Step: Sendable, Codable, Equatable, Hashable {
        public var level: RegionLevel
        /// The level's limit on sessions: after this many unsuccessful sessions the level is exhausted.
        public var maxSessions: Int?
        /// The sessions the level must hold before the case may move up ("村级至少3次").
        public var minSessions: Int?
        /// The time the level has, counted from when the case reached it.
        public var within: TimeLimit?

        public init(level: RegionLevel, maxSessions: Int? = nil, minSessions: Int? = nil, within: TimeLimit? = nil) {
            self.level = level
            self.maxSessions = maxSessions
            self.minSessions = minSessions
            self.within = within
        }

        /// Unsuccessful sessions after which the level is exhausted (the maximum, else the minimum), or nil when
        /// sessions never exhaust it (the last level decides).
        public var exhaustingSessions: Int? { maxSessions ?? minSessions }
    }

    public var code: String
    public var name: String
    /// Categories the ladder applies to (prefix match, as in `TimeLimitPolicy.categoryPrefix`).
    public var categoryPrefixes: [String]
    /// True: an exhausted level moves the case up by itself. False: the case shows a button (移交上一级).
    public var automatic: Bool
    public var steps: [Step]

    public var id: String { code }

    public init(code: String, name: String, categoryPrefixes: [String], automatic: Bool, steps: [Step]) {
        self.code = code
        self.name = name
        self.categoryPrefixes = categoryPrefixes
        self.automatic = automatic
        self.steps = steps
    }

    /// The step a case whose center sits at `level` starts at: the first step at or above that level (steps go
    /// from the bottom up), the first step when the level is unknown, the last when the center is above them all.
    public func step(for level: RegionLevel?) -> Int {
        guard let level else { return 0 }
        return steps.firstIndex { $0.level.depth <= level.depth } ?? max(0, steps.count - 1)
    }

    public func validate() throws(TimeLimitError) {
        guard TimeLimitRules.isCode(code) else { throw .invalidCode }
        guard !name.trimmingWhitespace.isEmpty, name.count <= 100 else { throw .invalidName }
        guard !categoryPrefixes.isEmpty, categoryPrefixes.allSatisfy(TimeLimitRules.isCategoryPrefix) else {
            throw .invalidCategoryPrefix
        }
        guard steps.count >= 2 else { throw .invalidLadder }
        for (index, step) in steps.enumerated() {
            if index > 0, step.level.depth >= steps[index - 1].level.depth { throw .invalidLadder }
            if let n = step.maxSessions, n < 1 { throw .invalidLadder }
            if let n = step.minSessions, n < 1 { throw .invalidLadder }
            if let max = step.maxSessions, let min = step.minSessions, min > max { throw .invalidLadder }
            if let within = step.within, within.count < 1 { throw .invalidLadder }
        }
    }

    /// "三级调解": village group up to 3 sessions within a week, the village committee up to 3 within half a month,
    /// the township up to 3 within a month, then the county. Moves up by itself.
    public static let threeLevel = EscalationLadder(
        code: "three-level", name: "三级调解（组—村—镇—县）",
        categoryPrefixes: ["livelihood.neighbour", "agriculture.land", "agriculture.forest", "agriculture.homestead"],
        automatic: true,
        steps: [
            Step(level: .grid, maxSessions: 3, within: .naturalDays(7)),
            Step(level: .village, maxSessions: 3, within: .naturalDays(15)),
            Step(level: .township, maxSessions: 3, within: .naturalDays(30)),
            Step(level: .county),
        ])

    /// "三二一": the village mediates at least 3 times, the township at least 2, then the county decides. The
    /// center moves the case up with one button once a level has held its sessions.
    public static let threeTwoOne = EscalationLadder(
        code: "three-two-one", name: "三二一（村至少3次、镇至少2次、县裁决）",
        categoryPrefixes: ["livelihood.contract", "livelihood.consumer"], automatic: false,
        steps: [
            Step(level: .village, minSessions: 3),
            Step(level: .township, minSessions: 2),
            Step(level: .county),
        ])

    public static let defaults: [EscalationLadder] = [threeLevel, threeTwoOne]
}

/// Where a case stands on its ladder.
public struct LadderProgress: Sendable, Codable, Equatable, Hashable {
    /// Why a level is done with.
    public enum Exhaustion: String, Codable, Sendable {
        /// Its sessions were held without agreement.
        case sessions
        /// Its time ran out.
        case time
    }

    public var ladder: EscalationLadder
    public var stepIndex: Int
    public var stepStartedAt: Date
    /// Unsuccessful sessions held at this level.
    public var failedSessions: Int
    /// Set when the level is exhausted: the case is due to move up (automatic ladders move it at once).
    public var exhausted: Exhaustion?
    /// How many times the case moved up. Until it first does, a dispatch may place it lower (a township center
    /// dispatching a dispute to a village committee starts it at the village level).
    public var climbs: Int

    public init(
        ladder: EscalationLadder, stepIndex: Int, stepStartedAt: Date, failedSessions: Int = 0,
        exhausted: Exhaustion? = nil, climbs: Int = 0
    ) {
        self.ladder = ladder
        self.stepIndex = stepIndex
        self.stepStartedAt = stepStartedAt
        self.failedSessions = failedSessions
        self.exhausted = exhausted
        self.climbs = climbs
    }

    /// The next level, when there is one.
    public var nextStep: EscalationLadder.Step? {
        stepIndex + 1 < ladder.steps.count ? ladder.steps[stepIndex + 1] : nil
    }

    /// The step a dispatch to an organisation at `level` places the case at, when that moves it: up at any time,
    /// down only before the case has first moved up.
    public func placement(forLeadAt level: RegionLevel) -> Int? {
        let target = ladder.step(for: level)
        guard target != stepIndex, target > stepIndex || climbs == 0 else { return nil }
        return target
    }

    mutating func moveTo(step: Int, at instant: Date, climbing: Bool) {
        stepIndex = min(max(step, 0), ladder.steps.count - 1)
        stepStartedAt = instant
        failedSessions = 0
        exhausted = nil
        if climbing { climbs += 1 }
    }

    public var step: EscalationLadder.Step { ladder.steps[min(max(stepIndex, 0), ladder.steps.count - 1)] }
    public var isLastStep: Bool { stepIndex >= ladder.steps.count - 1 }

    /// "村级调解：已调解2次（上限3次）" / "Village level: 2 unsuccessful sessions (limit 3)".
    public var summary: Localized {
        let level = step.level.name
        var zh = "\(level.zh)调解：未成功\(failedSessions)次"
        var en = "\(level.en) level: \(failedSessions) unsuccessful session\(failedSessions == 1 ? "" : "s")"
        if let max = step.maxSessions {
            zh += "（上限\(max)次）"
            en += " (limit \(max))"
        } else if let min = step.minSessions {
            zh += "（至少\(min)次）"
            en += " (at least \(min))"
        }
        if isLastStep {
            zh += "；本级为最后一级"
            en += "; this is the last level"
        }
        return Localized(zh: zh, en: en)
    }
}
