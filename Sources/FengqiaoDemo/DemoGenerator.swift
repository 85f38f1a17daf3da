import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

/// `fengqiao generate`: fills a database quickly with many realistic cases of the demo county (a million in minutes
/// on a release build), for benchmarks and load tests.
///
/// The cases are the demo cases (`DemoCases`: scripts replayed through the real lifecycle), made slice by slice of
/// the 12 months in time order, so that case ids and numbers follow registration time as they would in production.
/// Each slice is written by `CaseBulkLoader`, which builds exactly the rows `CaseWriter` builds, many per statement.
/// While one slice is written the next is generated and replayed: the two cores both work.
public struct DemoGenerator: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// The demo county's directory in this database: the county is written now when the database is empty;
    /// otherwise it must be the one `seed-demo` wrote, found by region code, organisation name and username.
    public func directory(
        for county: DemoCounty = .generate(), now: Date
    ) async throws -> (directory: DemoDirectory, seeded: StructureWriter.Counts?) {
        let seeder = DemoSeeder(services: services)
        if try await seeder.databaseIsEmpty() {
            let counts = try await seeder.seed(county, now: now)
            let directory = try DemoDirectory(
                county: county, regionIDs: counts.regionIDs, organisationIDs: counts.organisationIDs,
                userIDs: counts.userIDs)
            return (directory, counts)
        }
        var regionIDs: [String: Region.ID] = [:]
        for spec in county.regions {
            guard let region = try await services.regions.find(code: spec.code) else {
                throw DemoGeneratorError.notDemoCounty(missing: "region \(spec.code)")
            }
            regionIDs[spec.code] = region.id
        }
        var organisationIDs: [String: Organisation.ID] = [:]
        for spec in county.organisations {
            guard let organisation = try await services.organisations.find(name: spec.name) else {
                throw DemoGeneratorError.notDemoCounty(missing: "organisation \(spec.name)")
            }
            organisationIDs[spec.key] = organisation.id
        }
        var userIDs: [String: User.ID] = [:]
        for spec in county.users {
            guard let user = try await services.users.find(username: spec.username) else {
                throw DemoGeneratorError.notDemoCounty(missing: "user \(spec.username)")
            }
            userIDs[spec.username] = user.id
        }
        let directory = try DemoDirectory(
            county: county, regionIDs: regionIDs, organisationIDs: organisationIDs, userIDs: userIDs)
        return (directory, nil)
    }

    /// What was made.
    public struct Report: Sendable, Equatable {
        public var cases = 0
        public var events = 0
    }

    /// Generates and writes `count` cases registered over the 12 months before `now`, `sliceSize` per slice of
    /// the year, `casesPerTransaction` per transaction. `seed` makes the run repeatable; slices use consecutive seeds.
    public func generate(
        count: Int, directory: DemoDirectory, endingAt now: Date, seed: UInt64, sliceSize: Int = 20_000,
        casesPerTransaction: Int = 5_000, progress: @Sendable (Report) -> Void = { _ in }
    ) async throws -> Report {
        let slices = Self.slices(count: count, sliceSize: sliceSize, endingAt: now)
        guard !slices.isEmpty else { return Report() }
        let loader = CaseBulkLoader(database: services.database, personKey: services.personKey)
        // The other systems' references (12345, 110, court…) carry a number: start past every case already there,
        // so that neither the slices nor an earlier run repeat one.
        let referenceBase = try await services.cases.count()
        let firsts = slices.indices.map { index in slices[..<index].reduce(referenceBase) { $0 + $1.count } }
        let generate = { @Sendable (index: Int) -> [CaseScript] in
            DemoCases.generate(
                directory: directory, count: slices[index].count, endingAt: now, seed: seed &+ UInt64(index),
                registeredWithin: slices[index].window, referenceBase: firsts[index])
        }
        var report = Report()
        var written = Report()
        var usedCodes = Set<String>()
        var generating: Task<[CaseScript], Never>? = Task { generate(0) }
        var writing: (task: Task<Void, any Error>, made: Report)?
        do {
            for index in slices.indices {
                var scripts = await generating?.value ?? []
                generating = index + 1 < slices.count ? Task { [index] in generate(index + 1) } : nil
                Self.makeTrackingCodesUnique(&scripts, used: &usedCodes)
                // Replayed while the previous slice is being written.
                let prepared = try await prepare(&scripts, with: loader, used: &usedCodes)
                if let (task, made) = writing {
                    try await task.value
                    written.cases += made.cases
                    written.events += made.events
                    progress(written)
                }
                let made = Report(cases: prepared.count, events: prepared.eventCount)
                writing = (Task { try await loader.write(prepared, casesPerTransaction: casesPerTransaction) }, made)
                report.cases += made.cases
                report.events += made.events
            }
            if let (task, _) = writing { try await task.value }
            progress(report)
        } catch {
            generating?.cancel()
            _ = try? await writing?.task.value
            throw error
        }
        return report
    }

    /// Prepares a slice; a tracking code already in the database is replaced and the slice prepared again.
    private func prepare(
        _ scripts: inout [CaseScript], with loader: CaseBulkLoader, used: inout Set<String>
    ) async throws -> CaseBulkLoader.Prepared {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            do {
                return try await loader.prepare(scripts)
            } catch CaseBulkLoadError.trackingCodeTaken(let code) {
                for index in scripts.indices where scripts[index].trackingCode == code {
                    var replacement = CaseNumbering.trackingCode(using: &generator)
                    while !used.insert(replacement).inserted {
                        replacement = CaseNumbering.trackingCode(using: &generator)
                    }
                    scripts[index].trackingCode = replacement
                }
            }
        }
        return try await loader.prepare(scripts)
    }

    /// Tracking codes are unique within a slice; across slices of one run this keeps them so.
    static func makeTrackingCodesUnique(_ scripts: inout [CaseScript], used: inout Set<String>) {
        var generator = SystemRandomNumberGenerator()
        for index in scripts.indices where !used.insert(scripts[index].trackingCode).inserted {
            var replacement = CaseNumbering.trackingCode(using: &generator)
            while !used.insert(replacement).inserted { replacement = CaseNumbering.trackingCode(using: &generator) }
            scripts[index].trackingCode = replacement
        }
    }

    /// The slices of the year: one (the whole year, with hotspots, exactly like `seed-demo`) for up to `sliceSize`
    /// cases; otherwise slices of equal counts whose lengths follow the demo's density (recent months busier, up to
    /// 1.6 times the oldest), so the whole run has the same shape as one demo year.
    static func slices(count: Int, sliceSize: Int, endingAt now: Date) -> [(count: Int, window: ClosedRange<Date>?)] {
        guard count > 0 else { return [] }
        guard count > sliceSize else { return [(count, nil)] }
        let parts = (count + sliceSize - 1) / max(1, sliceSize)
        let year: TimeInterval = 365 * 86_400
        let start = now - year
        let growth = 0.6
        func boundary(_ fraction: Double) -> Date {
            start + year * (((1 + growth * (2 + growth) * fraction).squareRoot() - 1) / growth)
        }
        return (0..<parts).map { part in
            let size = count / parts + (part < count % parts ? 1 : 0)
            return (size, boundary(Double(part) / Double(parts))...boundary(Double(part + 1) / Double(parts)))
        }
    }
}

public enum DemoGeneratorError: UserFacingError, Equatable {
    case notDemoCounty(missing: String)

    public var code: String { "generate.not_demo_county" }

    public var message: Localized {
        switch self {
        case .notDemoCounty(let missing):
            Localized(
                zh: "生成案件需要演示县：请在空数据库上运行，或先运行 fengqiao seed-demo（缺少 \(missing)）。",
                en: "Generated cases need the demo county: run on an empty database, or after fengqiao seed-demo "
                    + "(missing \(missing)).")
        }
    }
}
