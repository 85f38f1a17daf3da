import Hummingbird
import Logging
import Prometheus

/// The process's Prometheus registry and the HTTP series, made once in `buildRouter` and shared by the
/// `MetricsMiddleware` (which records) and the `MetricsController` (which serves `/metrics`).
public final class AppMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    /// Latency buckets in seconds: 5 ms to 10 s.
    static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
    ]

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "fengqiao", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests handled, by method, matched route pattern and status.")
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "fengqiao", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "HTTP request latency, by method, matched route pattern and status.")
    }

    public init() {}

    /// Counts one request. `route` is the matched pattern (`/cases/{id}`), never the raw path, so the number of
    /// series stays bounded whatever clients ask for.
    func record(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        registry.makeDurationHistogram(descriptor: Self.duration, labels: labels, buckets: Self.buckets)
            .record(duration)
    }
}

/// Outermost middleware: times every request and counts it by method, matched route and status (error pages
/// included), and binds the request id for the log, so that every line logged while the request is handled, by any
/// logger, carries `request_id` (`RequestLogContext`). With `FENGQIAO_LOG_LEVEL=debug` it also writes one line per
/// request.
struct MetricsMiddleware: RouterMiddleware {
    let metrics: AppMetrics
    let logger: Logger

    func handle(
        _ request: Request, context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        let start = ContinuousClock.now
        return try await RequestLogContext.$requestID.withValue(context.requestID) {
            var status = 500
            defer {
                let elapsed = ContinuousClock.now - start
                let route = context.endpointPath ?? "unmatched"
                metrics.record(method: request.method.rawValue, route: route, status: status, duration: elapsed)
                logger.debug(
                    "request",
                    metadata: [
                        "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(status)",
                        "duration_ms": "\(elapsed / .milliseconds(1))",
                    ])
            }
            do {
                let response = try await next(request, context)
                status = Int(response.status.code)
                return response
            } catch let error as any HTTPResponseError {
                status = Int(error.status.code)
                throw error
            }
        }
    }
}
