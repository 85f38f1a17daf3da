import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Risk API")
struct RiskAPITests {
    /// The seed story: a neighbour dispute, the police called, a threat.
    static func seedStory(regionCode: String) -> [String: Any] {
        [
            "channel": "hotline12345", "title": "邻居因排水沟发生争吵",
            "description": "两户邻居因排水沟多次争吵，昨晚已报警，派出所民警出警。王某扬言要砍死对方。",
            "categoryCode": "livelihood.neighbour", "regionCode": regionCode, "urgency": "troublesome",
            "parties": [
                ["role": "reporter", "name": "王大伟", "phone": "13900001111", "address": "上林村3组12号"],
                ["role": "respondent", "name": "李小明", "phone": "13900002222", "address": "上林村3组14号"],
            ],
        ]
    }

    @Test(
        "the seed story through the API: a red warning naming its indicators, three visits due, closed by the visits; other townships, mediators and anonymous callers get nothing"
    )
    func seedStory() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let gridUser = try #require(try await services.users.find(username: "taoyuan.grid"))
            let gridGrant = try #require(gridUser.grants.first)
            let gridRegion = try #require(try await services.regions.find(id: gridGrant.jurisdictionID))
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let created = try await desk.call(
                .post, "/api/v1/cases", Self.seedStory(regionCode: gridRegion.code), key: "seed-story")
            #expect(created.status == .created)
            let caseID = try #require(created.json["id"] as? Int)

            let list = try await desk.call(.get, "/api/v1/risk/warnings?grade=red&open=true")
            #expect(list.status == .ok)
            let warning = try #require(
                (list.json["items"] as? [[String: Any]])?.first { $0["caseId"] as? Int == caseID })
            let id = try #require(warning["id"] as? Int)
            let fired = Set(((warning["fired"] as? [[String: Any]]) ?? []).compactMap { $0["indicator"] as? String })
            #expect(fired.isSuperset(of: ["category-neighbour", "police-called", "words-threat"]))
            let visits = try #require(warning["visits"] as? [[String: Any]])
            #expect(
                Set(visits.compactMap { $0["visitor"] as? String }) == ["gridWorker", "policeStation", "justiceOffice"])

            let grid = try await APIClient.signIn("taoyuan.grid", client, services)
            let gridDue = try #require(try await grid.call(.get, "/api/v1/visits").json["items"] as? [[String: Any]])
            #expect(gridDue.map { $0["visitor"] as? String } == ["gridWorker"])
            let justice = try await APIClient.signIn("taoyuan.dept", client, services)
            let justiceDue = try #require(
                try await justice.call(.get, "/api/v1/visits").json["items"] as? [[String: Any]])
            #expect(justiceDue.map { $0["visitor"] as? String } == ["justiceOffice"])
            let gridVisit = try #require(gridDue.first?["id"] as? Int)
            let justiceVisit = try #require(justiceDue.first?["id"] as? Int)

            // Who else: another township, a mediator, anonymous callers.
            let stranger = try await APIClient.signIn("xicheng.grid", client, services)
            #expect(try await stranger.call(.get, "/api/v1/risk/warnings/\(id)").status == .notFound)
            #expect(try await stranger.call(.get, "/api/v1/visits/\(gridVisit)").status == .notFound)
            let strangerRecord = try await stranger.call(.post, "/api/v1/visits/\(gridVisit)", ["outcome": "resolved"])
            #expect(strangerRecord.status == .notFound)
            #expect(
                (try await stranger.call(.get, "/api/v1/risk/warnings").json["items"] as? [Any])?.isEmpty == true)
            let mediator = try await APIClient.signIn("taoyuan.mediator", client, services)
            #expect(try await mediator.call(.get, "/api/v1/risk/warnings").status == .forbidden)
            let anonymous = APIClient(client: client, token: nil)
            #expect(try await anonymous.call(.get, "/api/v1/visits").status == .unauthorized)
            // The justice office may read the grid worker's visit, not record it.
            #expect(
                try await justice.call(.post, "/api/v1/visits/\(gridVisit)", ["outcome": "resolved"]).status
                    == .forbidden)

            // Bad input names the field; nothing is recorded.
            let noOutcome = try await grid.call(.post, "/api/v1/visits/\(gridVisit)", ["note": "x"])
            #expect(noOutcome.status == .badRequest)
            #expect((noOutcome.json["message"] as? [String: String])?["en"]?.contains("outcome") == true)
            #expect((noOutcome.json["message"] as? [String: String])?["zh"]?.contains("走访结果") == true)
            let bogus = try await grid.call(.post, "/api/v1/visits/\(gridVisit)", ["outcome": "bogus"])
            #expect(bogus.status == .unprocessableContent)
            let badIndicator = try await grid.call(
                .post, "/api/v1/visits/\(gridVisit)", ["outcome": "resolved", "indicators": ["words-threat"]])
            #expect(badIndicator.status == .unprocessableContent)

            let lowered = try await justice.call(
                .post, "/api/v1/visits/\(justiceVisit)", ["outcome": "counselled", "note": "已心理疏导"])
            #expect(lowered.status == .ok)
            #expect((lowered.json["warning"] as? [String: Any])?["grade"] as? String == "orange")
            let again = try await justice.call(.post, "/api/v1/visits/\(justiceVisit)", ["outcome": "resolved"])
            #expect(again.status == .unprocessableContent)
            let closed = try await grid.call(
                .post, "/api/v1/visits/\(gridVisit)", ["outcome": "resolved", "note": "双方签订和解协议"])
            #expect(closed.status == .ok)
            #expect((closed.json["warning"] as? [String: Any])?["open"] as? Bool == false)
            let read = try await desk.call(.get, "/api/v1/risk/warnings/\(id)")
            #expect((read.json["warning"] as? [String: Any])?["open"] as? Bool == false)
            try await services.accessLog.flush()
            #expect(try await services.accessLog.recent().contains { $0.action == "risk.warning.view" })
        }
    }
}

extension RiskAPITests {
    /// The risk operations' answers, checked against the contract by `OpenAPITests` (its `ConformanceProbe`).
    static func probe(_ probe: ConformanceProbe, desk: String, handler: String, services: AppServices) async throws {
        let gridUser = try #require(try await services.users.find(username: "taoyuan.grid"))
        let gridGrant = try #require(gridUser.grants.first)
        let grid = try #require(try await services.regions.find(id: gridGrant.jurisdictionID))
        var story = seedStory(regionCode: grid.code)
        story["parties"] = [["role": "reporter", "name": "接口风险当事人", "phone": "13900007777"]]
        let created = try await probe.call(
            .post, "/api/v1/cases", token: desk, json: story,
            headers: [.init("Idempotency-Key")!: "risk-probe"])
        let caseID = try #require(created.json["id"] as? Int)
        let warnings = "/api/v1/risk/warnings"
        let list = try await probe.call(.get, warnings, "\(warnings)?grade=red&open=true", token: desk)
        let warning = try #require((list.json["items"] as? [[String: Any]])?.first { $0["caseId"] as? Int == caseID })
        let id = try #require(warning["id"] as? Int)
        #expect(try await probe.call(.get, "\(warnings)/{id}", "\(warnings)/\(id)", token: desk).status == .ok)
        #expect(try await probe.call(.get, warnings, "\(warnings)?grade=purple", token: desk).status == .badRequest)
        let visits = "/api/v1/visits"
        let due = try await probe.call(.get, visits, token: handler)
        let visit = try #require(
            (due.json["items"] as? [[String: Any]])?.first { $0["warningId"] as? Int == id }?["id"] as? Int)
        #expect(try await probe.call(.get, "\(visits)/{id}", "\(visits)/\(visit)", token: handler).status == .ok)
        #expect(
            try await probe.call(.post, "\(visits)/{id}", "\(visits)/\(visit)", token: handler, json: [:]).status
                == .badRequest)
        #expect(
            try await probe.call(
                .post, "\(visits)/{id}", "\(visits)/\(visit)", token: handler, json: ["outcome": "supported"]
            ).status == .ok)
        #expect(
            try await probe.call(
                .post, "\(visits)/{id}", "\(visits)/\(visit)", token: handler, json: ["outcome": "supported"]
            ).status == .unprocessableContent)
    }
}
