import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import FengqiaoServer

@Suite("Operations: metrics and logs")
struct OperationsTests {
    /// The real application on a fresh, seeded SQLite file with `environment` as its configuration. The scheduler
    /// service is off unless asked for: its deliverer would reset the webhook subscriptions a test makes.
    static func withApp(
        environment: [String: String] = [:], logger: Logger = Logger(label: "test"),
        _ body: @Sendable (any TestClientProtocol, AppServices) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fengqiao-ops-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = try AppConfiguration.load(
            environment: environment.merging(["FENGQIAO_SCHEDULER": "false"]) { given, _ in given })
        let database = try Database.open(.sqlite(path: folder.appendingPathComponent("t.sqlite").path))
        let services = AppServices(configuration: configuration, database: database)
        do {
            try await services.migrator.migrate()
            _ = try await DemoSeeder(services: services, passwordCost: 4).seed(now: Date())
            try await buildApplication(services: services, logger: logger).test(.router) { client in
                try await body(client, services)
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    static func scrape(
        _ client: any TestClientProtocol, token: String? = nil
    ) async throws -> (
        HTTPResponse.Status, String
    ) {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: "/metrics", method: .get, headers: headers) {
            ($0.status, String(buffer: $0.body))
        }
    }

    static func status(_ client: any TestClientProtocol, token: String? = nil) async throws -> HTTPResponse.Status {
        try await scrape(client, token: token).0
    }

    @Test("/metrics has the HTTP series by route pattern and status, and the case, scheduler and outbox gauges")
    func metricsSeries() async throws {
        try await Self.withApp { client, services in
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let created = try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "metrics-1")
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? Int)
            #expect(try await desk.call(.get, "/api/v1/cases/\(id)").status == .ok)
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/no-such-page-7f3a", method: .get) { #expect($0.status == .notFound) }

            let (status, text) = try await Self.scrape(client)
            #expect(status == .ok)
            #expect(text.contains("fengqiao_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"))
            #expect(
                text.contains("fengqiao_http_requests_total{method=\"POST\",route=\"/api/v1/cases\",status=\"201\"} 1"))
            // The pattern, not the raw path: one series for every case id, and none for made-up paths.
            #expect(text.contains("route=\"/api/v1/cases/{id}\""))
            #expect(!text.contains("/api/v1/cases/\(id)\"") && !text.contains("no-such-page"))
            #expect(text.contains("fengqiao_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\""))
            #expect(
                text.contains(
                    "fengqiao_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"))
            #expect(text.contains("fengqiao_cases_open_count{state=\"registered\"} 1.0"))
            #expect(text.contains("fengqiao_cases_open_count{state=\"dispatched\"} 0.0"))
            #expect(text.contains("fengqiao_cases_overdue_count 0.0"))
            #expect(text.contains("fengqiao_scheduler_lag_seconds 0.0"))
            #expect(text.contains("fengqiao_outbox_undelivered_count 0.0"))
            #expect(text.contains("fengqiao_outbox_oldest_age_seconds 0.0"))

            // A webhook subscribed: the next case is in the backlog until delivered.
            try await OutboxRepository(database: services.database).subscribe(["crm"], at: Date())
            var intake = CaseAPITests.intake
            intake["title"] = "路灯不亮"
            #expect(try await desk.call(.post, "/api/v1/cases", intake, key: "metrics-2").status == .created)
            let (_, after) = try await Self.scrape(client)
            #expect(after.contains("fengqiao_outbox_undelivered_count 1.0"))
            #expect(after.contains("fengqiao_cases_open_count{state=\"registered\"} 2.0"))
        }
    }

    @Test("/metrics needs the bearer token when one is set, and is closed to remote callers in production")
    func metricsAccess() async throws {
        let token = "metrics-token-0123456789"
        try await Self.withApp(environment: ["FENGQIAO_METRICS_TOKEN": token]) { client, _ in
            let status1 = try await Self.status(client)
            #expect(status1 == .unauthorized)
            let status2 = try await Self.status(client, token: "metrics-token-wrong-value")
            #expect(status2 == .unauthorized)
            let status3 = try await Self.status(client, token: token)
            #expect(status3 == .ok)
        }
        try await Self.withApp(environment: [
            "FENGQIAO_MODE": "production", "FENGQIAO_SESSION_SECRET": String(repeating: "p", count: 40),
        ]) { client, _ in
            // In-process callers have no loopback address.
            let status4 = try await Self.status(client)
            #expect(status4 == .forbidden)
        }
        #expect(MetricsController.isLoopback("127.0.0.1") && MetricsController.isLoopback("::1"))
        #expect(!MetricsController.isLoopback("10.0.0.7") && !MetricsController.isLoopback("unknown"))
    }

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("JSON log lines parse, and every line logged while a request is handled carries its request_id")
    func jsonLogs() async throws {
        let lines = Lines()
        let makeHandler: @Sendable (String) -> any LogHandler = { label in
            var handler = JSONLogHandler(
                label: label, metadataProvider: RequestLogContext.metadataProvider, write: { lines.append($0) })
            handler.logLevel = .debug
            return handler
        }
        var logger = Logger(label: "fengqiao", factory: makeHandler)
        logger.logLevel = .debug
        try await Self.withApp(logger: logger) { client, _ in
            let requestID = try await client.execute(uri: "/healthz", method: .get) {
                $0.headers[.init("X-Request-Id")!]
            }
            let id = try #require(requestID)
            let objects = lines.all.compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(objects.count == lines.all.count, "every line is one JSON object")
            let access = try #require(
                objects.first { $0["message"] as? String == "request" && $0["route"] as? String == "/healthz" })
            #expect(access["request_id"] as? String == id)
            #expect(access["level"] as? String == "debug" && access["status"] as? String == "200")
            #expect((access["ts"] as? String)?.hasSuffix("Z") == true)
        }
        // Any logger, not only the request's: the id comes from the task the request runs in.
        let other = Logger(label: "store", factory: makeHandler)
        RequestLogContext.$requestID.withValue("0123456789abcdef") { other.info("inside", metadata: ["n": "1"]) }
        other.info("outside")
        let last = lines.all.suffix(2).compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(last.count == 2)
        #expect(last.first?["request_id"] as? String == "0123456789abcdef" && last.first?["n"] as? String == "1")
        #expect(last.last?["request_id"] == nil && last.last?["label"] as? String == "store")
    }
}
