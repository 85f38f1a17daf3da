import AsyncHTTPClient
import Crypto
import FengqiaoCore
import FengqiaoStore
import Foundation
import Logging
import NIOCore

/// Delivers the outbox to the webhooks: claims due rows, POSTs each one's JSON, marks it delivered on 2xx, and
/// otherwise records the error and retries with exponential back-off (10 s × 2^(attempts−1), at most 1 h, the
/// second half of the wait drawn at random). At least once: a row is marked delivered only after the 2xx, so a
/// crash in between redelivers it; `X-Fengqiao-Delivery` (the row id) lets receivers dedupe. Runs beside the
/// deadline scheduler (`SchedulerService`: inside `serve`, or `fengqiao worker`). See docs/WEBHOOKS.md.
public struct OutboxDeliverer: Sendable {
    let outbox: OutboxRepository
    let webhooks: [Webhook]
    let secret: String?
    /// Where the reporter's text messages go (`FENGQIAO_SMS_URL`): rows of the outbox channel `sms:citizen`.
    let sms: SMSGateway?
    let client: HTTPClient
    let timeout: TimeAmount
    let batchSize: Int
    /// A number in 0..<1 for each retry's jitter (injectable for tests).
    let jitter: @Sendable () -> Double
    /// The time of a round when none is given.
    let clock: AppClock

    public init(
        database: Database, webhooks: [Webhook], secret: String?, sms: SMSGateway? = nil,
        client: HTTPClient = .shared,
        timeout: TimeAmount = .seconds(10), batchSize: Int = 50,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, clock: AppClock = .system
    ) {
        self.clock = clock
        self.outbox = OutboxRepository(database: database)
        self.webhooks = webhooks
        self.secret = secret
        self.sms = sms
        self.client = client
        self.timeout = timeout
        self.batchSize = max(1, batchSize)
        self.jitter = jitter
    }

    public init(services: AppServices) {
        self.init(
            database: services.database, webhooks: services.configuration.webhooks,
            secret: services.configuration.webhookSecret, sms: services.configuration.smsGateway,
            clock: services.clock)
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

    /// The outbox channels delivered: the webhooks' names, and the SMS gateway's when one is set.
    var channels: [String] { webhooks.map(\.name) + (sms == nil ? [] : [SMSGateway.channel]) }

    /// Makes the configured webhooks (and the SMS gateway) the ones new outbox rows are written for.
    public func subscribe(at now: Date) async throws {
        try await outbox.subscribe(channels, at: now)
    }

    /// Delivers every row due at `now` (batch by batch), each attempt once.
    public func deliverDue(at time: (@Sendable () -> Date)? = nil, logger: Logger? = nil) async throws -> Round {
        let now = time ?? clock.now
        var round = Round(delivered: 0, failed: 0)
        let names = channels
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
        return "sha256=" + Hex.lowercase(code)
    }

    /// One POST; nil on 2xx, else what went wrong.
    func attempt(_ delivery: OutboxRepository.Delivery) async -> String? {
        if delivery.webhook == SMSGateway.channel { return await send(delivery) }
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
        return await post(request)
    }

    /// Sends one request: nil on 2xx, else what went wrong. The answer is read (and dropped) so that the connection
    /// can be reused; a long one is cut short.
    private func post(_ request: HTTPClientRequest) async -> String? {
        do {
            let response = try await client.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(Int(response.status.code)) ? nil : "HTTP \(response.status.code)"
        } catch {
            return String(describing: error)
        }
    }

    /// One text message to the SMS gateway: the stored `SMSMessage` as JSON; nil on 2xx, else what went wrong (never
    /// the phone number: it goes to the log).
    func send(_ delivery: OutboxRepository.Delivery) async -> String? {
        guard let sms else { return "no SMS gateway is configured" }
        var request = HTTPClientRequest(url: sms.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "fengqiao-sms/1")
        request.headers.add(name: "X-Fengqiao-Event", value: delivery.kind)
        request.headers.add(name: "X-Fengqiao-Delivery", value: String(delivery.id))
        request.headers.add(name: "Idempotency-Key", value: "\(delivery.caseID.rawValue)-\(delivery.sequence)")
        if let token = sms.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(string: delivery.payload))
        return await post(request)
    }

    /// Runs until cancelled: a round, then sleep until the next row is due or `interval`, whichever is sooner.
    /// Without webhooks it only clears the subscriptions (so no rows are written) and returns.
    public func run(interval: Duration, logger: Logger) async {
        let now = clock.now
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
        guard !channels.isEmpty else { return }
        logger.info("outbox deliverer started", metadata: ["webhooks": "\(channels.joined(separator: ","))"])
        await PollingLoop.run(
            "outbox round", interval: interval, logger: logger, now: now,
            round: {
                let round = try await deliverDue(at: now, logger: logger)
                if round.delivered > 0 || round.failed > 0 {
                    logger.info(
                        "outbox round", metadata: ["delivered": "\(round.delivered)", "failed": "\(round.failed)"])
                }
            },
            nextDue: { try await outbox.nextAttempt(webhooks: channels) })
        logger.info("outbox deliverer stopped")
    }
}
