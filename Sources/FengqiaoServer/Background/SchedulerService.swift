import FengqiaoStore
import Foundation
import Logging
import ServiceLifecycle

/// The deadline scheduler as a service of the application (inside `serve`) or alone (`fengqiao worker`). It stops
/// at graceful shutdown; a deadline being fired then either commits or is fired again on the next start.
public struct SchedulerService: Service {
    let scheduler: DeadlineScheduler
    let interval: Duration
    let logger: Logger
    let deliverer: OutboxDeliverer
    let clock: AppClock
    /// Reloads the uploaded calendar years before each tick: an upload through another instance applies here
    /// from the next poll.
    let reloadCalendar: @Sendable () async throws -> Void
    let keyPersonTick: KeyPersonTick
    let riskTick: RiskTick

    public init(services: AppServices, logger: Logger) {
        self.reloadCalendar = { try await services.loadCalendar() }
        self.keyPersonTick = KeyPersonTick(services: services)
        self.scheduler = services.scheduler
        self.clock = services.clock
        self.interval = .seconds(services.configuration.schedulerInterval)
        self.logger = logger
        self.deliverer = OutboxDeliverer(services: services)
        self.riskTick = RiskTick(services: services, logger: logger)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            // The outbox deliverer (webhooks) runs beside the scheduler, in the same service.
            await withDiscardingTaskGroup { group in
                group.addTask { await runScheduler() }
                group.addTask { await deliverer.run(interval: interval, logger: logger) }
            }
        }
    }

    /// The scheduler's loop, until cancelled: a tick (`DeadlineScheduler.tick`, in the store), then sleep until the
    /// next deadline or `interval`, whichever is sooner.
    func runScheduler() async {
        logger.info("scheduler started")
        await PollingLoop.run(
            "scheduler tick", interval: interval, logger: logger, now: clock.now,
            round: {
                try await reloadCalendar()
                let tick = try await scheduler.tick(at: clock.now(), logger: logger)
                try await keyPersonTick.run(at: clock.now(), logger: logger)
                try await riskTick.run(at: clock.now())
                if tick.cases > 0 || tick.failures > 0 {
                    logger.info(
                        "scheduler tick",
                        metadata: [
                            "cases": "\(tick.cases)", "alerts": "\(tick.alerts)", "failures": "\(tick.failures)",
                        ])
                }
            },
            nextDue: scheduler.nextDue)
        logger.info("scheduler stopped")
    }
}
