import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Citizen tracking")
struct TrackingTests {
    private func register(_ desk: APIClient, phone: String, key: String) async throws -> (id: Int, code: String) {
        var intake = CaseAPITests.intake
        intake["parties"] = [["role": "reporter", "name": "李四", "phone": phone]]
        let created = try await desk.call(.post, "/api/v1/cases", intake, key: key)
        return (try #require(created.json["id"] as? Int), try #require(created.json["trackingCode"] as? String))
    }

    @Test("a citizen with the code and their phone digits sees only their own case, in plain words")
    func ownCaseOnly() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let mine = try await register(desk, phone: "13912345678", key: "a")
            let theirs = try await register(desk, phone: "13700001111", key: "b")
            let citizen = APIClient(client: client, token: nil)

            let found = try await citizen.call(.get, "/api/v1/track?code=\(mine.code)&phone=5678")
            #expect(found.status == .ok && found.json["title"] as? String == "邻居装修噪音扰民")
            let first = (found.json["timeline"] as? [[String: Any]])?.first?["text"] as? [String: String]
            #expect(first?["zh"]?.contains("已受理") == true)
            #expect(!found.text.contains("13912345678") && !found.text.contains("李四"))

            #expect(try await citizen.call(.get, "/api/v1/track?code=\(mine.code)&phone=1111").status == .notFound)
            #expect(try await citizen.call(.get, "/api/v1/track?code=\(theirs.code)&phone=5678").status == .notFound)
            #expect(try await citizen.call(.get, "/api/v1/track?code=ZZZZZZZZZZ&phone=5678").status == .notFound)

            let spaced = mine.code.lowercased().prefix(5) + " " + mine.code.lowercased().dropFirst(5)
            try await client.execute(
                uri: Paths.trackLink(code: String(spaced), phone: "5678"), method: .get
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("办理经过") && html.contains("下一步") && html.contains("撤回诉求"))
            }
            try await client.execute(uri: Paths.trackLink(code: mine.code, phone: "0000"), method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("没有找到"))
            }
        }
    }

    @Test("after resolution the citizen rates the result; a dissatisfied rating reopens the case")
    func rating() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let handler = try await APIClient.signIn("taoyuan.dept", client, services)
            let mine = try await register(desk, phone: "13912345678", key: "a")
            let justice = try #require(
                try await services.organisations.list(inSubtreeOf: Region.ID(1), kind: .department)
                    .first { $0.name.contains("桃源") && $0.name.hasSuffix("司法所") })
            let act = { (api: APIClient, name: String, body: [String: Any]) in
                _ = try await api.call(.post, "/api/v1/cases/\(mine.id)/actions/\(name)", body)
            }
            try await act(
                desk, "assess", ["urgency": "troublesome", "difficulty": "simple", "competentLevel": "township"])
            try await act(desk, "dispatch", ["lead": justice.id.rawValue])
            try await act(handler, "accept", [:])
            try await act(handler, "resolve", ["outcome": "solved", "summary": "已协调停工。"])

            let citizen = APIClient(client: client, token: nil)
            let before = try await citizen.call(.get, "/api/v1/track?code=\(mine.code)&phone=5678")
            #expect(before.json["canRate"] as? Bool == true)
            let rated = try await citizen.call(
                .post, "/api/v1/track/actions", ["code": mine.code, "phone": "5678", "satisfaction": "dissatisfied"])
            #expect(rated.status == .ok && rated.json["state"] as? String == "inProgress")
            let forged = try await citizen.call(
                .post, "/api/v1/track/actions", ["code": mine.code, "phone": "0000", "satisfaction": "satisfied"])
            #expect(forged.status == .notFound)
        }
    }

    @Test("the citizen withdraws through the page; the form needs its CSRF token")
    func withdrawByPage() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let mine = try await register(desk, phone: "13912345678", key: "a")
            let csrf = try await client.execute(uri: Paths.trackLink(code: mine.code, phone: "5678"), method: .get) {
                try #require(Cookies.value(of: "fq_csrf", in: $0))
            }
            let post = { (token: String) in
                try await client.execute(
                    uri: "/track/action", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "fq_csrf=\(csrf)"],
                    body: ByteBuffer(string: "code=\(mine.code)&phone=5678&reason=已自行协商解决&_csrf=\(token)")
                ) { $0.status }
            }
            #expect(try await post("wrong") == .forbidden)
            let status = try await post(csrf)
            #expect(status == .seeOther || status == .found)
            #expect(try await services.cases.find(id: Case.ID(Int64(mine.id)))?.state == .withdrawn)
        }
    }
}
