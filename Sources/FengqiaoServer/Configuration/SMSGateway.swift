import FengqiaoCore
import FengqiaoStore
import Foundation

/// The HTTP SMS gateway the reporter's text messages go to (`FENGQIAO_SMS_URL`, optional `FENGQIAO_SMS_TOKEN`):
/// each message is one `POST` of `SMSMessage` as JSON, answered 2xx once accepted. A small adapter in front of a
/// cloud SMS service (阿里云, 腾讯云, 华为云) speaks this shape; docs/NOTIFICATIONS.md gives theirs.
public struct SMSGateway: Sendable, Equatable {
    public var url: String
    /// Sent as `Authorization: Bearer …` when set.
    public var token: String?

    public init(url: String, token: String? = nil) {
        self.url = url
        self.token = token
    }

    /// The gateway the settings name; nil without `FENGQIAO_SMS_URL`. A URL that is not http(s) with a host, or a
    /// token shorter than 16 characters, stops the start.
    static func read(_ values: [String: String]) throws(ConfigurationError) -> SMSGateway? {
        func text(_ key: String) -> String? {
            values[key].map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        }
        let token = text("FENGQIAO_SMS_TOKEN")
        guard let url = text("FENGQIAO_SMS_URL") else {
            if token != nil {
                throw ConfigurationError(
                    key: "FENGQIAO_SMS_TOKEN", value: nil,
                    reason: Localized(
                        zh: "设置了令牌却没有设置 FENGQIAO_SMS_URL。", en: "a token without FENGQIAO_SMS_URL."))
            }
            return nil
        }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
            let host = parsed.host, !host.isEmpty, parsed.user == nil, parsed.password == nil
        else {
            throw ConfigurationError(
                key: "FENGQIAO_SMS_URL", value: url,
                reason: Localized(
                    zh: "应为短信网关的 http(s) 地址，含主机名，不含用户名和密码。",
                    en: "expected the SMS gateway's http(s) URL with a host and no user or password."))
        }
        if let token, token.count < 16 {
            throw ConfigurationError(
                key: "FENGQIAO_SMS_TOKEN", value: nil,
                reason: Localized(zh: "令牌至少16个字符。", en: "the token needs 16 characters or more."))
        }
        return SMSGateway(url: url, token: token)
    }

    /// The outbox channel its rows are written for.
    public static var channel: String { OutboxRepository.smsChannel }
}
