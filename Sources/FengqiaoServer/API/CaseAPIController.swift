import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/cases`: intake from every channel, the case and its file, commands, and the jurisdiction's list.
/// Every route checks who is asking (bearer token) and what their jurisdiction lets them see.
struct CaseAPIController {
    let cases: CaseRepository
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let files: FileRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    let caseActions: CaseActionsFactory

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("cases", use: create)
        group.get("cases", use: list)
        group.get("cases/:id", use: show)
        group.get("cases/:id/events", use: events)
        // Each action is its own operation of the contract (`CaseActionAPI`); any other name is a 404 here.
        group.post("cases/:id/actions/:action", use: unknownAction)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CaseResource> {
        let identity = try context.requireIdentity()
        guard let key = request.headers[.init("Idempotency-Key")!], !key.isEmpty else {
            throw APIError.badRequest(
                "request.idempotency_key_required",
                Localized(
                    zh: "请在 Idempotency-Key 头中提供幂等键，重试时用同一个键，就不会产生第二个案件。",
                    en: "Send an Idempotency-Key header; retrying with the same key never makes a second case."))
        }
        let body = try await request.decodeBody(as: IntakeRequest.self, context: context)
        guard let region = try await regions.find(code: body.regionCode) else {
            throw APIError(
                status: .unprocessableContent, code: "case.unknown_region",
                message: Localized(
                    zh: "区划或网格代码“\(body.regionCode)”不存在。", en: "No region or grid with code \"\(body.regionCode)\"."))
        }
        var attachments: [Attachment] = []
        for requested in body.attachments ?? [] {
            // Only files this user uploaded: a hash learnt elsewhere (another township's photo) is refused exactly
            // like one never uploaded.
            guard let stored = try await files.upload(sha256: requested.sha256, by: identity.user.id)
            else { throw FileError.notUploaded(requested.fileName) }
            attachments.append(
                Attachment(
                    fileName: requested.fileName, contentType: stored.contentType, size: stored.size,
                    sha256: stored.sha256))
        }
        let created = try await caseActions.at(context.now).register(
            body.intake(regionID: region.id, attachments: attachments), idempotencyKey: "\(identity.user.id):\(key)",
            by: identity.actor)
        let resource = try await resource(for: created.case, identity: identity, context: context, tracking: true)
        var response = EditedResponse(status: created.isNew ? .created : .ok, response: resource)
        response.headers[.location] = "/api/v1/cases/\(created.case.id)"
        return response
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> CaseResource {
        let identity = try context.requireIdentity()
        let found = try await visibleCase(context, identity)
        return try await resource(for: found, identity: identity, context: context, tracking: false)
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> CaseEventListResource {
        let identity = try context.requireIdentity()
        let found = try await visibleCase(context, identity)
        let file = try await CaseFileEntries.load(
            found, events: try await cases.events(of: found.id), organisations: organisations)
        return CaseEventListResource(items: file.lines.map(CaseEventResource.init))
    }

    /// An action name the contract has no operation for: registration has its own, time limits and alerts are
    /// the platform's, anything else does not exist.
    @Sendable func unknownAction(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        _ = try await visibleCase(context, identity)
        let name = try context.parameters.require("action")
        switch CaseAction(rawValue: name) {
        case .register:
            throw APIError.badRequest(
                "request.use_create", Localized(zh: "登记请用 POST /api/v1/cases。", en: "Register with POST /api/v1/cases.")
            )
        case .some(let action):
            throw CaseError.forbiddenRole(action)
        case nil:
            throw APIError(
                status: .notFound, code: "case.unknown_action",
                message: Localized(zh: "没有名为“\(name)”的操作。", en: "There is no action named \"\(name)\"."))
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> CaseListResource {
        let identity = try context.requireIdentity()
        let now = context.now
        let query = try await CaseListQuery.read(request.uri.queryParameters, regions: regions, now: now)
        let filter = query.filter
        let page = try await cases.list(
            filter, visibleTo: identity.visibility, limit: query.limit, after: query.after, offset: query.offset)
        // Lists stay masked: a clear view of personal data is one case at a time, and logged.
        let items = page.map {
            CaseResource(
                $0, showPersonalData: false, includeTrackingCode: false,
                availableActions: CasePermissions.availableActions(on: $0, by: identity.actor),
                calendar: calendar, now: now)
        }
        let full = page.count == query.limit
        return CaseListResource(
            items: items, total: try await cases.count(filter, visibleTo: identity.visibility),
            next: full && filter.order == .newest ? page.last?.id : nil,
            nextOffset: full && filter.order == .deadline ? query.offset + page.count : nil)
    }

    // MARK: Helpers

    /// The case named in the path, if the reader may see it; otherwise 404 (whether it exists is not revealed).
    private func visibleCase(_ context: AppRequestContext, _ identity: Identity) async throws -> Case {
        guard
            let found = try await caseActions.at(context.now).visible(
                context.parameters.get("id", as: Int64.self), to: identity)
        else { throw APIError.notFound }
        return found
    }

    private func resource(
        for current: Case, identity: Identity, context: AppRequestContext, tracking: Bool
    ) async throws -> CaseResource {
        try await caseActions.at(context.now).resource(
            of: current, to: identity, requestID: context.requestID, tracking: tracking)
    }
}
