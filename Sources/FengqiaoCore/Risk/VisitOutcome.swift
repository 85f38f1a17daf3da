/// What a visit (巡查走访) did about a warning, as the seeds name the four kinds of work, and what it does to the
/// warning: work that settles the risk closes it, work that contains it lowers it one grade, and finding no risk
/// closes it as a false alarm (counted against the warning's precision).
public enum VisitOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// 矛盾化解: the dispute was settled.
    case resolved
    /// 心理疏导: counselling.
    case counselled
    /// 人员稳控: the person is watched and kept calm.
    case stabilised
    /// 关爱帮扶: care and practical help.
    case supported
    /// 未发现风险
    case noRisk

    public var name: Localized {
        switch self {
        case .resolved: Localized(zh: "矛盾化解", en: "Dispute settled")
        case .counselled: Localized(zh: "心理疏导", en: "Counselling")
        case .stabilised: Localized(zh: "人员稳控", en: "Person stabilised")
        case .supported: Localized(zh: "关爱帮扶", en: "Care and help")
        case .noRisk: Localized(zh: "未发现风险", en: "No risk found")
        }
    }

    /// The warning's grade after the visit: nil closes it.
    public func grade(after grade: RiskGrade) -> RiskGrade? {
        switch self {
        case .resolved, .noRisk: return nil
        case .counselled, .stabilised, .supported:
            return RiskGrade.allCases.last { $0 < grade }
        }
    }
}
