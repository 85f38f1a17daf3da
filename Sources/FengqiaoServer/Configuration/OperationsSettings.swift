import AsyncHTTPClient
import Crypto
import FengqiaoCore
import FengqiaoStore
import Foundation
import Logging
import NIOCore

/// The webhook, metrics and log settings (issue 7), read and checked together; `AppConfiguration.load` applies them.
struct OperationsSettings {
    var webhooks: [Webhook]
    var webhookSecret: String?
    var metricsToken: String?
    var logFormat: LogFormat
    var backupDirectory: String?

    static func read(
        _ values: [String: String], mode: AppConfiguration.Mode
    ) throws(ConfigurationError)
        -> OperationsSettings
    {
        func text(_ key: String) -> String? {
            values[key].map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        }
        func invalid(_ key: String, _ value: String?) -> ConfigurationError {
            let expected = AppConfiguration.settings.first { $0.key == key }?.meaning
            return ConfigurationError(
                key: key, value: value,
                reason: Localized(zh: "应为\(expected?.zh ?? "")。", en: "expected \(expected?.en ?? "")."))
        }
        var webhooks: [Webhook] = []
        if let list = text("FENGQIAO_WEBHOOKS") {
            guard let parsed = Webhook.parseList(list) else { throw invalid("FENGQIAO_WEBHOOKS", list) }
            webhooks = parsed
        }
        let secret = text("FENGQIAO_WEBHOOK_SECRET")
        if let secret, secret.count < 16 { throw invalid("FENGQIAO_WEBHOOK_SECRET", nil) }
        if mode == .production, !webhooks.isEmpty, secret == nil {
            throw ConfigurationError(
                key: "FENGQIAO_WEBHOOK_SECRET", value: nil,
                reason: Localized(
                    zh: "生产模式设置了 FENGQIAO_WEBHOOKS 时必须设置签名密钥（至少16个字符），接收方据此验证通知。",
                    en: "production mode with FENGQIAO_WEBHOOKS needs a signing secret (16 characters or more), "
                        + "which receivers verify notifications with."))
        }
        let token = text("FENGQIAO_METRICS_TOKEN")
        if let token, token.count < 16 { throw invalid("FENGQIAO_METRICS_TOKEN", nil) }
        var format: LogFormat = mode == .production ? .json : .text
        if let raw = text("FENGQIAO_LOG_FORMAT") {
            guard let parsed = LogFormat(rawValue: raw.lowercased()) else { throw invalid("FENGQIAO_LOG_FORMAT", raw) }
            format = parsed
        }
        return OperationsSettings(
            webhooks: webhooks, webhookSecret: secret, metricsToken: token, logFormat: format,
            backupDirectory: text("FENGQIAO_BACKUP_DIR"))
    }

    func apply(to configuration: inout AppConfiguration) {
        configuration.webhooks = webhooks
        configuration.webhookSecret = webhookSecret
        configuration.metricsToken = metricsToken
        configuration.logFormat = logFormat
        configuration.backupDirectory = backupDirectory
    }
}
extension AppConfiguration {
    /// Settings whose values are never echoed in messages or `fengqiao config`.
    static let secretKeys: Set<String> = [
        "FENGQIAO_SESSION_SECRET", "FENGQIAO_WEBHOOK_SECRET", "FENGQIAO_METRICS_TOKEN", "FENGQIAO_PERSON_KEY",
    ]
}
