import FengqiaoCore
import FengqiaoStore
import Foundation

/// Loads the demo county into an empty database, in one transaction: all of it or nothing.
public struct DemoSeeder: Sendable {
    let services: AppServices
    /// bcrypt cost for the demo accounts: lower than for real accounts, so that seeding stays quick.
    let passwordCost: UInt8

    public init(services: AppServices, passwordCost: UInt8 = 10) {
        self.services = services
        self.passwordCost = passwordCost
    }

    /// Whether the database already holds regions (then `seed-demo --if-empty` leaves it alone).
    public func databaseIsEmpty() async throws -> Bool {
        try await services.regions.count() == 0
    }

    public func seed(_ county: DemoCounty = .generate(), now: Date) async throws -> DemoWriter.Counts {
        // Hash outside the transaction: bcrypt is slow and the write lock should be held briefly.
        var hashes: [String: String] = [:]
        for user in county.users { hashes[user.username] = Passwords.hash(DemoCounty.demoPassword, cost: passwordCost) }
        return try await DemoWriter.write(county, hashes: hashes, now: now, into: services.database)
    }
}
