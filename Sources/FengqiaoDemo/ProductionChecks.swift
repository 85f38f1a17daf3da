import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

/// What production mode refuses to serve with: credentials anyone can read in the README. The demo county's
/// accounts share one published password and its Open311 key is printed by `seed-demo`; a database that still
/// holds either is refused at start, with the commands that fix it.
public struct ProductionChecks: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// One credential that must not be live in production.
    public struct Finding: Sendable, Equatable {
        public let what: String
        public let fix: String
    }

    /// The active accounts whose password is the published demo password, and the demo Open311 key if it is live.
    /// Accounts made from the demo seeder (the demo usernames, or hashed below the cost real accounts get) are
    /// checked; a password set by `fengqiao user` or the administrator pages can never be the demo password
    /// (`UserRules`), so the check stays quick on a county with many accounts.
    public func findings() async throws -> [Finding] {
        let demoUsernames = Set(DemoCounty.generate().users.map(\.username))
        var findings: [Finding] = []
        for user in try await services.users.list() where !user.disabled {
            let suspicious =
                demoUsernames.contains(user.username)
                || (Passwords.cost(of: user.passwordHash) ?? 0) < Passwords.defaultCost
            guard suspicious else { continue }
            if Passwords.verify(DemoCounty.demoPassword, hash: user.passwordHash) {
                findings.append(
                    Finding(
                        what: "user \(user.username)",
                        fix: "fengqiao user passwd \(user.username)   # or: fengqiao user disable \(user.username)"))
            }
        }
        if let key = try await services.open311Keys.find(key: DemoSeeder.open311DemoKey) {
            findings.append(
                Finding(what: "Open311 key \(key.id) (\(key.label))", fix: "fengqiao open311-key revoke --id \(key.id)")
            )
        }
        return findings
    }

    /// The refusal `serve` prints: every finding with its fix, in both languages.
    public static func refusal(_ findings: [Finding]) -> Localized {
        let lines = findings.map { "  \($0.what): \($0.fix)" }.joined(separator: "\n")
        return Localized(
            zh: "生产模式拒绝启动：以下账号仍使用公开的演示密码（或演示 Open311 密钥仍有效），请先修改或停用：\n\(lines)",
            en: "Production mode refuses to start: these accounts still have the published demo password (or the "
                + "demo Open311 key is live); change or disable them first:\n\(lines)")
    }
}
