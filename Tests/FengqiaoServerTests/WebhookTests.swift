import Crypto
import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

@Suite("Webhooks")
struct WebhookTests {
    /// A receiver that answers 500 to its first `failures` calls and 204 afterwards, and keeps every call.
    actor Receiver {
        struct Call {
            let event: String?
            let delivery: String?
            let signature: String?
            let body: String
            let status: HTTPResponse.Status
        }
        var failures: Int
        var calls: [Call] = []

        init(failures: Int) { self.failures = failures }

        func receive(_ headers: HTTPFields, body: String) -> HTTPResponse.Status {
            let status: HTTPResponse.Status = failures > 0 ? .internalServerError : .noContent
            failures -= 1
            calls.append(
                Call(
                    event: headers[.init("X-Fengqiao-Event")!], delivery: headers[.init("X-Fengqiao-Delivery")!],
                    signature: headers[.init("X-Fengqiao-Signature")!], body: body, status: status))
            return status
        }
    }

    static let secret = "webhook-test-secret-0123456789"

    /// What a receiver computes, without the server's code: HMAC-SHA256 of the raw body, hex.
    static func expectedSignature(_ body: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    @Test("each notification arrives signed; failed deliveries are retried after the back-off, until a 2xx")
    func retriesUntilAccepted() async throws {
        try await OperationsTests.withApp { client, services in
            let receiver = Receiver(failures: 2)
            let router = Router()
            router.post("/hook") { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                return Response(status: await receiver.receive(request.headers, body: String(buffer: body)))
            }
            let hook = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await hook.test(.live) { hookClient in
                let port = try #require(hookClient.port)
                let deliverer = OutboxDeliverer(
                    database: services.database,
                    webhooks: [Webhook(name: "crm", url: "http://127.0.0.1:\(port)/hook")],
                    secret: Self.secret, jitter: { 0.5 })
                try await deliverer.subscribe(at: Date())
                let desk = try await APIClient.signIn("taoyuan.center", client, services)
                var intake = CaseAPITests.intake
                let first = try await desk.call(.post, "/api/v1/cases", intake, key: "hook-1")
                intake["title"] = "小区路灯不亮"
                let second = try await desk.call(.post, "/api/v1/cases", intake, key: "hook-2")
                #expect(first.status == .created && second.status == .created)
                let outbox = OutboxRepository(database: services.database)
                let rows = try await outbox.entries()
                #expect(rows.map(\.kind) == ["case.registered", "case.registered"])

                let base = Date().addingTimeInterval(1)
                // Both fail (500): each waits 10 s × 2^0, the second half jittered (0.5 here): 7.5 s.
                #expect(try await deliverer.deliverDue(at: { base }) == .init(delivered: 0, failed: 2))
                let failed = try await outbox.entries()
                #expect(failed.allSatisfy { $0.attempts == 1 && $0.lastError == "HTTP 500" && $0.deliveredAt == nil })
                #expect(failed.allSatisfy { abs($0.nextAttemptAt.timeIntervalSince(base) - 7.5) < 0.01 })
                // Not before the back-off ran out.
                #expect(try await deliverer.deliverDue(at: { base + 7 }) == .init(delivered: 0, failed: 0))
                #expect(try await deliverer.deliverDue(at: { base + 7.5 }) == .init(delivered: 2, failed: 0))
                let done = try await outbox.entries()
                #expect(done.allSatisfy { $0.attempts == 2 && $0.deliveredAt != nil && $0.lastError == nil })
                #expect(try await deliverer.deliverDue(at: { base + 3600 }) == .init(delivered: 0, failed: 0))
                #expect(try await outbox.backlog().undelivered == 0)

                let calls = await receiver.calls
                #expect(calls.count == 4)
                #expect(calls.map(\.status) == [.internalServerError, .internalServerError, .noContent, .noContent])
                for row in rows {
                    let received = calls.filter { $0.delivery == String(row.id) }
                    // Delivered twice (once refused): the same id and body each time, so the receiver dedupes.
                    #expect(received.count == 2)
                    #expect(received.allSatisfy { $0.body == row.payload && $0.event == "case.registered" })
                    #expect(received.allSatisfy { $0.signature == Self.expectedSignature(row.payload) })
                    let notice = try JSONSerialization.jsonObject(with: Data(row.payload.utf8)) as? [String: Any]
                    #expect(notice?["type"] as? String == "case.registered")
                }
                #expect(
                    Set(
                        rows.compactMap { row in
                            (try? JSONSerialization.jsonObject(with: Data(row.payload.utf8)) as? [String: Any])?[
                                "caseId"]
                                as? Int
                        }) == Set([first.json["id"] as? Int, second.json["id"] as? Int].compactMap { $0 }))
            }
        }
    }

    @Test("the back-off doubles from 10 s, is capped at an hour, and only its second half is jitter")
    func backoff() {
        #expect(OutboxDeliverer.backoff(afterAttempts: 1, jitter: 0) == 5)
        #expect(OutboxDeliverer.backoff(afterAttempts: 1, jitter: 0.999) < 10)
        #expect(OutboxDeliverer.backoff(afterAttempts: 2, jitter: 1) == 20)
        #expect(OutboxDeliverer.backoff(afterAttempts: 4, jitter: 1) == 80)
        #expect(OutboxDeliverer.backoff(afterAttempts: 9, jitter: 1) == 2560)
        #expect(OutboxDeliverer.backoff(afterAttempts: 10, jitter: 1) == 3600)
        #expect(OutboxDeliverer.backoff(afterAttempts: 500, jitter: 1) == 3600)
        #expect(OutboxDeliverer.backoff(afterAttempts: 500, jitter: 0) == 1800)
    }

    @Test("FENGQIAO_WEBHOOKS takes name=url pairs; production needs a secret, which is never echoed")
    func configuration() throws {
        let configuration = try AppConfiguration.load(environment: [
            "FENGQIAO_WEBHOOKS": "crm=https://crm.example/hooks/fq, sms=http://127.0.0.1:9000/in",
            "FENGQIAO_WEBHOOK_SECRET": Self.secret,
        ])
        #expect(
            configuration.webhooks == [
                Webhook(name: "crm", url: "https://crm.example/hooks/fq"),
                Webhook(name: "sms", url: "http://127.0.0.1:9000/in"),
            ])
        #expect(configuration.webhookSecret == Self.secret)
        for bad in ["crm", "crm=ftp://x/y", "a=https://x/1,a=https://x/2", "bad name=https://x/"] {
            #expect(throws: ConfigurationError.self) {
                try AppConfiguration.load(environment: ["FENGQIAO_WEBHOOKS": bad])
            }
        }
        let production = [
            "FENGQIAO_MODE": "production", "FENGQIAO_SESSION_SECRET": String(repeating: "s", count: 40),
            "FENGQIAO_WEBHOOKS": "crm=https://crm.example/hooks/fq",
        ]
        #expect {
            try AppConfiguration.load(environment: production)
        } throws: { ($0 as? ConfigurationError)?.key == "FENGQIAO_WEBHOOK_SECRET" }
        #expect {
            try AppConfiguration.load(environment: ["FENGQIAO_WEBHOOK_SECRET": "short-secret"])
        } throws: { error in
            let error = error as? ConfigurationError
            return error?.key == "FENGQIAO_WEBHOOK_SECRET" && error?.description.contains("short-secret") == false
        }
        var withSecret = production
        withSecret["FENGQIAO_WEBHOOK_SECRET"] = Self.secret
        #expect(try AppConfiguration.load(environment: withSecret).logFormat == .json)
    }
}
