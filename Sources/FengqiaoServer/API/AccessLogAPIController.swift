import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/access-log`: who saw personal data in clear, or exported it, and when. Administrators only, each the
/// entries that concern their jurisdiction (as on `/admin/access-log`): of the `limit` latest, those.
struct AccessLogAPIController {
    let regions: RegionRepository
    let accessLog: AccessLogRepository
    /// Which entries concern the reader's jurisdiction (`AdminScope.concerning`).
    let users: UserRepository
    let cases: CaseRepository

    struct EntryResource: Codable, Sendable {
        let at: Date
        let userID: User.ID?
        let username: String
        let action: String
        let caseID: Case.ID?
        let detail: String
        let requestID: String?
    }

    struct EntryList: ResponseEncodable {
        let items: [EntryResource]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("access-log") { request, context in
            let identity = try context.requireIdentity()
            guard identity.user.holds(.admin) else { throw APIError.forbidden }
            let limit = Int(try StrictQuery(request.uri.queryParameters).integer("limit", in: 1...1000) ?? 100)
            let scope = try await AdminScope.load(for: identity, regions)
            return EntryList(
                items: try await scope.concerning(
                    try await accessLog.recent(limit: limit), users: users, cases: cases
                ).map {
                    $0.entry
                }.map {
                    EntryResource(
                        at: $0.at, userID: $0.userID, username: $0.username, action: $0.action, caseID: $0.caseID,
                        detail: $0.detail, requestID: $0.requestID)
                })
        }
    }
}
