import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk every case file's hash chain and report cases whose stored events were altered or removed.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var clean = true
        try await global.withServices { services in
            let report = try await CaseChainVerifier(database: services.database).verifyAll()
            for problem in report.problems { print(problem.description) }
            Console.say(
                Localized(
                    zh: "已核验 \(report.casesChecked) 个案件、\(report.eventsChecked) 条事件；发现 \(report.problems.count) 个问题。",
                    en: "Checked \(report.casesChecked) cases and \(report.eventsChecked) events; "
                        + "\(report.problems.count) problems."))
            clean = report.problems.isEmpty
        }
        if !clean { throw ExitCode.failure }
    }
}
