import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens for systems and scripts.",
        subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user and print it (shown only this once).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The user the token acts as") var user: String
        @Option(help: "What the token is for, e.g. 12345 hotline bridge") var label = ""

        func run() async throws {
            try await global.withServices { services in
                guard let found = try await services.users.find(username: user) else { throw UserError.notFound(user) }
                guard !found.disabled else { throw UserError.notFound(user) }
                print(try await services.tokens.create(for: found.id, label: label, at: services.clock.now()))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every API token of a user.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The user whose tokens to revoke") var user: String

        func run() async throws {
            try await global.withServices { services in
                guard let found = try await services.users.find(username: user) else { throw UserError.notFound(user) }
                try await services.tokens.revokeAll(for: found.id)
                Console.say(Localized(zh: "已吊销 \(user) 的全部令牌。", en: "All tokens of \(user) revoked."))
            }
        }
    }
}
