import FengqiaoCore
import FengqiaoServer
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

    public func seed(_ county: DemoCounty = .generate(), now: Date) async throws -> StructureWriter.Counts {
        // Hash outside the transaction: bcrypt is slow and the write lock should be held briefly.
        var hashes: [String: String] = [:]
        for user in county.users { hashes[user.username] = Passwords.hash(DemoCounty.demoPassword, cost: passwordCost) }
        let counts = try await StructureWriter.write(
            county.structure, hashes: hashes, now: now, into: services.database)
        if let center = counts.userIDs[Self.open311DemoUser] {
            try await services.open311Keys.register(
                Self.open311DemoKey, for: center, label: "demo Open311 client", channel: nil, at: now)
        }
        try await DemoKeyPersons.seed(county, services: services, now: now)
        return counts
    }

    /// The demo county's Open311 `api_key`, published like the demo passwords: it acts as `county.center`.
    public static let open311DemoKey = "o311_demo_339921_county_center"
    public static let open311DemoUser = "county.center"

    /// Adds about a year of cases to the demo county just written, by replaying generated scripts through the real
    /// lifecycle (`CaseWriter`: the same checks as the API), 100 cases per transaction. Returns how many were made.
    public func seedCases(
        _ county: DemoCounty, written: StructureWriter.Counts, count: Int, endingAt now: Date,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Int {
        let directory = try DemoDirectory(
            county: county, regionIDs: written.regionIDs, organisationIDs: written.organisationIDs,
            userIDs: written.userIDs)
        let scripts = DemoCases.generate(directory: directory, count: count, endingAt: now)
        var caseIDs: [Int: Case.ID] = [:]
        let batchSize = 100
        for start in stride(from: 0, to: scripts.count, by: batchSize) {
            let batch = Array(scripts[start..<min(start + batchSize, scripts.count)].enumerated())
            let earlier = caseIDs
            let made = try await services.cases.write { writer in
                var made: [Int: Case.ID] = [:]
                for (offset, script) in batch {
                    let created = try await writer.create(
                        script.intake, idempotencyKey: script.idempotencyKey, receivingCenter: script.receivingCenter,
                        by: script.registeredBy, at: script.registeredAt, trackingCode: script.trackingCode)
                    made[start + offset] = created.case.id
                    for step in script.steps {
                        if let masterIndex = step.mergeInto {
                            guard let master = made[masterIndex] ?? earlier[masterIndex] else {
                                throw StoreError.notFound("demo master case \(masterIndex)")
                            }
                            _ = try await writer.merge(
                                created.case.id, into: master, expectedVersion: nil, by: step.actor, at: step.at)
                        } else {
                            _ = try await writer.act(
                                step.command, on: created.case.id, expectedVersion: nil, by: step.actor, at: step.at)
                        }
                    }
                }
                return made
            }
            caseIDs.merge(made) { $1 }
            progress(caseIDs.count, scripts.count)
        }
        try await DemoRisk(services: services, directory: directory).seed(endingAt: now)
        return caseIDs.count
    }
}
