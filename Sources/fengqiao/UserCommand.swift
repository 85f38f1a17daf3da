import ArgumentParser
import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage staff accounts.",
        subcommands: [Add.self, Passwd.self, Disable.self, Enable.self, List.self])

    /// Reads a new password: prompted twice without echo at a terminal, one line from standard input otherwise.
    static func readNewPassword() throws -> String {
        let password: String
        if isatty(STDIN_FILENO) != 0 {
            guard let first = getpass("新密码 / New password: ").map({ String(cString: $0) }),
                let second = getpass("再输一次 / Again: ").map({ String(cString: $0) }), first == second
            else {
                Console.fail(Localized(zh: "两次输入的密码不一致。", en: "The passwords do not match."))
                throw ExitCode.failure
            }
            password = first
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        do {
            try UserRules.validatePassword(password)
        } catch {
            Console.fail(error.message)
            throw ExitCode.failure
        }
        return password
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from standard input (prompted at a terminal).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Sign-in name: letters, digits, . _ -") var username: String
        @Option(help: "The person's name, e.g. 张伟") var name: String
        @Option(help: "Mobile phone number") var phone: String?
        @Option(
            name: .customLong("grant"),
            help: "ROLE:ORGANISATION:REGION_CODE, repeatable; ROLE is one of \(Role.allCases.map(\.rawValue))")
        var grants: [String]

        func run() async throws {
            let parsed = try await Console.reportingUserErrors { try grants.map { try GrantArgument(parsing: $0) } }
            let password = try readNewPassword()
            try await global.withServices { services in
                var roleGrants: [RoleGrant] = []
                for grant in parsed {
                    let organisation: Organisation? =
                        if let id = Int64(grant.organisation) {
                            try await services.organisations.find(id: Organisation.ID(id))
                        } else {
                            try await services.organisations.find(name: grant.organisation)
                        }
                    guard let organisation else { throw OrganisationError.notFound }
                    guard let region = try await services.regions.find(code: grant.regionCode) else {
                        throw StoreError.notFound("region code \(grant.regionCode)")
                    }
                    roleGrants.append(
                        RoleGrant(role: grant.role, organisationID: organisation.id, jurisdictionID: region.id))
                }
                let user = try await services.users.create(
                    NewUser(username: username, displayName: name, phone: phone, grants: roleGrants),
                    passwordHash: Passwords.hash(password), now: services.clock.now())
                Console.say(Localized(zh: "已添加用户 \(user.username)。", en: "Added user \(user.username)."))
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password (read from standard input).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The username") var username: String

        func run() async throws {
            let password = try readNewPassword()
            try await global.withServices { services in
                try await services.users.setPasswordHash(
                    username: username, to: Passwords.hash(password), now: services.clock.now())
                Console.say(Localized(zh: "已更新 \(username) 的密码。", en: "Password of \(username) updated."))
            }
        }
    }

    /// Disables or enables an account; both commands are this with a different flag.
    static func setDisabled(_ disabled: Bool, username: String, global: GlobalOptions) async throws {
        try await global.withServices { services in
            try await services.users.setDisabled(username: username, disabled, now: services.clock.now())
            Console.say(
                disabled
                    ? Localized(zh: "已停用 \(username)。", en: "\(username) disabled.")
                    : Localized(zh: "已启用 \(username)。", en: "\(username) enabled."))
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer sign in.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The username") var username: String

        func run() async throws { try await setDisabled(true, username: username, global: global) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The username") var username: String

        func run() async throws { try await setDisabled(false, username: username, global: global) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts with their roles.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.withServices { services in
                for user in try await services.users.list() {
                    let roles = user.grants.map(\.role.rawValue).joined(separator: ",")
                    print("\(user.username)\t\(user.displayName)\t\(roles)\(user.disabled ? "\t(停用 disabled)" : "")")
                }
            }
        }
    }
}
