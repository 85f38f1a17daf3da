import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Category catalogue")
struct CategoryRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("a new database starts with exactly the default catalogue", arguments: TestEngine.available)
    func defaults(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            #expect(try await CategoryRepository(database: database).list() == CategoryCatalogue.defaults)
            #expect(Set(CategoryCatalogue.defaults.map(\.domain)) == Set(GovernanceDomain.allCases))
            for category in CategoryCatalogue.defaults { try category.validate() }
        }
    }

    @Test(
        "administrators add, rename and retire categories; a retired one is no longer offered",
        arguments: TestEngine.available)
    func editing(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let categories = CategoryRepository(database: database)
            var parking = Category(
                code: "livelihood.parking", domain: .livelihood, name: Localized(zh: "停车纠纷", en: "Parking"),
                disputeType: .neighbour)
            try await categories.save(parking)
            #expect(try await categories.list().last == parking)
            parking.name = Localized(zh: "小区停车纠纷", en: "Estate parking")
            parking.active = false
            try await categories.save(parking)
            #expect(try await !categories.list().contains { $0.code == parking.code })
            #expect(try await categories.list(includeRetired: true).contains(parking))
            await #expect(throws: CategoryError.invalidCode("Parking")) {
                try await categories.save(
                    Category(code: "Parking", domain: .livelihood, name: Localized(zh: "停车", en: ""), disputeType: nil))
            }
        }
    }

    @Test("a case can only be filed and assessed under an active category", arguments: TestEngine.available)
    func casesUseActiveCategories(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let cases = CaseRepository(database: database)
            var intake = world.intake()
            intake.categoryCode = "livelihood.neighbour"
            let created = try await cases.create(
                intake, idempotencyKey: "ok", receivingCenter: world.center.id, by: world.desk, at: now,
                trackingCode: "CATEG23456")
            #expect(created.case.categoryCode == "livelihood.neighbour")
            intake.categoryCode = "livelihood.martian"
            await #expect(throws: CategoryError.unknown("livelihood.martian")) {
                try await cases.create(
                    intake, idempotencyKey: "bad", receivingCenter: world.center.id, by: world.desk, at: now,
                    trackingCode: "CATEG23457")
            }
            await #expect(throws: CategoryError.unknown("livelihood.martian")) {
                try await cases.act(
                    .assess(
                        categoryCode: "livelihood.martian", urgency: .urgent, difficulty: .simple,
                        competentLevel: .township),
                    on: created.case.id, expectedVersion: nil, by: world.desk, at: now)
            }
        }
    }
}
