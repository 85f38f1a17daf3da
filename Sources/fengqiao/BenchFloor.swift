import ArgumentParser
import FengqiaoCore
import FengqiaoDemo
import FengqiaoServer
import FengqiaoStore
import Foundation

/// Used by `make bench` (scripts/bench.py): the database's floor under the intake figures.
struct BenchFloor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-floor",
        abstract: "Benchmark: insert N intake cases straight into the database, one transaction each, and time it.",
        discussion: """
            The same rows an API create writes (built by the same code), without HTTP, JSON or lifecycle checks in \
            the timed part: the floor that `make bench` compares the API's creates per second with. Adds N cases \
            to the database; the demo county must be loaded.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many cases to insert.") var cases = 2_000
    @Option(help: "The user who registers them.") var user = "taoyuan.center"
    @Option(help: "The region or grid code of the cases.") var region = "339921101201-01"

    func run() async throws {
        try await global.withServices { services in
            let result = try await IntakeFloor(services: services).run(count: cases, username: user, regionCode: region)
            let rate = String(format: "%.0f", result.perSecond)
            let time = String(format: "%.2f", result.seconds)
            Console.say(
                Localized(
                    zh: "直接写入 \(result.cases) 个案件（每个一个事务）：\(time) 秒，每秒 \(rate) 个。",
                    en: "Inserted \(result.cases) cases straight into the database, one transaction each: \(time) s, "
                        + "\(rate) creates/s."))
            print("floor_creates_per_second=\(rate)")
        }
    }
}
