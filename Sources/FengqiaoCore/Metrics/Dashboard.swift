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

    /// - Parameters:
    ///   - regions: the subordinate regions to rank, by name and region path.
    ///   - organisations: the organisations to rank (departments, police stations…), by name and id.
    ///   - days: how many days the trend covers, ending today.
    public static func compute(
        _ facts: [CaseFacts], now: Date, regions: [(name: String, path: String)],
        organisations: [(name: String, id: Organisation.ID)], days: Int = 30
    ) -> DashboardFigures {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
        let startOfToday = calendar.startOfDay(for: now)
        let startOfMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? startOfToday
        let startOfLastMonth = calendar.date(byAdding: .month, value: -1, to: startOfMonth) ?? startOfMonth
        let thisMonth = MetricsFilter(period: startOfMonth..<now.addingTimeInterval(1))
        let lastMonth = MetricsFilter(period: startOfLastMonth..<startOfMonth)
        let current = CoreRates.compute(facts, filter: thisMonth)
        let previous = CoreRates.compute(facts, filter: lastMonth)
        let rates = comparedRates.compactMap { id -> Comparison? in
            guard let a = current.first(where: { $0.id == id }), let b = previous.first(where: { $0.id == id })
            else { return nil }
            return Comparison(current: a, previous: b)
        }

        var trend: [Day] = []
        let firstDay = calendar.date(byAdding: .day, value: -(days - 1), to: startOfToday) ?? startOfToday
        var registeredByDay: [Int: Int] = [:]
        var resolvedByDay: [Int: Int] = [:]
        func dayIndex(_ date: Date) -> Int? {
            guard date >= firstDay else { return nil }
            return calendar.dateComponents([.day], from: firstDay, to: date).day
        }
        for fact in facts {
            if let index = dayIndex(fact.registeredAt) { registeredByDay[index, default: 0] += 1 }
            if fact.state.isResolved, let resolved = fact.resolvedAt, let index = dayIndex(resolved) {
                resolvedByDay[index, default: 0] += 1
            }
        }
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        for index in 0..<days {
            let day = calendar.date(byAdding: .day, value: index, to: firstDay) ?? firstDay
            trend.append(
                Day(
                    date: formatter.string(from: day), registered: registeredByDay[index] ?? 0,
                    resolved: resolvedByDay[index] ?? 0))
        }

        let monthFacts = facts.filter(thisMonth.includes)
        var categories: [String?: Int] = [:]
        for fact in monthFacts { categories[fact.categoryCode, default: 0] += 1 }

        func standing(_ name: String, _ selected: [CaseFacts]) -> Standing {
            let rates = CoreRates.compute(selected)
            func value(_ id: String) -> Double? { rates.first { $0.id == id }?.value }
            return Standing(
                name: name, cases: selected.count, open: selected.filter(\.state.isUnresolved).count,
                closing: value(CoreRates.closing.id), onTime: value(CoreRates.onTime.id),
                returns: value(CoreRates.returns.id))
        }
        let period = MetricsFilter(period: startOfLastMonth..<now.addingTimeInterval(1))
        let recent = facts.filter(period.includes)
        return DashboardFigures(
            today: facts.filter { $0.registeredAt >= startOfToday && $0.registeredAt <= now }.count,
            thisMonth: monthFacts.count, open: facts.filter(\.state.isUnresolved).count, rates: rates, trend: trend,
            byCategory: categories.map { ($0.key, $0.value) }.sorted {
                $0.count != $1.count ? $0.count > $1.count : ($0.code ?? "") < ($1.code ?? "")
            },
            regions: ranked(
                regions.map { region in
                    standing(region.name, recent.filter { MetricsFilter(regionPath: region.path).includes($0) })
                }),
            organisations: ranked(
                organisations.map { organisation in
                    standing(organisation.name, recent.filter { $0.organisationIDs.contains(organisation.id) })
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
