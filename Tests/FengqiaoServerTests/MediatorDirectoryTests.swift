import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Mediator directory")
struct MediatorDirectoryTests {
    static let taoyuan = "339921101"

    @Test("the directory page lists every mediator as a card in Chinese, with badges, without sign-in")
    func page() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let all = try await services.mediators.list()
            let gold = try #require(all.first { $0.goldMedal })
            let away = try #require(all.first { !$0.available })
            try await client.execute(uri: "/mediators", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<h1>调解员名录</h1>"))
                #expect(html.contains("共 \(all.count) 名调解员"))
                #expect(html.components(separatedBy: #"<article class="card">"#).count - 1 == all.count)
                #expect(html.contains(gold.name) && html.contains("金牌调解员"))
                #expect(html.contains(away.name) && html.contains("暂不接单"))
                #expect(html.contains("邻里纠纷") && html.contains("乡镇（街道）") && html.contains("老王说和室"))
                // Every control has its label, and the filter works as a plain GET form.
                #expect(html.contains(#"<label>纠纷类型<select name="specialty">"#))
                #expect(html.contains(#"<label>乡镇（街道）<select name="region">"#))
                #expect(html.contains(#"<form action="/mediators" method="get""#))
                #expect(html.contains(#"<option value="339921101">桃源镇</option>"#))
            }
            try await client.execute(uri: "/mediators?lang=en", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Mediator directory") && html.contains("Neighbours"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"href="/mediators""#))
            }
            try await client.execute(uri: "/mediators/\(gold.id)", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains(gold.profile))
            }
            try await client.execute(uri: "/mediators/999999", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("filters by specialty and by township subtree, on the page and in the JSON")
    func filters() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let township = try #require(try await services.regions.find(code: Self.taoyuan))
            let inTaoyuan = Set(try await services.organisations.list(inSubtreeOf: township.id).map(\.id))
            let anyone = APIClient(client: client, token: nil)

            let neighbours = try await anyone.call(.get, "/api/v1/mediators?specialty=neighbour")
            #expect(neighbours.status == .ok)
            let neighbourItems = try #require(neighbours.json["items"] as? [[String: Any]])
            #expect(!neighbourItems.isEmpty)
            #expect(neighbourItems.count == (try await services.mediators.list(specialty: .neighbour)).count)
            for item in neighbourItems {
                let codes = (item["specialties"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                #expect(codes?.contains("neighbour") == true)
                #expect(item["userID"] == nil)
            }

            let local = try await anyone.call(.get, "/api/v1/mediators?region=\(Self.taoyuan)")
            let localItems = try #require(local.json["items"] as? [[String: Any]])
            #expect(!localItems.isEmpty)
            #expect(
                localItems.allSatisfy { inTaoyuan.contains(Organisation.ID(Int64($0["organisationID"] as? Int ?? 0))) })
            #expect(localItems.contains { $0["organisationName"] as? String == "老王说和室" })
            #expect(!localItems.contains { ($0["organisationName"] as? String)?.hasPrefix("清溪县") == true })
            let first = try #require(localItems.first)
            #expect((first["specialties"] as? [[String: Any]])?.first?["name"] as? [String: String] != nil)

            let both = try await anyone.call(.get, "/api/v1/mediators?specialty=neighbour&region=\(Self.taoyuan)")
            let bothCount = (both.json["items"] as? [Any])?.count ?? -1
            #expect(bothCount > 0 && bothCount < localItems.count)

            try await client.execute(uri: "/mediators?specialty=neighbour&region=\(Self.taoyuan)", method: .get) {
                let html = String(buffer: $0.body)
                #expect(html.contains("共 \(bothCount) 名调解员"))
                #expect(html.contains(#"<option value="neighbour" selected>邻里纠纷</option>"#))
                #expect(html.contains(#"<option value="339921101" selected>桃源镇</option>"#))
            }

            #expect(try await anyone.call(.get, "/api/v1/mediators?region=000000").status == .notFound)
            let bad = try await anyone.call(.get, "/api/v1/mediators?specialty=dragons")
            #expect(bad.status == .badRequest && bad.json["code"] as? String == "request.invalid_specialty")
            try await client.execute(uri: "/mediators?region=%22%3E%3Cscript%3E", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok && html.contains("没有符合条件的调解员") && !html.contains("<script>"))
            }
        }
    }

    /// A case registered at the 桃源镇 window by 李四 (phone ending 5678), and the 桃源镇 committee's mediator.
    private func setUp(
        _ client: any TestClientProtocol, _ services: AppServices
    ) async throws -> (id: Int, code: String, mediator: Mediator) {
        let desk = try await APIClient.signIn("taoyuan.center", client, services)
        var intake = CaseAPITests.intake
        intake["parties"] = [["role": "reporter", "name": "李四", "phone": "13912345678"]]
        let created = try await desk.call(.post, "/api/v1/cases", intake, key: "choose")
        let user = try #require(try await services.users.find(username: "taoyuan.mediator"))
        return (
            try #require(created.json["id"] as? Int), try #require(created.json["trackingCode"] as? String),
            try #require(try await services.mediators.find(userID: user.id))
        )
    }

    @Test(
        "点单 from a card: found as on the tracking page, the mediator is asked for; refusals say why, in both languages")
    func chooseByPage() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let (id, code, mediator) = try await setUp(client, services)
            let away = try #require(try await services.mediators.list().first { !$0.available })
            let csrf = try await client.execute(uri: "/mediators", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<form action="/mediators/\#(mediator.id)/choose" method="post""#))
                #expect(!html.contains(#"action="/mediators/\#(away.id)/choose""#))
                #expect(html.contains("<summary>点单：请TA调解</summary>") && html.contains("<label>登记手机号后4位"))
                return try #require(Cookies.value(of: "fq_csrf", in: response))
            }
            let choose = { (who: Mediator.ID, code: String, phone: String, token: String) in
                try await client.execute(
                    uri: "/mediators/\(who)/choose", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "fq_csrf=\(csrf)"],
                    body: ByteBuffer(string: "code=\(code)&phone=\(phone)&_csrf=\(token)")
                ) {
                    (
                        status: $0.status, html: String(buffer: $0.body), location: $0.headers[.location],
                        pass: Cookies.value(of: "fq_track", in: $0)
                    )
                }
            }

            #expect(try await choose(mediator.id, code, "5678", "forged").status == .forbidden)
            let wrongDigits = try await choose(mediator.id, code, "0000", csrf)
            #expect(wrongDigits.status == .notFound && wrongDigits.html.contains("没有找到：请核对查询码和手机号后4位"))
            let unknownCode = try await choose(mediator.id, "ZZZZZZZZZZ", "5678", csrf)
            #expect(unknownCode.status == .notFound && unknownCode.html.contains("没有找到：请核对查询码和手机号后4位"))
            let unavailable = try await choose(away.id, code, "5678", csrf)
            #expect(unavailable.status == .conflict && unavailable.html.contains("该调解员目前暂不接单"))
            #expect(try await services.cases.find(id: Case.ID(Int64(id)))?.mediation.requestedMediator == nil)

            let chosen = try await choose(mediator.id, code.lowercased(), "5678", csrf)
            #expect(chosen.status == .seeOther || chosen.status == .found)
            #expect(chosen.location == Paths.track)
            let current = try #require(try await services.cases.find(id: Case.ID(Int64(id))))
            #expect(current.mediation.requestedMediator == mediator.id)
            #expect(current.mediation.requestedOrganisation == mediator.organisationID)
            let event = try #require(try await services.cases.events(of: current.id).last)
            #expect(event.actor.kind == .citizen && event.change.name == "mediatorRequested")
            var browser = CitizenBrowser(client)
            browser.cookies["fq_track"] = chosen.pass
            #expect(try await browser.get(Paths.track).html.contains("已点单，等待 桃源镇人民调解委员会 的调解员接单。"))

            // Once the mediator has taken it (接单), the case is no longer one a mediator can be chosen for.
            let taker = try await APIClient.signIn("taoyuan.mediator", client, services)
            #expect(try await taker.call(.post, "/api/v1/cases/\(id)/actions/take-mediation", [:]).status == .ok)
            let late = try await choose(mediator.id, code, "5678", csrf)
            #expect(late.status == .conflict)
            #expect(late.html.contains("不能点单（选择调解员）") && late.html.contains("no mediator can be chosen"))
            #expect(late.html.contains(#"role="alert""#) && late.html.contains(#"value="\#(code)""#))
        }
    }

    @Test("the tracking API takes {code, phone, mediator} for the same 点单")
    func chooseByAPI() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let (id, code, mediator) = try await setUp(client, services)
            let citizen = APIClient(client: client, token: nil)
            let forged = try await citizen.call(
                .post, "/api/v1/track/actions", ["code": code, "phone": "0000", "mediator": mediator.id.rawValue])
            #expect(forged.status == .notFound)
            let unknown = try await citizen.call(
                .post, "/api/v1/track/actions", ["code": code, "phone": "5678", "mediator": 999_999])
            #expect(
                unknown.status == .unprocessableContent
                    && unknown.json["code"] as? String == "mediation.unknown_mediator")
            let chosen = try await citizen.call(
                .post, "/api/v1/track/actions", ["code": code, "phone": "5678", "mediator": mediator.id.rawValue])
            #expect(chosen.status == .ok && chosen.json["state"] as? String == "registered")
            let line = (chosen.json["timeline"] as? [[String: Any]])?.last?["text"] as? [String: String]
            #expect(line?["zh"] == "已点单，等待 桃源镇人民调解委员会 的调解员接单。")
            #expect(
                try await services.cases.find(id: Case.ID(Int64(id)))?.mediation.requestedMediator == mediator.id)
        }
    }
}
