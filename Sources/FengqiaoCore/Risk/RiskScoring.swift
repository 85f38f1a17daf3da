import Foundation

/// The score at which each grade of warning is raised.
public struct RiskThresholds: Sendable, Hashable, Codable {
    public var blue: Int
    public var yellow: Int
    public var orange: Int
    public var red: Int

    public init(blue: Int, yellow: Int, orange: Int, red: Int) {
        self.blue = blue
        self.yellow = yellow
        self.orange = orange
        self.red = red
    }

    /// 蓝 20, 黄 40, 橙 60, 红 80.
    public static let standard = RiskThresholds(blue: 20, yellow: 40, orange: 60, red: 80)

    /// The grade a score reaches, nil below blue.
    public func grade(of score: Int) -> RiskGrade? {
        if score >= red { return .red }
        if score >= orange { return .orange }
        if score >= yellow { return .yellow }
        if score >= blue { return .blue }
        return nil
    }

    /// Each threshold above the one below it, all positive.
    public var isValid: Bool { 0 < blue && blue < yellow && yellow < orange && orange < red }
}

/// One version of a county's risk model: the catalogue's weights as the county changed them, and the thresholds,
/// in force from `effectiveFrom`. A warning keeps the version that scored it.
public struct RiskModel: Sendable, Hashable, Codable {
    public var version: Int
    public var effectiveFrom: Date
    /// Weights that differ from the catalogue's, by indicator code (0 switches an indicator off).
    public var weights: [String: Int]
    public var thresholds: RiskThresholds

    public init(version: Int, effectiveFrom: Date, weights: [String: Int] = [:], thresholds: RiskThresholds = .standard)
    {
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.weights = weights
        self.thresholds = thresholds
    }

    /// Version 1: the catalogue as it is, the standard thresholds.
    public static let standard = RiskModel(version: 1, effectiveFrom: Date(timeIntervalSince1970: 0))

    public func weight(of indicator: RiskIndicator) -> Int { weights[indicator.code] ?? indicator.weight }

    /// Every problem of the version: unknown codes, weights outside 0…100, thresholds out of order.
    public func problems(catalogue: [RiskIndicator] = RiskCatalogue.standard) -> [Localized] {
        var found: [Localized] = []
        let known = Set(catalogue.map(\.code))
        for (code, weight) in weights.sorted(by: { $0.key < $1.key }) {
            if !known.contains(code) {
                found.append(Localized(zh: "未知的预警指标“\(code)”。", en: "Unknown indicator \"\(code)\"."))
            } else if !(0...100).contains(weight) {
                found.append(
                    Localized(
                        zh: "指标“\(code)”的分值应在0到100之间。", en: "The weight of \"\(code)\" must be between 0 and 100."))
            }
        }
        if !thresholds.isValid {
            found.append(
                Localized(
                    zh: "预警阈值应为正数，且蓝 < 黄 < 橙 < 红。",
                    en: "Thresholds must be positive and rise blue < yellow < orange < red."))
        }
        return found
    }

    /// The version in force at `date` among `versions` (the latest that took effect), or the standard one.
    public static func inForce(at date: Date, among versions: [RiskModel]) -> RiskModel {
        versions.filter { $0.effectiveFrom <= date }.max {
            ($0.effectiveFrom, $0.version) < ($1.effectiveFrom, $1.version)
        }
            ?? .standard
    }
}

/// One observation of an indicator about a subject (a person, a household or a dispute): made by the platform from a
/// case, or recorded on a visit.
public struct RiskSignal: Sendable, Hashable, Codable {
    public var indicator: String
    public var at: Date
    /// The case it was derived from, if any.
    public var caseID: Case.ID?
    /// What showed it: the matched words, the channel, the count ("扬言", "110联动", "一年内第3次").
    public var evidence: String

    public init(indicator: String, at: Date, caseID: Case.ID? = nil, evidence: String = "") {
        self.indicator = indicator
        self.at = at
        self.caseID = caseID
        self.evidence = evidence
    }
}

/// A subject's score at a moment: which indicators fired (each once, with its newest observation), the points, the
/// grade, and the model version that scored it.
public struct RiskAssessment: Sendable, Hashable, Codable {
    public struct Fired: Sendable, Hashable, Codable {
        public var indicator: String
        public var name: Localized
        public var explanation: Localized
        public var points: Int
        public var evidence: String
        public var at: Date
    }

    public var score: Int
    public var grade: RiskGrade?
    public var fired: [Fired]
    public var modelVersion: Int

    /// "邻里矛盾 15分；已报警 25分；扬言威胁 40分（扬言）": why, in one line.
    public var reasons: Localized {
        Localized(
            zh: fired.map { "\($0.name.zh) \($0.points)分" + ($0.evidence.isEmpty ? "" : "（\($0.evidence)）") }
                .joined(separator: "；"),
            en: fired.map { "\($0.name.en) \($0.points)" + ($0.evidence.isEmpty ? "" : " (\($0.evidence))") }
                .joined(separator: "; "))
    }
}

public enum RiskScoring {
    /// Scores `signals` at `now`: an indicator counts once, while its newest observation is within its window; a
    /// weight of 0 (switched off) or an unknown code counts nothing. Highest points first.
    public static func assess(
        _ signals: [RiskSignal], at now: Date, model: RiskModel = .standard,
        catalogue: [RiskIndicator] = RiskCatalogue.standard
    ) -> RiskAssessment {
        var newest: [String: RiskSignal] = [:]
        for signal in signals where signal.at <= now {
            if let kept = newest[signal.indicator], kept.at >= signal.at { continue }
            newest[signal.indicator] = signal
        }
        var fired: [RiskAssessment.Fired] = []
        for (code, signal) in newest {
            guard let indicator = RiskCatalogue.indicator(code, in: catalogue) else { continue }
            let points = model.weight(of: indicator)
            let age = now.timeIntervalSince(signal.at)
            guard points > 0, age <= TimeInterval(indicator.windowDays) * 86_400 else { continue }
            fired.append(
                .init(
                    indicator: code, name: indicator.name, explanation: indicator.explanation, points: points,
                    evidence: signal.evidence, at: signal.at))
        }
        fired.sort { ($0.points, $1.indicator) > ($1.points, $0.indicator) }
        let score = fired.reduce(0) { $0 + $1.points }
        return RiskAssessment(
            score: score, grade: model.thresholds.grade(of: score), fired: fired, modelVersion: model.version)
    }
}
