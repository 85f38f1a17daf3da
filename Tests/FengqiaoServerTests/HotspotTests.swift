import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// Hotspots end to end (docs/HOTSPOTS.md): reports about one bus line through three channels (Open311 = the QR and
/// app intake, the 12345 hotline and the window, through the API) in two villages become one hotspot named 149路 on
/// `GET /api/v1/hotspots`; dispatching and merging it through the API write each case's own audit event; roles that
/// do not work with hotspots get 403; bad input is a 4xx naming the field.
@Suite("Hotspots over HTTP")
struct HotspotTests {
    static let busTexts: [(title: String, description: String)] = [
        ("149路公交早高峰间隔太长", "149路公交车早高峰在甘肃大剧院站等了四十多分钟都不来，希望加密班次。"),
        ("149路早上等车太久", "新港城站早上等149路公交，间隔将近半小时，到甘肃大剧院要换车。"),
        ("反映149路公交班次少", "149路公交车高峰时段间隔长，甘肃大剧院一带候车群众多，请增加车辆。"),
    ]

    /// Two grids of 桃源镇 in two different villages.
    static func twoVillages(_ services: AppServices) async throws -> (Region, Region) {
        let grids = try await services.regions.list(level: .grid).filter { $0.code.hasPrefix("339921101") }
        let first = try #require(grids.first)
        let village = first.code.split(separator: "-")[0]
        let second = try #require(grids.first { $0.code.split(separator: "-")[0] != village })
        return (first, second)
    }

    /// Registers the three bus reports: Open311 (citizenReport), the API as 12345 and as the window.
    @discardableResult
    static func reportBus(
        _ client: any TestClientProtocol, _ services: AppServices, tag: String
    ) async throws
        -> [Int64]
    {
        let (first, second) = try await twoVillages(services)
        let o311 = Open311Client(client: client)
        let posted = try await o311.post(
            "/open311/v2/requests.json",
            [
                ("api_key", DemoSeeder.open311DemoKey), ("service_code", "livelihood.infrastructure"),
                ("description", busTexts[0].title + "。" + busTexts[0].description),
                ("region_code", first.code), ("phone", "13912340149"), ("first_name", "女士"), ("last_name", "王"),
            ])
        #expect(posted.status == .created)
        var ids = [try #require(Int64(posted.array.first?["service_request_id"] as? String ?? ""))]
        let desk = try await APIClient.signIn("taoyuan.center", client, services)
        for (index, channel) in ["hotline12345", "window"].enumerated() {
            let text = busTexts[index + 1]
            let reply = try await desk.call(
                .post, "/api/v1/cases",
                [
                    "channel": channel, "title": text.title, "description": text.description,
                    "regionCode": index == 0 ? second.code : first.code, "urgency": "troublesome",
                    "parties": [["role": "reporter", "phone": "1381234514\(index)"]],
                ], key: "\(tag)-\(index)")
            #expect(reply.status == .created, "\(reply.text)")
            ids.append(Int64(try #require(reply.json["id"] as? Int)))
        }
        return ids
    }

    @Test("three channels in two villages: one hotspot with 149路; dispatch through the API writes each case's event")
    func seedStoryAndDispatch() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let ids = try await Self.reportBus(client, services, tag: "bus")
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let listed = try await desk.call(.get, "/api/v1/hotspots")
            #expect(listed.status == .ok)
            let items = try #require(listed.json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            let hotspot = try #require(items.first)
            #expect((hotspot["keywords"] as? [String])?.contains("149路") == true)
            #expect(Set(hotspot["channels"] as? [String] ?? []) == ["citizenReport", "hotline12345", "window"])
            #expect(hotspot["size"] as? Int == 3)
            #expect((hotspot["places"] as? [String])?.count == 2)
            let id = try #require(hotspot["id"] as? Int)

            // The leader sees it; a department handler, a grid worker and anyone without a token do not.
            let leader = try await APIClient.signIn("taoyuan.leader", client, services)
            #expect(try await leader.call(.get, "/api/v1/hotspots").status == .ok)
            #expect(
                try await leader.call(.post, "/api/v1/hotspots/\(id)/dispatch", ["organisationId": 1]).status
                    == .forbidden)
            for username in ["taoyuan.dept", "taoyuan.grid"] {
                let other = try await APIClient.signIn(username, client, services)
                #expect(try await other.call(.get, "/api/v1/hotspots").status == .forbidden)
                #expect(try await other.call(.get, "/api/v1/hotspots/\(id)").status == .forbidden)
            }
            #expect(
                try await APIClient(client: client, token: nil).call(.get, "/api/v1/hotspots").status == .unauthorized)
            // Another township's desk does not see this township's cases, so not the hotspot.
            let stranger = try await APIClient.signIn("xicheng.center", client, services)
            #expect(try await stranger.call(.get, "/api/v1/hotspots/\(id)").status == .notFound)
            #expect((try await stranger.call(.get, "/api/v1/hotspots").json["items"] as? [Any])?.isEmpty == true)

            // Validation: 4xx naming the field, never 5xx.
            let bogus = try await desk.call(.get, "/api/v1/hotspots?state=bogus")
            #expect(bogus.status == .badRequest && bogus.text.contains("state"))
            #expect(try await desk.call(.get, "/api/v1/hotspots/abc").status == .notFound)
            let noOrganisation = try await desk.call(.post, "/api/v1/hotspots/\(id)/dispatch", ["note": "x"])
            #expect(noOrganisation.status == .badRequest && noOrganisation.text.contains("organisationId"))
            let unknown = try await desk.call(.post, "/api/v1/hotspots/\(id)/dispatch", ["organisationId": 999_999])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("organisationId"))
            let notMember = try await desk.call(.post, "/api/v1/hotspots/\(id)/merge", ["leadCaseId": 999_999])
            #expect(notMember.status == .unprocessableContent && notMember.text.contains("leadCaseId"))
            let nothing = try await desk.call(.post, "/api/v1/hotspots/\(id)/not-related", [:])
            #expect(nothing.status == .unprocessableContent && nothing.text.contains("caseIds"))

            // Dispatch once to one department: each case gets its own dispatch event.
            let township = try #require(try await services.regions.find(code: "339921101"))
            let department = try #require(
                try await services.organisations.list(inSubtreeOf: township.id).first { $0.kind == .department })
            let dispatched = try await desk.call(
                .post, "/api/v1/hotspots/\(id)/dispatch",
                ["organisationId": Int(department.id.rawValue), "note": "请公交公司核查149路排班"])
            #expect(dispatched.status == .ok)
            #expect(Set(dispatched.json["changed"] as? [Int] ?? []) == Set(ids.map { Int($0) }))
            for caseID in ids {
                let events = try await services.cases.events(of: Case.ID(caseID))
                #expect(
                    events.contains {
                        if case .dispatched = $0.change { return $0.actor.username == "taoyuan.center" }
                        return false
                    })
                #expect(try await services.cases.find(id: Case.ID(caseID))?.holderOrganisationID == department.id)
            }
            let after = try await desk.call(.get, "/api/v1/hotspots/\(id)")
            #expect(after.json["state"] as? String == "dispatched")
            let actions = after.json["actions"] as? [[String: Any]] ?? []
            #expect((actions.last?["note"] as? String)?.contains("149路") == true)
        }
    }

    @Test("merge through the API: the other cases become duplicates of the lead, each with its merge event")
    func mergeThroughTheAPI() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let ids = try await Self.reportBus(client, services, tag: "merge")
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let id = try #require(
                (try await desk.call(.get, "/api/v1/hotspots").json["items"] as? [[String: Any]])?
                    .first?["id"] as? Int)
            let lead = ids[1]
            let merged = try await desk.call(.post, "/api/v1/hotspots/\(id)/merge", ["leadCaseId": Int(lead)])
            #expect(merged.status == .ok)
            #expect(Set(merged.json["changed"] as? [Int] ?? []) == Set(ids.filter { $0 != lead }.map { Int($0) }))
            for caseID in ids where caseID != lead {
                let events = try await services.cases.events(of: Case.ID(caseID))
                #expect(events.contains { $0.change == .merged(into: Case.ID(lead)) })
            }
            let master = try await services.cases.events(of: Case.ID(lead))
            #expect(
                master.filter { if case .duplicateAttached = $0.change { return true } else { return false } }.count
                    == 2)
            let after = try await desk.call(.get, "/api/v1/hotspots/\(id)")
            #expect(after.json["state"] as? String == "merged")
        }
    }

    @Test("not related through the page: the case leaves the hotspot, remembered; the desk panel shows hotspots")
    func notRelatedOnThePage() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let ids = try await Self.reportBus(client, services, tag: "page")
            // One more report makes four, so that one taken out leaves a hotspot.
            let (first, _) = try await Self.twoVillages(services)
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let extra = try await desk.call(
                .post, "/api/v1/cases",
                [
                    "channel": "gridWorker", "title": "149路公交站台候车人多",
                    "description": "新港城149路公交站台早高峰排长队，公交间隔长，往甘肃大剧院方向尤甚。",
                    "regionCode": first.code, "urgency": "troublesome",
                    "parties": [["role": "reporter", "phone": "13612341490"]],
                ], key: "page-extra")
            #expect(extra.status == .created)
            let browser = try await WebClient.signIn("taoyuan.center", client)
            let deskPage = try await browser.get(Paths.desk)
            #expect(deskPage.body.contains("desk-hotspots") && deskPage.body.contains("149路"))
            let id = try #require(
                (try await desk.call(.get, "/api/v1/hotspots").json["items"] as? [[String: Any]])?
                    .first?["id"] as? Int)
            let page = try await browser.get(Paths.hotspot(id))
            #expect(page.status == .ok && page.body.contains("hotspot-not-related"))
            // Its map: the grids of both villages, those holding its cases shaded, drawn without JavaScript.
            let map = try #require(
                page.body.range(of: "id=\"hotspot-map\"").map { String(page.body[$0.lowerBound...]) })
            let drawn = String(map.prefix(upTo: map.range(of: "</section>")?.lowerBound ?? map.endIndex))
            #expect(drawn.contains("<svg") && drawn.contains("热点分布"))
            #expect(drawn.components(separatedBy: "fill=\"#f8b4b4\"").count - 1 >= 2, "\(drawn.prefix(400))")
            #expect(drawn.contains("fill=\"#f5f7fa\""))
            // The hotspot's first case (its identifier) is the one not related: the page goes on to the hotspot
            // under its next case, not to the old identifier, which no longer names a hotspot (regression).
            let outsider = ids[0]
            #expect(id == Int(outsider))
            let marked = try await browser.post(
                Paths.hotspotAction(id, "not-related"), [("caseId", "\(outsider)")])
            #expect(marked.status == .seeOther || marked.status == .found)
            let next = try #require(marked.location)
            #expect(next.hasPrefix(Paths.hotspot(ids[1]) + "?done=not-related"))
            #expect(try await browser.get(next).status == .ok)
            // The old identifier still leads to the hotspot (through the pairs marked under it).
            let moved = try await desk.call(.get, "/api/v1/hotspots/\(id)")
            #expect(moved.status == .ok && moved.json["id"] as? Int == Int(ids[1]))
            let after = try #require(
                (try await desk.call(.get, "/api/v1/hotspots").json["items"] as? [[String: Any]])?.first)
            #expect((after["cases"] as? [[String: Any]])?.contains { $0["id"] as? Int == Int(outsider) } == false)
            #expect(after["size"] as? Int == 3)
            // The merge asks for confirmation first (a GET page, nothing changed yet).
            let confirm = try await browser.get(Paths.hotspotAction(ids[1], "merge") + "?lead=\(ids[1])")
            #expect(confirm.status == .ok && confirm.body.contains("hotspot-merge-confirm"))
            // A department handler is refused the pages.
            let handler = try await WebClient.signIn("taoyuan.dept", client)
            #expect(try await handler.get(Paths.hotspots).status == .forbidden)
        }
    }
}

extension HotspotTests {
    /// The hotspot operations for `OpenAPITests.answersConform`: each answers 2xx once and a 4xx, every answer
    /// checked against its documented schema.
    static func probe(_ probe: ConformanceProbe, _ client: any TestClientProtocol, _ services: AppServices) async throws
    {
        let ids = try await reportBus(client, services, tag: "hotspots-openapi")
        let user = try #require(try await services.users.find(username: "taoyuan.center"))
        let desk = try await services.tokens.create(for: user.id, label: "openapi-hotspots", at: Date())
        let listed = try await probe.call(.get, "/api/v1/hotspots", token: desk)
        let id = try #require((listed.json["items"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(
            try await probe.call(.get, "/api/v1/hotspots", "/api/v1/hotspots?state=bogus", token: desk).status
                == .badRequest)
        let item = "/api/v1/hotspots/{id}"
        try await probe.call(.get, item, "/api/v1/hotspots/\(id)", token: desk)
        #expect(try await probe.call(.get, item, "/api/v1/hotspots/999999", token: desk).status == .notFound)
        let township = try #require(try await services.regions.find(code: "339921101"))
        let department = try #require(
            try await services.organisations.list(inSubtreeOf: township.id).first { $0.kind == .department })
        let dispatch = "/api/v1/hotspots/{id}/dispatch"
        #expect(
            try await probe.call(.post, dispatch, "/api/v1/hotspots/\(id)/dispatch", token: desk, json: ["note": 1])
                .status == .badRequest)
        try await probe.call(
            .post, dispatch, "/api/v1/hotspots/\(id)/dispatch", token: desk,
            json: ["organisationId": Int(department.id.rawValue), "note": "149路"])
        let merge = "/api/v1/hotspots/{id}/merge"
        #expect(
            try await probe.call(.post, merge, "/api/v1/hotspots/\(id)/merge", token: desk, json: ["leadCaseId": 0])
                .status == .unprocessableContent)
        try await probe.call(
            .post, merge, "/api/v1/hotspots/\(id)/merge", token: desk, json: ["leadCaseId": Int(ids[0])])
        try await probe.call(
            .post, "/api/v1/hotspots/{id}/not-related", "/api/v1/hotspots/\(id)/not-related", token: desk,
            json: ["wholeCluster": true])
    }
}

@Suite("Demo hotspots")
struct DemoHotspotTests {
    @Test("the demo county shows three hotspots within the window, one of them 149路 at 甘肃大剧院 across channels")
    func demoHotspots() async throws {
        try await TestApp.run(seeded: false) { _, services in
            let seeder = DemoSeeder(services: services, passwordCost: 4)
            let county = DemoCounty.generate()
            let now = try #require(ChinaTime.parse("2026-11-20T10:00:00+08:00")?.lowerBound)
            let written = try await seeder.seed(county, now: now)
            _ = try await seeder.seedCases(county, written: written, count: 300, endingAt: now)
            #expect(try await seeder.seedHotspots(county, written: written, endingAt: now) == 11)
            let hotspots = try await services.hotspots.hotspots(at: now)
            #expect(hotspots.count >= 3)
            let bus = try #require(hotspots.first { $0.keywords.contains("149路") })
            #expect(bus.keywords.contains("甘肃大剧院"))
            #expect(bus.size == 5 && bus.villages.count == 2 && bus.channels.count == 4)
            #expect(hotspots.contains { $0.keywords.contains { $0.contains("工资") || $0.contains("欠薪") } })
            #expect(hotspots.contains { $0.keywords.contains { $0.contains("水管") || $0.contains("爆") } })
        }
    }
}

@Suite("Hotspot window setting")
struct HotspotWindowSettingTests {
    @Test("FENGQIAO_HOTSPOT_WINDOW_HOURS sets the window (72 by default); a bad value names the setting")
    func window() async throws {
        #expect(try AppConfiguration.load(environment: [:]).hotspotWindowHours == 72)
        #expect(
            try AppConfiguration.load(environment: ["FENGQIAO_HOTSPOT_WINDOW_HOURS": "24"]).hotspotWindowHours == 24)
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration.load(environment: ["FENGQIAO_HOTSPOT_WINDOW_HOURS": "0"])
        }
        try await TestApp.run(environment: ["FENGQIAO_HOTSPOT_WINDOW_HOURS": "24"]) { _, services in
            #expect(services.hotspots.parameters.window == 24 * 3600)
        }
    }
}
