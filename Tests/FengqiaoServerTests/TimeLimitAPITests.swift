import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Time limits API")
struct TimeLimitAPITests {
    @Test("a case shows its clocks in working time and words; queues sort by the nearest deadline")
    func clocksOnCases() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let created = try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "clock-1")
            let id = try #require(created.json["id"] as? Int)
            #expect(created.json["timeLimitPolicy"] as? String == "standard")
            let clocks = try #require(created.json["clocks"] as? [[String: Any]])
            // Registered by staff: the respond clock has stopped; the 24-hour start clock runs.
            #expect(clocks.compactMap { $0["kind"] as? String } == ["start"])
            let text = try #require(clocks.first?["text"] as? [String: String])
            #expect(text["zh"]?.hasPrefix("剩余") == true && text["en"]?.hasSuffix("left") == true)
            #expect(created.json["nextDueAt"] != nil && created.json["overdue"] as? Bool == false)

            let urgent = try await desk.call(
                .post, "/api/v1/cases", CaseAPITests.intake.merging(["urgency": "urgent", "title": "燃气泄漏"]) { $1 },
                key: "clock-2")
            #expect(urgent.json["timeLimitPolicy"] as? String == "urgent")
            let queue = try await desk.call(.get, "/api/v1/cases?sort=deadline")
            let order = (queue.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
            #expect(order?.first == urgent.json["id"] as? Int && order?.contains(id) == true)
            #expect(try await desk.call(.get, "/api/v1/cases?sort=oldest").status == .badRequest)
            let overdue = try await desk.call(.get, "/api/v1/cases?overdue=true")
            #expect((overdue.json["items"] as? [[String: Any]])?.isEmpty == true)

            // 待补充材料 pauses the clocks; the citizen answers on the tracking API.
            let asked = try await desk.call(
                .post, "/api/v1/cases/\(id)/actions/request-information", ["note": "请补充施工时间和楼层"])
            #expect(asked.json["awaitingCitizen"] as? Bool == true && asked.json["nextDueAt"] == nil)
            let paused = (asked.json["clocks"] as? [[String: Any]])?.first?["paused"] as? Bool
            #expect(paused == true)
            let code = try #require(created.json["trackingCode"] as? String)
            let citizen = APIClient(client: client, token: nil)
            let tracked = try await citizen.call(.post, "/api/v1/track", ["code": "\(code)", "phone": "1234"])
            #expect(tracked.json["canSupply"] as? Bool == true)
            #expect(tracked.json["informationRequested"] as? String == "请补充施工时间和楼层")
            let supplied = try await citizen.call(
                .post, "/api/v1/track/actions", ["code": code, "phone": "1234", "information": "每晚十点后，12楼"])
            #expect(supplied.status == .ok && supplied.json["canSupply"] as? Bool == false)
            let after = try await desk.call(.get, "/api/v1/cases/\(id)")
            #expect(after.json["awaitingCitizen"] as? Bool == false && after.json["nextDueAt"] != nil)
        }
    }

    @Test("staff read the policies, ladders and calendar; only administrators change them")
    func administration() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let admin = try await APIClient.signIn("county.admin", client, services)
            let policies = try await desk.call(.get, "/api/v1/time-limits/policies")
            let codes = (policies.json["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes == ["standard", "urgent"])
            let ladders = try await desk.call(.get, "/api/v1/time-limits/ladders")
            #expect((ladders.json["items"] as? [[String: Any]])?.count == 2)
            let calendar = try await desk.call(.get, "/api/v1/time-limits/calendar")
            #expect(calendar.json["years"] as? [Int] == [2025, 2026])
            #expect((calendar.json["entries"] as? [[String: Any]])?.count == 72)

            let medical: [String: Any] = [
                "code": "medical", "name": "医疗纠纷（10个工作日办结）", "categoryPrefix": "livelihood.medical",
                "limits": ["respond": "30m", "start": "24h", "accept": "4wh", "finish": "10wd", "follow-up": "10wd"],
                "warningShare": 0.8,
            ]
            #expect(try await desk.call(.put, "/api/v1/time-limits/policies/medical", medical).status == .forbidden)
            let saved = try await admin.call(.put, "/api/v1/time-limits/policies/medical", medical)
            #expect(saved.status == .ok)
            var broken = medical
            broken["limits"] = ["respond": "30m"]
            let refused = try await admin.call(.put, "/api/v1/time-limits/policies/medical", broken)
            #expect(
                refused.status == .unprocessableContent && refused.json["code"] as? String == "time_limit.missing_limit"
            )
            #expect(try await admin.call(.put, "/api/v1/time-limits/policies/other", medical).status == .badRequest)

            var intake = CaseAPITests.intake
            intake["categoryCode"] = "livelihood.medical"
            let created = try await desk.call(.post, "/api/v1/cases", intake, key: "medical-1")
            #expect(created.json["timeLimitPolicy"] as? String == "medical")
            #expect(
                try await admin.call(.delete, "/api/v1/time-limits/policies/standard").status == .unprocessableContent)
            #expect(try await admin.call(.delete, "/api/v1/time-limits/policies/medical").status == .noContent)
            // The case keeps the policy it was registered under.
            let again = try await desk.call(.get, "/api/v1/cases/\(try #require(created.json["id"] as? Int))")
            #expect(again.json["timeLimitPolicy"] as? String == "medical")

            let leader = try await APIClient.signIn("county.leader", client, services)
            #expect(try await leader.call(.get, "/api/v1/oversight/charges").status == .ok)
            let handler = try await APIClient.signIn("taoyuan.dept", client, services)
            #expect(try await handler.call(.get, "/api/v1/oversight/charges").status == .forbidden)
        }
    }
}

@Suite("Mediation API")
struct MediationAPITests {
    @Test("the center can 点单 only a mediator who is taking cases; the ranking and weights answer staff")
    func staffChoosesAMediator() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let created = try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "med-1")
            let id = try #require(created.json["id"] as? Int)
            let mediators = try await services.mediators.list()
            let busy = try #require(mediators.first { !$0.available })
            let free = try #require(mediators.first { $0.available })
            let refused = try await desk.call(
                .post, "/api/v1/cases/\(id)/actions/request-mediator", ["mediator": busy.id.rawValue])
            #expect(refused.status == .conflict && refused.json["code"] as? String == "mediation.mediator_unavailable")
            let chosen = try await desk.call(
                .post, "/api/v1/cases/\(id)/actions/request-mediator", ["mediator": free.id.rawValue])
            #expect(chosen.status == .ok)
            #expect(try await desk.call(.get, "/api/v1/mediation/ranking").status == .ok)
            let weights = try await desk.call(.get, "/api/v1/mediation/point-weights")
            #expect(weights.json["complex"] as? Int == 4)
            let change = ["simple": 1, "ordinary": 3, "complex": 6, "major": 12]
            #expect(try await desk.call(.put, "/api/v1/mediation/point-weights", change).status == .forbidden)
            let admin = try await APIClient.signIn("county.admin", client, services)
            #expect(try await admin.call(.put, "/api/v1/mediation/point-weights", change).status == .ok)
            #expect(try await desk.call(.get, "/api/v1/mediation/point-weights").json["ordinary"] as? Int == 3)
        }
    }
}
