import ArgumentParser
import FengqiaoCore
import FengqiaoServer

/// `fengqiao setup`: the first-run setup from the command line (the same rules as `/setup`): the county, its center
/// and the first administrator, on a database without users; the password is read from standard input.
struct SetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "首次设置：本县、综治中心和第一位管理员 · First-run setup: the county, its center, the first administrator.",
        discussion: """
            Only on a database without users (after `fengqiao migrate`). The password is read from standard input \
            (asked twice at a terminal). Townships, villages, grids, organisations, users and mediators are then \
            added on the admin pages or with `fengqiao import-structure`.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The county's 6-digit region code (行政区划代码), e.g. 330122") var countyCode: String
    @Option(help: "The county's name, e.g. 桐庐县") var countyName: String
    @Option(help: "The governance center's name, e.g. 桐庐县社会治理中心") var centerName: String
    @Option(help: "The first administrator's username") var username: String
    @Option(help: "The first administrator's name, e.g. 张伟") var name: String
    @Option(help: "The first administrator's mobile phone") var phone: String?

    func run() async throws {
        let setup = CountySetup(
            countyCode: countyCode, countyName: countyName, centerName: centerName, adminUsername: username,
            adminName: name, adminPhone: phone)
        let problems = setup.problems()
        guard problems.isEmpty else {
            for problem in problems { Console.fail(problem.message) }
            throw ExitCode.failure
        }
        let password = try UserCommand.readNewPassword()
        try await global.withServices { services in
            do {
                _ = try await FirstRunSetup(services: services).perform(
                    setup, password: password, now: services.clock.now())
            } catch let refusal as SetupProblems {
                for problem in refusal.problems { Console.fail(problem.message) }
                throw ExitCode.failure
            }
            Console.say(
                Localized(
                    zh:
                        "已完成首次设置：\(setup.countyName)（\(setup.countyCode)）、\(setup.centerName)、管理员 \(setup.adminUsername)。",
                    en: "Set up \(setup.countyCode) with its center and the administrator \(setup.adminUsername)."))
        }
    }
}
