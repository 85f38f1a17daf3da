import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// `/api/v1/users` and the administration of `/api/v1/mediators` (issue 16): every operation answered as the contract
/// documents it (called from `OpenAPITests.answersConform`), and what they do.
@Suite("Administering users and mediators through the API")
struct PeopleAPITests {
    /// Calls every operation of the block through the conformance probe, with its refusals.
    static func probe(
        _ probe: ConformanceProbe, admin: String, desk: String, services: AppServices
    ) async throws {
        let township = try #require(try await services.regions.list(level: .township).first { $0.name == "桃源镇" })
        let committee = try #require(
            try await services.organisations.list(inSubtreeOf: township.id).first { $0.kind == .mediationCommittee })
        let users = "/api/v1/users"
        #expect(try await probe.call(.get, users, token: admin).status == .ok)
        #expect(
            try await probe.call(.get, users, "\(users)?role=leader&status=active&sort=name&q=taoyuan", token: admin)
                .status == .ok)
        #expect(try await probe.call(.get, users, "\(users)?role=dragon", token: admin).status == .badRequest)
        #expect(try await probe.call(.get, users, token: desk).status == .forbidden)
        let grant: [String: Any] = [
            "role": "mediator", "organisationID": committee.id.rawValue, "jurisdictionCode": township.code,
        ]
        let card: [String: Any] = [
            "name": "接口调解员", "organisationID": committee.id.rawValue, "specialties": ["neighbour"],
            "levels": ["township"],
        ]
        let made = try await probe.call(
            .post, users, token: admin,
            json: ["username": "api.mediator", "displayName": "接口调解员", "grants": [grant], "mediatorCard": card])
        #expect(made.status == .created)
        #expect((made.json["oneTimePassword"] as? String)?.count == 14)
        #expect(
            try await probe.call(
                .post, users, token: admin,
                json: ["username": "api.mediator", "displayName": "重复", "grants": [grant], "password": "Matrix-2026-x"]
            ).status == .unprocessableContent)
        #expect(
            try await probe.call(.post, users, token: admin, json: ["username": "api.x", "displayName": 3]).status
                == .badRequest)
        let user = "/api/v1/users/{username}"
        let read = try await probe.call(.get, user, "\(users)/api.mediator", token: admin)
        #expect(read.status == .ok)
        #expect(read.json["mediatorID"] as? Int == (made.json["mediator"] as? [String: Any])?["id"] as? Int)
        #expect(try await probe.call(.get, user, "\(users)/nobody", token: admin).status == .notFound)
        let patched = try await probe.call(
            .patch, user, "\(users)/api.mediator", token: admin,
            json: ["displayName": "接口调解员甲", "phone": "13900001111"])
        #expect(patched.status == .ok)
        #expect(patched.json["displayName"] as? String == "接口调解员甲")
        #expect(
            try await probe.call(.patch, user, "\(users)/api.mediator", token: admin, json: ["grants": []]).status
                == .unprocessableContent)
        let disabled = try await probe.call(
            .post, "\(user)/disable", "\(users)/api.mediator/disable", token: admin)
        #expect(disabled.json["disabled"] as? Bool == true)
        #expect(
            try await probe.call(.post, "\(user)/enable", "\(users)/api.mediator/enable", token: admin).status == .ok)
        let reset = try await probe.call(
            .post, "\(user)/reset-password", "\(users)/api.mediator/reset-password", token: admin)
        #expect(reset.status == .ok)
        let password = try #require(reset.json["oneTimePassword"] as? String)
        #expect(try await services.users.find(username: "api.mediator")?.mustChangePassword == true)
        #expect(!(try await services.accessLog.recent(limit: 50).contains { $0.detail.contains(password) }))

        let mediators = "/api/v1/mediators"
        let added = try await probe.call(.post, mediators, token: admin, json: card)
        #expect(added.status == .created)
        let id = try #require(added.json["id"] as? Int)
        #expect(
            try await probe.call(.post, mediators, token: admin, json: ["name": "", "organisationID": 1]).status
                == .badRequest)
        #expect(try await probe.call(.post, mediators, token: desk, json: card).status == .forbidden)
        let one = "/api/v1/mediators/{id}"
        let edited = try await probe.call(
            .patch, one, "\(mediators)/\(id)", token: admin, json: ["goldMedal": true, "languages": ["普通话", "吴语"]])
        #expect(edited.json["goldMedal"] as? Bool == true)
        #expect(
            try await probe.call(.patch, one, "\(mediators)/\(id)", token: admin, json: ["levels": []]).status
                == .unprocessableContent)
        #expect(
            try await probe.call(.patch, one, "\(mediators)/\(id)", token: admin, json: ["username": "api.mediator"])
                .status == .conflict)
        let photo = try await probe.call(
            .put, "\(one)/photo", "\(mediators)/\(id)/photo", token: admin, raw: PeopleAdminTests.png)
        #expect(photo.json["photoURL"] as? String == Paths.mediatorPhoto(id))
        #expect(
            try await probe.call(
                .put, "\(one)/photo", "\(mediators)/\(id)/photo", token: admin, raw: Array("%PDF-1.4".utf8)
            ).status == .unprocessableContent)
        #expect(
            try await probe.call(.delete, "\(one)/photo", "\(mediators)/\(id)/photo", token: admin).status == .ok)
        let retired = try await probe.call(.post, "\(one)/retire", "\(mediators)/\(id)/retire", token: admin)
        #expect(retired.json["retired"] as? Bool == true)
        #expect(
            try await probe.call(.post, "\(one)/reinstate", "\(mediators)/\(id)/reinstate", token: admin).status
                == .ok)
        #expect(
            try await probe.call(.post, "\(one)/retire", "\(mediators)/999999/retire", token: admin).status
                == .notFound)
    }

    @Test("a township administrator reaches only their township's users and cards through the API")
    func jurisdiction() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await APIClient.signIn("taoyuan.admin", client, services)
            #expect(try await admin.call(.get, "/api/v1/users/xicheng.grid").status == .notFound)
            #expect(try await admin.call(.post, "/api/v1/users/xicheng.grid/disable").status == .notFound)
            let listed = try await admin.call(.get, "/api/v1/users")
            let names = (listed.json["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
            #expect(names.contains("taoyuan.grid") && !names.contains { $0.hasPrefix("xicheng.") })
            let own = try #require(try await services.users.find(username: "taoyuan.admin"))
            // Nobody removes their own last admin grant, through the API either.
            let grid = try #require(try await services.users.find(username: "taoyuan.grid"))
            let region = try #require(try await services.regions.find(id: grid.grants[0].jurisdictionID))
            let refused = try await admin.call(
                .patch, "/api/v1/users/taoyuan.admin",
                [
                    "grants": [
                        [
                            "role": "gridWorker", "organisationID": own.grants[0].organisationID.rawValue,
                            "jurisdictionCode": region.code,
                        ]
                    ]
                ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("user.last_admin_grant"))
        }
    }

    @Test(
        "a mediator account and its card are one person: chosen by a citizen, the account sees the 点单 and takes it")
    func accountAndCardAreOnePerson() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await APIClient.signIn("taoyuan.admin", client, services)
            let demo = try #require(try await services.users.find(username: "taoyuan.mediator"))
            let committee = try #require(try await services.mediators.find(userID: demo.id)).organisationID
            let township = try #require(try await services.regions.list(level: .township).first { $0.name == "桃源镇" })
            let made = try await admin.call(
                .post, "/api/v1/users",
                [
                    "username": "taoyuan.newmediator", "displayName": "柳青", "password": "Liu-qing-2026",
                    "grants": [
                        [
                            "role": "mediator", "organisationID": committee.rawValue,
                            "jurisdictionCode": township.code,
                        ]
                    ],
                    "mediatorCard": [
                        "name": "柳青", "organisationID": committee.rawValue, "specialties": ["neighbour"],
                        "levels": ["township"],
                    ],
                ])
            #expect(made.status == .created, "\(made.text)")
            let card = try #require((made.json["mediator"] as? [String: Any])?["id"] as? Int)
            let directory = try await APIClient(client: client, token: nil).call(.get, "/api/v1/mediators")
            #expect((directory.json["items"] as? [[String: Any]] ?? []).contains { $0["id"] as? Int == card })

            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            var intake = CaseAPITests.intake
            intake["parties"] = [["role": "reporter", "name": "李四", "phone": "13912345678"]]
            let created = try await desk.call(.post, "/api/v1/cases", intake, key: "one-person")
            let id = try #require(created.json["id"] as? Int)
            let code = try #require(created.json["trackingCode"] as? String)
            let number = try #require(created.json["number"] as? String)
            let citizen = APIClient(client: client, token: nil)
            let chosen = try await citizen.call(
                .post, "/api/v1/track/actions", ["code": code, "phone": "5678", "mediator": card])
            #expect(chosen.status == .ok, "\(chosen.text)")

            // The account signs in and finds the request in its mediation queue, and takes it.
            let session = try await AdminBrowser.signIn("taoyuan.newmediator", password: "Liu-qing-2026", client)
            let mediator = AdminBrowser(client: client, session: session)
            let queue = try await mediator.client.execute(
                uri: Paths.mediation, method: .get,
                headers: [.cookie: "\(SessionAuthenticator.cookieName)=\(mediator.session ?? "")"]
            ) { String(buffer: $0.body) }
            let requested = try #require(queue.firstRange(of: "id=\"requested-mediations\""))
            #expect(queue[requested.lowerBound...].contains(number))
            let taker = try await APIClient.signIn("taoyuan.newmediator", client, services)
            #expect(try await taker.call(.post, "/api/v1/cases/\(id)/actions/take-mediation", [:]).status == .ok)
            #expect(
                try await services.cases.find(id: Case.ID(Int64(id)))?.mediation.mediatorID == Mediator.ID(Int64(card)))

            // Retired: gone from the directory, refused for a new 点单, still the case's mediator.
            #expect(try await admin.call(.post, "/api/v1/mediators/\(card)/retire").status == .ok)
            let after = try await APIClient(client: client, token: nil).call(.get, "/api/v1/mediators")
            #expect(!(after.json["items"] as? [[String: Any]] ?? []).contains { $0["id"] as? Int == card })
            let other = try await desk.call(.post, "/api/v1/cases", intake, key: "one-person-2")
            let otherCode = try #require(other.json["trackingCode"] as? String)
            let refused = try await citizen.call(
                .post, "/api/v1/track/actions", ["code": otherCode, "phone": "5678", "mediator": card])
            #expect(refused.json["code"] as? String == "mediation.mediator_unavailable", "\(refused.text)")
            #expect(
                try await services.cases.find(id: Case.ID(Int64(id)))?.mediation.mediatorID == Mediator.ID(Int64(card)))
        }
    }
}
