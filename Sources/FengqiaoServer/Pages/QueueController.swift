import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// The queue workspaces: `/inbox` (department handlers: 接单 / 退单, then their cases with the clocks), `/grid`
/// (grid workers: their grid's open cases and the follow-up visits due) and `/mediation` (mediators: 点单 waiting
/// for them, and the mediations their organisation holds).
struct QueueController {
    let cases: CaseRepository
    let mediators: MediatorRepository
    let calendar: WorkingCalendar

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.inbox)).get(RouterPath(Paths.inbox)) {
            request, context in
            let identity = try context.requireIdentity()
            return HTMLPage(html: try await inbox(identity, context).render())
        }
        router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.grid)).get(RouterPath(Paths.grid)) {
            request, context in
            let identity = try context.requireIdentity()
            return HTMLPage(html: try await grid(identity, context).render())
        }
        router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.mediation)).get(RouterPath(Paths.mediation))
        { request, context in
            let identity = try context.requireIdentity()
            return HTMLPage(html: try await mediation(identity, context).render())
        }
    }

    private func nav(_ identity: Identity, _ context: AppRequestContext, _ path: String) -> StaffNav {
        StaffNav(identity: identity, context: context, current: path)
    }

    /// Cases held by or shared with the organisations of `roles`' grants, in the given states, nearest deadline first.
    private func organisationCases(
        _ identity: Identity, roles: Set<Role>, states: [CaseState]
    ) async throws -> [(Organisation.ID, Case)] {
        var result: [(Organisation.ID, Case)] = []
        var seen = Set<Case.ID>()
        let organisations = Set(identity.actor.grants.filter { roles.contains($0.role) }.map(\.organisationID))
        for organisation in organisations.sorted() {
            var filter = CaseRepository.Filter()
            filter.organisationID = organisation
            filter.states = states
            filter.order = .deadline
            for found in try await cases.list(
                filter, visibleTo: identity.visibility, limit: 200, after: nil)
            where seen.insert(found.id).inserted {
                result.append((organisation, found))
            }
        }
        return result
    }

    private func rows(_ cases: [Case], _ now: Date) -> [QueueRow] {
        cases.map { QueueRow($0, calendar: calendar, now: now) }
    }

    func inbox(_ identity: Identity, _ context: AppRequestContext) async throws -> QueuePage {
        let cases = try await organisationCases(
            identity, roles: WorkspaceRoles.inbox, states: [.dispatched, .accepted, .inProgress])
        func participant(_ pair: (Organisation.ID, Case)) -> Case.Participant? {
            pair.1.participants.first { $0.organisationID == pair.0 }
        }
        let waiting = cases.filter { participant($0).map { !$0.accepted } ?? false }.map(\.1)
        let mine = cases.filter { participant($0)?.accepted ?? false }.map(\.1)
        let s = WorkspaceStrings.self
        return QueuePage(
            language: context.language, nav: nav(identity, context, Paths.inbox), title: s.inboxTitle,
            path: Paths.inbox,
            sections: [
                .init(
                    heading: s.inboxWaiting, rows: QueueRow.triageOrder(rows(waiting, context.now)), id: "inbox-queue"),
                .init(heading: s.inboxMine, rows: rows(mine, context.now), id: "my-cases"),
            ])
    }

    func grid(_ identity: Identity, _ context: AppRequestContext) async throws -> QueuePage {
        var open = CaseRepository.Filter()
        open.states = CaseState.allCases.filter(\.isUnresolved)
        open.order = .deadline
        var resolved = CaseRepository.Filter()
        resolved.states = [.resolved]
        resolved.order = .deadline
        let visibility = CaseRepository.Visibility(
            jurisdictionPaths: identity.actor.grants.filter { $0.role == .gridWorker }.map(\.jurisdictionPath),
            organisationIDs: [])
        let s = WorkspaceStrings.self
        return QueuePage(
            language: context.language, nav: nav(identity, context, Paths.grid), title: s.gridTitle, path: Paths.grid,
            actions: [(s.gridReportButton, Paths.gridReport)],
            sections: [
                .init(
                    heading: s.gridFollowUps,
                    rows: rows(
                        try await cases.list(resolved, visibleTo: visibility, limit: 100, after: nil),
                        context.now),
                    id: "follow-ups", note: s.gridFollowUpsNote),
                .init(
                    heading: s.gridOpen,
                    rows: rows(
                        try await cases.list(open, visibleTo: visibility, limit: 100, after: nil), context.now),
                    id: "grid-cases"),
                .init(heading: s.gridRiskVisits, rows: [], id: "risk-visits", note: s.gridRiskVisitsNote),
            ])
    }

    func mediation(_ identity: Identity, _ context: AppRequestContext) async throws -> QueuePage {
        let me = try await mediators.find(userID: identity.user.id)
        var requested = CaseRepository.Filter()
        requested.states = [.registered, .assessed, .returned]
        requested.order = .deadline
        let asked = try await cases.list(requested, visibleTo: identity.visibility, limit: 200, after: nil)
            .filter { me != nil && $0.mediation.requestedMediator == me?.id }
        let held = try await organisationCases(
            identity, roles: WorkspaceRoles.mediation, states: [.dispatched, .accepted, .inProgress, .resolved]
        ).map(\.1)
        let s = WorkspaceStrings.self
        return QueuePage(
            language: context.language, nav: nav(identity, context, Paths.mediation), title: s.mediationTitle,
            path: Paths.mediation,
            sections: [
                .init(heading: s.mediationRequested, rows: rows(asked, context.now), id: "requested-mediations"),
                .init(
                    heading: s.mediationHeld, rows: rows(held, context.now), id: "my-mediations",
                    note: s.mediationHeldNote),
            ])
    }
}
