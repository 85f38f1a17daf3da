import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Parties (当事人)")
struct PartiesTests {
    @Test("a report with only its reporter gains a respondent on the case page; the agreement then lists both")
    func addedPartiesReachTheAgreement() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let deskAPI = try await APIClient.signIn("taoyuan.center", client, services)
            let mediatorAPI = try await APIClient.signIn("taoyuan.mediator", client, services)
            let committee = try #require(try await services.organisations.find(name: "桃源镇人民调解委员会"))
            let id = try #require(
                try await deskAPI.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "one-party").json["id"] as? Int
            )
            func version() async throws -> Int {
                try #require(try await services.cases.find(id: Case.ID(Int64(id)))).version
            }
            let desk = try await WebClient.signIn("taoyuan.center", client)
            let action = Paths.caseAction(id, CaseAction.editParties.rawValue)
            // A refused form names the field and keeps the case unchanged.
            let refused = try await desk.post(
                action,
                [
                    ("expectedVersion", "\(try await version())"), ("operation", "add"), ("role", "respondent"),
                    ("name", "李四"), ("phone", "12"),
                ])
            #expect(refused.status == .unprocessableContent && refused.body.contains("电话"))
            let added = try await desk.post(
                action,
                [
                    ("expectedVersion", "\(try await version())"), ("operation", "add"), ("role", "respondent"),
                    ("name", "李四"), ("phone", "13900001111"), ("address", "清溪县桃源镇桃花村三组14号"),
                ])
            #expect(added.status == .seeOther, "\(added.status): \(added.body.prefix(300))")
            let page = try await desk.get(Paths.caseFile(id))
            #expect(page.body.contains("被申请人 · 李四 · 13900001111"))
            // The file says what changed, the name masked whoever reads it.
            #expect(page.body.contains("添加当事人：被申请人 李*。"))
            #expect(page.body.contains("id=\"party-1\""))

            // Through the API: the reporter is recorded as the applicant; a missing index is a 400 naming it.
            let missing = try await deskAPI.call(
                .post, "/api/v1/cases/\(id)/actions/edit-parties",
                ["operation": "correct", "party": ["role": "applicant", "name": "张三丰"]])
            #expect(missing.status == .badRequest && missing.text.contains("index"))
            let corrected = try await deskAPI.call(
                .post, "/api/v1/cases/\(id)/actions/edit-parties",
                [
                    "operation": "correct", "index": 0,
                    "party": [
                        "role": "applicant", "name": "张三丰", "phone": "13812341234", "idNumber": "110101199001011234",
                    ],
                ])
            #expect(corrected.status == .ok, "\(corrected.text)")
            let roles = (corrected.json["parties"] as? [[String: Any]])?.compactMap { $0["role"] as? String }
            #expect(roles == ["applicant", "respondent"])

            for (api, step, body) in [
                (
                    deskAPI, "assess",
                    ["urgency": "troublesome", "difficulty": "ordinary", "competentLevel": "township"]
                ),
                (deskAPI, "dispatch", ["lead": committee.id.rawValue]), (mediatorAPI, "accept", [:]),
            ] as [(APIClient, String, [String: Any])] {
                let reply = try await api.call(.post, "/api/v1/cases/\(id)/actions/\(step)", body)
                #expect(reply.status == .ok, "\(step): \(reply.text)")
            }
            let mediator = try await WebClient.signIn("taoyuan.mediator", client)
            let drafted = try await mediator.post(
                Paths.caseAction(id, CaseAction.draftAgreement.rawValue),
                [
                    ("expectedVersion", "\(try await version())"), ("facts", "楼上装修噪音。"),
                    ("term0", "李四晚上十点后不再施工。"),
                ])
            #expect(drafted.status == .seeOther, "\(drafted.status): \(drafted.body.prefix(300))")
            let agreement = try await mediator.get(Paths.agreement(caseID: id))
            #expect(agreement.body.contains("<dd>张三丰</dd>") && agreement.body.contains("<dd>李四</dd>"))
            #expect(agreement.body.contains("<dd>申请人</dd>") && agreement.body.contains("<dd>被申请人</dd>"))
            #expect(agreement.body.contains("class=\"ending\""))
        }
    }
}
