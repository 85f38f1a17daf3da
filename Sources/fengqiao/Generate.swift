import ArgumentParser
import FengqiaoCore
import FengqiaoDemo
import FengqiaoServer
import FengqiaoStore
import Foundation

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill the database quickly with N realistic demo cases (for benchmarks and load tests).",
        discussion: """
            The demo county is written first when the database is empty; otherwise it must be the one seed-demo \
            wrote. Cases are the demo cases (replayed through the real lifecycle) over the last 12 months, in time \
            order, inserted in large batches. 1,000,000 take minutes on a release build.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many cases to make.") var cases: Int
    @Option(help: "Random seed (default: from the clock, so that runs add different cases).") var seed: UInt64?
    @Option(help: "Cases generated per slice of the year.") var slice = 20_000
    @Option(help: "Cases per transaction.") var perTransaction = 5_000
    @Flag(help: "Allow generating in production mode.") var allowProduction = false

    func validate() throws {
        guard cases >= 0 else { throw ValidationError("--cases must be 0 or more / --cases 不能为负数") }
        guard slice > 0, perTransaction > 0 else {
            throw ValidationError("--slice and --per-transaction must be positive / --slice 和 --per-transaction 必须为正数")
        }
    }

    func run() async throws {
        try await global.withServices { services in
            if services.configuration.mode == .production && !allowProduction {
                Console.fail(
                    Localized(
                        zh: "生产模式下不生成演示案件。确需生成请加 --allow-production。",
                        en: "Demo cases are not generated in production mode. Add --allow-production if you mean it."))
                throw ExitCode.failure
            }
            let now = services.clock.now()
            let generator = DemoGenerator(services: services)
            let (directory, seeded) = try await generator.directory(now: now)
            if let seeded {
                Console.say(
                    Localized(
                        zh: "已载入演示县：\(seeded.regions) 个区域、\(seeded.organisations) 个单位、\(seeded.users) 个账号。",
                        en: "Demo county loaded: \(seeded.regions) regions, \(seeded.organisations) organisations, "
                            + "\(seeded.users) accounts."))
            }
            let started = ContinuousClock.now
            let total = cases
            let report = try await generator.generate(
                count: cases, directory: directory, endingAt: now, seed: seed ?? UInt64(now.unixMilliseconds),
                sliceSize: slice, casesPerTransaction: perTransaction
            ) { written in
                let seconds = Self.seconds(since: started)
                print(
                    "  \(written.cases)/\(total) 案件 cases, \(written.events) 事件 events, "
                        + String(format: "%.0f s, %.0f/s", seconds, Double(written.cases) / max(seconds, 0.001)))
            }
            let seconds = Self.seconds(since: started)
            let rate = String(format: "%.0f", Double(report.cases) / max(seconds, 0.001))
            let time = String(format: "%.1f", seconds)
            Console.say(
                Localized(
                    zh: "已生成 \(report.cases) 个案件、\(report.events) 条事件，用时 \(time) 秒（每秒 \(rate) 个）。",
                    en: "Generated \(report.cases) cases with \(report.events) events in \(time) s (\(rate) cases/s)."))
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
