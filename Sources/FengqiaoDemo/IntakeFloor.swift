import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

/// The floor under intake, for `make bench`: the rows one API create writes (the case, its registration event,
/// its organisations, its search text, its idempotency key), built by the same `CaseRows`, inserted straight into the
/// database one transaction each (`CaseBulkLoader.write` with one case per transaction). No HTTP, no JSON parsing,
/// no token lookup, no lifecycle checks in the timed part: what is left is the database's commit cost.
public struct IntakeFloor: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// The intake `scripts/bench/intake.lua` posts: one request's worth of a case.
    public static func benchIntake(regionID: Region.ID) -> Intake {
        Intake(
            channel: .window, sourceReference: nil, title: "邻居装修噪音扰民",
            description: "楼上邻居每天晚上十点后仍在装修，多次沟通无果。", categoryCode: nil, urgency: .troublesome,
            kind: .request, regionID: regionID, address: nil,
            parties: [Party(role: .reporter, name: "张三丰", phone: "13812341234", idNumber: nil, address: nil)],
            attachments: [], anonymous: false)
    }

    public struct Result: Sendable {
        public let cases: Int
        public let seconds: Double
        public var perSecond: Double { Double(cases) / max(seconds, 1e-9) }
    }

    /// Inserts `count` intake cases as `username` in `regionCode`, one transaction each, and times the inserts.
    public func run(count: Int, username: String, regionCode: String) async throws -> Result {
        guard let user = try await services.users.find(username: username) else {
            throw StoreError.notFound("user \(username)")
        }
        guard let region = try await services.regions.find(code: regionCode) else {
            throw StoreError.notFound("region \(regionCode)")
        }
        let actor = try await ActorFactory(regions: services.regions).actor(for: user)
        guard let path = try await services.regions.path(of: region.id),
            let center = try await services.organisations.nearestCenter(for: region.id)?.id
        else { throw StoreError.notFound("center for \(regionCode)") }
        var generator = SystemRandomNumberGenerator()
        var codes = Set<String>()
        let run = UUID().uuidString.lowercased()
        let now = Date()
        let scripts = (0..<count).map { index in
            var code = CaseNumbering.trackingCode(using: &generator)
            while !codes.insert(code).inserted { code = CaseNumbering.trackingCode(using: &generator) }
            return CaseScript(
                intake: Self.benchIntake(regionID: region.id), regionPath: path, registeredBy: actor,
                registeredAt: now, receivingCenter: center, steps: [],
                idempotencyKey: "floor-\(run)-\(index)", trackingCode: code)
        }
        let loader = CaseBulkLoader(database: services.database, personKey: services.personKey)
        let prepared = try await loader.prepare(scripts)
        let start = ContinuousClock.now
        try await loader.write(prepared, casesPerTransaction: 1)
        let elapsed = ContinuousClock.now - start
        return Result(
            cases: count,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
