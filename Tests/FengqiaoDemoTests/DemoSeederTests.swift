import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Testing

@testable import FengqiaoServer

@Suite("Demo seeding")
struct DemoSeederTests {
    @Test("demo cases go through the real lifecycle: every case file verifies and the whole loop is represented")
    func demoCases() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fengqiao-seed-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Database.open(.sqlite(path: folder.appendingPathComponent("seed.sqlite").path))
        let services = AppServices(configuration: try AppConfiguration.load(environment: [:]), database: database)
        do {
            try await services.migrator.migrate()
            let seeder = DemoSeeder(services: services, passwordCost: 4)
            let county = DemoCounty.generate()
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            let written = try await seeder.seed(county, now: now)
            let made = try await seeder.seedCases(county, written: written, count: 400, endingAt: now)
            #expect(made == 400)
            // The demo's risk stories (`DemoRisk`): five cases in each township beside the generated ones.
            let riskCases = 5 * county.structure.regions.filter { $0.level == .township }.count
            #expect(try await services.cases.count() == 400 + riskCases)
            let report = try await CaseChainVerifier(database: database).verifyAll()
            #expect(report.casesChecked == 400 + riskCases && report.problems.isEmpty)
            #expect(report.eventsChecked > 1600)

            let everywhere = CaseRepository.Visibility(
                jurisdictionPaths: [
                    try #require(try await services.regions.path(of: written.regionIDs[county.regions[0].code]!))
                ],
                organisationIDs: [])
            let all =
                try await services.cases.list(.init(), visibleTo: everywhere, limit: 200, after: nil)
                + services.cases.list(.init(), visibleTo: everywhere, limit: 200, after: Case.ID(201))
            let states = Set(all.map(\.state))
            for state in [CaseState.registered, .dispatched, .inProgress, .closed, .withdrawn] {
                #expect(states.contains(state), "no demo case is \(state.rawValue)")
            }
            #expect(Set(all.map(\.channel)) == Set(Channel.allCases))
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
