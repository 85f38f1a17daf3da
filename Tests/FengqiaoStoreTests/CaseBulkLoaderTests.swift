import FengqiaoCore
import FengqiaoDemo
import FengqiaoTestSupport
import Foundation
import SQLKit
import Testing

@testable import FengqiaoStore

@Suite("CaseBulkLoader")
struct CaseBulkLoaderTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// The demo county, written into `database`, and the directory the demo scripts need.
    func demoCounty(in database: Database) async throws -> DemoDirectory {
        let county = DemoCounty.generate()
        let hashes = Dictionary(uniqueKeysWithValues: county.users.map { ($0.username, "hash") })
        let counts = try await StructureWriter.write(county.structure, hashes: hashes, now: now, into: database)
        return try DemoDirectory(
            county: county, regionIDs: counts.regionIDs, organisationIDs: counts.organisationIDs,
            userIDs: counts.userIDs)
    }

    /// The normal path, as `seed-demo` takes it: `CaseWriter.create`, then every step through `act` or `merge`.
    func writeOneByOne(_ scripts: [CaseScript], into database: Database) async throws {
        var ids: [Int: Case.ID] = [:]
        for (index, script) in scripts.enumerated() {
            let earlier = ids
            ids[index] = try await CaseRepository(database: database).write { writer in
                let created = try await writer.create(
                    script.intake, idempotencyKey: script.idempotencyKey, receivingCenter: script.receivingCenter,
                    by: script.registeredBy, at: script.registeredAt, trackingCode: script.trackingCode)
                for step in script.steps {
                    if let master = step.mergeInto {
                        _ = try await writer.merge(
                            created.case.id, into: try #require(earlier[master]), expectedVersion: nil, by: step.actor,
                            at: step.at)
                    } else {
                        _ = try await writer.act(
                            step.command, on: created.case.id, expectedVersion: nil, by: step.actor, at: step.at)
                    }
                }
                return created.case.id
            }
        }
    }

    @Test(
        "bulk-loaded cases are row for row what the normal path writes, and their chains verify",
        arguments: TestEngine.available)
    func sameRowsAsNormalPath(engine: TestEngine) async throws {
        try await engine.withDatabase { normal in
            try await engine.withDatabase { bulk in
                let directory = try await demoCounty(in: normal)
                #expect(try await demoCounty(in: bulk) == directory)
                // Both paths write the outbox rows of the subscribed webhooks.
                for database in [normal, bulk] {
                    try await OutboxRepository(database: database).subscribe(["crm", "sms"], at: now)
                }
                let scripts = DemoCases.generate(directory: directory, count: 100, endingAt: now)
                #expect(scripts.contains { $0.steps.contains { $0.mergeInto != nil } })
                #expect(scripts.contains { $0.intake.sourceReference != nil })

                try await writeOneByOne(scripts, into: normal)
                let loader = CaseBulkLoader(database: bulk)
                let prepared = try await loader.prepare(scripts)
                #expect(prepared.count == scripts.count)
                // Small transactions and a case split across them: the rows must not depend on the batching.
                try await loader.write(prepared, casesPerTransaction: 7)

                let expected = try await TableDump.read(normal)
                let loaded = try await TableDump.read(bulk)
                #expect(loaded.cases.count == scripts.count)
                #expect(loaded.cases.count == expected.cases.count)
                // Case by case, so that a difference names the case instead of printing them all.
                for (bulkCase, normalCase) in zip(loaded.cases, expected.cases) where bulkCase != normalCase {
                    Issue.record("case \(normalCase.row.id) differs: \(TableDump.difference(bulkCase, normalCase))")
                    break
                }
                #expect(loaded.events.count == expected.events.count)
                for (bulkEvent, normalEvent) in zip(loaded.events, expected.events) where bulkEvent != normalEvent {
                    Issue.record("event differs: \(bulkEvent) ≠ \(normalEvent)")
                    break
                }
                #expect(loaded.organisations == expected.organisations)
                #expect(!expected.metricOrganisations.isEmpty)
                #expect(loaded.metricOrganisations == expected.metricOrganisations)
                #expect(loaded.search == expected.search)
                #expect(loaded.keys == expected.keys)
                #expect(loaded.counters == expected.counters)
                // Row ids follow the writing order, which differs: compare everything else, in one order.
                func outbox(_ database: Database) async throws -> [String] {
                    try await OutboxRepository(database: database).entries().map {
                        "\($0.caseID.rawValue) \($0.sequence) \($0.webhook) \($0.kind) \($0.createdAt) "
                            + "\($0.nextAttemptAt) \($0.attempts) \($0.payload)"
                    }.sorted()
                }
                let expectedOutbox = try await outbox(normal)
                #expect(!expectedOutbox.isEmpty)
                #expect(try await outbox(bulk) == expectedOutbox)

                let report = try await CaseChainVerifier(database: bulk).verifyAll()
                #expect(report.casesChecked == scripts.count && report.problems.isEmpty)
            }
        }
    }

    @Test(
        "a batch that repeats an earlier one is refused whole, and a new case after it is numbered on",
        arguments: TestEngine.available)
    func refusesRepeatedBatch(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let directory = try await demoCounty(in: database)
            let scripts = DemoCases.generate(directory: directory, count: 30, endingAt: now)
            let loader = CaseBulkLoader(database: database)
            try await loader.load(scripts)
            await #expect(throws: CaseBulkLoadError.idempotencyKeyTaken(scripts[0].idempotencyKey)) {
                try await loader.load(scripts)
            }
            var renamed = scripts
            for index in renamed.indices { renamed[index].idempotencyKey += "-again" }
            let codes = Set(scripts.map(\.trackingCode))
            await #expect {
                try await loader.load(renamed)
            } throws: { error in
                guard case .trackingCodeTaken(let code) = error as? CaseBulkLoadError else { return false }
                return codes.contains(code)
            }
            let cases = CaseRepository(database: database)
            #expect(try await cases.count() == scripts.count)
            let script = scripts[0]
            let next = try await cases.create(
                script.intake, idempotencyKey: "after-bulk", receivingCenter: script.receivingCenter,
                by: script.registeredBy, at: script.registeredAt, trackingCode: "AFTERBULK2")
            #expect(next.isNew && next.case.id.rawValue == Int64(scripts.count + 1))
        }
    }
}

/// Every row a case occupies, read back for comparison. Snapshots and facts are compared as values: facts hold a set,
/// whose JSON order is not fixed.
struct TableDump: Equatable {
    struct CaseRow: Decodable, Equatable {
        var id: Int64
        var number: String
        var trackingCode: String
        var version: Int64
        var state: String
        var channel: String
        var sourceReference: String?
        var title: String
        var categoryCode: String?
        var urgency: String
        var kind: String
        var regionId: Int64
        var regionPath: String
        var holderOrganisationId: Int64?
        var reporterPhoneLast4: String?
        var snapshot: String
        var headHash: String
        var facts: String
        var metricFlags: Int64
        var resolvedAt: Int64?
        var createdAt: Int64
        var updatedAt: Int64

        enum CodingKeys: String, CodingKey {
            case id
            case number
            case trackingCode = "tracking_code"
            case version
            case state
            case channel
            case sourceReference = "source_reference"
            case title
            case categoryCode = "category_code"
            case urgency
            case kind
            case regionId = "region_id"
            case regionPath = "region_path"
            case holderOrganisationId = "holder_organisation_id"
            case reporterPhoneLast4 = "reporter_phone_last4"
            case snapshot
            case headHash = "head_hash"
            case facts
            case metricFlags = "metric_flags"
            case resolvedAt = "resolved_at"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }
    }

    struct ComparableCase: Equatable {
        var row: CaseRow
        var snapshot: Case
        var facts: CaseFacts
    }

    struct EventRow: Decodable, Equatable {
        var caseId: Int64
        var sequence: Int64
        var at: Int64
        var change: String
        var actorUserId: Int64?
        var actorOrganisationId: Int64?
        var payload: String
        var previousHash: String
        var hash: String

        enum CodingKeys: String, CodingKey {
            case caseId = "case_id"
            case sequence
            case at
            case change
            case actorUserId = "actor_user_id"
            case actorOrganisationId = "actor_organisation_id"
            case payload
            case previousHash = "previous_hash"
            case hash
        }
    }

    /// The fields in which two cases differ, named.
    static func difference(_ a: ComparableCase, _ b: ComparableCase) -> String {
        var parts: [String] = []
        if a.row != b.row { parts.append("row: \(a.row) ≠ \(b.row)") }
        if a.facts != b.facts { parts.append("facts: \(a.facts) ≠ \(b.facts)") }
        if a.snapshot != b.snapshot {
            for (left, right) in zip(Mirror(reflecting: a.snapshot).children, Mirror(reflecting: b.snapshot).children)
            where "\(left.value)" != "\(right.value)" {
                parts.append("snapshot.\(left.label ?? "?"): \(left.value) ≠ \(right.value)")
            }
        }
        return parts.joined(separator: "; ")
    }

    var cases: [ComparableCase]
    var events: [EventRow]
    var organisations: [[Int64]]
    var metricOrganisations: [[Int64]]
    var search: [String]
    var keys: [String]
    var counters: [String]

    static func read(_ database: Database) async throws -> TableDump {
        let engine = database.engine
        return try await database.withConnection { sql in
            let cases = try await sql.raw("SELECT * FROM cases ORDER BY id").all().map { row in
                var caseRow = try row.decode(model: CaseRow.self)
                let snapshot = try CaseCodec.decoder.decode(Case.self, from: Data(caseRow.snapshot.utf8))
                let facts = try CaseCodec.decoder.decode(CaseFacts.self, from: Data(caseRow.facts.utf8))
                caseRow.snapshot = ""
                caseRow.facts = ""
                return ComparableCase(row: caseRow, snapshot: snapshot, facts: facts)
            }
            let events = try await sql.raw("SELECT * FROM case_events ORDER BY case_id, sequence").all().map {
                try $0.decode(model: EventRow.self)
            }
            let organisations = try await sql.raw(
                "SELECT case_id, organisation_id FROM case_organisations ORDER BY case_id, organisation_id"
            ).all().map {
                [
                    try $0.decode(column: "case_id", as: Int64.self),
                    try $0.decode(column: "organisation_id", as: Int64.self),
                ]
            }
            let metricOrganisations = try await sql.raw(
                """
                SELECT case_id, organisation_id, created_at, metric_flags FROM case_metric_organisations
                ORDER BY case_id, organisation_id
                """
            ).all().map { row in
                try ["case_id", "organisation_id", "created_at", "metric_flags"].map {
                    try row.decode(column: $0, as: Int64.self)
                }
            }
            let searchQuery: SQLQueryString =
                engine == .sqlite
                ? "SELECT rowid AS case_id, body FROM case_search ORDER BY rowid"
                : "SELECT case_id, body FROM case_search ORDER BY case_id"
            let search = try await sql.raw(searchQuery).all().map {
                "\(try $0.decode(column: "case_id", as: Int64.self)) \(try $0.decode(column: "body", as: String.self))"
            }
            let keys = try await sql.raw("SELECT key, case_id, created_at FROM idempotency_keys ORDER BY key").all()
                .map {
                    "\(try $0.decode(column: "key", as: String.self)) \(try $0.decode(column: "case_id", as: Int64.self)) "
                        + "\(try $0.decode(column: "created_at", as: Int64.self))"
                }
            let counters = try await sql.raw("SELECT name, value FROM counters ORDER BY name").all().map {
                "\(try $0.decode(column: "name", as: String.self))=\(try $0.decode(column: "value", as: Int64.self))"
            }
            return TableDump(
                cases: cases, events: events, organisations: organisations,
                metricOrganisations: metricOrganisations, search: search, keys: keys,
                counters: counters)
        }
    }
}
