import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// The staff case list: `/cases` (every case the reader may see — `CaseVisibility`'s list predicate — filtered by the
/// query parameters of `GET /api/v1/cases`, read by the same `CaseListQuery`), `/cases.csv` (exactly that list as
/// CSV, through the one `CaseExporter`, access-logged) and `POST /cases/bulk` (研判, 派单, 接单 or 退单 on the ticked
/// cases, each through `CaseActions` in its own transaction).
struct CaseListController {
    let cases: CaseRepository
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let categories: CategoryRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    let caseActions: CaseActionsFactory
    let exporter: CaseExporter

    /// Cases on one page of the list unless `limit` says otherwise.
    static let pageSize = 20
    /// The most cases one bulk form may carry.
    static let bulkLimit = 200
    /// The actions a list may take in bulk: the desk's and the inbox's first steps.
    static let bulkActions: [CaseAction] = [.assess, .dispatch, .accept, .return]

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.staffPage)
        router.get(RouterPath(Paths.cases)) { request, context in
            let identity = try context.requireIdentity()
            let (page, status) = try await listPage(
                Self.items(request.uri.queryParameters), identity: identity, context: context)
            return HTMLPage(status: status, html: page.render())
        }
        router.get(RouterPath(Paths.casesCSV)) { request, context in
            let identity = try context.requireIdentity()
            let filter = try await CaseListQuery.filter(request.uri.queryParameters, regions: regions, now: context.now)
            let export = try await exporter.csv(
                filter, for: identity, filterText: request.uri.query ?? "", requestID: context.requestID,
                at: context.now)
            return ExportAPIController.csvResponse(export)
        }
        router.post(RouterPath(Paths.casesBulk)) { request, context in
            let identity = try context.requireIdentity()
            let form = try await WebForm.read(request, limit: 256 * 1024)
            try form.requireCSRF(context)
            return try await bulk(form, identity: identity, context: context)
        }
    }

    /// The query string's parameters in order, repeated names kept.
    static func items(_ parameters: Parameters) -> [(name: String, value: String)] {
        parameters.map { (String($0.key), String($0.value)) }
    }

    /// A local path to come back to (`/…`, never `//host`); otherwise the case list.
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\") else { return Paths.cases }
        return text
    }

    /// The list for these query parameters, or the form again with the refused field named (400) and an empty list.
    func listPage(
        _ query: [(name: String, value: String)], identity: Identity, context: AppRequestContext
    ) async throws -> (CaseListPage, HTTPResponse.Status) {
        var page = CaseListPage(
            language: context.language,
            nav: StaffNav(identity: identity, context: context, current: Paths.cases),
            csrfToken: context.csrfToken ?? "", query: query)
        page.choices = try await choices(for: identity, language: context.language)
        if let done = query.first(where: { $0.name == "done" })?.value {
            page.notice = ListStrings.confirmation(done)
        }
        // A filter form sends its blank fields too (`category=`): blank is "any", as if absent.
        var parameters = Parameters()
        for (name, value) in query where !value.trimmingWhitespace.isEmpty {
            parameters.append(key: Substring(name), value: Substring(value))
        }
        let read: CaseListQuery
        do {
            read = try await CaseListQuery.read(
                parameters, regions: regions, now: context.now, defaultLimit: Self.pageSize, maximumLimit: 100)
        } catch let error as APIError where error.parameter != nil {
            let name = error.parameter ?? ""
            page.error = ListStrings.invalidFilter(
                ListStrings.parameterNames[name] ?? Localized(zh: name, en: name))
            return (page, .badRequest)
        }
        page.limit = read.limit
        page.offset = read.offset
        page.total = try await cases.count(read.filter, visibleTo: identity.visibility)
        let found = try await cases.list(
            read.filter, visibleTo: identity.visibility, limit: read.limit, after: nil, offset: read.offset)
        page.rows = found.map { QueueRow($0, calendar: calendar, now: context.now) }
        page.places = try await PlaceLabels(regions: regions).labels(of: found.map(\.regionID))
        return (page, .ok)
    }

    /// The filter bar's and bulk form's choices, within the reader's jurisdictions.
    private func choices(for identity: Identity, language: DisplayLanguage) async throws -> CaseListPage.Choices {
        var choices = CaseListPage.Choices()
        choices.categories = try await categories.list().map { ($0.code, $0.name.text(language)) }
        let roots = Array(Set(identity.user.grants.map(\.jurisdictionID))).sorted()
        var regionChoices: [(String, String)] = []
        var seenOrganisations = Set<Organisation.ID>()
        var organisationChoices: [Organisation] = []
        for root in roots {
            let subtree = try await regions.subtree(of: root)
            let labels = PlaceLabels.labels(in: subtree)
            let small = subtree.count <= 150
            for region in subtree where region.level <= .village || small {
                regionChoices.append((region.code, labels[region.id] ?? region.name))
            }
            for organisation in try await organisations.list(inSubtreeOf: root)
            where seenOrganisations.insert(organisation.id).inserted {
                organisationChoices.append(organisation)
            }
        }
        var seenRegions = Set<String>()
        choices.regions = regionChoices.filter { seenRegions.insert($0.0).inserted }
        choices.organisations = organisationChoices.map { ($0.id, $0.name) }
        let roles = identity.roles
        if !roles.isDisjoint(with: WorkspaceRoles.desk) {
            choices.bulkActions += [.assess, .dispatch]
            choices.dispatchTargets = organisationChoices.filter { $0.kind != .center }.map { ($0.id, $0.name) }
        }
        if !roles.isDisjoint(with: [.departmentHandler, .mediator]) {
            choices.bulkActions += [.accept, .return]
        }
        return choices
    }

    /// One action on every ticked case, each through `CaseActions` (its own transaction, version and audit event);
    /// the result page says how many were done and why each other one was not.
    private func bulk(_ form: WebForm, identity: Identity, context: AppRequestContext) async throws -> Response {
        let back = Self.localPath(form["back"])
        guard let action = form["bulkAction"].flatMap(CaseAction.init(rawValue:)), Self.bulkActions.contains(action)
        else { throw HTTPError(.badRequest) }
        var ids: [Int64] = []
        for text in form.all("case") {
            guard let id = Int64(text) else { continue }
            if !ids.contains(id) { ids.append(id) }
        }
        do {
            guard !ids.isEmpty else { throw WebFormError.tooMany(ListStrings.nothingSelected) }
            guard ids.count <= Self.bulkLimit else { throw WebFormError.tooMany(ListStrings.tooMany) }
            // The fields are the same for every case: a form that cannot make a body is refused as a whole.
            _ = try form.actionBody(for: action, extra: ["expectedVersion": 1]).command()
        } catch let error as any UserFacingError {
            // The list again, with what was ticked and typed kept.
            let query = (URLComponents(string: back)?.queryItems ?? []).map { ($0.name, $0.value ?? "") }
            var (page, _) = try await listPage(query, identity: identity, context: context)
            page.error = error.message
            page.bulkForm = form.excerpted()
            return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
        }
        let actions = caseActions.at(context.now)
        var done: [Case] = []
        var failed: [(number: String, reason: Localized)] = []
        for id in ids {
            guard let found = try await actions.visible(id, to: identity) else {
                failed.append(("#\(id)", ListStrings.notFound))
                continue
            }
            do {
                let body = try form.actionBody(for: action, extra: ["expectedVersion": found.version])
                done.append(
                    try await actions.perform(
                        try body.command(), expectedVersion: found.version, on: found, by: identity))
            } catch let error as any UserFacingError {
                failed.append((found.number, error.message))
            }
        }
        // Nothing done is a refusal (422), whatever the reasons; the page says each one.
        return HTMLPage.response(
            status: done.isEmpty ? .unprocessableContent : .ok,
            html: BulkResultPage(
                language: context.language,
                nav: StaffNav(identity: identity, context: context, current: Paths.cases), action: action,
                done: done, failed: failed, back: back
            ).render())
    }
}

/// Places named from the township down ("桃源镇 · 桃源村 · 第3网格"), for the lists' place column.
struct PlaceLabels: Sendable {
    let regions: RegionRepository

    /// The label of each region in `subtree` whose ancestors down from the township are in it too.
    static func labels(in subtree: [Region]) -> [Region.ID: String] {
        let byID = Dictionary(subtree.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [Region.ID: String] = [:]
        for region in subtree {
            var names = [region.name]
            var parent = region.parentID.flatMap { byID[$0] }
            while let found = parent, found.level >= .township {
                names.insert(found.name, at: 0)
                parent = found.parentID.flatMap { byID[$0] }
            }
            result[region.id] = names.joined(separator: " · ")
        }
        return result
    }

    /// The labels of these regions, each region read once.
    func labels(of ids: [Region.ID]) async throws -> [Region.ID: String] {
        var cache: [Region.ID: Region] = [:]
        var result: [Region.ID: String] = [:]
        for id in Set(ids) {
            var names: [String] = []
            var next: Region.ID? = id
            while let current = next {
                let region: Region?
                if let cached = cache[current] {
                    region = cached
                } else {
                    region = try await regions.find(id: current)
                    cache[current] = region
                }
                guard let region, region.level >= .township else { break }
                names.insert(region.name, at: 0)
                next = region.parentID
            }
            result[id] = names.joined(separator: " · ")
        }
        return result
    }
}
