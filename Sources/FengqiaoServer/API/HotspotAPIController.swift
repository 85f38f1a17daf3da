import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/hotspots` (热点发现): the current hotspots in the caller's jurisdiction, one hotspot, and the three
/// actions (merge into a 主办 case, dispatch once, not related). The same `HotspotService` as the pages.
struct HotspotAPIController {
    let hotspots: HotspotService

    struct CaseItem: Codable, Sendable {
        let id: Int64
        let number: String
        let title: String
        let channel: Channel
        let state: CaseState
        let registeredAt: Date
        let url: String
    }

    struct ActionItem: Codable, Sendable {
        let kind: String
        let caseIds: [Int64]
        let leadCaseId: Int64?
        let organisationId: Int64?
        let note: String?
        let by: String
        let at: Date
    }

    struct HotspotResource: ResponseEncodable, Codable, Sendable {
        let id: Int64
        let keywords: [String]
        let size: Int
        let reporterCount: Int
        let channels: [Channel]
        let places: [String]
        let firstReportedAt: Date
        let lastReportedAt: Date
        let state: String
        let stateName: LocalizedText
        let hiddenCount: Int
        let cases: [CaseItem]
        let actions: [ActionItem]

        init(_ view: HotspotView) {
            id = view.id.rawValue
            keywords = view.hotspot.keywords
            size = view.hotspot.size
            reporterCount = view.hotspot.reporterCount
            channels = view.channels
            places = view.places
            firstReportedAt = view.firstReported
            lastReportedAt = view.lastReported
            state = view.state.rawValue
            stateName = LocalizedText(view.state.name)
            hiddenCount = view.hiddenCount
            cases = view.cases.map {
                CaseItem(
                    id: $0.id.rawValue, number: $0.number, title: $0.title, channel: $0.channel, state: $0.state,
                    registeredAt: $0.createdAt, url: Paths.caseFile($0.id))
            }
            actions = view.actions.map {
                ActionItem(
                    kind: $0.kind.rawValue, caseIds: $0.caseIDs.map(\.rawValue), leadCaseId: $0.leadCaseID?.rawValue,
                    organisationId: $0.organisationID?.rawValue, note: $0.note, by: $0.username, at: $0.at)
            }
        }
    }

    struct HotspotList: ResponseEncodable {
        let items: [HotspotResource]
    }

    struct OutcomeResource: ResponseEncodable {
        struct Skipped: Codable, Sendable {
            let caseId: Int64
            let reason: LocalizedText
        }
        let hotspot: Int64
        let changed: [Int64]
        let skipped: [Skipped]
    }

    struct MergeBody: Decodable { let leadCaseId: Int64 }
    struct DispatchBody: Decodable {
        let organisationId: Int64
        let note: String?
    }
    struct NotRelatedBody: Decodable {
        let caseIds: [Int64]?
        let wholeCluster: Bool?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("hotspots") { request, context in
            let identity = try Self.reader(context)
            let strict = StrictQuery(request.uri.queryParameters)
            let channel = try strict.value("channel", as: Channel.self)
            let state = try strict.value("state", as: HotspotView.State.self)
            let keyword = request.uri.queryParameters.get("keyword")
            let views = try await hotspots.list(for: identity, at: context.now).filter { view in
                (channel.map { view.channels.contains($0) } ?? true) && (state.map { view.state == $0 } ?? true)
                    && (keyword.map { word in view.hotspot.keywords.contains { $0.contains(word) } } ?? true)
            }
            return HotspotList(items: views.map(HotspotResource.init))
        }
        group.get("hotspots/:id") { _, context in
            let identity = try Self.reader(context)
            return HotspotResource(try await found(context, identity))
        }
        group.post("hotspots/:id/merge") { request, context in
            let identity = try Self.actor(context)
            let body = try await request.decodeBody(as: MergeBody.self, context: context)
            let view = try await found(context, identity)
            guard body.leadCaseId > 0 else { throw HotspotError.leadCase }
            let outcome = try await hotspots.merge(
                view, into: Case.ID(body.leadCaseId), by: identity, at: context.now)
            return Self.resource(view, outcome)
        }
        group.post("hotspots/:id/dispatch") { request, context in
            let identity = try Self.actor(context)
            let body = try await request.decodeBody(as: DispatchBody.self, context: context)
            let view = try await found(context, identity)
            guard body.organisationId > 0 else { throw HotspotError.organisation }
            let outcome = try await hotspots.dispatch(
                view, to: Organisation.ID(body.organisationId), note: body.note, by: identity, at: context.now)
            return Self.resource(view, outcome)
        }
        group.post("hotspots/:id/not-related") { request, context in
            let identity = try Self.actor(context)
            let body = try await request.decodeBody(as: NotRelatedBody.self, context: context)
            let view = try await found(context, identity)
            let named = body.caseIds.map { $0.map { Case.ID($0) } }
            if body.wholeCluster == true, named != nil { throw HotspotError.caseIDs }
            if body.wholeCluster != true, named?.isEmpty ?? true { throw HotspotError.caseIDs }
            let outcome = try await hotspots.notRelated(
                view, cases: body.wholeCluster == true ? nil : named, by: identity, at: context.now)
            return Self.resource(view, outcome)
        }
    }

    private static func resource(_ view: HotspotView, _ outcome: HotspotOutcome) -> OutcomeResource {
        OutcomeResource(
            hotspot: view.id.rawValue, changed: outcome.changed.map(\.rawValue),
            skipped: outcome.skipped.map { .init(caseId: $0.id.rawValue, reason: LocalizedText($0.reason)) })
    }

    private static func reader(_ context: AppRequestContext) throws -> Identity {
        let identity = try context.requireIdentity()
        guard !identity.roles.isDisjoint(with: HotspotRoles.read) else { throw APIError.forbidden }
        return identity
    }

    private static func actor(_ context: AppRequestContext) throws -> Identity {
        let identity = try context.requireIdentity()
        guard !identity.roles.isDisjoint(with: HotspotRoles.act) else { throw APIError.forbidden }
        return identity
    }

    private func found(_ context: AppRequestContext, _ identity: Identity) async throws -> HotspotView {
        guard let id = context.parameters.get("id").flatMap(Int64.init), id > 0,
            let view = try await hotspots.find(Case.ID(id), for: identity, at: context.now)
        else { throw APIError.notFound }
        return view
    }
}
