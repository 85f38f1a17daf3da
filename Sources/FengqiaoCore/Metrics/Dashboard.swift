import Foundation

/// What the leader's one screen ("一屏看全域") shows of a jurisdiction over a period of registration (a date range,
/// this month by default), computed from the cases' facts: the cases registered and still open, the core rates
/// against the period before, a daily trend, cases by category, and the ranking of subordinate units (红黑榜, only
/// those with enough cases). Days and months are China Standard Time. Pure: the store supplies the facts or their
/// sums, the caller the time and the range.
public struct DashboardFigures: Sendable, Equatable {
    public struct Comparison: Sendable, Equatable {
        public var current: Rate
        public var previous: Rate
    }

    public struct Day: Sendable, Equatable {
        /// `2026-11-23`.
        public var date: String
        public var registered: Int
        public var resolved: Int
    }

    /// One subordinate region or organisation on the 红黑榜.
    public struct Standing: Sendable, Equatable {
        public var name: String
        /// What the unit's cases are listed by: the region's code, or the organisation's id.
        public var key: String
        /// Registered in the period (the volume shown beside the rates).
        public var cases: Int
        public var open: Int
        /// 办结率, 按期办结率 and 退单率 of the cases registered in the period, with their numerator and denominator.
        public var closing: Rate
        public var onTime: Rate
        public var returns: Rate
    }

    public var window: Window
    /// Registered in the period.
    public var registered: Int
    /// Registered in the period and unresolved now.
    public var open: Int
    public var rates: [Comparison]
    public var trend: [Day]
    /// Category code (nil: not yet classified) and count, largest first.
    public var byCategory: [(code: String?, count: Int)]
    public var regions: Ranking
    public var organisations: Ranking

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.window == rhs.window && lhs.registered == rhs.registered && lhs.open == rhs.open
            && lhs.rates == rhs.rates && lhs.trend == rhs.trend && lhs.regions == rhs.regions
            && lhs.organisations == rhs.organisations && lhs.byCategory.map(\.code) == rhs.byCategory.map(\.code)
            && lhs.byCategory.map(\.count) == rhs.byCategory.map(\.count)
    }

    /// The rates shown side by side with the period before's, in this order.
    public static let comparedRates = [
        CoreRates.resolution, CoreRates.closing, CoreRates.onTime, CoreRates.acceptance, CoreRates.returns,
        CoreRates.satisfaction,
    ].map(\.id)

    /// The time bounds of one dashboard: the period of registration it shows (whole days, China Standard Time, up
    /// to the time it is shown), the period it is compared with, and the days of the trend.
    public struct Window: Sendable, Equatable {
        public var now: Date
        public var startOfToday: Date
        /// The start of the first day of the period.
        public var from: Date
        /// The start of the last day of the period.
        public var lastDay: Date
        /// The cases registered in the period: from its first day to the end of its last day, or now if sooner.
        public var period: Range<Date>
        /// What the period is compared with: the whole month before when the period is a month or the start of
        /// one (this month so far against last month), otherwise as many days just before it.
        public var previous: Range<Date>
        /// The first day of the trend: the period's, or 93 days before its last day shown for a longer one.
        public var firstDay: Date
        /// How many days the trend covers, up to the last day of the period or today, whichever is sooner.
        public var days: Int

        /// The longest trend, in days.
        public static let maximumTrendDays = 93

        /// The period from the day of `from` to the day of `to` (China Standard Time; either given as any moment of
        /// that day). Without `from`: the first day of this month; without `to`: today. A `to` before `from` is
        /// taken as `from`.
        public init(now: Date, from: Date? = nil, to: Date? = nil) {
            let calendar = DashboardFigures.calendar
            func day(_ date: Date) -> Date { calendar.startOfDay(for: date) }
            func adding(_ days: Int, to date: Date) -> Date {
                calendar.date(byAdding: .day, value: days, to: date) ?? date
            }
            self.now = now
            startOfToday = day(now)
            let startOfMonth =
                calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? startOfToday
            self.from = from.map(day) ?? startOfMonth
            lastDay = max(self.from, to.map(day) ?? startOfToday)
            let end = min(adding(1, to: lastDay), now.addingTimeInterval(1))
            period = self.from..<max(self.from, end)

            let fromParts = calendar.dateComponents([.year, .month, .day], from: self.from)
            let sameMonth =
                calendar.dateComponents([.year, .month], from: lastDay)
                == calendar.dateComponents([.year, .month], from: self.from)
            if fromParts.day == 1 && sameMonth {
                previous = (calendar.date(byAdding: .month, value: -1, to: self.from) ?? self.from)..<self.from
            } else {
                let length = (calendar.dateComponents([.day], from: self.from, to: lastDay).day ?? 0) + 1
                previous = adding(-length, to: self.from)..<self.from
            }

            let lastShown = max(self.from, min(lastDay, startOfToday))
            let span = (calendar.dateComponents([.day], from: self.from, to: lastShown).day ?? 0) + 1
            days = min(span, Self.maximumTrendDays)
            firstDay = adding(-(days - 1), to: lastShown)
        }

        /// The trend's day (0 is `firstDay`) that `date` falls on; nil outside the trend or after the period. Days
        /// are whole 24 hours: China Standard Time has no daylight saving time.
        public func dayIndex(_ date: Date) -> Int? {
            guard date >= firstDay, date < period.upperBound else { return nil }
            let index = Int((date.timeIntervalSince(firstDay) / 86_400).rounded(.down))
            return index < days ? index : nil
        }

        /// The end of the trend's days: the first moment after them that `dayIndex` no longer counts.
        public var trendEnd: Date {
            min(period.upperBound, firstDay.addingTimeInterval(Double(days) * 86_400))
        }

        /// `2026-11-23` of the period's first and last day: the `from` and `to` of the case list's filters.
        public var fromText: String { DashboardFigures.dayFormatter.string(from: from) }
        public var toText: String { DashboardFigures.dayFormatter.string(from: lastDay) }
    }

    /// What the dashboard counts, already summed: the store adds these up in the database (`GROUP BY`), and
    /// `init(_:window:organisations:)` adds them up from the facts of each case, which is what they mean.
    public struct Counts: Sendable, Equatable {
        /// Registered in the period, by their conditions.
        public var period: [RateTally] = []
        /// Registered in the period compared with, by their conditions.
        public var previous: [RateTally] = []
        /// Registered on each day of the trend (`Window.dayIndex`).
        public var registeredByDay: [Int: Int] = [:]
        /// Resolved now, by the day of their latest resolution.
        public var resolvedByDay: [Int: Int] = [:]
        /// Registered in the period, by category code (nil: not classified).
        public var byCategory: [String?: Int] = [:]
        /// Registered in the period, by region path and conditions.
        public var byRegionPath: [String: [RateTally]] = [:]
        /// Registered in the period, by organisation involved (`CaseFacts.organisationIDs`) and conditions; only
        /// the organisations asked for.
        public var byOrganisation: [Organisation.ID: [RateTally]] = [:]

        public init() {}

        /// The counts of `facts`, case by case: the definition the store's sums are tested against.
        public init(_ facts: [CaseFacts], window: Window, organisations: Set<Organisation.ID>) {
            var period: [Int64: Int] = [:]
            var previous: [Int64: Int] = [:]
            var byRegion: [String: [Int64: Int]] = [:]
            var byOrganisation: [Organisation.ID: [Int64: Int]] = [:]
            for fact in facts {
                let conditions = CoreRates.conditions(of: fact)
                if let day = window.dayIndex(fact.registeredAt) { registeredByDay[day, default: 0] += 1 }
                if fact.state.isResolved, let resolvedAt = fact.resolvedAt, let day = window.dayIndex(resolvedAt) {
                    resolvedByDay[day, default: 0] += 1
                }
                if window.previous.contains(fact.registeredAt) { previous[conditions, default: 0] += 1 }
                guard window.period.contains(fact.registeredAt) else { continue }
                period[conditions, default: 0] += 1
                byCategory[fact.categoryCode, default: 0] += 1
                byRegion[fact.regionPath, default: [:]][conditions, default: 0] += 1
                for organisation in fact.organisationIDs where organisations.contains(organisation) {
                    byOrganisation[organisation, default: [:]][conditions, default: 0] += 1
                }
            }
            func tallies(_ counts: [Int64: Int]) -> [RateTally] {
                counts.map { RateTally(conditions: $0.key, count: $0.value) }.sorted { $0.conditions < $1.conditions }
            }
            self.period = tallies(period)
            self.previous = tallies(previous)
            byRegionPath = byRegion.mapValues(tallies)
            self.byOrganisation = byOrganisation.mapValues(tallies)
        }

        /// The same counts with every list of tallies in one order, so that two ways of summing compare equal.
        public var normalised: Counts {
            func sorted(_ tallies: [RateTally]) -> [RateTally] {
                tallies.filter { $0.count > 0 }.sorted { $0.conditions < $1.conditions }
            }
            var copy = self
            copy.period = sorted(period)
            copy.previous = sorted(previous)
            copy.byRegionPath = byRegionPath.mapValues(sorted).filter { !$0.value.isEmpty }
            copy.byOrganisation = byOrganisation.mapValues(sorted).filter { !$0.value.isEmpty }
            return copy
        }

        /// Registered in the period in the region subtree at `path`, and how many of those are unresolved now.
        public func inSubtree(_ path: String) -> (cases: Int, open: Int) {
            let subtree = MetricsFilter(regionPath: path)
            var cases = 0
            var open = 0
            for (regionPath, tallies) in byRegionPath where subtree.includes(regionPath: regionPath) {
                for tally in tallies {
                    cases += tally.count
                    if tally.isUnresolved { open += tally.count }
                }
            }
            return (cases, open)
        }
    }

    /// Days and months of the dashboard: China Standard Time.
    static var calendar: Calendar { ChinaTime.calendar }

    static var dayFormatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }

    /// `2026-11-23`: the day `date` falls on, China Standard Time.
    public static func dayText(_ date: Date) -> String { dayFormatter.string(from: date) }

    /// A subordinate region to rank: its name, code (what its cases are listed by) and region path.
    public typealias RankedRegion = (name: String, code: String, path: String)
    /// An organisation to rank (departments, police stations…): its name and id.
    public typealias RankedOrganisation = (name: String, id: Organisation.ID)

    /// The dashboard of `facts`, counted case by case (see `Counts.init(_:window:organisations:)`).
    public static func compute(
        _ facts: [CaseFacts], window: Window, regions: [RankedRegion], organisations: [RankedOrganisation],
        minimum: Int = RankingMinimum.standard
    ) -> DashboardFigures {
        compute(
            Counts(facts, window: window, organisations: Set(organisations.map(\.id))), window: window,
            regions: regions, organisations: organisations, minimum: minimum)
    }

    /// The dashboard from counts already summed (by the store, or from facts); units are ranked when they have at
    /// least `minimum` cases in the period.
    public static func compute(
        _ counts: Counts, window: Window, regions: [RankedRegion], organisations: [RankedOrganisation],
        minimum: Int = RankingMinimum.standard
    ) -> DashboardFigures {
        let current = CoreRates.compute(counts.period)
        let previous = CoreRates.compute(counts.previous)
        let rates = comparedRates.compactMap { id -> Comparison? in
            guard let a = current.first(where: { $0.id == id }), let b = previous.first(where: { $0.id == id })
            else { return nil }
            return Comparison(current: a, previous: b)
        }

        let formatter = dayFormatter
        let trend = (0..<window.days).map { index in
            let day = calendar.date(byAdding: .day, value: index, to: window.firstDay) ?? window.firstDay
            return Day(
                date: formatter.string(from: day), registered: counts.registeredByDay[index] ?? 0,
                resolved: counts.resolvedByDay[index] ?? 0)
        }

        func standing(_ name: String, key: String, _ tallies: [RateTally]) -> Standing {
            Standing(
                name: name, key: key, cases: tallies.reduce(0) { $0 + $1.count },
                open: tallies.filter(\.isUnresolved).reduce(0) { $0 + $1.count },
                closing: CoreRates.closing.rate(over: tallies), onTime: CoreRates.onTime.rate(over: tallies),
                returns: CoreRates.returns.rate(over: tallies))
        }
        return DashboardFigures(
            window: window, registered: counts.period.reduce(0) { $0 + $1.count },
            open: counts.period.filter(\.isUnresolved).reduce(0) { $0 + $1.count }, rates: rates, trend: trend,
            byCategory: counts.byCategory.map { ($0.key, $0.value) }.sorted {
                $0.count != $1.count ? $0.count > $1.count : ($0.code ?? "") < ($1.code ?? "")
            },
            regions: Ranking(
                regions.map { region in
                    let subtree = MetricsFilter(regionPath: region.path)
                    return standing(
                        region.name, key: region.code,
                        counts.byRegionPath.filter { subtree.includes(regionPath: $0.key) }.flatMap { $0.value })
                }, minimum: minimum),
            organisations: Ranking(
                organisations.map { organisation in
                    standing(
                        organisation.name, key: "\(organisation.id.rawValue)",
                        counts.byOrganisation[organisation.id] ?? [])
                }, minimum: minimum))
    }
}
