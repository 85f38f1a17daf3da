import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FengqiaoServer

/// Signs a member of staff in through the sign-in form and returns their session cookie.
enum StaffSession {
    static func signIn(_ username: String, _ client: any TestClientProtocol) async throws -> String {
        let csrf = try await client.execute(uri: "/login", method: .get) {
            try #require(Cookies.value(of: "fq_csrf", in: $0))
        }
        return try await client.execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "fq_csrf=\(csrf)"],
            body: ByteBuffer(string: "username=\(username)&password=\(DemoCounty.demoPassword)&_csrf=\(csrf)")
        ) { try #require(Cookies.value(of: SessionAuthenticator.cookieName, in: $0)) }
    }

    static func get(
        _ uri: String, as session: String?, _ client: any TestClientProtocol
    ) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        let headers: HTTPFields = session.map { [.cookie: "\(SessionAuthenticator.cookieName)=\($0)"] } ?? [:]
        return try await client.execute(uri: uri, method: .get, headers: headers) {
            ($0.status, String(buffer: $0.body), $0.headers)
        }
    }
}

@Suite("Mediation agreement (调解协议书)")
struct AgreementPageTests {
    static let snapshotFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/agreement.html")

    nonisolated(unsafe) static let agreement: [String: Any] = [
        "parties": [
            [
                "name": "张三丰", "role": "reporter", "idNumber": "330100197001011234", "phone": "13812341234",
                "address": "清溪县桃源镇桃花村三组12号",
            ],
            [
                "name": "李四", "role": "other", "idNumber": "330100198005052345", "phone": "13900001111",
                "address": "清溪县桃源镇桃花村三组14号",
            ],
        ],
        "facts": "双方系前后邻居。2026年2月，李四在自家宅基地东侧砌墙，张三丰认为围墙占用其宅基地约0.5米，双方多次争吵。\n"
            + "争议事项：围墙的位置，以及张三丰院墙损坏的赔偿。",
        "terms": [
            [
                "text": "李四将围墙向西移回0.5米，恢复原界址。", "method": "李四自行拆除重砌，费用自负",
                "dueDate": "2026-03-31T00:00:00+08:00",
            ],
            ["text": "李四赔偿张三丰院墙修复费用人民币2000元。", "method": "银行转账", "dueDate": "2026-03-15T00:00:00+08:00"],
            ["text": "双方今后和睦相处，不再因此事发生争执。"],
        ],
    ]

    /// A neighbour dispute taken through the API to a signed agreement: registered at the 桃源镇 window, dispatched
    /// to the township's mediation committee, accepted and assigned to its mediator, drafted twice, the second
    /// version signed on 5 March 2026.
    static func signedCase(_ client: any TestClientProtocol, _ services: AppServices) async throws -> Int {
        let desk = try await APIClient.signIn("taoyuan.center", client, services)
        let mediatorClient = try await APIClient.signIn("taoyuan.mediator", client, services)
        let user = try #require(try await services.users.find(username: "taoyuan.mediator"))
        let mediator = try #require(try await services.mediators.find(userID: user.id))
        let committee = try #require(try await services.organisations.find(name: "桃源镇人民调解委员会"))
        var intake = CaseAPITests.intake
        intake["title"] = "邻居砌墙占用宅基地"
        intake["description"] = "李四砌墙占用张三丰宅基地约0.5米。"
        intake["parties"] = agreement["parties"]
        let id = try #require(try await desk.call(.post, "/api/v1/cases", intake, key: "wall").json["id"] as? Int)
        let steps: [(APIClient, String, [String: Any])] = [
            (desk, "assess", ["urgency": "troublesome", "difficulty": "ordinary", "competentLevel": "township"]),
            (desk, "dispatch", ["lead": committee.id.rawValue]),
            (mediatorClient, "accept", [:]),
            (mediatorClient, "assign-mediator", ["mediator": mediator.id.rawValue]),
            (mediatorClient, "draft-agreement", ["agreement": firstDraft]),
            (mediatorClient, "draft-agreement", ["agreement": agreement]),
            (mediatorClient, "sign-agreement", ["signedAt": "2026-03-05T10:00:00+08:00"]),
        ]
        for (api, action, body) in steps {
            let reply = try await api.call(.post, "/api/v1/cases/\(id)/actions/\(action)", body)
            #expect(reply.status == .ok, "\(action): \(reply.text)")
        }
        return id
    }

    /// The first draft: one term, and the reporter only.
    static var firstDraft: [String: Any] {
        var draft = agreement
        draft["parties"] = Array((agreement["parties"] as? [[String: Any]] ?? []).prefix(1))
        draft["terms"] = [["text": "李四拆除占用部分围墙。"]]
        return draft
    }

    /// The agreement itself (`<article>…</article>`), one block per line, with the case number (it carries the
    /// registration date) replaced.
    static func normalised(_ html: String) throws -> String {
        let article = try #require(html.firstMatch(of: /<article class="agreement"[\s\S]*<\/article>/)).0
        return String(article)
            .replacing(/FQ-\d{8}-\d{6}/, with: "FQ-YYYYMMDD-NNNNNN")
            .replacing(/(<\/(?:h1|h2|h3|p|dt|dd|li|section|div|ol|ul|dl)>)/) { "\($0.1)\n" }
            + "\n"
    }

    @Test(
        "the signed agreement prints in the usual structure (HTML snapshot), with the parties in clear for its mediator"
    )
    func snapshot() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let id = try await Self.signedCase(client, services)
            let session = try await StaffSession.signIn("taoyuan.mediator", client)
            let page = try await StaffSession.get("/cases/\(id)/agreement", as: session, client)
            #expect(page.status == .ok)
            #expect(page.body.contains(#"href="/static/agreement.css""#))
            #expect(page.body.contains(#"class="toolbar no-print""#))
            let actual = try Self.normalised(page.body)
            if ProcessInfo.processInfo.environment["FENGQIAO_RECORD_SNAPSHOTS"] == "1" {
                try FileManager.default.createDirectory(
                    at: Self.snapshotFile.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: Self.snapshotFile, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOf: Self.snapshotFile, encoding: .utf8)
            #expect(
                actual == expected,
                "the agreement differs from Snapshots/agreement.html; FENGQIAO_RECORD_SNAPSHOTS=1 re-records it")

            let log = try await services.accessLog.recent()
            #expect(log.contains { $0.username == "taoyuan.mediator" && $0.action == "agreement.view" })
        }
    }

    @Test(
        "older versions, blanks before signing, 404 without an agreement or outside the jurisdiction, masked for a leader"
    )
    func accessAndVersions() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let id = try await Self.signedCase(client, services)
            let mediator = try await StaffSession.signIn("taoyuan.mediator", client)

            let first = try await StaffSession.get("/cases/\(id)/agreement?version=1", as: mediator, client)
            #expect(first.status == .ok && first.body.contains("李四拆除占用部分围墙。"))
            #expect(first.body.contains("协议第1版") && !first.body.contains("2026年3月5日"))
            #expect(first.body.contains(#"签订日期：<span class="blank short"></span>年"#))
            #expect(
                try await StaffSession.get("/cases/\(id)/agreement?version=9", as: mediator, client).status == .notFound
            )

            // Not signed in: the sign-in page; another township's staff: no such page.
            let anonymous = try await StaffSession.get("/cases/\(id)/agreement", as: nil, client)
            #expect(anonymous.headers[.location] == Paths.signIn)
            let stranger = try await StaffSession.signIn("xicheng.center", client)
            #expect(try await StaffSession.get("/cases/\(id)/agreement", as: stranger, client).status == .notFound)
            #expect(try await StaffSession.get("/cases/\(id)/agreement.pdf", as: stranger, client).status == .notFound)

            // A case without an agreement.
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let bare = try #require(
                try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "bare").json["id"] as? Int)
            let center = try await StaffSession.signIn("taoyuan.center", client)
            #expect(try await StaffSession.get("/cases/\(bare)/agreement", as: center, client).status == .notFound)

            // A leader reads it with the parties masked, and nothing is logged for them.
            let leader = try await StaffSession.signIn("taoyuan.leader", client)
            let masked = try await StaffSession.get("/cases/\(id)/agreement", as: leader, client)
            #expect(masked.status == .ok && masked.body.contains("当事人个人信息已遮蔽"))
            #expect(masked.body.contains("张**") && masked.body.contains("138****1234"))
            #expect(masked.body.contains("330100********1234") && masked.body.contains("清溪县桃源镇****"))
            #expect(masked.body.contains("<dd>张**</dd>") && !masked.body.contains("<dd>张三丰</dd>"))
            for secret in ["13812341234", "330100197001011234", "桃花村三组12号", "13900001111"] {
                #expect(!masked.body.contains(secret), "\(secret) shown to a leader")
            }
            let log = try await services.accessLog.recent()
            #expect(!log.contains { $0.username == "taoyuan.leader" })

            let english = try await StaffSession.get("/cases/\(id)/agreement?lang=en", as: mediator, client)
            #expect(english.body.contains("人民调解协议书") && english.body.contains(#"class="gloss" lang="en""#))
            #expect(english.body.contains("Download PDF"))
        }
    }

    @Test("the PDF comes from headless Chromium where it is installed; otherwise a 503 that says to print the page")
    func pdf() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let id = try await Self.signedCase(client, services)
            let mediator = try await StaffSession.signIn("taoyuan.mediator", client)
            let reply = try await client.execute(
                uri: "/cases/\(id)/agreement.pdf", method: .get,
                headers: [.cookie: "\(SessionAuthenticator.cookieName)=\(mediator)"]
            ) { ($0.status, $0.headers[.contentType], Array(buffer: $0.body)) }
            if ChromiumPDF.locate() != nil {
                #expect(reply.0 == .ok && reply.1 == "application/pdf")
                #expect(reply.2.starts(with: Array("%PDF".utf8)))
            } else {
                #expect(reply.0 == .serviceUnavailable)
            }

            // Without Chromium: 503, in both languages, pointing to the page to print.
            let router = Router(context: AppRequestContext.self)
            router.add(
                middleware: SessionAuthenticator(
                    sessions: services.sessions, users: services.users,
                    actors: ActorFactory(regions: services.regions)))
            AgreementController(
                cases: services.cases, organisations: services.organisations, mediators: services.mediators,
                accessLog: services.accessLog, logger: Logger(label: "test"), chromium: { nil }
            ).addRoutes(to: router)
            try await Application(router: router).test(.router) { bare in
                try await bare.execute(
                    uri: "/cases/\(id)/agreement.pdf", method: .get,
                    headers: [.cookie: "\(SessionAuthenticator.cookieName)=\(mediator)"]
                ) { response in
                    #expect(response.status == .serviceUnavailable)
                    let html = String(buffer: response.body)
                    #expect(html.contains("本服务器未安装 Chromium") && html.contains("Chromium is not installed"))
                    #expect(html.contains(#"href="/cases/\#(id)/agreement?version=2""#))
                }
            }
        }
    }
}
