import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

/// `fengqiao open311-key`: the `api_key`s of Open311 GeoReport v2 clients (docs/OPEN311.md).
struct Open311KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open311-key", abstract: "Open311 GeoReport v2 API keys (api_key of POST requests).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an Open311 key acting as a user and print it (shown only this once).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The user whose roles the key acts under, e.g. county.center") var user: String
        @Option(help: "What the key is for, e.g. the city app") var label = ""
        @Option(help: "The channel its reports arrive by (default citizenReport), e.g. hotline12345")
        var channel: String?

        func run() async throws {
            let chosen: Channel?
            if let channel {
                guard let known = Channel(rawValue: channel) else {
                    throw ValidationError(
                        "channel: one of " + Channel.allCases.map(\.rawValue).joined(separator: ", "))
                }
                chosen = known
            } else {
                chosen = nil
            }
            try await global.withServices { services in
                guard let found = try await services.users.find(username: user), !found.disabled else {
                    throw UserError.notFound(user)
                }
                print(
                    try await services.open311Keys.create(
                        for: found.id, label: label, channel: chosen, at: services.clock.now()))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List Open311 keys (never the keys themselves).")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.withServices { services in
                for key in try await services.open311Keys.list() {
                    let user = try await services.users.find(id: key.userID)?.username ?? "?"
                    let state = key.revoked ? "revoked" : "live"
                    print(
                        "\(key.id)\t\(user)\t\((key.channel ?? .citizenReport).rawValue)\t\(state)\t\(key.label)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke one Open311 key by its number (list).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The key's number, as open311-key list prints it") var id: Int64

        func run() async throws {
            try await global.withServices { services in
                guard try await services.open311Keys.revoke(id: id) else {
                    Console.fail(Localized(zh: "没有编号为 \(id) 的密钥。", en: "No key numbered \(id)."))
                    throw ExitCode.failure
                }
                Console.say(Localized(zh: "已吊销密钥 \(id)。", en: "Key \(id) revoked."))
            }
        }
    }
}
