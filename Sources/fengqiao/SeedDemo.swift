import ArgumentParser
import FengqiaoCore
import FengqiaoDemo
import FengqiaoServer
import FengqiaoStore
import Foundation

struct SeedDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo",
        abstract: "Load the deterministic demo county (regions, grids, organisations, mediators, users).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Do nothing (and succeed) when the database already holds data.") var ifEmpty = false
    @Flag(help: "Allow seeding in production mode.") var allowProduction = false
    @Option(help: "How many demo cases to generate over the last 12 months (0 for none).") var cases = 5000

    func run() async throws {
        try await global.withServices { services in
            if services.configuration.mode == .production && !allowProduction {
                Console.fail(
                    Localized(
                        zh: "生产模式下不载入演示数据（演示账号密码是公开的）。确需载入请加 --allow-production。",
                        en: "Demo data is not loaded in production mode (its passwords are public). "
                            + "Add --allow-production if you really mean it."))
                throw ExitCode.failure
            }
            let seeder = DemoSeeder(services: services)
            guard try await seeder.databaseIsEmpty() else {
                if ifEmpty {
                    Console.say(Localized(zh: "数据库已有数据，跳过演示数据。", en: "The database holds data; demo skipped."))
                    return
                }
                Console.fail(
                    Localized(zh: "数据库已有数据，演示数据只能载入空数据库。", en: "Demo data goes into an empty database only."))
                throw ExitCode.failure
            }
            let county = DemoCounty.generate()
            let counts = try await seeder.seed(county, now: services.clock.now())
            Console.say(
                Localized(
                    zh: "已载入演示数据：\(counts.regions) 个区域、\(counts.organisations) 个单位、"
                        + "\(counts.mediators) 名调解员、\(counts.users) 个账号。",
                    en: "Demo loaded: \(counts.regions) regions, \(counts.organisations) organisations, "
                        + "\(counts.mediators) mediators, \(counts.users) accounts."))
            if cases > 0 {
                let made = try await seeder.seedCases(
                    county, written: counts, count: cases, endingAt: services.clock.now()
                ) {
                    done, total in
                    if done % 1000 == 0 || done == total { print("  \(done)/\(total) 案件 cases") }
                }
                try await seeder.seedHotspots(county, written: counts, endingAt: services.clock.now())
                Console.say(
                    Localized(
                        zh: "已生成 \(made) 个演示案件（近12个月，经真实办理流程）。",
                        en: "Generated \(made) demo cases over the last 12 months, through the real lifecycle."))
            }
            Console.say(
                Localized(
                    zh: "演示账号（密码均为 \(DemoCounty.demoPassword)）：",
                    en: "Demo accounts (password \(DemoCounty.demoPassword) for all):"))
            for user in county.users {
                let roles = user.grants.map { $0.role.name.zh }.joined(separator: "、")
                print("  \(user.username)\t\(user.displayName)\t\(roles)")
            }
            Console.say(
                Localized(
                    zh: "演示 Open311 密钥（api_key，代表 \(DemoSeeder.open311DemoUser)）：",
                    en: "Demo Open311 key (api_key, acting as \(DemoSeeder.open311DemoUser)):"))
            print("  \(DemoSeeder.open311DemoKey)")
        }
    }
}
