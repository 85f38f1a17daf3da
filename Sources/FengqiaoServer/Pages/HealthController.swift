import FengqiaoStore
import Hummingbird

/// `/healthz`: the process is up. `/readyz`: the database answers and its schema is the one this build expects.
struct HealthController {
    let database: Database
    let migrator: Migrator

    struct Health: ResponseEncodable {
        let status: String
    }

    struct Readiness: ResponseEncodable {
        let status: String
        let database: String
        let schemaVersion: Int?
        let expectedSchemaVersion: Int
        let reason: String?
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.healthz)) { _, _ in Health(status: "ok") }
        router.get(RouterPath(Paths.readyz)) { _, _ in await readiness() }
    }

    func readiness() async -> EditedResponse<Readiness> {
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
                return EditedResponse(
                    status: .ok,
                    response: Readiness(
                        status: "ready", database: engine, schemaVersion: version, expectedSchemaVersion: expected,
                        reason: nil))
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
