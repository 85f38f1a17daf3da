import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

/// Hotspots from the database (docs/HOTSPOTS.md, "Storage"): the window's cases, across channels and villages, form
/// one hotspot with the reporters' keywords; "not related" is remembered in the database and reaches another
/// instance's cache; only the window is read.
@Suite("Hotspot storage")
struct HotspotStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// The world of `CaseWorld` with a second village in the township.
    struct World {
        let base: CaseWorld
        let otherVillageGrid: Region
        let cases: CaseRepository

        static func make(_ database: Database) async throws -> World {
            let base = try await CaseWorld.make(in: database)
            let regions = RegionRepository(database: database)
            let village = try await regions.create(
                NewRegion(code: "331021101002", name: "新港城社区", level: .village, parentID: base.tree.township.id))
            let grid = try await regions.create(
                NewRegion(code: "331021101002-01", name: "第一网格", level: .grid, parentID: village.id))
            return World(base: base, otherVillageGrid: grid, cases: CaseRepository(database: database))
        }

        @discardableResult
        func report(
            _ title: String, _ description: String, channel: Channel, phone: String?, inOtherVillage: Bool, at: Date,
            key: String
        ) async throws -> Case {
            let intake = Intake(
                channel: channel, title: title, description: description, urgency: .troublesome, kind: .request,
                regionID: inOtherVillage ? otherVillageGrid.id : base.tree.grid.id,
                parties: phone.map { [Party(role: .reporter, phone: $0)] } ?? [], anonymous: phone == nil)
            return try await cases.create(
                intake, idempotencyKey: key, receivingCenter: base.center.id, by: base.desk, at: at,
                trackingCode: "HOTSPOT\(key.count)\(key.suffix(2))"
            ).case
        }
    }

    static let busReports: [(String, String, Channel, String?, Bool)] = [
        (
            "149路公交早高峰间隔太长", "149路公交车早高峰在甘肃大剧院站等了四十多分钟都不来，希望加密班次。", .hotline12345,
            "13912340149", false
        ),
        ("149路早上等车太久", "新港城站早上等149路公交，间隔将近半小时，到甘肃大剧院要换车。", .citizenReport, "13812345149", true),
        ("反映149路公交班次少", "149路公交车高峰时段间隔长，甘肃大剧院一带候车群众多，请增加车辆。", .window, "13712340490", false),
        ("新港城149路站台候车人多", "新港城149路公交站台早高峰排长队，公交间隔长，往甘肃大剧院方向尤甚。", .gridWorker, nil, true),
    ]

    private func cache(_ database: Database) -> HotspotCache {
        HotspotCache(
            repository: HotspotRepository(database: database), regions: RegionRepository(database: database),
            personKey: PersonKey(secret: "test secret"))
    }

    @Test(
        "reports from three channels in two villages become one hotspot named 149路 and 甘肃大剧院",
        arguments: TestEngine.available)
    func acrossChannelsAndVillages(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await World.make(database)
            // Background: unrelated reports in the same days.
            try await world.report(
                "邻居装修噪音", "楼上邻居晚上装修噪音扰民。", channel: .window, phone: "13000000001", inOtherVillage: false,
                at: now.addingTimeInterval(-40 * 3600), key: "bg1")
            try await world.report(
                "路灯不亮", "上林村村口路灯坏了好几天。", channel: .hotline12345, phone: "13000000002", inOtherVillage: false,
                at: now.addingTimeInterval(-39 * 3600), key: "bg2")
            for (index, report) in Self.busReports.enumerated() {
                try await world.report(
                    report.0, report.1, channel: report.2, phone: report.3, inOtherVillage: report.4,
                    at: now.addingTimeInterval(Double(index - 10) * 3600), key: "bus\(index)")
            }
            let hotspots = try await cache(database).hotspots(at: now)
            #expect(hotspots.count == 1)
            let hotspot = try #require(hotspots.first)
            #expect(hotspot.size == 4)
            #expect(hotspot.keywords.contains("149路"))
            #expect(hotspot.keywords.contains("甘肃大剧院"))
            #expect(Set(hotspot.channels) == [.hotline12345, .citizenReport, .window, .gridWorker])
            #expect(hotspot.villages.count == 2)
            #expect(hotspot.reporterCount == 4)
        }
    }

    @Test(
        "not related is remembered in the database: another instance's cache and a recomputation leave the case out",
        arguments: TestEngine.available)
    func notRelatedRemembered(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await World.make(database)
            var made: [Case] = []
            for (index, report) in Self.busReports.enumerated() {
                made.append(
                    try await world.report(
                        report.0, report.1, channel: report.2, phone: report.3, inOtherVillage: report.4,
                        at: now.addingTimeInterval(Double(index - 10) * 3600), key: "bus\(index)"))
            }
            let first = cache(database)
            let second = cache(database)
            let before = try #require(try await first.hotspots(at: now).first)
            #expect(try await second.hotspots(at: now).first?.size == 4)
            // The desk on the first instance says the window's report is not related to the others.
            let outsider = made[2].id
            let repository = HotspotRepository(database: database)
            let pairs = before.caseIDs.filter { $0 != outsider }.map { HotspotExclusions.Pair(outsider, $0) }
            try await repository.markNotRelated(pairs, hotspot: before.id, by: 1, at: now)
            // The second instance, already warm, picks the rows up at its next look.
            let later = now.addingTimeInterval(60)
            let seen = try #require(try await second.hotspots(at: later).first)
            #expect(!seen.caseIDs.contains(outsider))
            #expect(seen.size == 3)
            // And a full recomputation agrees.
            let recomputed = try await first.recompute(at: later)
            #expect(recomputed.count == 1)
            #expect(recomputed.first.map { !$0.caseIDs.contains(outsider) } == true)
            // Marking twice stores nothing new.
            #expect(try await repository.markNotRelated(pairs, hotspot: before.id, by: 1, at: later) == 0)
        }
    }

    @Test(
        "a case committed late by another instance (registered minutes before this instance last looked) still joins",
        arguments: TestEngine.available)
    func lateArrival(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await World.make(database)
            for (index, report) in Self.busReports.prefix(3).enumerated() {
                try await world.report(
                    report.0, report.1, channel: report.2, phone: report.3, inOtherVillage: report.4,
                    at: now.addingTimeInterval(Double(index - 10) * 3600), key: "bus\(index)")
            }
            let warm = cache(database)
            #expect(try await warm.hotspots(at: now).first?.size == 3)
            // Another instance's transaction, begun three minutes ago, commits now: its case's time is before this
            // instance's last look. A minute's slack missed it until the hourly rebuild.
            let late = Self.busReports[3]
            try await world.report(
                late.0, late.1, channel: late.2, phone: late.3, inOtherVillage: late.4,
                at: now.addingTimeInterval(-180), key: "late")
            #expect(try await warm.hotspots(at: now.addingTimeInterval(30)).first?.size == 4)
        }
    }

    @Test("only the window is read: reports older than 72 hours make no hotspot", arguments: TestEngine.available)
    func onlyTheWindow(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await World.make(database)
            for (index, report) in Self.busReports.enumerated() {
                try await world.report(
                    report.0, report.1, channel: report.2, phone: report.3, inOtherVillage: report.4,
                    at: now.addingTimeInterval(-100 * 3600 + Double(index) * 3600), key: "old\(index)")
            }
            let repository = HotspotRepository(database: database)
            #expect(try await repository.cases(registeredFrom: now.addingTimeInterval(-72 * 3600)).isEmpty)
            #expect(try await cache(database).hotspots(at: now).isEmpty)
            // The same reports in the window are one hotspot, found by the incremental path of a warm cache.
            let warm = cache(database)
            _ = try await warm.hotspots(at: now)
            for (index, report) in Self.busReports.enumerated() {
                try await world.report(
                    report.0, report.1, channel: report.2, phone: report.3, inOtherVillage: report.4,
                    at: now.addingTimeInterval(Double(index) * 60), key: "new\(index)")
            }
            let found = try await warm.hotspots(at: now.addingTimeInterval(600))
            #expect(found.count == 1)
            #expect(found.first?.size == 4)
        }
    }

    @Test("one person reporting three times is no hotspot; anonymous reports count once per channel")
    func reporters() async throws {
        try await TestEngine.sqlite.withDatabase { database in
            let world = try await World.make(database)
            for (index, report) in Self.busReports.prefix(3).enumerated() {
                try await world.report(
                    report.0, report.1, channel: .hotline12345, phone: "13912340149", inOtherVillage: report.4,
                    at: now.addingTimeInterval(Double(index - 10) * 3600), key: "same\(index)")
            }
            #expect(try await cache(database).hotspots(at: now).isEmpty)
            let anonymous = try await world.report(
                "149路公交间隔长", "甘肃大剧院149路公交间隔太长。", channel: .citizenReport, phone: nil, inOtherVillage: true,
                at: now.addingTimeInterval(-3600), key: "anon")
            let found = try await cache(database).hotspots(at: now)
            #expect(found.first?.caseIDs.contains(anonymous.id) == true)
            #expect(found.first?.reporterCount == 2)
        }
    }
}
