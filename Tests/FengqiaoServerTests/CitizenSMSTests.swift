import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Citizen text messages")
struct CitizenSMSTests {
    /// A fake SMS gateway: answers 503 to its first `failures` calls and 200 afterwards, and keeps every call.
    actor Gateway {
        struct Call {
            let authorization: String?
            let idempotencyKey: String?
            let message: [String: String]
        }
        var failures: Int
        var calls: [Call] = []

        init(failures: Int) { self.failures = failures }

        func receive(_ headers: HTTPFields, body: String) -> HTTPResponse.Status {
            let status: HTTPResponse.Status = failures > 0 ? .serviceUnavailable : .ok
            failures -= 1
            let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
            let message = object.compactMapValues { $0 as? String }
            calls.append(
                Call(
                    authorization: headers[.authorization], idempotencyKey: headers[.init("Idempotency-Key")!],
                    message: message))
            return status
        }

        var delivered: [[String: String]] {
            var seen: Set<String> = []
            return calls.map(\.message).filter { seen.insert($0["messageId"] ?? "").inserted }
        }
    }

    static let token = "sms-gateway-token-0123456789"

    /// Reports through `/report` as a citizen, with or without asking for text messages.
    static func report(
        _ client: any TestClientProtocol, _ services: AppServices, phone: String, sms: Bool, key: String
    ) async throws -> String {
        let township = try #require(try await services.regions.list(level: .township).first { $0.name == "桃源镇" })
        let grid = try #require(
            try await services.regions.list(level: .grid).first { $0.code.hasPrefix(township.code) }
        ).code
        var browser = CitizenBrowser(client)
        try await browser.get(Paths.report)
        var fields = [
            (CSRF.fieldName, browser.csrf), ("idempotencyKey", key), ("regionCode", grid),
            ("description", "小区门口下水道堵塞，污水漫到路面"), ("phone", phone),
        ]
        if sms { fields.append(("sms", "true")) }
        let form = ReportPagesTests.multipart(fields, file: nil)
        return try await client.execute(
            uri: Paths.report, method: .post,
            headers: [.contentType: form.type, .cookie: "\(CSRF.cookieName)=\(browser.csrf)"], body: form.body
        ) { response in
            #expect(response.status == .seeOther, "\(String(buffer: response.body).prefix(300))")
            let location = try #require(response.headers[.location])
            #expect(!location.contains(String(phone.suffix(4))))
            return try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "code" }?.value)
        }
    }

    @Test(
        "one Chinese message per step to the reporter who asked, retried until the gateway takes it; opting out stops them"
    )
    func messagesThroughTheOutbox() async throws {
        try await OperationsTests.withApp { client, services in
            let gateway = Gateway(failures: 1)
            let router = Router()
            router.post("/sms") { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                return Response(status: await gateway.receive(request.headers, body: String(buffer: body)))
            }
            let fake = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await fake.test(.live) { fakeClient in
                let port = try #require(fakeClient.port)
                let deliverer = OutboxDeliverer(
                    database: services.database, webhooks: [], secret: nil,
                    sms: SMSGateway(url: "http://127.0.0.1:\(port)/sms", token: Self.token), jitter: { 0.5 })
                try await deliverer.subscribe(at: Date())
                let outbox = OutboxRepository(database: services.database)

                let code = try await Self.report(client, services, phone: "13800005678", sms: true, key: "sms-1")
                let quiet = try await Self.report(client, services, phone: "13800001111", sms: false, key: "sms-2")
                let mine = try #require(try await services.cases.find(trackingCode: code))
                let theirs = try #require(try await services.cases.find(trackingCode: quiet))
                #expect(try await outbox.entries(of: theirs.id).isEmpty)
                let rows = try await outbox.entries(of: mine.id)
                #expect(rows.map(\.kind) == ["case.registered"] && rows.map(\.webhook) == [SMSGateway.channel])

                let base = Date().addingTimeInterval(1)
                #expect(try await deliverer.deliverDue(at: { base }) == .init(delivered: 0, failed: 1))
                let failed = try #require(try await outbox.entries(of: mine.id).first)
                #expect(failed.lastError == "HTTP 503" && !(failed.lastError ?? "").contains("5678"))
                #expect(try await deliverer.deliverDue(at: { base + 7.5 }) == .init(delivered: 1, failed: 0))
                #expect(try await deliverer.deliverDue(at: { base + 3600 }) == .init(delivered: 0, failed: 0))
                // Once sent, the outbox keeps no phone number or text.
                #expect(try await outbox.entries(of: mine.id).allSatisfy { !$0.payload.contains("13800005678") })

                // The desk dispatches: one more message; assessment sends none.
                let desk = try await APIClient.signIn("taoyuan.center", client, services)
                let handler = try await APIClient.signIn("taoyuan.dept", client, services)
                let justice = try #require(
                    try await services.organisations.list(inSubtreeOf: Region.ID(1), kind: .department)
                        .first { $0.name.contains("桃源") && $0.name.hasSuffix("司法所") })
                for (api, name, body) in [
                    (desk, "assess", ["urgency": "troublesome", "difficulty": "simple", "competentLevel": "township"]),
                    (desk, "dispatch", ["lead": justice.id.rawValue]), (handler, "accept", [:]),
                    (handler, "request-information", ["note": "请提供堵塞处的照片"]),
                ] as [(APIClient, String, [String: Any])] {
                    let answer = try await api.call(.post, "/api/v1/cases/\(mine.id)/actions/\(name)", body)
                    #expect(answer.status == .ok, "\(name): \(answer.text)")
                }
                #expect(try await deliverer.deliverDue(at: { base + 3601 }) == .init(delivered: 2, failed: 0))

                // The citizen stops the messages on the tracking page: resolving sends none.
                var browser = CitizenBrowser(client)
                let page = try await browser.track(code: code, phone: "5678")
                #expect(page.html.contains("不再接收短信"))
                #expect(try await browser.post(Paths.trackAction, [("sms", "off")]).status == .seeOther)
                #expect(try await browser.get(Paths.track).html.contains("接收短信通知"))
                _ = try await browser.post(Paths.trackAction, [("information", "照片已拍好，堵在小区东门。")])
                let resolved = try await handler.call(
                    .post, "/api/v1/cases/\(mine.id)/actions/resolve", ["outcome": "solved", "summary": "已疏通。"])
                #expect(resolved.status == .ok, "\(resolved.text)")
                #expect(try await deliverer.deliverDue(at: { base + 3602 }) == .init(delivered: 0, failed: 0))

                // The deliverer sends a round's messages in parallel: read them in the order of the case file.
                let messages = await gateway.delivered.sorted {
                    Int($0["messageId"]?.split(separator: "-").last ?? "") ?? 0
                        < Int($1["messageId"]?.split(separator: "-").last ?? "") ?? 0
                }
                #expect(
                    messages.map { $0["event"] ?? "" } == [
                        "case.registered", "case.dispatched", "case.informationRequested",
                    ])
                #expect(messages.allSatisfy { $0["phone"] == "13800005678" })
                #expect(messages[0]["text"]?.contains("已受理") == true && messages[0]["text"]?.contains(code) == true)
                #expect(messages[2]["text"]?.contains("请提供堵塞处的照片") == true)
                #expect(await gateway.calls.allSatisfy { $0.authorization == "Bearer \(Self.token)" })
                let first = await gateway.calls.prefix(2).map(\.idempotencyKey)
                #expect(first[0] == first[1] && first[0] == "\(mine.id.rawValue)-1", "a retry is the same message")

                // Back on: the next step's message is written again.
                #expect(try await browser.post(Paths.trackAction, [("sms", "on")]).status == .seeOther)
                #expect(try await outbox.wantsMessages(try #require(try await services.cases.find(id: mine.id))))
                _ = try await browser.post(Paths.trackAction, [("satisfaction", "satisfied")])
                #expect(try await outbox.entries(of: mine.id).count == 3)
            }
        }
    }

    @Test("the desk's API intake takes the reporter's request for text messages; an anonymous report gets none")
    func apiIntake() async throws {
        try await OperationsTests.withApp { client, services in
            let deliverer = OutboxDeliverer(
                database: services.database, webhooks: [], secret: nil,
                sms: SMSGateway(url: "http://127.0.0.1:9/sms"))
            try await deliverer.subscribe(at: Date())
            let outbox = OutboxRepository(database: services.database)
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            var intake = CaseAPITests.intake
            intake["parties"] = [["role": "reporter", "name": "李四", "phone": "13912345678"]]
            intake["smsNotifications"] = true
            let asked = try await desk.call(.post, "/api/v1/cases", intake, key: "sms-api-1")
            intake["anonymous"] = true
            intake["parties"] = []
            let anonymous = try await desk.call(.post, "/api/v1/cases", intake, key: "sms-api-2")
            #expect(asked.status == .created && anonymous.status == .created)
            let askedID = Case.ID(Int64(try #require(asked.json["id"] as? Int)))
            let anonymousID = Case.ID(Int64(try #require(anonymous.json["id"] as? Int)))
            #expect(try await outbox.entries(of: askedID).map(\.kind) == ["case.registered"])
            #expect(try await outbox.entries(of: anonymousID).isEmpty)
        }
    }

    @Test("a bad SMS gateway URL or a short token stops the start, naming the setting")
    func configuration() throws {
        for bad in ["ftp://sms.example/send", "not a url", "http:///nohost", "https://user:pw@sms.example/send"] {
            #expect(throws: ConfigurationError.self) {
                _ = try AppConfiguration.load(environment: ["FENGQIAO_SMS_URL": bad])
            }
        }
        do {
            _ = try AppConfiguration.load(
                environment: ["FENGQIAO_SMS_URL": "https://sms.example/send", "FENGQIAO_SMS_TOKEN": "short"])
            Issue.record("a short token was accepted")
        } catch {
            #expect(error.key == "FENGQIAO_SMS_TOKEN")
        }
        let good = try AppConfiguration.load(
            environment: ["FENGQIAO_SMS_URL": "https://sms.example/send", "FENGQIAO_SMS_TOKEN": Self.token])
        #expect(good.smsGateway == SMSGateway(url: "https://sms.example/send", token: Self.token))
        #expect(try AppConfiguration.load(environment: [:]).smsGateway == nil)
    }
}
