import AsyncHTTPClient
import Crypto
import FengqiaoCore
import FengqiaoStore
import Foundation
import Logging
import NIOCore

/// One receiver of case notifications, from `FENGQIAO_WEBHOOKS` (`name=https://host/path`).
public struct Webhook: Sendable, Equatable {
    /// Stable name: the outbox keeps one row per event and webhook name (rename one and it starts afresh).
    public var name: String
    public var url: String

    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }

    /// `name=url` pairs separated by commas; names of 1–40 letters, digits, `-` or `_`, each once; http(s) URLs with
    /// a host. Nil when any pair is malformed; empty text is no webhook.
    public static func parseList(_ text: String) -> [Webhook]? {
        var hooks: [Webhook] = []
        for part in text.split(separator: ",") {
            let pair = String(part).trimmingWhitespace
            if pair.isEmpty { continue }
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            let name = String(pair[..<equals]).trimmingWhitespace
            let url = String(pair[pair.index(after: equals)...]).trimmingWhitespace
            guard (1...40).contains(name.count),
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
                !hooks.contains(where: { $0.name == name }),
                let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                let host = parsed.host, !host.isEmpty
            else { return nil }
            hooks.append(Webhook(name: name, url: url))
        }
        return hooks
    }
}

/// The webhook, metrics and log settings (issue 7), read and checked together; `AppConfiguration.load` applies them.
struct OperationsSettings {
    var webhooks: [Webhook]
    var webhookSecret: String?
    var metricsToken: String?
    var logFormat: LogFormat

    static func read(
        _ values: [String: String], mode: AppConfiguration.Mode
    ) throws(ConfigurationError)
        -> OperationsSettings
    {
        func text(_ key: String) -> String? {
            values[key].map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        }
        func invalid(_ key: String, _ value: String?) -> ConfigurationError {
            let expected = AppConfiguration.settings.first { $0.key == key }?.meaning
            return ConfigurationError(
                key: key, value: value,
                reason: Localized(zh: "应为\(expected?.zh ?? "")。", en: "expected \(expected?.en ?? "")."))
        }
        var webhooks: [Webhook] = []
        if let list = text("FENGQIAO_WEBHOOKS") {
            guard let parsed = Webhook.parseList(list) else { throw invalid("FENGQIAO_WEBHOOKS", list) }
            webhooks = parsed
        }
        let secret = text("FENGQIAO_WEBHOOK_SECRET")
        if let secret, secret.count < 16 { throw invalid("FENGQIAO_WEBHOOK_SECRET", nil) }
        if mode == .production, !webhooks.isEmpty, secret == nil {
            throw ConfigurationError(
                key: "FENGQIAO_WEBHOOK_SECRET", value: nil,
                reason: Localized(
                    zh: "生产模式设置了 FENGQIAO_WEBHOOKS 时必须设置签名密钥（至少16个字符），接收方据此验证通知。",
                    en: "production mode with FENGQIAO_WEBHOOKS needs a signing secret (16 characters or more), "
                        + "which receivers verify notifications with."))
        }
        let token = text("FENGQIAO_METRICS_TOKEN")
        if let token, token.count < 16 { throw invalid("FENGQIAO_METRICS_TOKEN", nil) }
        var format: LogFormat = mode == .production ? .json : .text
        if let raw = text("FENGQIAO_LOG_FORMAT") {
            guard let parsed = LogFormat(rawValue: raw.lowercased()) else { throw invalid("FENGQIAO_LOG_FORMAT", raw) }
            format = parsed
        }
        return OperationsSettings(webhooks: webhooks, webhookSecret: secret, metricsToken: token, logFormat: format)
    }

    func apply(to configuration: inout AppConfiguration) {
        configuration.webhooks = webhooks
        configuration.webhookSecret = webhookSecret
        configuration.metricsToken = metricsToken
        configuration.logFormat = logFormat
    }
}

extension AppConfiguration {
    /// Settings whose values are never echoed in messages or `fengqiao config`.
    static let secretKeys: Set<String> = [
        "FENGQIAO_SESSION_SECRET", "FENGQIAO_WEBHOOK_SECRET", "FENGQIAO_METRICS_TOKEN",
    ]
}

/// Delivers the outbox to the webhooks: claims due rows, POSTs each one's JSON, marks it delivered on 2xx, and
/// otherwise records the error and retries with exponential back-off (10 s × 2^(attempts−1), at most 1 h, the
/// second half of the wait drawn at random). At least once: a row is marked delivered only after the 2xx, so a
/// crash in between redelivers it; `X-Fengqiao-Delivery` (the row id) lets receivers dedupe. Runs beside the
/// deadline scheduler (`SchedulerService`: inside `serve`, or `fengqiao worker`). See docs/WEBHOOKS.md.
public struct OutboxDeliverer: Sendable {
    let outbox: OutboxRepository
    let webhooks: [Webhook]
    let secret: String?
    let client: HTTPClient
    let timeout: TimeAmount
    let batchSize: Int
    /// A number in 0..<1 for each retry's jitter (injectable for tests).
    let jitter: @Sendable () -> Double

    public init(
        database: Database, webhooks: [Webhook], secret: String?, client: HTTPClient = .shared,
        timeout: TimeAmount = .seconds(10), batchSize: Int = 50,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.outbox = OutboxRepository(database: database)
        self.webhooks = webhooks
        self.secret = secret
        self.client = client
        self.timeout = timeout
        self.batchSize = max(1, batchSize)
        self.jitter = jitter
    }

    public init(services: AppServices) {
        self.init(
            database: services.database, webhooks: services.configuration.webhooks,
            secret: services.configuration.webhookSecret)
    }

    /// What one round did.
    public struct Round: Sendable, Equatable {
        public var delivered: Int
        public var failed: Int

        public init(delivered: Int, failed: Int) {
            self.delivered = delivered
            self.failed = failed
        }
    }

    /// Makes the configured webhooks the ones new outbox rows are written for.
    public func subscribe(at now: Date) async throws {
        try await outbox.subscribe(webhooks.map(\.name), at: now)
    }

    /// Delivers every row due at `now` (batch by batch), each attempt once.
    public func deliverDue(at now: @Sendable () -> Date = Date.init, logger: Logger? = nil) async throws -> Round {
        var round = Round(delivered: 0, failed: 0)
        let names = webhooks.map(\.name)
        while true {
            let claimed = try await outbox.claim(dueAt: now(), webhooks: names, limit: batchSize)
            if claimed.isEmpty { break }
            let outcomes = await withTaskGroup(of: (OutboxRepository.Delivery, String?).self) { group in
                for delivery in claimed {
                    group.addTask { (delivery, await attempt(delivery)) }
                }
                var outcomes: [(OutboxRepository.Delivery, String?)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            for (delivery, error) in outcomes {
                if let error {
                    let wait = Self.backoff(afterAttempts: delivery.attempts + 1, jitter: jitter())
                    try await outbox.markFailed(delivery.id, error: error, retryAt: now().addingTimeInterval(wait))
                    logger?.warning(
                        "webhook delivery failed",
                        metadata: [
                            "delivery": "\(delivery.id)", "webhook": "\(delivery.webhook)", "error": "\(error)",
                            "attempts": "\(delivery.attempts + 1)", "retry_in_s": "\(Int(wait))",
                        ])
                    round.failed += 1
                } else {
                    try await outbox.markDelivered(delivery.id, at: now())
                    round.delivered += 1
                }
            }
        }
        return round
    }

    /// The wait before the next attempt after `attempts` failed ones: 10 s × 2^(attempts−1), at most an hour, of
    /// which the second half is `jitter` (0..<1) of it, so that receivers coming back are not hit all at once.
    public static func backoff(afterAttempts attempts: Int, jitter: Double) -> TimeInterval {
        let base = min(10 * pow(2, Double(max(0, min(attempts - 1, 20)))), 3600)
        return base / 2 + base / 2 * min(max(jitter, 0), 1)
    }

    /// `sha256=` and the lower-case hex HMAC-SHA256 of `body` with `secret`: the `X-Fengqiao-Signature` header.
    public static func signature(of body: String, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// One POST; nil on 2xx, else what went wrong.
    func attempt(_ delivery: OutboxRepository.Delivery) async -> String? {
        guard let webhook = webhooks.first(where: { $0.name == delivery.webhook }) else {
            return "webhook \(delivery.webhook) is not configured"
        }
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "fengqiao-webhooks/1")
        request.headers.add(name: "X-Fengqiao-Event", value: delivery.kind)
        request.headers.add(name: "X-Fengqiao-Delivery", value: String(delivery.id))
        if let secret {
            request.headers.add(
                name: "X-Fengqiao-Signature", value: Self.signature(of: delivery.payload, secret: secret))
        }
        request.body = .bytes(ByteBuffer(string: delivery.payload))
        do {
            let response = try await client.execute(request, timeout: timeout)
            // Read (and drop) the answer so the connection can be reused; a long one is cut short.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(Int(response.status.code)) ? nil : "HTTP \(response.status.code)"
        } catch {
            return String(describing: error)
        }
    }

    /// Runs until cancelled: a round, then sleep until the next row is due or `interval`, whichever is sooner.
    /// Without webhooks it only clears the subscriptions (so no rows are written) and returns.
    public func run(interval: Duration, logger: Logger, now: @escaping @Sendable () -> Date = Date.init) async {
        while !Task.isCancelled {
            do {
                try await subscribe(at: now())
                break
            } catch is CancellationError {
                return
            } catch {
                logger.error("outbox subscription failed: \(String(describing: error))")
                try? await Task.sleep(for: interval)
            }
        }
        guard !webhooks.isEmpty else { return }
        logger.info(
            "outbox deliverer started", metadata: ["webhooks": "\(webhooks.map(\.name).joined(separator: ","))"])
        await PollingLoop.run(
            "outbox round", interval: interval, logger: logger, now: now,
            round: {
                let round = try await deliverDue(at: now, logger: logger)
                if round.delivered > 0 || round.failed > 0 {
                    logger.info(
                        "outbox round", metadata: ["delivered": "\(round.delivered)", "failed": "\(round.failed)"])
                }
            },
            nextDue: { try await outbox.nextAttempt(webhooks: webhooks.map(\.name)) })
        logger.info("outbox deliverer stopped")
    }
}
