import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Mediation sessions (调解记录)")
struct MediationSessionTests {
    @Test(
        "a session's place, online flag, mode and attendees typed on the case page come back on the page and in the API"
    )
    func sessionDetailsAreReturned() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let mediatorAPI = try await APIClient.signIn("taoyuan.mediator", client, services)
            let committee = try #require(try await services.organisations.find(name: "桃源镇人民调解委员会"))
            var intake = CaseAPITests.intake
            intake["title"] = "邻里漏水纠纷"
            let id = try #require(try await desk.call(.post, "/api/v1/cases", intake, key: "leak").json["id"] as? Int)
            let steps: [(APIClient, String, [String: Any])] = [
                (desk, "assess", ["urgency": "troublesome", "difficulty": "ordinary", "competentLevel": "township"]),
                (desk, "dispatch", ["lead": committee.id.rawValue]),
                (mediatorAPI, "accept", [:]),
            ]
            for (api, action, body) in steps {
                let reply = try await api.call(.post, "/api/v1/cases/\(id)/actions/\(action)", body)
                #expect(reply.status == .ok, "\(action): \(reply.text)")
            }
            let mediator = try await WebClient.signIn("taoyuan.mediator", client)
            let version = try #require(try await services.cases.find(id: Case.ID(Int64(id))))
                .version
            let posted = try await mediator.post(
                Paths.caseAction(id, CaseAction.recordSession.rawValue),
                [
                    ("expectedVersion", "\(version)"), ("result", "adjourned"), ("note", "双方同意下周再谈"),
                    ("heldAt", "2026年12月3日 14:30"), ("place", "桃源镇调解室"), ("mode", "backToBack"),
                    ("attendees", "张三丰，当事人\n王明，律师\n李老伯 乡贤"),
                ])
            #expect(posted.status == .seeOther, "\(posted.status): \(posted.body.prefix(300))")
            let page = try await mediator.get(Paths.caseFile(id))
            #expect(page.body.contains("调解记录") && page.body.contains("地点：桃源镇调解室"))
            #expect(page.body.contains("背对背") && page.body.contains("王明（律师）"))
            #expect(page.body.contains("乡贤（德高望重者）"))

            let read = try await desk.call(.get, "/api/v1/cases/\(id)")
            let mediation = try #require(read.json["mediation"] as? [String: Any])
            let session = try #require((mediation["sessions"] as? [[String: Any]])?.first)
            #expect(session["place"] as? String == "桃源镇调解室" && session["online"] as? Bool == false)
            #expect(session["mode"] as? String == "backToBack" && session["result"] as? String == "adjourned")
            let attendees = try #require(session["attendees"] as? [[String: Any]])
            #expect(attendees.map { $0["role"] as? String } == ["party", "lawyer", "elder"])
            #expect(attendees.first?["name"] as? String == "张三丰")

            // A leader reads the case masked: the attending party's name too, not the lawyer's.
            let leader = try await APIClient.signIn("taoyuan.leader", client, services)
            let masked = try await leader.call(.get, "/api/v1/cases/\(id)")
            let maskedSession = try #require(
                ((masked.json["mediation"] as? [String: Any])?["sessions"] as? [[String: Any]])?.first)
            let names = (maskedSession["attendees"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names?.first != "张三丰" && names?.first?.hasPrefix("张") == true && names?[1] == "王明")
        }
    }
}

@Suite("点单 answered by the dispatch")
struct RequestedMediatorTests {
    @Test("a 点单 the desk dispatches past is told to staff and to the citizen; one dispatched to it is taken up")
    func dispatchAnswersTheRequest() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let committee = try #require(try await services.organisations.find(name: "桃源镇人民调解委员会"))
            let mediator = try #require(
                try await services.mediators.list().first { $0.organisationID == committee.id && $0.available })
            let other = try #require(try await services.organisations.find(name: "清溪县司法局桃源司法所"))
            for (key, lead, expected) in [
                ("asked-1", other.id, "中心已另行派单，所点调解员未被采用。"),
                ("asked-2", committee.id, "已按群众点单，交所点调解员办理。"),
            ] {
                let id = try #require(
                    try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: key).json["id"] as? Int)
                for (step, body) in [
                    ("request-mediator", ["mediator": mediator.id.rawValue]),
                    ("assess", ["urgency": "troublesome", "difficulty": "ordinary", "competentLevel": "township"]),
                    ("dispatch", ["lead": lead.rawValue]),
                ] as [(String, [String: Any])] {
                    let reply = try await desk.call(.post, "/api/v1/cases/\(id)/actions/\(step)", body)
                    #expect(reply.status == .ok, "\(step): \(reply.text)")
                }
                let file = try await desk.call(.get, "/api/v1/cases/\(id)/events")
                let texts = (file.json["items"] as? [[String: Any]])?.compactMap {
                    ($0["text"] as? [String: Any])?["zh"] as? String
                }
                #expect(texts?.contains(expected) == true, "\(texts ?? [])")
                let stored = try #require(try await services.cases.find(id: Case.ID(Int64(id))))
                let narrative = CaseNarrative(
                    case: stored, events: try await services.cases.events(of: stored.id), organisationName: { _ in "" })
                #expect(narrative.lines.map(\.text.zh).contains(expected))
            }
        }
    }
}

@Suite("吹哨 grade in the lists")
struct WhistleInListsTests {
    @Test("a case dispatched with 应急哨 says so in the department's inbox and in the case list")
    func whistleShown() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let justice = try #require(try await services.organisations.find(name: "清溪县司法局桃源司法所"))
            let id = try #require(
                try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "whistle").json["id"] as? Int)
            for (step, body) in [
                ("assess", ["urgency": "urgent", "difficulty": "ordinary", "competentLevel": "township"]),
                ("dispatch", ["lead": justice.id.rawValue, "whistle": "emergency"]),
            ] as [(String, [String: Any])] {
                let reply = try await desk.call(.post, "/api/v1/cases/\(id)/actions/\(step)", body)
                #expect(reply.status == .ok, "\(step): \(reply.text)")
            }
            let handler = try await WebClient.signIn("taoyuan.dept", client)
            let inbox = try await handler.get(Paths.inbox)
            #expect(inbox.status == .ok && inbox.body.contains("应急哨"))
            let list = try await handler.get(Paths.cases([("whistle", "emergency")]))
            #expect(list.status == .ok && list.body.contains("应急哨"))
        }
    }
}
