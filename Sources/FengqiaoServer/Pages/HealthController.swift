import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/healthz`: the process is up. `/readyz`: the database answers and its schema is the one this build expects;
/// `warnings` says what needs attention without making the instance unready (the working calendar running out).
struct HealthController {
    let database: Database
    let migrator: Migrator
    let cases: CaseRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }

    struct Health: ResponseEncodable {
        let status: String
    }

    struct Readiness: ResponseEncodable {
        let status: String
        let database: String
        let schemaVersion: Int?
        let expectedSchemaVersion: Int
        let reason: String?
        var warnings: [String]? = nil
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.healthz)) { _, _ in Health(status: "ok") }
        router.get(RouterPath(Paths.readyz)) { _, context in await readiness(now: context.now) }
    }

    func readiness(now: Date) async -> EditedResponse<Readiness> {
        let engine = database.engine.rawValue
        let expected = migrator.expectedVersion
        func notReady(_ reason: String, version: Int? = nil) -> EditedResponse<Readiness> {
            EditedResponse(
                status: .serviceUnavailable,
                response: Readiness(
                    status: "not_ready", database: engine, schemaVersion: version, expectedSchemaVersion: expected,
                    reason: reason))
        }
        guard await database.ping() else { return notReady("database unreachable") }
        do {
            switch try await migrator.status() {
            case .current(let version):
                let check = Doctor.calendar(
                    calendar, latestDeadline: try await cases.latestOpenDeadline(), now: now)
                return EditedResponse(
                    status: .ok,
                    response: Readiness(
                        status: "ready", database: engine, schemaVersion: version, expectedSchemaVersion: expected,
                        reason: nil, warnings: check.status == .ok ? nil : ["calendar: \(check.detail.en)"]))
            case .behind(let current, _):
                return notReady("schema behind: run fengqiao migrate", version: current)
            case .ahead(let current, _):
                return notReady("schema ahead of this build", version: current)
            }
        } catch {
            return notReady("schema check failed")
        }
    }
}
