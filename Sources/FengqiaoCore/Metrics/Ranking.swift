import Foundation

/// The 红黑榜: subordinate units ranked by how they handle their cases, only those with enough cases for a rate to
/// mean something (`minimum`, an administrator's setting). Units below it are not ranked, only counted; a ranked
/// row always shows its volume beside its rates.
public struct Ranking: Sendable, Equatable {
    /// The ranked units, best first; every one has at least `minimum` cases.
    public var ranked: [DashboardFigures.Standing]
    /// The units with fewer than `minimum` cases (none included): named nowhere, counted here.
    public var belowMinimum: Int
    public var minimum: Int

    /// How many units the red list and the black list each show at most.
    public static let listLength = 5

    /// Ranks `standings` whose volume reaches `minimum` (1 at least): the highest 按期办结率 first, then 办结率, then
    /// the fewest open cases, then by name. A unit with no resolved case that had a time limit has no 按期办结率
    /// and ranks after those that have one.
    public init(_ standings: [DashboardFigures.Standing], minimum: Int) {
        let minimum = max(1, minimum)
        self.minimum = minimum
        belowMinimum = standings.filter { $0.cases < minimum }.count
        ranked = standings.filter { $0.cases >= minimum }.sorted { a, b in
            let left = (a.onTime.value ?? -1, a.closing.value ?? -1, -a.open)
            let right = (b.onTime.value ?? -1, b.closing.value ?? -1, -b.open)
            return left != right ? left > right : a.name < b.name
        }
    }

    /// The red list (红榜): the best, at most `listLength`, and never more than half of the ranked units (rounded
    /// up), so that no unit is on both lists.
    public var red: ArraySlice<DashboardFigures.Standing> {
        ranked.prefix(min(Self.listLength, (ranked.count + 1) / 2))
    }

    /// The black list (黑榜): the worst, at most `listLength`, worst last, none of them on the red list.
    public var black: ArraySlice<DashboardFigures.Standing> {
        ranked.suffix(min(Self.listLength, ranked.count - red.count))
    }
}

/// The leader's screen settings an administrator changes: how many cases a unit needs to be ranked.
public enum RankingMinimum {
    /// Without a setting: 10 cases.
    public static let standard = 10
    /// What an administrator may set.
    public static let allowed = 1...10_000
    /// The name of the setting in the settings table.
    public static let settingName = "dashboard.ranking_minimum"

    /// The value typed on the settings page, or a refusal that names the field.
    public static func parse(_ text: String?) throws(Refusal) -> Int {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let value = Int(trimmed), allowed.contains(value) else { throw Refusal() }
        return value
    }

    /// The value must be a whole number within `allowed`.
    public struct Refusal: UserFacingError, Equatable {
        public init() {}
        public var code: String { "setting.ranking_minimum" }
        public var message: Localized {
            Localized(
                zh: "“参与排名的最少办件数”须为 \(allowed.lowerBound) 到 \(allowed.upperBound) 之间的整数。",
                en: "\"Minimum cases to be ranked\" must be a whole number from \(allowed.lowerBound) to"
                    + " \(allowed.upperBound).")
        }
    }
}
