import FengqiaoCore
import Foundation
import SQLKit

/// The figures of `/api/v1/metrics` and the leader dashboard, summed in the database (docs/PERFORMANCE.md,
/// "Dashboard"). Every case keeps the conditions of every core rate as bits (`cases.metric_flags`, written with its
/// facts by `CaseRows.factColumns`); the queries below `GROUP BY` them with the columns a filter or a figure needs,
/// so that Swift receives a few hundred groups (`RateTally`, `DashboardFigures.Counts`) however many cases there
/// are, and `CoreRates` / `DashboardFigures` turn them into figures exactly as they do from the facts.
/// The sums read only the covering indexes of M0012, never a case's row.
extension CaseRepository {
    /// The metrics filter as conditions on `cases`: region subtree, organisation (every one the case involved),
    /// category, channel, kind and the registration period. One place for every sum of the dashboard.
    static func narrow(_ query: SQLSelectBuilder, by filter: MetricsFilter, in sql: any SQLDatabase) -> SQLSelectBuilder
    {
        var query = query
        if let prefix = filter.regionPrefix {
            query = query.whereInSubtree(SQLIdentifier("region_path"), of: prefix)
        }
        if let organisation = filter.organisationID {
            query = query.where(
                SQLIdentifier("id"), .in,
                SQLGroupExpression(
                    sql.select().column("case_id").from("case_metric_organisations")
                        .where("organisation_id", .equal, organisation.rawValue).query))
        }
        if let category = filter.categoryCode { query = query.where("category_code", .equal, category) }
        if let channel = filter.channel { query = query.where("channel", .equal, channel.rawValue) }
        if let kind = filter.kind { query = query.where("kind", .equal, kind.rawValue) }
        if let period = filter.period { query = Self.registered(in: period, query) }
        return query
    }

    /// The conditions of the cases a reader may see that `filter` lets through, counted: what `CoreRates.compute`
    /// needs (the same rates as over the facts of those cases).
    public func rateTallies(_ filter: MetricsFilter, visibleTo visibility: Visibility) async throws -> [RateTally] {
        try await database.withConnection { sql in
            let query = Self.narrow(
                Self.restrict(
                    sql.select().column("metric_flags").column(Self.count, as: "n").from("cases"), to: visibility,
                    in: sql), by: filter, in: sql)
            return try await query.groupBy("metric_flags").all().map(Self.tally)
        }
    }

    /// What the dashboard counts (`DashboardFigures.Counts`) over the cases a reader may see, in `window`; the
    /// per-organisation sums for `organisations` only.
    public func dashboardCounts(
        visibleTo visibility: Visibility, window: DashboardFigures.Window, organisations: [Organisation.ID]
    ) async throws -> DashboardFigures.Counts {
        try await database.withConnection { sql in
            func cases(_ columns: String...) -> SQLSelectBuilder {
                var query = sql.select()
                for column in columns { query = query.column(SQLIdentifier(column)) }
                return Self.restrict(query.column(Self.count, as: "n").from("cases"), to: visibility, in: sql)
            }
            var counts = DashboardFigures.Counts()

            for (period, isCurrent) in [(window.period, true), (window.previous, false)] {
                var tallies: [Int64: Int] = [:]
                for row in try await Self.registered(in: period, cases("region_path", "metric_flags"))
                    .groupBy("region_path").groupBy("metric_flags").all()
                {
                    let tally = try Self.tally(row)
                    tallies[tally.conditions, default: 0] += tally.count
                    if isCurrent {
                        let path = try row.decode(column: "region_path", as: String.self)
                        counts.byRegionPath[path, default: []].append(tally)
                    }
                }
                let merged = tallies.map { RateTally(conditions: $0.key, count: $0.value) }
                if isCurrent { counts.period = merged } else { counts.previous = merged }
            }

            for row in try await Self.registered(in: window.period, cases("category_code"))
                .groupBy("category_code").all()
            {
                let code = try row.decode(column: "category_code", as: String?.self)
                counts.byCategory[code, default: 0] += try Self.n(row)
            }

            let firstDay = Self.milliseconds(atOrAfter: window.firstDay)
            let trendEnd = Self.milliseconds(atOrAfter: window.trendEnd)
            let days: [(column: String, field: WritableKeyPath<DashboardFigures.Counts, [Int: Int]>)] = [
                ("created_at", \.registeredByDay), ("resolved_at", \.resolvedByDay),
            ]
            for (column, field) in days {
                // Whole days since the first day of the trend: China Standard Time has no daylight saving time.
                let day = SQLBinaryExpression(
                    SQLGroupExpression(SQLBinaryExpression(SQLIdentifier(column), .subtract, SQLBind(firstDay))),
                    .divide, SQLLiteral.numeric("86400000"))
                for row in try await Self.restrict(
                    sql.select().column(day, as: "day_index").column(Self.count, as: "n").from("cases"),
                    to: visibility, in: sql
                )
                .where(SQLIdentifier(column), .greaterThanOrEqual, SQLBind(firstDay))
                .where(SQLIdentifier(column), .lessThan, SQLBind(trendEnd))
                .groupBy(SQLIdentifier("day_index")).all() {
                    let index = try row.decode(column: "day_index", as: Int.self)
                    counts[keyPath: field][index] = try Self.n(row)
                }
            }

            if !organisations.isEmpty {
                let query = Self.restrict(
                    sql.select().columns("organisation_id", "metric_flags").column(Self.count, as: "n")
                        .from("case_metric_organisations"),
                    to: visibility, in: sql, idColumn: "case_id")
                for row in try await Self.registered(in: window.period, query)
                    .where("organisation_id", .in, organisations.map(\.rawValue))
                    .groupBy("organisation_id").groupBy("metric_flags").all()
                {
                    let organisation = Organisation.ID(try row.decode(column: "organisation_id", as: Int64.self))
                    counts.byOrganisation[organisation, default: []].append(try Self.tally(row))
                }
            }
            return counts
        }
    }

    /// How many of the cases a reader may see that `filter` lets through stand dispatched with each grade of
    /// whistle (吹哨报到); every grade is present, with 0 when none has it. The same cases as the case list filtered
    /// by `whistle` (`Filter.whistle`) with the same region and period.
    public func whistleCounts(
        _ filter: MetricsFilter, visibleTo visibility: Visibility
    ) async throws -> [WhistleGrade: Int] {
        try await database.withConnection { sql in
            let query = Self.narrow(
                Self.restrict(
                    sql.select().column("whistle").column(Self.count, as: "n").from("cases"), to: visibility, in: sql
                ).where("whistle", .isNot, SQLLiteral.null), by: filter, in: sql)
            var counts = Dictionary(uniqueKeysWithValues: WhistleGrade.allCases.map { ($0, 0) })
            for row in try await query.groupBy("whistle").all() {
                if let grade = WhistleGrade(rawValue: try row.decode(column: "whistle", as: String.self)) {
                    counts[grade] = try Self.n(row)
                }
            }
            return counts
        }
    }

    // MARK: Pieces

    private static let count = SQLFunction("COUNT", args: SQLLiteral.all)

    private static func n(_ row: any SQLRow) throws -> Int { try row.decode(column: "n", as: Int.self) }

    private static func tally(_ row: any SQLRow) throws -> RateTally {
        RateTally(conditions: try row.decode(column: "metric_flags", as: Int64.self), count: try n(row))
    }

    /// The cases registered in `period` (`created_at` in milliseconds).
    private static func registered(in period: Range<Date>, _ query: SQLSelectBuilder) -> SQLSelectBuilder {
        query.where("created_at", .greaterThanOrEqual, milliseconds(atOrAfter: period.lowerBound))
            .where("created_at", .lessThan, milliseconds(atOrAfter: period.upperBound))
    }

    /// The first whole millisecond at or after `date`: `created_at >= this` is exactly `registeredAt >= date`, and
    /// `created_at < this` exactly `registeredAt < date`. Clamped as `Date.unixMilliseconds` is.
    static func milliseconds(atOrAfter date: Date) -> Int64 {
        clamped((date.timeIntervalSince1970 * 1000).rounded(.up))
    }

    /// The last whole millisecond at or before `date`.
    static func milliseconds(atOrBefore date: Date) -> Int64 {
        clamped((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    private static func clamped(_ milliseconds: Double) -> Int64 {
        guard milliseconds.isFinite else { return milliseconds < 0 ? -(1 << 62) : 1 << 62 }
        return Int64(min(max(milliseconds, -0x1p62), 0x1p62))
    }
}
