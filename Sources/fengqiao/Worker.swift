import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation
import ServiceLifecycle

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Run the background work alone: the deadline scheduler (time-limit alerts, 督办, ladder moves) and the "
            + "webhook deliverer (outbox).",
        discussion: """
            Several workers (and serve instances with FENGQIAO_SCHEDULER=true) may share one PostgreSQL: each \
            deadline fires exactly once. --once handles what is due now and exits (for cron or a check).
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Handle what is due now, print what was done, and exit.") var once = false

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = global.makeLogger(configuration)
        try await global.withServices { services in
            if once {
                let tick = try await services.scheduler.tick(at: services.clock.now(), logger: logger)
                try await RiskTick(services: services, logger: logger).run(at: services.clock.now())
                try await KeyPersonTick(services: services).run(at: services.clock.now(), logger: logger)
                Console.say(
                    Localized(
                        zh: "已处理 \(tick.cases) 个到期案件，发出 \(tick.alerts) 条时限提醒；失败 \(tick.failures) 个。",
                        en: "Handled \(tick.cases) cases with due deadlines and raised \(tick.alerts) alerts; "
                            + "\(tick.failures) failed."))
                let deliverer = OutboxDeliverer(services: services)
                try await deliverer.subscribe(at: services.clock.now())
                let round = try await deliverer.deliverDue(logger: logger)
                Console.say(
                    Localized(
                        zh: "已送达 \(round.delivered) 条通知，失败 \(round.failed) 条（稍后重试）。",
                        en: "Delivered \(round.delivered) notifications; \(round.failed) failed (retried later)."))
                if tick.failures > 0 { throw ExitCode.failure }
                return
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: [SchedulerService(services: services, logger: logger)],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}
