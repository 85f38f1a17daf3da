import ArgumentParser
import FengqiaoCore
import FengqiaoDemo
import FengqiaoServer
import FengqiaoStore
import Foundation

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "体检：配置、数据库、日历、演示账号、磁盘、备份、对外接口 · Check configuration, database, calendar, "
            + "demo accounts, disk, backups and outside services; exits non-zero on a problem.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The folder backups are written to (default: $FENGQIAO_BACKUP_DIR).") var backups: String?
    @Option(help: "The age in hours above which the newest backup is a problem.") var maxBackupAgeHours = 26

    func run() async throws {
        var checks: [DoctorCheck] = []
        let configuration: AppConfiguration
        do {
            configuration = try global.loadConfiguration()
            checks.append(
                DoctorCheck(
                    Localized(zh: "配置", en: "Configuration"), .ok,
                    Localized(
                        zh: "有效（\(configuration.mode.rawValue) 模式）", en: "valid (\(configuration.mode.rawValue) mode)"))
            )
        } catch {
            // loadConfiguration has printed which value is wrong.
            throw ExitCode.failure
        }
        let now = Date()
        let logger = global.makeLogger(configuration)
        let database: Database
        do {
            database = try Database.open(configuration.database, maxConnections: 2, logger: logger)
        } catch {
            checks.append(
                DoctorCheck(Localized(zh: "数据库", en: "Database"), .problem, Localized(zh: "\(error)", en: "\(error)")))
            finish(checks)
        }
        let databaseChecks = await Doctor.database(database)
        checks += databaseChecks
        if databaseChecks.allSatisfy({ $0.status == .ok }) {
            let services = AppServices(configuration: configuration, database: database)
            let latest = try? await services.cases.latestOpenDeadline()
            // With the years uploaded from the web or the API (`calendar_years`) laid over the configured calendar.
            try? await services.loadCalendar()
            checks.append(Doctor.calendar(services.calendar, latestDeadline: latest ?? nil, now: now))
            let demo = (try? await ProductionChecks(services: services).findings()) ?? []
            let demoName = Localized(zh: "演示账号", en: "Demo accounts")
            if demo.isEmpty {
                checks.append(DoctorCheck(demoName, .ok, Localized(zh: "没有使用演示密码的账号", en: "none live")))
            } else {
                let what = demo.map(\.what).joined(separator: ", ")
                checks.append(
                    DoctorCheck(
                        demoName, configuration.mode == .production ? .problem : .warning,
                        Localized(zh: "仍有效：\(what)", en: "still live: \(what)")))
            }
        } else {
            checks.append(Doctor.calendar(configuration.calendar, latestDeadline: nil, now: now))
        }
        await database.close()
        var dataPath = FileManager.default.currentDirectoryPath
        if case .sqlite(let path) = configuration.database {
            dataPath = URL(fileURLWithPath: path).deletingLastPathComponent().path
        }
        checks.append(Doctor.disk(at: dataPath))
        checks.append(
            Doctor.backups(
                in: backups ?? configuration.backupDirectory,
                maximumAge: TimeInterval(maxBackupAgeHours) * 3600, now: now))
        for webhook in configuration.webhooks {
            checks.append(
                await Doctor.reachable(
                    Localized(zh: "外部通知 \(webhook.name)", en: "Webhook \(webhook.name)"), url: webhook.url))
        }
        if let sms = configuration.smsGateway {
            checks.append(await Doctor.reachable(Localized(zh: "短信网关", en: "SMS gateway"), url: sms.url))
        }
        finish(checks)
    }

    private func finish(_ checks: [DoctorCheck]) -> Never {
        for check in checks { print(check.line) }
        let problems = checks.filter { $0.status == .problem }.count
        if problems == 0 {
            print("体检通过 / All checks passed")
            Foundation.exit(0)
        }
        print("发现 \(problems) 个问题 / \(problems) \(problems == 1 ? "problem" : "problems") found")
        Foundation.exit(1)
    }
}
