import ArgumentParser
import FengqiaoServer

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check the configuration and list every setting with its value.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let values: [String: String] = [
            "FENGQIAO_MODE": configuration.mode.rawValue,
            "FENGQIAO_DATABASE_URL": configuration.database.description,
            "FENGQIAO_DATABASE_POOL_SIZE": String(configuration.databasePoolSize),
            "FENGQIAO_HOSTNAME": configuration.hostname,
            "FENGQIAO_PORT": String(configuration.port),
            "FENGQIAO_SESSION_SECRET":
                configuration.sessionSecret == AppConfiguration.developmentSessionSecret
                ? "(development value)" : "(set)",
            "FENGQIAO_LOG_LEVEL": configuration.logLevel.rawValue,
            "FENGQIAO_AUTO_MIGRATE": String(configuration.autoMigrate),
            "FENGQIAO_WEBHOOKS": configuration.webhooks.map { "\($0.name)=\($0.url)" }.joined(separator: ","),
            "FENGQIAO_WEBHOOK_SECRET": configuration.webhookSecret == nil ? "" : "(set)",
            "FENGQIAO_METRICS_TOKEN": configuration.metricsToken == nil ? "" : "(set)",
            "FENGQIAO_LOG_FORMAT": configuration.logFormat.rawValue,
            "FENGQIAO_BEHIND_TLS": String(configuration.behindTLS),
            "FENGQIAO_TRUSTED_PROXIES": configuration.trustedProxies.joined(separator: ","),
        ]
        print("配置有效 / Configuration is valid")
        for setting in AppConfiguration.settings {
            print("\(setting.key)=\(values[setting.key] ?? "")\t# \(setting.meaning.zh) / \(setting.meaning.en)")
        }
    }
}
