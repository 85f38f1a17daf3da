import FengqiaoCore
import FengqiaoStore
import Foundation
import Logging

/// Everything the program is configured with, read once at start from the environment and an optional file.
/// The environment wins over the file. A bad value stops the start with a message that names it.
public struct AppConfiguration: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        case development
        case production
    }

    public var mode: Mode
    public var database: DatabaseLocation
    public var databasePoolSize: Int
    public var hostname: String
    public var port: Int
    public var sessionSecret: String
    /// The secret people and households are recognised across cases by (`FENGQIAO_PERSON_KEY`, optional): without
    /// it the key derives from the session secret, so set it before rotating that one (docs/RISK.md).
    public var personKeySecret: String?
    public var logLevel: Logger.Level
    /// Migrate on `serve` instead of refusing to start on a database that is behind.
    public var autoMigrate: Bool
    /// The working calendar the case clocks run on: the built-in mainland calendar, or the file
    /// `FENGQIAO_CALENDAR_FILE` (same CSV format as `calendar/cn-mainland.csv`), with optional working hours.
    public var calendar: WorkingCalendar
    /// Where the calendar came from: the file path, or nil for the built-in one.
    public var calendarFile: String?
    /// Run the deadline scheduler inside `serve` (turn it off when separate `fengqiao worker` processes run it).
    public var scheduler: Bool
    /// The longest the scheduler sleeps between ticks, in seconds (it wakes earlier for a deadline due sooner).
    public var schedulerInterval: Int
    /// Webhooks that receive case notifications (`FENGQIAO_WEBHOOKS`), and the secret their bodies are signed with.
    public var webhooks: [Webhook] = []
    public var webhookSecret: String?
    /// The SMS gateway of the reporter's text messages (`FENGQIAO_SMS_URL`); nil: none are written.
    public var smsGateway: SMSGateway?
    /// A bearer token that opens `/metrics` (see `MetricsController`); nil: loopback callers only in production.
    public var metricsToken: String?
    /// The folder the nightly backups are written to (`FENGQIAO_BACKUP_DIR`), which `fengqiao doctor` checks.
    public var backupDirectory: String?
    /// How log lines are written: JSON objects (production default) or text.
    public var logFormat: LogFormat = .text
    /// TLS terminates in front of the app (nginx): answers carry `Strict-Transport-Security`.
    public var behindTLS: Bool = false
    /// The addresses of reverse proxies whose `X-Forwarded-For` names the client (`ClientAddressMiddleware`).
    public var trustedProxies: [String] = []
    /// How far back hotspots look (`FENGQIAO_HOTSPOT_WINDOW_HOURS`, 72 by default; docs/HOTSPOTS.md).
    public var hotspotWindowHours: Int = 72

    /// Cookies are marked `Secure` (sent over HTTPS only) in production and whenever TLS terminates in front.
    public var secureCookies: Bool { mode == .production || behindTLS }

    /// Only for development: production mode refuses to start with it.
    public static let developmentSessionSecret = "fengqiao-development-secret-never-use-in-production"

    /// One setting: its name, what it takes (in both languages) and its default.
    public struct Setting: Sendable {
        public let key: String
        public let meaning: Localized
        public let defaultValue: String
    }

    /// Every setting: the single source for `fengqiao config`, the README and error messages.
    public static let settings: [Setting] = [
        Setting(
            key: "FENGQIAO_MODE", meaning: Localized(zh: "development 或 production", en: "development | production"),
            defaultValue: "development"),
        Setting(
            key: "FENGQIAO_DATABASE_URL",
            meaning: Localized(
                zh: "sqlite:文件路径 或 postgres://用户:密码@主机:端口/数据库",
                en: "sqlite:PATH | postgres://user:pass@host:port/db"),
            defaultValue: "sqlite:\(DatabaseLocation.defaultSQLitePath)"),
        Setting(
            key: "FENGQIAO_DATABASE_POOL_SIZE",
            meaning: Localized(zh: "连接池大小，1到64", en: "connections in the pool, 1–64"), defaultValue: "4"),
        Setting(
            key: "FENGQIAO_HOSTNAME", meaning: Localized(zh: "监听地址", en: "address to listen on"),
            defaultValue: "127.0.0.1"),
        Setting(
            key: "FENGQIAO_PORT", meaning: Localized(zh: "监听端口，1到65535", en: "port to listen on, 1–65535"),
            defaultValue: "8080"),
        Setting(
            key: "FENGQIAO_SESSION_SECRET",
            meaning: Localized(zh: "至少32个字符；生产模式必填", en: "at least 32 characters; required in production"),
            defaultValue: "(development value)"),
        Setting(
            key: "FENGQIAO_PERSON_KEY",
            meaning: Localized(
                zh: "可选，至少32个字符：跨案件识别当事人的密钥；未设置时由会话密钥派生，轮换会话密钥前应先设置",
                en: "optional, at least 32 characters: the key people are recognised across cases by; derived from "
                    + "the session secret when unset, so set it before rotating that one"),
            defaultValue: "(derived from the session secret)"),
        Setting(
            key: "FENGQIAO_LOG_LEVEL",
            meaning: Localized(
                zh: "trace、debug、info、notice、warning、error 或 critical",
                en: "trace | debug | info | notice | warning | error | critical"),
            defaultValue: "info"),
        Setting(
            key: "FENGQIAO_AUTO_MIGRATE",
            meaning: Localized(zh: "true 或 false：serve 时自动升级数据库结构", en: "true | false: migrate on serve"),
            defaultValue: "false"),
        Setting(
            key: "FENGQIAO_CALENDAR_FILE",
            meaning: Localized(
                zh: "工作日历文件（CSV：date,kind,name；kind 为 holiday 或 workday）",
                en: "working calendar file (CSV: date,kind,name; kind holiday | workday)"),
            defaultValue: "(built-in: calendar/cn-mainland.csv, 2025–2026)"),
        Setting(
            key: "FENGQIAO_WORKING_HOURS",
            meaning: Localized(
                zh: "工作时间，如 08:30-12:00,13:30-17:30；留空表示工作日全天计时",
                en: "working hours, e.g. 08:30-12:00,13:30-17:30; empty: whole working days count"),
            defaultValue: ""),
        Setting(
            key: "FENGQIAO_SCHEDULER",
            meaning: Localized(
                zh: "true 或 false：serve 时同时运行时限调度（另有 fengqiao worker 时可关闭）",
                en: "true | false: run the deadline scheduler inside serve (off when fengqiao worker runs it)"),
            defaultValue: "true"),
        Setting(
            key: "FENGQIAO_SCHEDULER_INTERVAL",
            meaning: Localized(
                zh: "时限调度最长间隔秒数，1到3600", en: "longest pause of the deadline scheduler in seconds, 1–3600"),
            defaultValue: "20"),
        Setting(
            key: "FENGQIAO_HOTSPOT_WINDOW_HOURS",
            meaning: Localized(
                zh: "热点发现的时间窗口（小时），1到720", en: "how far back hotspots look, in hours, 1–720"),
            defaultValue: "72"),
        Setting(
            key: "FENGQIAO_WEBHOOKS",
            meaning: Localized(
                zh: "案件通知的接收地址，逗号分隔的 名称=https://主机/路径", en: "case notification receivers: name=https://host/path,…"),
            defaultValue: ""),
        Setting(
            key: "FENGQIAO_WEBHOOK_SECRET",
            meaning: Localized(
                zh: "签名密钥，至少16个字符；生产模式设置了接收地址时必填",
                en: "signing secret, at least 16 characters; required in production when webhooks are set"),
            defaultValue: ""),
        Setting(
            key: "FENGQIAO_SMS_URL",
            meaning: Localized(
                zh: "短信网关地址 http(s)://主机/路径（群众的短信通知；未设置则不发短信）",
                en: "SMS gateway URL http(s)://host/path (the reporter's text messages; unset: none are sent)"),
            defaultValue: ""),
        Setting(
            key: "FENGQIAO_SMS_TOKEN",
            meaning: Localized(
                zh: "短信网关的令牌（Bearer），至少16个字符", en: "bearer token for the SMS gateway, at least 16 characters"),
            defaultValue: ""),
        Setting(
            key: "FENGQIAO_METRICS_TOKEN",
            meaning: Localized(
                zh: "访问 /metrics 的令牌（Bearer），至少16个字符；未设置时生产模式只对本机开放",
                en: "bearer token for /metrics, at least 16 characters; unset: loopback callers only in production"),
            defaultValue: ""),
        Setting(
            key: "FENGQIAO_BACKUP_DIR",
            meaning: Localized(
                zh: "备份目录（deploy/backup.sh 写入，fengqiao doctor 检查最新备份）",
                en: "backup folder (deploy/backup.sh writes it; fengqiao doctor checks the newest backup)"),
            defaultValue: ""),
        Setting(
            key: "FENGQIAO_LOG_FORMAT",
            meaning: Localized(zh: "json 或 text", en: "json | text"),
            defaultValue: "text (development), json (production)"),
        Setting(
            key: "FENGQIAO_BEHIND_TLS",
            meaning: Localized(
                zh: "true 或 false：前面有终止 TLS 的反向代理（nginx），发送 HSTS，Cookie 只走 HTTPS",
                en: "true | false: TLS terminates in a proxy in front (nginx): send HSTS, HTTPS-only cookies"),
            defaultValue: "false"),
        Setting(
            key: "FENGQIAO_TRUSTED_PROXIES",
            meaning: Localized(
                zh: "可信反向代理的 IP 地址，逗号分隔；来自它们的请求按 X-Forwarded-For 识别真实客户端地址",
                en: "IP addresses of trusted reverse proxies, comma-separated: their X-Forwarded-For names the client"),
            defaultValue: ""),
    ]

    /// Reads the configuration. `file` is the text of a config file (`KEY=VALUE` lines, `#` comments), if any.
    public static func load(
        environment: [String: String], file: String? = nil,
        readFile: (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(ConfigurationError)
        -> AppConfiguration
    {
        var values = try file.map { text throws(ConfigurationError) in try parseFile(text) } ?? [:]
        for (key, value) in environment where key.hasPrefix("FENGQIAO_") { values[key] = value }
        let reader = Reader(values: values)

        let mode = try reader.value("FENGQIAO_MODE", default: Mode.development) { Mode(rawValue: $0) }
        let database = try reader.value(
            "FENGQIAO_DATABASE_URL", default: DatabaseLocation.sqlite(path: DatabaseLocation.defaultSQLitePath)
        ) { try? DatabaseLocation(parsing: $0) }
        let poolSize = try reader.value("FENGQIAO_DATABASE_POOL_SIZE", default: 4) {
            Int($0).flatMap { (1...64).contains($0) ? $0 : nil }
        }
        let hostname = try reader.value("FENGQIAO_HOSTNAME", default: "127.0.0.1") {
            $0.isEmpty || $0.contains(" ") ? nil : $0
        }
        let port = try reader.value("FENGQIAO_PORT", default: 8080) {
            Int($0).flatMap { (1...65535).contains($0) ? $0 : nil }
        }
        let logLevel = try reader.value("FENGQIAO_LOG_LEVEL", default: Logger.Level.info) {
            Logger.Level(rawValue: $0.lowercased())
        }
        let autoMigrate = try reader.value("FENGQIAO_AUTO_MIGRATE", default: false) { parseBool($0) }
        let secret = try reader.value("FENGQIAO_SESSION_SECRET", default: developmentSessionSecret) {
            $0.count >= 32 ? $0 : nil
        }
        let scheduler = try reader.value("FENGQIAO_SCHEDULER", default: true) { parseBool($0) }
        let behindTLS = try reader.value("FENGQIAO_BEHIND_TLS", default: false) { parseBool($0) }
        let trustedProxies = try reader.value("FENGQIAO_TRUSTED_PROXIES", default: [String]()) { text in
            let list = text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
            return list.allSatisfy { !$0.contains(" ") && $0.count <= 64 } ? list : nil
        }
        let schedulerInterval = try reader.value("FENGQIAO_SCHEDULER_INTERVAL", default: 20) {
            Int($0).flatMap { (1...3600).contains($0) ? $0 : nil }
        }
        let hotspotWindowHours = try reader.value("FENGQIAO_HOTSPOT_WINDOW_HOURS", default: 72) {
            Int($0).flatMap { (1...720).contains($0) ? $0 : nil }
        }
        let workingHours = try reader.value("FENGQIAO_WORKING_HOURS", default: WorkingCalendar.WorkingHours.wholeDay) {
            $0.isEmpty ? .wholeDay : WorkingCalendar.WorkingHours(code: $0)
        }
        let calendarFile = values["FENGQIAO_CALENDAR_FILE"].map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        var entries = WorkingCalendar.mainland.entries
        if let calendarFile {
            guard let text = readFile(calendarFile) else {
                throw ConfigurationError(
                    key: "FENGQIAO_CALENDAR_FILE", value: calendarFile,
                    reason: Localized(zh: "无法读取该文件。", en: "the file cannot be read."))
            }
            do {
                entries = try WorkingCalendar.parse(csv: text)
            } catch {
                throw ConfigurationError(
                    key: "FENGQIAO_CALENDAR_FILE", value: calendarFile, reason: error.message)
            }
        }
        let calendar = WorkingCalendar(entries: entries, workingHours: workingHours)
        let operations = try OperationsSettings.read(values, mode: mode)
        let sms = try SMSGateway.read(values)
        if mode == .production && secret == developmentSessionSecret {
            throw ConfigurationError(
                key: "FENGQIAO_SESSION_SECRET", value: nil,
                reason: Localized(
                    zh: "生产模式必须设置自己的会话密钥（至少32个字符），不能使用默认值。",
                    en: "production mode needs its own session secret (32 characters or more), not the default."))
        }
        var configuration = AppConfiguration(
            mode: mode, database: database, databasePoolSize: poolSize, hostname: hostname, port: port,
            sessionSecret: secret, logLevel: logLevel, autoMigrate: autoMigrate, calendar: calendar,
            calendarFile: calendarFile, scheduler: scheduler, schedulerInterval: schedulerInterval)
        operations.apply(to: &configuration)
        configuration.smsGateway = sms
        configuration.behindTLS = behindTLS
        configuration.trustedProxies = trustedProxies
        configuration.personKeySecret = try reader.value("FENGQIAO_PERSON_KEY", default: String?.none) {
            $0.count >= 32 ? $0 : nil
        }
        configuration.hotspotWindowHours = hotspotWindowHours
        return configuration
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }

    static func parseFile(_ text: String) throws(ConfigurationError) -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError(
                    key: "line \(index + 1)", value: line,
                    reason: Localized(zh: "配置文件每行应为 键=值。", en: "each line of the file must be KEY=VALUE."))
            }
            let key = String(line[..<equals]).trimmingWhitespace
            var value = String(line[line.index(after: equals)...]).trimmingWhitespace
            if value.count >= 2, value.first == "\"", value.last == "\"" {
                value = String(value.dropFirst().dropLast())
            }
            guard settings.contains(where: { $0.key == key }) else {
                throw ConfigurationError(
                    key: key, value: nil,
                    reason: Localized(zh: "未知的配置项（第\(index + 1)行）。", en: "unknown setting (line \(index + 1))."))
            }
            values[key] = value
        }
        return values
    }

    private struct Reader {
        let values: [String: String]

        func value<T>(_ key: String, default defaultValue: T, _ parse: (String) -> T?) throws(ConfigurationError) -> T {
            guard let text = values[key] else { return defaultValue }
            guard let parsed = parse(text.trimmingWhitespace) else {
                let expected = AppConfiguration.settings.first { $0.key == key }?.meaning
                throw ConfigurationError(
                    key: key, value: AppConfiguration.secretKeys.contains(key) ? nil : text,
                    reason: Localized(zh: "应为\(expected?.zh ?? "")。", en: "expected \(expected?.en ?? "")."))
            }
            return parsed
        }
    }
}

/// A configuration value that stops the start. The message names the setting (and its value, unless secret).
public struct ConfigurationError: UserFacingError, Equatable, CustomStringConvertible {
    public var key: String
    public var value: String?
    public var reason: Localized

    public init(key: String, value: String?, reason: Localized) {
        self.key = key
        self.value = value
        self.reason = reason
    }

    public var code: String { "configuration.invalid" }

    public var message: Localized {
        let shown = value.map { "“\($0)”" } ?? ""
        let shownEn = value.map { " \"\($0)\"" } ?? ""
        return Localized(
            zh: "配置项 \(key) 的值\(shown)无效：\(reason.zh)",
            en: "Invalid value\(shownEn) for \(key): \(reason.en)")
    }

    public var description: String { message.zh + "\n" + message.en }
}
