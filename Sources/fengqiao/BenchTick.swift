import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

/// Used by `make bench` (scripts/bench.py): one scheduler tick over a large database with a chosen number of
/// deadlines due.
struct BenchTick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-tick",
        abstract: "Benchmark: time one deadline-scheduler tick with the earliest N deadlines due.",
        discussion: """
            Picks the time at which exactly the N earliest deadline rows are due and runs one tick at that time, as \
            `serve` and `worker` do: it raises their alerts (and automatic 督办) in the database. Prints the tick's \
            duration, the cases and alerts it handled, and the deadline rows in the database.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many deadline rows are due.") var due = 100

    func run() async throws {
        try await global.withServices { services in
            guard let at = try await services.scheduler.dueTime(ofRank: due) else {
                Console.fail(
                    Localized(zh: "数据库中的时限少于 \(due) 个。", en: "The database holds fewer than \(due) deadlines."))
                throw ExitCode.failure
            }
            let backlog = try await services.scheduler.backlog(at: at)
            let clock = ContinuousClock()
            let started = clock.now
            let tick = try await services.scheduler.tick(at: at)
            let elapsed = clock.now - started
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
            let text = String(format: "%.1f", milliseconds)
            Console.say(
                Localized(
                    zh: "调度一次：\(text) 毫秒，到期 \(backlog) 个时限，处理 \(tick.cases) 个案件、\(tick.alerts) 条预警。",
                    en: "One scheduler tick: \(text) ms, \(backlog) deadlines due, \(tick.cases) cases and "
                        + "\(tick.alerts) alerts handled."))
            print("scheduler_tick_ms=\(text)")
            print("scheduler_tick_due=\(backlog)")
            print("scheduler_tick_cases=\(tick.cases)")
        }
    }
}
