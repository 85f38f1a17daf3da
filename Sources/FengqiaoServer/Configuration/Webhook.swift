import AsyncHTTPClient
import Crypto
import FengqiaoCore
import FengqiaoStore
import Foundation
import Logging
import NIOCore

/// One receiver of case notifications, from `FENGQIAO_WEBHOOKS` (`name=https://host/path`).
public struct Webhook: Sendable, Equatable {
    /// Stable name: the outbox keeps one row per event and webhook name (rename one and it starts afresh).
    public var name: String
    public var url: String

    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }

    /// `name=url` pairs separated by commas; names of 1–40 letters, digits, `-` or `_`, each once; http(s) URLs with
    /// a host. Nil when any pair is malformed; empty text is no webhook.
    public static func parseList(_ text: String) -> [Webhook]? {
        var hooks: [Webhook] = []
        for part in text.split(separator: ",") {
            let pair = String(part).trimmingWhitespace
            if pair.isEmpty { continue }
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            let name = String(pair[..<equals]).trimmingWhitespace
            let url = String(pair[pair.index(after: equals)...]).trimmingWhitespace
            guard (1...40).contains(name.count),
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
                !hooks.contains(where: { $0.name == name }),
                let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                let host = parsed.host, !host.isEmpty
            else { return nil }
            hooks.append(Webhook(name: name, url: url))
        }
        return hooks
    }
}
