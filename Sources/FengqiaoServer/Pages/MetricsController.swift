import FengqiaoCore
import FengqiaoStore
import Foundation
import HTTPTypes
import Hummingbird
import Prometheus

/// `/metrics` in Prometheus's text format: the HTTP series the `MetricsMiddleware` records, and the database gauges,
/// read at scrape time with cheap counts (open cases by state, overdue cases, the scheduler's lag, the outbox
/// backlog).
///
/// Not public: with `FENGQIAO_METRICS_TOKEN` set, a scrape needs `Authorization: Bearer TOKEN` (from anywhere);
/// without it, production serves only callers on the loopback address (a Prometheus on the same host), and
/// development serves everyone. Behind a reverse proxy on the same host every caller looks local: set the token, or
/// keep `/metrics` out of the proxy (docs/OPERATIONS.md).
struct MetricsController {
    static let path = "/metrics"

    /// `FENGQIAO_METRICS_TOKEN`: the bearer token that opens a scrape, if set.
    let token: String?
    let mode: AppConfiguration.Mode
    let operations: OperationsRepository
    let outbox: OutboxRepository
    let metrics: AppMetrics

    static var openCases: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "fengqiao", metricName: "cases_open", unitName: "count", helpText: "Open cases, by state.")
    }
    static var overdue: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "fengqiao", metricName: "cases_overdue", unitName: "count",
            helpText: "Cases with a running clock past its time.")
    }
    static var schedulerLag: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "fengqiao", subsystem: "scheduler", metricName: "lag", unitName: "seconds",
            helpText: "Now minus the oldest deadline due and not yet fired (0 when none is).")
    }
    static var outboxBacklog: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "fengqiao", subsystem: "outbox", metricName: "undelivered", unitName: "count",
            helpText: "Webhook notifications not yet delivered.")
    }
    static var outboxAge: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "fengqiao", subsystem: "outbox", metricName: "oldest_age", unitName: "seconds",
            helpText: "Age of the oldest undelivered webhook notification (0 when none is).")
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Self.path)) { request, context in
            try authorize(request, context: context)
            return try await scrape(at: context.now)
        }
    }

    /// Refuses a scrape the configuration does not allow (see the type's comment).
    func authorize(_ request: Request, context: AppRequestContext) throws {
        if let token {
            let given = request.headers[.authorization].flatMap {
                $0.hasPrefix("Bearer ") ? String($0.dropFirst("Bearer ".count)) : nil
            }
            guard let given, Self.constantTimeEqual(given, token) else {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"metrics\""])
            }
            return
        }
        if mode == .production && !Self.isLoopback(context.clientAddress) {
            throw HTTPError(.forbidden)
        }
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }

    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    func scrape(at now: Date) async throws -> Response {
        let registry = metrics.registry
        for (state, count) in try await operations.openCasesByState() {
            registry.makeGauge(descriptor: Self.openCases, labels: [("state", state.rawValue)]).set(Double(count))
        }
        registry.makeGauge(descriptor: Self.overdue).set(Double(try await operations.overdueCases(at: now)))
        registry.makeGauge(descriptor: Self.schedulerLag).set(try await operations.schedulerLag(at: now))
        let backlog = try await outbox.backlog()
        registry.makeGauge(descriptor: Self.outboxBacklog).set(Double(backlog.undelivered))
        registry.makeGauge(descriptor: Self.outboxAge).set(
            backlog.oldestCreatedAt.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}
