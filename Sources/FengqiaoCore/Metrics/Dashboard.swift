import Foundation

/// What the leader's one screen ("一屏看全域") shows of a jurisdiction, computed from the cases' facts: counts today
/// and this month, the core rates this month against last month, a daily trend, cases by category, and the
/// ranking of subordinate units (红黑榜). Days and months are China Standard Time. Pure: the store supplies the
/// facts, the caller the time.
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
        public var cases: Int
        public var open: Int
        /// 办结率 and 按期办结率 of the cases registered in the period (nil: nothing to measure).
        public var closing: Double?
        public var onTime: Double?
        public var returns: Double?
    }

    public var today: Int
    public var thisMonth: Int
    public var open: Int
    public var rates: [Comparison]
    public var trend: [Day]
    /// Category code (nil: not yet classified) and count, largest first.
    public var byCategory: [(code: String?, count: Int)]
    public var regions: [Standing]
    public var organisations: [Standing]

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.today == rhs.today && lhs.thisMonth == rhs.thisMonth && lhs.open == rhs.open && lhs.rates == rhs.rates
            && lhs.trend == rhs.trend && lhs.regions == rhs.regions && lhs.organisations == rhs.organisations
            && lhs.byCategory.map(\.code) == rhs.byCategory.map(\.code)
            && lhs.byCategory.map(\.count) == rhs.byCategory.map(\.count)
    }

    /// The rates shown side by side with last month's, in this order.
    public static let comparedRates = [
        CoreRates.resolution, CoreRates.closing, CoreRates.onTime, CoreRates.acceptance, CoreRates.returns,
        CoreRates.satisfaction,
    ].map(\.id)

    /// The time bounds of one dashboard, from the time it is shown: today, this month and last month (China
    /// Standard Time), and the first day of the trend.
    public struct Window: Sendable, Equatable {
        public var now: Date
        public var startOfToday: Date
        public var startOfMonth: Date
        public var startOfLastMonth: Date
        /// The first day of the trend, `days - 1` days before today.
        public var firstDay: Date
        public var days: Int

        public init(now: Date, days: Int = 30) {
            let calendar = DashboardFigures.calendar
            self.now = now
            self.days = days
            startOfToday = calendar.startOfDay(for: now)
            startOfMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? startOfToday
            startOfLastMonth = calendar.date(byAdding: .month, value: -1, to: startOfMonth) ?? startOfMonth
            firstDay = calendar.date(byAdding: .day, value: -(days - 1), to: startOfToday) ?? startOfToday
        }

        /// The cases registered this month, up to now.
        public var thisMonth: Range<Date> { startOfMonth..<now.addingTimeInterval(1) }
        /// The cases registered last month.
        public var lastMonth: Range<Date> { startOfLastMonth..<startOfMonth }
        /// What the rankings count: last month and this month.
        public var recent: Range<Date> { startOfLastMonth..<now.addingTimeInterval(1) }
        /// The cases registered today, up to now (inclusive).
        public func isToday(_ date: Date) -> Bool { date >= startOfToday && date <= now }

        /// The trend's day (0 is `firstDay`) that `date` falls on; nil before `firstDay`. Days are whole 24 hours:
        /// China Standard Time has no daylight saving time.
        public func dayIndex(_ date: Date) -> Int? {
            guard date >= firstDay else { return nil }
            return Int((date.timeIntervalSince(firstDay) / 86_400).rounded(.down))
        }
    }

    /// What the dashboard counts, already summed: the store adds these up in the database (`GROUP BY`), and
    /// `init(_:window:)` adds them up from the facts of each case, which is what they mean.
    public struct Counts: Sendable, Equatable {
        /// Registered today (`Window.isToday`).
        public var today = 0
        /// Unresolved now, of every period, by the region path of the case.
        public var openByRegionPath: [String: Int] = [:]
        /// Registered this month, by their conditions.
        public var thisMonth: [RateTally] = []
        /// Registered last month, by their conditions.
        public var lastMonth: [RateTally] = []
        /// Registered on each day of the trend (`Window.dayIndex`).
        public var registeredByDay: [Int: Int] = [:]
        /// Resolved now, by the day of their latest resolution.
        public var resolvedByDay: [Int: Int] = [:]
        /// Registered this month, by category code (nil: not classified).
        public var byCategory: [String?: Int] = [:]
        /// Registered last month or this month (`Window.recent`), by region path and conditions.
        public var recentByRegionPath: [String: [RateTally]] = [:]
        /// Registered last month or this month, by organisation involved (`CaseFacts.organisationIDs`) and
        /// conditions; only the organisations asked for.
        public var recentByOrganisation: [Organisation.ID: [RateTally]] = [:]

        public init() {}

        /// The counts of `facts`, case by case: the definition the store's sums are tested against.
        public init(_ facts: [CaseFacts], window: Window, organisations: Set<Organisation.ID>) {
            var thisMonth: [Int64: Int] = [:]
            var lastMonth: [Int64: Int] = [:]
            var byRegion: [String: [Int64: Int]] = [:]
            var byOrganisation: [Organisation.ID: [Int64: Int]] = [:]
            for fact in facts {
                let conditions = CoreRates.conditions(of: fact)
                if window.isToday(fact.registeredAt) { today += 1 }
                if fact.state.isUnresolved { openByRegionPath[fact.regionPath, default: 0] += 1 }
                if let day = window.dayIndex(fact.registeredAt) { registeredByDay[day, default: 0] += 1 }
                if fact.state.isResolved, let resolvedAt = fact.resolvedAt, let day = window.dayIndex(resolvedAt) {
                    resolvedByDay[day, default: 0] += 1
                }
                if window.thisMonth.contains(fact.registeredAt) {
                    thisMonth[conditions, default: 0] += 1
                    byCategory[fact.categoryCode, default: 0] += 1
                }
                if window.lastMonth.contains(fact.registeredAt) { lastMonth[conditions, default: 0] += 1 }
                if window.recent.contains(fact.registeredAt) {
                    byRegion[fact.regionPath, default: [:]][conditions, default: 0] += 1
                    for organisation in fact.organisationIDs where organisations.contains(organisation) {
                        byOrganisation[organisation, default: [:]][conditions, default: 0] += 1
                    }
                }
            }
            func tallies(_ counts: [Int64: Int]) -> [RateTally] {
                counts.map { RateTally(conditions: $0.key, count: $0.value) }.sorted { $0.conditions < $1.conditions }
            }
            self.thisMonth = tallies(thisMonth)
            self.lastMonth = tallies(lastMonth)
            recentByRegionPath = byRegion.mapValues(tallies)
            recentByOrganisation = byOrganisation.mapValues(tallies)
        }

        /// The same counts with every list of tallies in one order, so that two ways of summing compare equal.
        public var normalised: Counts {
            func sorted(_ tallies: [RateTally]) -> [RateTally] {
                tallies.filter { $0.count > 0 }.sorted { $0.conditions < $1.conditions }
            }
            var copy = self
            copy.thisMonth = sorted(thisMonth)
            copy.lastMonth = sorted(lastMonth)
            copy.recentByRegionPath = recentByRegionPath.mapValues(sorted).filter { !$0.value.isEmpty }
            copy.recentByOrganisation = recentByOrganisation.mapValues(sorted).filter { !$0.value.isEmpty }
            return copy
        }
    }

    /// Days and months of the dashboard: China Standard Time.
    static var calendar: Calendar { ChinaTime.calendar }

    /// The dashboard of `facts`, counted case by case (see `Counts.init(_:window:organisations:)`).
    ///
    /// - Parameters:
    ///   - regions: the subordinate regions to rank, by name and region path.
    ///   - organisations: the organisations to rank (departments, police stations…), by name and id.
    ///   - days: how many days the trend covers, ending today.
    public static func compute(
        _ facts: [CaseFacts], now: Date, regions: [(name: String, path: String)],
        organisations: [(name: String, id: Organisation.ID)], days: Int = 30
    ) -> DashboardFigures {
        let window = Window(now: now, days: days)
        return compute(
            Counts(facts, window: window, organisations: Set(organisations.map(\.id))), window: window,
            regions: regions, organisations: organisations)
    }

    /// The dashboard from counts already summed (by the store, or from facts).
    public static func compute(
        _ counts: Counts, window: Window, regions: [(name: String, path: String)],
        organisations: [(name: String, id: Organisation.ID)]
    ) -> DashboardFigures {
        let current = CoreRates.compute(counts.thisMonth)
        let previous = CoreRates.compute(counts.lastMonth)
        let rates = comparedRates.compactMap { id -> Comparison? in
            guard let a = current.first(where: { $0.id == id }), let b = previous.first(where: { $0.id == id })
            else { return nil }
            return Comparison(current: a, previous: b)
        }

        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        let trend = (0..<window.days).map { index in
            let day = calendar.date(byAdding: .day, value: index, to: window.firstDay) ?? window.firstDay
            return Day(
                date: formatter.string(from: day), registered: counts.registeredByDay[index] ?? 0,
                resolved: counts.resolvedByDay[index] ?? 0)
        }

        func standing(_ name: String, _ tallies: [RateTally]) -> Standing {
            let rates = CoreRates.compute(tallies)
            func value(_ id: String) -> Double? { rates.first { $0.id == id }?.value }
            return Standing(
                name: name, cases: tallies.reduce(0) { $0 + $1.count },
                open: tallies.filter(\.isUnresolved).reduce(0) { $0 + $1.count },
                closing: value(CoreRates.closing.id), onTime: value(CoreRates.onTime.id),
                returns: value(CoreRates.returns.id))
        }
        return DashboardFigures(
            today: counts.today, thisMonth: counts.thisMonth.reduce(0) { $0 + $1.count },
            open: counts.openByRegionPath.values.reduce(0, +), rates: rates, trend: trend,
            byCategory: counts.byCategory.map { ($0.key, $0.value) }.sorted {
                $0.count != $1.count ? $0.count > $1.count : ($0.code ?? "") < ($1.code ?? "")
            },
            regions: ranked(
                regions.map { region in
                    let subtree = MetricsFilter(regionPath: region.path)
                    return standing(
                        region.name,
                        counts.recentByRegionPath.filter { subtree.includes(regionPath: $0.key) }.flatMap { $0.value })
                }),
            organisations: ranked(
                organisations.map { organisation in
                    standing(organisation.name, counts.recentByOrganisation[organisation.id] ?? [])
                }.filter { $0.cases > 0 }))
    }

    /// Best first: the highest 按期办结率, then 办结率, then the fewest open cases; units with nothing to measure last.
    static func ranked(_ standings: [Standing]) -> [Standing] {
        standings.sorted { a, b in
            let left = (a.onTime ?? -1, a.closing ?? -1, -a.open)
            let right = (b.onTime ?? -1, b.closing ?? -1, -b.open)
            return left != right ? left > right : a.name < b.name
        }
    }
}
