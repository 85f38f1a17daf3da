import FengqiaoCore
import FengqiaoStore
import Foundation

/// Who works with hotspots: the desk and the leader see them; only the desk (center staff, the administrator who may
/// use the desk) acts on them, and then only on cases the workflow lets them act on (`CasePermissions`).
enum HotspotRoles {
    static let read: Set<Role> = WorkspaceRoles.desk.union(WorkspaceRoles.dashboard)
    static let act: Set<Role> = WorkspaceRoles.desk
}

/// A hotspot as one reader may see it: the cases they may see (fresh from the database), how many more it holds
/// that they may not, and what was done with it.
struct HotspotView: Sendable {
    enum State: String, Sendable, Codable, CaseIterable {
        /// Found, nothing done yet.
        case new
        /// Its cases merged into one 主办 case.
        case merged
        /// Its open cases dispatched to one organisation.
        case dispatched

        var name: Localized {
            switch self {
            case .new: Localized(zh: "待处置", en: "New")
            case .merged: Localized(zh: "已合并", en: "Merged")
            case .dispatched: Localized(zh: "已派单", en: "Dispatched")
            }
        }
    }

    let hotspot: Hotspot
    /// The member cases the reader may see, oldest first.
    let cases: [Case]
    /// Members the reader may not see: only counted, never listed.
    let hiddenCount: Int
    let actions: [HotspotRepository.Action]
    /// Township, village and grid names of the visible cases, in order of appearance.
    let places: [String]
    /// Channels of the visible cases, in order of appearance.
    let channels: [Channel]

    var id: Case.ID { hotspot.id }
    var state: State {
        switch actions.last(where: { $0.kind != .notRelated })?.kind {
        case .merge: .merged
        case .dispatch: .dispatched
        default: .new
        }
    }
    var firstReported: Date { cases.first?.createdAt ?? hotspot.firstReported }
    var lastReported: Date { cases.last?.createdAt ?? hotspot.lastReported }
}

/// A refusal of a hotspot action, naming the field (zh-Hans and English).
struct HotspotError: UserFacingError {
    let code: String
    let message: Localized
    var kind: ErrorKind = .invalid

    static let leadCase = HotspotError(
        code: "hotspot.lead_case",
        message: Localized(
            zh: "主办案件（leadCaseId）须是本热点中您可查看的一件案件。",
            en: "leadCaseId must be one of this hotspot's cases that you may see."))
    static let organisation = HotspotError(
        code: "hotspot.organisation",
        message: Localized(
            zh: "承办单位（organisationId）不存在或已撤销。", en: "organisationId names no organisation in service."))
    static let note = HotspotError(
        code: "hotspot.note",
        message: Localized(zh: "派单说明（note）不能超过500字。", en: "note must be at most 500 characters."))
    static let caseIDs = HotspotError(
        code: "hotspot.case_ids",
        message: Localized(
            zh: "案件（caseIds）须是本热点中您可查看的案件。",
            en: "caseIds must be cases of this hotspot that you may see."))
    static let forbidden = HotspotError(
        code: "hotspot.forbidden",
        message: Localized(zh: "只有中心工作人员可以处置热点。", en: "Only center staff may act on hotspots."),
        kind: .forbidden)
}

/// What one hotspot action did: the cases changed, and the ones left as they were with the reason.
struct HotspotOutcome: Sendable {
    var changed: [Case.ID] = []
    var skipped: [(id: Case.ID, reason: Localized)] = []
}

/// Hotspots for one request: the instance's `HotspotCache` (computed from the database) narrowed to what the reader
/// may see, and the three actions, each running through `CaseActions` — one transaction per case with its event.
struct HotspotService: Sendable {
    let cache: HotspotCache
    let repository: HotspotRepository
    let organisations: OrganisationRepository
    let regions: RegionRepository
    let caseActions: CaseActionsFactory

    /// The current hotspots with at least one case the reader may see, newest report first.
    func list(for identity: Identity, at now: Date) async throws -> [HotspotView] {
        let hotspots = try await cache.hotspots(at: now)
        let cases = try await repository.cases(ids: hotspots.flatMap(\.caseIDs))
        let actions = Dictionary(grouping: try await repository.actions(of: hotspots.map(\.id)), by: \.hotspotID)
        var views: [HotspotView] = []
        for hotspot in hotspots {
            if let view = await view(hotspot, cases: cases, actions: actions[hotspot.id] ?? [], for: identity) {
                views.append(view)
            }
        }
        return views.sorted { ($0.lastReported, $0.id) > ($1.lastReported, $1.id) }
    }

    /// One hotspot by its identifier (its earliest case), or by any case it holds, or by a case an earlier action on
    /// that identifier touched (the identifier moves when the earliest case leaves the window); nil when the reader
    /// may see none of its cases.
    func find(_ id: Case.ID, for identity: Identity, at now: Date) async throws -> HotspotView? {
        var found = try await cache.hotspot(containing: id, at: now)
        if found == nil {
            let marked = try await repository.casesMarked(underHotspot: id)
            for action in try await repository.actions(of: [id]) + [
                .init(
                    hotspotID: id, kind: .notRelated, caseIDs: marked, userID: 0, username: "", at: now)
            ] {
                for caseID in action.caseIDs + [action.leadCaseID].compactMap({ $0 }) {
                    if let hotspot = try await cache.hotspot(containing: caseID, at: now) {
                        found = hotspot
                        break
                    }
                }
                if found != nil { break }
            }
        }
        guard let hotspot = found else { return nil }
        let cases = try await repository.cases(ids: hotspot.caseIDs)
        let ids = Array(Set([hotspot.id, id]))
        return await view(hotspot, cases: cases, actions: try await repository.actions(of: ids), for: identity)
    }

    private func view(
        _ hotspot: Hotspot, cases: [Case.ID: Case], actions: [HotspotRepository.Action], for identity: Identity
    ) async -> HotspotView? {
        let members = hotspot.caseIDs.compactMap { cases[$0] }
        let visible = members.filter { CaseVisibility.canView($0, by: identity.actor) }
        guard !visible.isEmpty else { return nil }
        var places: [String] = []
        var channels: [Channel] = []
        for current in visible {
            if !channels.contains(current.channel) { channels.append(current.channel) }
            if let item = await cache.item(current.id) {
                var names: [String] = []
                for code in [item.place.township, item.place.village, item.place.grid].compactMap({ $0 }) {
                    if let name = await cache.placeName(code) { names.append(name) }
                }
                let label = names.joined(separator: " · ")
                if !label.isEmpty && !places.contains(label) { places.append(label) }
            }
        }
        return HotspotView(
            hotspot: hotspot, cases: visible, hiddenCount: hotspot.caseIDs.count - visible.count, actions: actions,
            places: places, channels: channels)
    }

    // MARK: Actions

    private func requireActor(_ identity: Identity) throws {
        guard !identity.roles.isDisjoint(with: HotspotRoles.act) else { throw HotspotError.forbidden }
    }

    /// 合并: every other case of the hotspot the reader may see becomes a duplicate of `lead` (the existing merge, one
    /// transaction per case with its event); cases the workflow refuses are left and reported.
    func merge(
        _ view: HotspotView, into lead: Case.ID, by identity: Identity, at now: Date
    ) async throws
        -> HotspotOutcome
    {
        try requireActor(identity)
        guard view.cases.contains(where: { $0.id == lead }) else { throw HotspotError.leadCase }
        let actions = caseActions.at(now)
        var outcome = HotspotOutcome()
        for current in view.cases where current.id != lead && current.masterCaseID != lead {
            do {
                _ = try await actions.perform(.markDuplicate(of: lead), expectedVersion: nil, on: current, by: identity)
                outcome.changed.append(current.id)
            } catch let error as any UserFacingError {
                outcome.skipped.append((current.id, error.message))
            }
        }
        try await repository.record(
            .init(
                hotspotID: view.id, kind: .merge, leadCaseID: lead, caseIDs: outcome.changed, userID: identity.user.id,
                username: identity.user.username, at: now))
        return outcome
    }

    /// 派单: each open case of the hotspot that the reader may dispatch goes to `organisation` (the existing dispatch,
    /// one transaction per case with its event); the note naming the hotspot is kept with the hotspot's action.
    func dispatch(
        _ view: HotspotView, to organisation: Organisation.ID, note: String?, by identity: Identity, at now: Date
    ) async throws -> HotspotOutcome {
        try requireActor(identity)
        if let note, note.count > 500 { throw HotspotError.note }
        guard let found = try await organisations.find(id: organisation), !found.isRetired else {
            throw HotspotError.organisation
        }
        let level = try await regions.find(id: found.regionID)?.level ?? .township
        let actions = caseActions.at(now)
        var outcome = HotspotOutcome()
        for var current in view.cases {
            // A report not yet assessed (研判) is assessed first, as the desk's dispatch decision: its own category
            // and urgency, difficulty 一般, competent at the organisation's level (the existing assess action, its
            // own transaction and event).
            if current.state == .registered,
                CasePermissions.availableActions(on: current, by: identity.actor).contains(.assess)
            {
                do {
                    current = try await actions.perform(
                        .assess(
                            categoryCode: current.categoryCode, urgency: current.urgency, difficulty: .ordinary,
                            competentLevel: level), expectedVersion: nil, on: current, by: identity)
                } catch let error as any UserFacingError {
                    outcome.skipped.append((current.id, error.message))
                    continue
                }
            }
            guard CasePermissions.availableActions(on: current, by: identity.actor).contains(.dispatch) else {
                if current.state.isOpen && current.holderOrganisationID != organisation {
                    outcome.skipped.append((current.id, HotspotStrings.notDispatchable))
                }
                continue
            }
            do {
                _ = try await actions.perform(
                    .dispatch(lead: organisation, assisting: [], whistle: nil), expectedVersion: nil, on: current,
                    by: identity)
                outcome.changed.append(current.id)
            } catch let error as any UserFacingError {
                outcome.skipped.append((current.id, error.message))
            }
        }
        let named = HotspotStrings.dispatchNote(view.hotspot.keywords)
        let text = [named, note?.trimmingCharacters(in: .whitespacesAndNewlines)].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: "；")
        try await repository.record(
            .init(
                hotspotID: view.id, kind: .dispatch, organisationID: organisation, note: text, caseIDs: outcome.changed,
                userID: identity.user.id, username: identity.user.username, at: now))
        return outcome
    }

    /// 不相关: each named case (nil: every case the reader may see) is never clustered again with the hotspot's other
    /// cases. Remembered in `hotspot_exclusions`; every instance applies it at its next look.
    func notRelated(
        _ view: HotspotView, cases named: [Case.ID]?, by identity: Identity, at now: Date
    ) async throws
        -> HotspotOutcome
    {
        try requireActor(identity)
        let visible = Set(view.cases.map(\.id))
        let chosen = named ?? view.cases.map(\.id)
        guard !chosen.isEmpty, chosen.allSatisfy(visible.contains) else { throw HotspotError.caseIDs }
        var pairs: [HotspotExclusions.Pair] = []
        for id in Set(chosen) {
            for other in view.hotspot.caseIDs where other != id { pairs.append(.init(id, other)) }
        }
        try await repository.markNotRelated(pairs, hotspot: view.id, by: identity.user.id, at: now)
        try await repository.record(
            .init(
                hotspotID: view.id, kind: .notRelated, caseIDs: Array(Set(chosen)).sorted(), userID: identity.user.id,
                username: identity.user.username, at: now))
        return HotspotOutcome(changed: Array(Set(chosen)).sorted())
    }
}

extension HotspotService {
    init(services: AppServices, caseActions: CaseActionsFactory) {
        self.init(
            cache: services.hotspots, repository: HotspotRepository(database: services.database),
            organisations: services.organisations, regions: services.regions, caseActions: caseActions)
    }
}
