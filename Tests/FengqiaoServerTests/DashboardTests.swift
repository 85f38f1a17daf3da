import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// The leader's screen (一屏看全域): its period, its links to the cases behind every figure, the 红黑榜's minimum
/// volume (an administrator's setting) and the whistle counts, as the demo township's leader sees them.
@Suite("Leader dashboard")
struct DashboardTests {
    /// March 2025: before every demo case (seeded at the real time), so only the cases below count.
    static let shown = ChinaTime.parse("2025-03-20T10:00:00+08:00")!.lowerBound
    static let registeredAt = ChinaTime.parse("2025-03-10T09:00:00+08:00")!.lowerBound
    static let range = "from=2025-03-01&to=2025-03-31"
    static let rangeInLinks = "from=2025-03-01&amp;to=2025-03-31"

    struct World {
        let busyVillage: Region
        let busyGrid: Region
        let quietVillage: Region
        let department: Organisation
    }

    /// 12 cases in one village of 桃源镇 (3 of them dispatched under an 应急哨) and 2 in another, in March 2025.
    static func seed(_ services: AppServices) async throws -> World {
        let desk = try #require(try await services.users.find(username: "taoyuan.center"))
        let actor = try await ActorFactory(regions: services.regions).actor(for: desk)
        let grids = try await services.regions.list(level: .grid).filter { $0.code.hasPrefix("339921101") }
        let busyGrid = try #require(grids.first)
        let quietGrid = try #require(grids.first { $0.parentID != busyGrid.parentID })
        let busyParent = try #require(busyGrid.parentID)
        let quietParent = try #require(quietGrid.parentID)
        let busyVillage = try #require(try await services.regions.find(id: busyParent))
        let quietVillage = try #require(try await services.regions.find(id: quietParent))
        let townshipID = try #require(busyVillage.parentID)
        let township = try #require(try await services.regions.find(id: townshipID))
        let department = try #require(
            try await services.organisations.list(inSubtreeOf: township.id, kind: .department).first)
        var ids: [Case.ID] = []
        for (index, grid) in (Array(repeating: busyGrid, count: 12) + [quietGrid, quietGrid]).enumerated() {
            let intake = Intake(
                channel: .window, title: "红黑榜测试第\(index)件", description: "测试用的诉求。", urgency: .troublesome,
                kind: .request, regionID: grid.id, parties: [Party(role: .reporter, name: "王五", phone: "13800001111")])
            ids.append(
                try await services.caseActions.at(registeredAt).register(
                    intake, idempotencyKey: "dashboard-\(index)", by: actor
                ).case.id)
        }
        for id in ids.prefix(3) {
            _ = try await services.cases.act(
                .assess(categoryCode: nil, urgency: .urgent, difficulty: .simple, competentLevel: .township),
                on: id, expectedVersion: nil, by: actor, at: registeredAt.addingTimeInterval(600))
            _ = try await services.cases.act(
                .dispatch(lead: department.id, assisting: [], whistle: .emergency), on: id, expectedVersion: nil,
                by: actor, at: registeredAt.addingTimeInterval(1200))
        }
        return World(busyVillage: busyVillage, busyGrid: busyGrid, quietVillage: quietVillage, department: department)
    }

    /// The part of the page from the element with id `from` up to the one with id `to`.
    static func section(_ html: String, from: String, to: String) -> String {
        guard let start = html.range(of: "id=\"\(from)\""), let end = html.range(of: "id=\"\(to)\"") else { return "" }
        return start.lowerBound < end.lowerBound ? String(html[start.lowerBound..<end.lowerBound]) : ""
    }

    @Test("every figure links to the case list with its filters and the period; whistles are counted")
    func links() async throws {
        try await TestApp.run(seeded: true, clock: .fixed(Self.shown)) { client, services in
            let world = try await Self.seed(services)
            let leader = try await WebClient.signIn("taoyuan.leader", client)
            let page = try await leader.get("\(Paths.dashboard)?\(Self.range)")
            #expect(page.status == .ok)
            let html = page.body
            let r = Self.rangeInLinks
            for part in [
                // The tiles: registered, open, overdue, each whistle grade.
                #"<a class="tile" href="/cases?\#(r)"><span class="figure" id="count-registered">14<"#,
                #"href="/cases?state=registered&amp;state=assessed"#,
                #"overdue=true&amp;\#(r)""#,
                #"href="/cases?whistle=emergency&amp;\#(r)"><span class="figure" id="count-whistle-emergency">3<"#,
                #"id="count-whistle-quick">0<"#, #"id="count-whistle-hardCase">0<"#,
                // The map and its table: every grid and village a link to its cases.
                "href=\"/cases?region=\(world.busyGrid.code)&amp;\(r)\"",
                "href=\"/cases?region=\(world.busyVillage.code)&amp;\(r)\"",
                "places-table", "village-label", #"class="grid-label">12<"#,
                // The range form keeps the period.
                #"type="date" name="from" value="2025-03-01""#, #"name="to" value="2025-03-31""#,
            ] {
                #expect(html.contains(part), "\(part)")
            }
            // The rates link to their denominators' lists, this period and the one before (February).
            #expect(html.contains(#"id="rate-closing" href="/cases?\#(r)""#) || html.contains("rate-closing"))
            #expect(html.contains("from=2025-02-01&amp;to=2025-02-28"))
            // No link leaves out the period.
            let hrefs = html.components(separatedBy: "href=\"/cases?").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(hrefs.count > 20)
            #expect(
                hrefs.allSatisfy { $0.contains("from=") && $0.contains("to=") },
                "\(hrefs.filter { !$0.contains("from=") })")
        }
    }

    @Test("the 红黑榜 ranks only units with the minimum volume, shows it, and counts the others in one line")
    func minimum() async throws {
        try await TestApp.run(seeded: true, clock: .fixed(Self.shown)) { client, services in
            let world = try await Self.seed(services)
            let leader = try await WebClient.signIn("taoyuan.leader", client)
            let page = try await leader.get("\(Paths.dashboard)?\(Self.range)")
            let regions = Self.section(page.body, from: "ranking-regions", to: "ranking-organisations")
            #expect(regions.contains(world.busyVillage.name))
            #expect(regions.contains(">12</a>"), "the volume beside the rates")
            #expect(!regions.contains(world.quietVillage.name), "2 cases are fewer than 10")
            #expect(regions.range(of: #"另有 \d+ 个单位办件少于 10 件，不参与排名"#, options: .regularExpression) != nil)
            #expect(!regions.contains("<td>—</td>"))
            let organisations = Self.section(page.body, from: "ranking-organisations", to: "grid-map")
            #expect(!organisations.contains(world.department.name), "3 cases are fewer than 10")
            #expect(organisations.contains("没有单位达到参与排名的办件数"))

            // The administrator lowers the minimum to 2: the quiet village is ranked too, and the department.
            try await services.settings.setRankingMinimum(2, by: nil, at: Self.shown)
            let lower = try await leader.get("\(Paths.dashboard)?\(Self.range)")
            let ranked = Self.section(lower.body, from: "ranking-regions", to: "ranking-organisations")
            #expect(ranked.contains(world.busyVillage.name) && ranked.contains(world.quietVillage.name))
            #expect(ranked.contains("少于 2 件"))
            #expect(
                Self.section(lower.body, from: "ranking-organisations", to: "grid-map").contains(
                    "organisation=\(world.department.id.rawValue)&amp;\(Self.rangeInLinks)"))
        }
    }

    @Test("the period accepts 2025年3月1日, and a date that is not one is refused naming its field (400)")
    func range() async throws {
        try await TestApp.run(seeded: true, clock: .fixed(Self.shown)) { client, services in
            _ = try await Self.seed(services)
            let leader = try await WebClient.signIn("taoyuan.leader", client)
            let chinese = try await leader.get(
                "\(Paths.dashboard)?from=\(WebClient.encode("2025年3月1日"))&to=\(WebClient.encode("2025年3月31日"))")
            #expect(chinese.status == .ok)
            #expect(chinese.body.contains("统计期间：2025-03-01 至 2025-03-31"))
            #expect(chinese.body.contains(#"id="count-registered">14<"#))
            // By default: this month so far (March 2025 at the fixed clock).
            let standard = try await leader.get(Paths.dashboard)
            #expect(standard.body.contains("统计期间：2025-03-01 至 2025-03-20"))
            let unreadable = try await leader.get("\(Paths.dashboard)?from=yesterday")
            #expect(unreadable.status == .badRequest)
            #expect(unreadable.body.contains("id=\"range-error\"") && unreadable.body.contains("“起始日期”须为日期"))
            #expect(unreadable.body.contains(#"value="yesterday""#))
            let backwards = try await leader.get("\(Paths.dashboard)?from=2025-03-10&to=2025-03-01")
            #expect(backwards.status == .badRequest && backwards.body.contains("“结束日期”不能早于起始日期"))
        }
    }

    @Test("the whistle filter of GET /api/v1/cases and the whistle counts of /api/v1/metrics agree")
    func api() async throws {
        try await TestApp.run(seeded: true, clock: .fixed(Self.shown)) { client, services in
            _ = try await Self.seed(services)
            let leader = try await APIClient.signIn("taoyuan.leader", client, services)
            let listed = try await leader.call(.get, "/api/v1/cases?whistle=emergency&\(Self.range)")
            #expect(listed.status == .ok)
            #expect((listed.json["items"] as? [[String: Any]])?.count == 3)
            #expect(
                (listed.json["items"] as? [[String: Any]])?.allSatisfy { $0["whistle"] as? String == "emergency" }
                    == true)
            let bad = try await leader.call(.get, "/api/v1/cases?whistle=loud")
            #expect(bad.status == .badRequest && bad.text.contains("whistle"))
            let metrics = try await leader.call(.get, "/api/v1/metrics?\(Self.range)")
            #expect(metrics.status == .ok)
            let whistles = try #require(metrics.json["whistles"] as? [[String: Any]])
            #expect(whistles.map { $0["grade"] as? String } == ["quick", "emergency", "hardCase"])
            #expect(whistles.map { $0["count"] as? Int } == [0, 3, 0])
            #expect((whistles[1]["name"] as? [String: Any])?["zh"] as? String == "应急哨")
        }
    }

    @Test("only administrators of the county change the ranking minimum (1 to 10000); each change is kept")
    func setting() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let county = try await WebClient.signIn("county.admin", client)
            let form = try await county.get(Paths.adminSettings)
            #expect(form.status == .ok && form.body.contains(#"name="rankingMinimum""#))
            #expect(try await county.get(Paths.admin).body.contains(Paths.adminSettings))
            let refused = try await county.post(Paths.adminSettings, [("rankingMinimum", "0")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("参与排名的最少办件数") && refused.body.contains(#"value="0""#))
            #expect(try await services.settings.rankingMinimum() == 10)
            let saved = try await county.post(Paths.adminSettings, [("rankingMinimum", "25")])
            #expect(saved.status == .seeOther || saved.status == .found)
            #expect(saved.location == "\(Paths.adminSettings)?done=saved")
            #expect(try await services.settings.rankingMinimum() == 25)
            let admin = try #require(try await services.users.find(username: "county.admin"))
            let changes = try await services.settings.changes(of: RankingMinimum.settingName)
            #expect(changes.count == 1 && changes.first?.by == admin.id && changes.first?.newValue == "25")
            let after = try await county.get("\(Paths.adminSettings)?done=saved")
            #expect(after.body.contains("已保存设置") && after.body.contains(admin.displayName))

            // A township's administrator sees it but may not change it; a leader has no admin pages.
            let township = try await WebClient.signIn("taoyuan.admin", client)
            let seen = try await township.get(Paths.adminSettings)
            #expect(seen.status == .ok && !seen.body.contains(#"name="rankingMinimum""#))
            #expect(try await township.post(Paths.adminSettings, [("rankingMinimum", "3")]).status == .forbidden)
            let leader = try await WebClient.signIn("taoyuan.leader", client)
            #expect(try await leader.post(Paths.adminSettings, [("rankingMinimum", "3")]).status == .forbidden)
            #expect(try await services.settings.rankingMinimum() == 25)
        }
    }
}
