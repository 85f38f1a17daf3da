import FengqiaoCore
import FengqiaoDemo
import FengqiaoTestSupport
import Foundation
import SQLKit
import Testing

@testable import FengqiaoStore

/// The figures summed in the database (`CaseRepository.rateTallies`, `dashboardCounts`) against their definition:
/// `CoreRates` and `DashboardFigures` over the decoded facts of the same cases, for several readers and filters.
@Suite("Case metrics in the database")
struct CaseMetricsTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Demo cases of the last 12 months through the real lifecycle one command at a time, and more of the last
    /// 70 days through the bulk loader (what `fengqiao generate` and the importer's batches use).
    private func load(into database: Database) async throws -> DemoDirectory {
        let helper = CaseBulkLoaderTests()
        let directory = try await helper.demoCounty(in: database)
        try await helper.writeOneByOne(
            DemoCases.generate(directory: directory, count: 150, endingAt: now, seed: 7), into: database)
        try await CaseBulkLoader(database: database).load(
            DemoCases.generate(
                directory: directory, count: 250, endingAt: now, seed: 8,
                registeredWithin: now.addingTimeInterval(-70 * 86_400)...now, referenceBase: 100_000))
        return directory
    }

    /// The readers: the county leader (as the dashboard sees the county, and with the county center as the API
    /// does), a township's center staff (jurisdiction and organisation), a department handler who sees only what
    /// their organisation takes part in.
    private func readers(_ directory: DemoDirectory) throws -> [(String, CaseRepository.Visibility)] {
        let township = try #require(directory.townships.first)
        let department = try #require(township.departments.first)
        return [
            ("county leader", .init(jurisdictionPaths: [directory.county.path], organisationIDs: [])),
            (
                "county leader with the center",
                .init(jurisdictionPaths: [directory.county.path], organisationIDs: [directory.county.center])
            ),
            ("township staff", .init(jurisdictionPaths: [township.path], organisationIDs: [township.center])),
            ("department handler", .init(jurisdictionPaths: [], organisationIDs: [department])),
        ]
    }

    /// The filters of `/api/v1/metrics`, alone and together.
    private func filters(_ directory: DemoDirectory, facts: [CaseFacts]) throws -> [MetricsFilter] {
        let township = try #require(directory.townships.last)
        let grid = try #require(township.grids.first)
        let department = try #require(directory.townships.first?.departments.first)
        let category = try #require(facts.compactMap(\.categoryCode).first)
        let lastMonth = now.addingTimeInterval(-30 * 86_400)..<now
        return [
            .all,
            MetricsFilter(regionPath: township.path),
            MetricsFilter(regionPath: String(grid.path.dropLast())),
            MetricsFilter(organisationID: department),
            MetricsFilter(organisationID: directory.county.center),
            MetricsFilter(categoryCode: category),
            MetricsFilter(channel: .hotline12345),
            MetricsFilter(kind: .consultation),
            MetricsFilter(period: lastMonth),
            MetricsFilter(period: now.addingTimeInterval(-200 * 86_400)..<now.addingTimeInterval(-100 * 86_400)),
            MetricsFilter(regionPath: township.path, channel: .window, period: lastMonth),
            MetricsFilter(organisationID: department, categoryCode: category, period: .distantPast..<now),
        ]
    }

    /// The organisations a dashboard ranks: every one in the county but the centers, as `DashboardController`.
    private func ranked(_ directory: DemoDirectory) -> [(name: String, id: Organisation.ID)] {
        (directory.county.departments + directory.townships.flatMap(\.departments)).map { ("\($0.rawValue)", $0) }
    }

    /// Compares the database's sums with the definitions; returns how many comparisons had cases to count.
    private func compare(
        _ cases: CaseRepository, _ directory: DemoDirectory, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Int {
        var nonEmpty = 0
        let all = try await cases.facts(
            visibleTo: .init(jurisdictionPaths: [directory.county.path], organisationIDs: []))
        for (reader, visibility) in try readers(directory) {
            let facts = try await cases.facts(visibleTo: visibility)
            for filter in try filters(directory, facts: all) {
                let tallies = try await cases.rateTallies(filter, visibleTo: visibility)
                let expected = facts.filter(filter.includes)
                #expect(
                    tallies.reduce(0) { $0 + $1.count } == expected.count, "\(reader), \(filter)",
                    sourceLocation: sourceLocation)
                #expect(
                    CoreRates.compute(tallies) == CoreRates.compute(facts, filter: filter), "\(reader), \(filter)",
                    sourceLocation: sourceLocation)
                if !expected.isEmpty { nonEmpty += 1 }
            }
            let organisations = ranked(directory)
            let regions = directory.townships.map { (name: $0.name, code: $0.name, path: $0.path) }
            let day: TimeInterval = 86_400
            let windows =
                [now, now.addingTimeInterval(3 * day + 3_600), now.addingTimeInterval(-40 * day)].map {
                    DashboardFigures.Window(now: $0)
                } + [
                    // A range of days in the past, one longer than the trend, and one that ends in the future.
                    DashboardFigures.Window(
                        now: now, from: now.addingTimeInterval(-50 * day), to: now.addingTimeInterval(-10 * day)),
                    DashboardFigures.Window(now: now, from: now.addingTimeInterval(-200 * day), to: now),
                    DashboardFigures.Window(
                        now: now, from: now.addingTimeInterval(-5 * day), to: now.addingTimeInterval(9 * day)),
                ]
            for window in windows {
                let shown = "\(window.fromText)–\(window.toText) at \(window.now)"
                let counts = try await cases.dashboardCounts(
                    visibleTo: visibility, window: window, organisations: organisations.map(\.id))
                let expected = DashboardFigures.Counts(
                    facts, window: window, organisations: Set(organisations.map(\.id)))
                #expect(
                    counts.normalised == expected.normalised, "\(reader) \(shown)", sourceLocation: sourceLocation)
                #expect(
                    DashboardFigures.compute(counts, window: window, regions: regions, organisations: organisations)
                        == DashboardFigures.compute(
                            facts, window: window, regions: regions, organisations: organisations),
                    "\(reader) \(shown)", sourceLocation: sourceLocation)
                if !expected.period.isEmpty && !expected.byOrganisation.isEmpty { nonEmpty += 1 }
            }
        }
        return nonEmpty
    }

    @Test(
        "rates and dashboard counts summed in the database equal CoreRates and DashboardFigures over the facts",
        arguments: TestEngine.available)
    func databaseSumsEqualDefinitions(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let directory = try await load(into: database)
            let cases = CaseRepository(database: database)
            // The comparisons are not empty: the readers and filters count real cases in many conditions.
            let facts = try await cases.facts(
                visibleTo: .init(jurisdictionPaths: [directory.county.path], organisationIDs: []))
            #expect(facts.count == 400)
            #expect(Set(facts.map { CoreRates.conditions(of: $0) }).count > 10)
            #expect(try await compare(cases, directory) > 40)
        }
    }

    @Test(
        "M0012's backfill fills in the conditions, resolution times and organisations of existing cases",
        arguments: TestEngine.available)
    func backfillRebuildsSums(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let directory = try await load(into: database)
            let cases = CaseRepository(database: database)
            let written = try await TableDump.read(database)
            let leader = CaseRepository.Visibility(jurisdictionPaths: [directory.county.path], organisationIDs: [])
            let rates = CoreRates.compute(try await cases.facts(visibleTo: leader))
            // As a database from before M0012 has them, and then migrated.
            try await database.transaction { sql in
                try await sql.raw("UPDATE cases SET metric_flags = 0, resolved_at = NULL").run()
                try await sql.raw("DELETE FROM case_metric_organisations").run()
            }
            #expect(CoreRates.compute(try await cases.rateTallies(.all, visibleTo: leader)) != rates)
            // Batches smaller than the 400 cases, the last one partly full.
            try await database.transaction { sql in try await Migration.backfillCaseMetrics(in: sql, batch: 150) }
            #expect(try await TableDump.read(database) == written)
            #expect(CoreRates.compute(try await cases.rateTallies(.all, visibleTo: leader)) == rates)
            #expect(try await compare(cases, directory) > 40)
        }
    }
    /// Every case a reader may see, page by page (the snapshots, as they stand).
    private func everyCase(
        _ cases: CaseRepository, _ filter: CaseRepository.Filter, visibleTo: CaseRepository.Visibility
    )
        async throws -> [Case]
    {
        var all: [Case] = []
        var after: Case.ID?
        while true {
            let page = try await cases.list(filter, visibleTo: visibleTo, limit: 200, after: after)
            all += page
            guard let last = page.last, page.count == 200 else { return all }
            after = last.id
        }
    }

    @Test(
        "the whistle filter and the whistle counts agree with the cases' snapshots, and M0016 fills the column in",
        arguments: TestEngine.available)
    func whistleFilterAndCounts(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let directory = try await load(into: database)
            let cases = CaseRepository(database: database)
            let township = try #require(directory.townships.first)
            let period = now.addingTimeInterval(-60 * 86_400)..<now.addingTimeInterval(1)
            func check() async throws -> Int {
                var seen = 0
                for (visibility, region) in [
                    (CaseRepository.Visibility(jurisdictionPaths: [directory.county.path], organisationIDs: []), nil),
                    (.init(jurisdictionPaths: [directory.county.path], organisationIDs: []), township.path),
                    (.init(jurisdictionPaths: [township.path], organisationIDs: [township.center]), nil),
                ] as [(CaseRepository.Visibility, String?)] {
                    var all = CaseRepository.Filter()
                    all.regionPath = region
                    let snapshots = try await everyCase(cases, all, visibleTo: visibility)
                    let counts = try await cases.whistleCounts(
                        MetricsFilter(regionPath: region), visibleTo: visibility)
                    let inPeriod = try await cases.whistleCounts(
                        MetricsFilter(regionPath: region, period: period), visibleTo: visibility)
                    for grade in WhistleGrade.allCases {
                        let expected = snapshots.filter { $0.whistle == grade }
                        var filter = all
                        filter.whistle = grade
                        #expect(try await cases.count(filter, visibleTo: visibility) == expected.count, "\(grade)")
                        let listed = try await everyCase(cases, filter, visibleTo: visibility)
                        #expect(Set(listed.map(\.id)) == Set(expected.map(\.id)), "\(grade)")
                        #expect(counts[grade] == expected.count, "\(grade)")
                        #expect(
                            inPeriod[grade] == expected.filter { period.contains($0.createdAt) }.count, "\(grade)")
                        seen += expected.count
                    }
                }
                return seen
            }
            #expect(try await check() > 0, "the demo dispatches some cases with a whistle")
            // As a database from before M0016 has them, and then migrated.
            try await database.transaction { sql in try await sql.raw("UPDATE cases SET whistle = NULL").run() }
            let leader = CaseRepository.Visibility(jurisdictionPaths: [directory.county.path], organisationIDs: [])
            #expect(try await cases.whistleCounts(.all, visibleTo: leader).values.allSatisfy { $0 == 0 })
            try await database.transaction { sql in try await Migration.backfillWhistles(in: sql, batch: 150) }
            #expect(try await check() > 0)
        }
    }
}
