import ArgumentParser
import FengqiaoCore
import FengqiaoStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to this build's version.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = global.makeLogger(configuration)
        try await global.withDatabase(configuration, logger: logger) { database in
            try await Console.reportingUserErrors {
                let migrator = Migrator(database: database)
                let applied = try await migrator.migrate()
                let version = migrator.expectedVersion
                if applied.isEmpty {
                    Console.say(
                        Localized(zh: "数据库结构已是最新（版本 \(version)）。", en: "The schema is current (version \(version))."))
                } else {
                    let list = applied.map(String.init).joined(separator: ", ")
                    Console.say(
                        Localized(
                            zh: "已执行迁移 \(list)；数据库结构现为版本 \(version)。",
                            en: "Applied migrations \(list); the schema is now version \(version)."))
                }
            }
        }
    }
}
