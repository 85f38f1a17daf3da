import Crypto
import FengqiaoCore
import FengqiaoStore
import Foundation
import Logging

/// 首次设置 on an empty database: the county, its center and the first administrator (`CountySetup`), from the web
/// (`/setup`) or the command line (`fengqiao setup`). The web form asks for a setup code that `serve` writes to its
/// log when it starts on a database without users (as a server's first-run password is found in its journal), so
/// that whoever reaches the page first cannot take the server: the code proves access to the machine. Only the
/// code's SHA-256 is stored (setting `setup.code`), so every instance sharing the database checks it; the last
/// instance started prints the valid one. Once a user exists, the page answers 404 and the command refuses.
public struct FirstRunSetup: Sendable {
    static let settingName = "setup.code"

    let users: UserRepository
    let settings: SettingsRepository
    let accessLog: AccessLogRepository
    let database: Database
    let passwords: PasswordHasher

    public init(services: AppServices) {
        self.init(
            users: services.users, settings: services.settings, accessLog: services.accessLog,
            database: services.database, passwords: services.passwords)
    }

    init(
        users: UserRepository, settings: SettingsRepository, accessLog: AccessLogRepository, database: Database,
        passwords: PasswordHasher
    ) {
        self.users = users
        self.settings = settings
        self.accessLog = accessLog
        self.database = database
        self.passwords = passwords
    }

    /// Whether the database has no user yet (the county is not set up).
    public func isNeeded() async throws -> Bool {
        try await users.count() == 0
    }

    /// On an empty database: a new setup code, stored as its hash, returned to be logged; nil once set up.
    public func prepareCode(now: Date) async throws -> String? {
        guard try await isNeeded() else { return nil }
        let code = Self.makeCode()
        try await settings.set(Self.settingName, to: Self.hash(code), by: nil, at: now)
        return code
    }

    /// Logs the setup code (when one is needed) with where to use it: called by `serve` at start.
    public static func announce(_ services: AppServices, logger: Logger) async throws {
        let setup = FirstRunSetup(services: services)
        guard let code = try await setup.prepareCode(now: services.clock.now()) else { return }
        logger.warning(
            """
            首次设置：数据库中还没有用户。请在浏览器中打开 /setup，并输入设置码 \(code) / \
            First-run setup: no user yet. Open /setup in a browser and enter the setup code \(code)
            """,
            metadata: ["setupCode": "\(code)", "path": "/setup"])
    }

    /// Checks the code typed on the page against the stored hash (in constant time).
    func codeMatches(_ typed: String) async throws -> Bool {
        guard let stored = try await settings.value(Self.settingName), !stored.isEmpty else { return false }
        let normalised = typed.trimmingWhitespace.uppercased()
        return CSRF.matches(Self.hash(normalised), stored)
    }

    /// Creates the county, its center and the first administrator in one transaction, then retires the setup code;
    /// refused (with every problem) when the form is wrong or a user already exists.
    public func perform(
        _ setup: CountySetup, password: String, confirmation: String? = nil, now: Date, requestID: String? = nil
    ) async throws -> User.ID {
        guard try await isNeeded() else { throw SetupProblems([.alreadySetUp]) }
        var problems = setup.problems()
        do { try UserRules.validatePassword(password) } catch { problems.append(.password(error)) }
        if let confirmation, confirmation != password { problems.append(.passwordMismatch) }
        guard problems.isEmpty else { throw SetupProblems(problems) }
        // bcrypt is deliberately slow: off the event loop, as at sign-in.
        let hash = try await passwords.hash(password)
        let counts = try await StructureWriter.write(
            setup.structure, hashes: [setup.adminUsername: hash], now: now, into: database)
        try await settings.set(Self.settingName, to: "", by: nil, at: now)
        let userID = counts.userIDs[setup.adminUsername]
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: now, userID: userID, username: setup.adminUsername, action: "setup.done", caseID: nil,
                detail: "county \(setup.countyCode) \(setup.countyName); center \(setup.centerName)",
                requestID: requestID))
        guard let userID else { throw StoreError.notFound("user \(setup.adminUsername)") }
        return userID
    }

    /// 20 characters in 5 groups from an alphabet without look-alikes (about 99 bits).
    static func makeCode() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<5).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }
            .joined(separator: "-")
    }

    static func hash(_ code: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(code.utf8)))
    }
}

/// Every problem of a refused setup at once; the first one's message stands for all in an API-style answer.
public struct SetupProblems: UserFacingError {
    public let problems: [SetupProblem]

    public init(_ problems: [SetupProblem]) { self.problems = problems }

    public var code: String { problems.first?.code ?? "setup.invalid" }

    public var message: Localized {
        Localized(
            zh: problems.map(\.message.zh).joined(separator: "\n"),
            en: problems.map(\.message.en).joined(separator: "\n"))
    }
}
