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

    public init(services: AppServices, logger: Logger) {
        self.scheduler = services.scheduler
        self.interval = .seconds(services.configuration.schedulerInterval)
        self.logger = logger
        self.deliverer = OutboxDeliverer(services: services)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            // The outbox deliverer (webhooks) runs beside the scheduler, in the same service.
            await withDiscardingTaskGroup { group in
                group.addTask { await scheduler.run(interval: interval, logger: logger) }
                group.addTask { await deliverer.run(interval: interval, logger: logger) }
            }
        }
    }
}
