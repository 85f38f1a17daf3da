import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Testing

@testable import FengqiaoServer

@Suite("Demo key persons")
struct DemoKeyPersonsTests {
    @Test("the demo county has key persons of each class with named responsible staff, visits done and one overdue")
    func keyPersons() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fengqiao-kp-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Database.open(.sqlite(path: folder.appendingPathComponent("seed.sqlite").path))
        let services = AppServices(configuration: try AppConfiguration.load(environment: [:]), database: database)
        do {
            try await services.migrator.migrate()
            let county = DemoCounty.generate()
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            _ = try await DemoSeeder(services: services, passwordCost: 4).seed(county, now: now)
            let register = KeyPersonRepository(database: database, calendars: services.calendars)
            let counts = try await register.counts(within: ["/"])
            #expect(KeyPersonClass.allCases.allSatisfy { (counts[$0] ?? 0) > 0 })
            #expect(try await register.overdueCount(within: ["/"], at: now) > 0)
            let people = try await register.list(within: ["/"])
            #expect(people.allSatisfy { !$0.responsible.isEmpty && $0.responsible[0].hasSuffix(".grid") })
            let visited = try await register.visits(of: try #require(people.first { $0.personClass == .yellow }).id)
            #expect(visited.contains { $0.doneAt != nil })
            let rules = RiskRuleRepository(database: database)
            #expect(try await rules.riskModel(at: now).version == 1)
            #expect(try await rules.carePlan(at: now) == .standard)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
