/// One indicator of the risk early-warning catalogue (矛盾纠纷风险预警指标), as the seeds' 命案风险预警 systems
/// use them: a named sign that a dispute may turn violent ("民转刑、刑转命"), with its weight in points, how long an
/// observation of it counts, and a plain Chinese explanation shown beside every warning it helps raise.
public struct RiskIndicator: Sendable, Hashable, Codable, Identifiable {
    /// Where an observation comes from.
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        /// Derived by the platform from what it already knows (cases, their channels, categories, words, history).
        case automatic
        /// Recorded by a grid worker, police officer or justice officer on a visit (走访录入).
        case visit

        public var name: Localized {
            switch self {
            case .automatic: Localized(zh: "系统自动识别", en: "Derived automatically")
            case .visit: Localized(zh: "走访录入", en: "Recorded on a visit")
            }
        }
    }

    /// What the indicator says something about.
    public enum Group: String, Sendable, Hashable, Codable, CaseIterable {
        /// The dispute's history: repeats, reopenings, escalation, time.
        case history
        /// The kind of dispute.
        case category
        /// What the report says (words of threat, weapons, violence).
        case words
        /// The handling: overdue, dissatisfied, returned.
        case handling
        /// The person and their household (recorded on visits).
        case person

        public var name: Localized {
            switch self {
            case .history: Localized(zh: "纠纷经过", en: "History")
            case .category: Localized(zh: "纠纷类型", en: "Kind of dispute")
            case .words: Localized(zh: "反映内容", en: "What was reported")
            case .handling: Localized(zh: "办理情况", en: "Handling")
            case .person: Localized(zh: "人员情况", en: "The person")
            }
        }
    }

    /// A stable code, lower-case with hyphens (what weights and observations refer to).
    public var code: String
    public var name: Localized
    /// What it means and why it matters, in plain words.
    public var explanation: Localized
    /// Points it adds to a score (the county's administrators may change it: `RiskModel.weights`).
    public var weight: Int
    /// How many days an observation counts after it was made.
    public var windowDays: Int
    public var source: Source
    public var group: Group

    public var id: String { code }

    public init(
        _ code: String, _ name: Localized, weight: Int, windowDays: Int, source: Source, group: Group,
        explanation: Localized
    ) {
        self.code = code
        self.name = name
        self.weight = weight
        self.windowDays = windowDays
        self.source = source
        self.group = group
        self.explanation = explanation
    }
}

/// The grades of a warning (预警等级), from the mildest.
public enum RiskGrade: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case blue
    case yellow
    case orange
    case red

    public var name: Localized {
        switch self {
        case .blue: Localized(zh: "蓝色预警", en: "Blue warning")
        case .yellow: Localized(zh: "黄色预警", en: "Yellow warning")
        case .orange: Localized(zh: "橙色预警", en: "Orange warning")
        case .red: Localized(zh: "红色预警", en: "Red warning")
        }
    }

    /// 1 (blue) to 4 (red).
    public var rank: Int {
        switch self {
        case .blue: 1
        case .yellow: 2
        case .orange: 3
        case .red: 4
        }
    }

    public static func < (left: RiskGrade, right: RiskGrade) -> Bool { left.rank < right.rank }
}
