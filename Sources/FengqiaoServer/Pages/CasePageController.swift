import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Logging

/// `/cases/{id}` and its action forms `POST /cases/{id}/actions/{action}`, for signed-in staff who may see the case.
/// An action goes through the same `CaseActions` as the JSON API; a refusal shows the page again with the reason.
struct CasePageController {
    let cases: CaseRepository
    let files: FileRepository
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let mediators: MediatorRepository
    let categories: CategoryRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    let caseActions: CaseActionsFactory
    /// Earlier disputes between the same people (`RiskDesk.earlierDisputes`).
    let riskDesk: RiskDesk
    /// The key persons among the parties (`KeyPersonRegister.among`).
    let keyPersons: KeyPersonRegister

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.staffPage)
        router.get(RouterPath(Paths.caseFile(":id"))) { request, context in
            let identity = try context.requireIdentity()
            let found = try await visible(context, identity)
            var page = try await page(found, identity, context)
            page.notice = request.uri.queryParameters.get("done").flatMap(ListStrings.confirmation)
            page.back = ListReturn.back(of: request)
            page.earlier = EarlierDisputesSection(
                cases: try await riskDesk.earlierDisputes(
                    of: found, identity: identity, now: context.now, requestID: context.requestID))
            page.keyPersons = KeyPersonsAmongParties(
                people: try await keyPersons.among(
                    found.parties, caseID: found.id, by: identity, at: context.now,
                    requestID: context.requestID))
            return HTMLPage(html: page.render())
        }
        router.get(RouterPath(Paths.caseAttachment(":id", ":sha256"))) { request, context in
            let identity = try context.requireIdentity()
            let found = try await visible(context, identity)
            let sha256 = try context.parameters.require("sha256")
            guard let attachment = found.attachments.first(where: { $0.sha256 == sha256 }),
                let data = try await files.data(sha256: sha256)
            else { throw HTTPError(.notFound) }
            return Response(
                status: .ok,
                headers: [
                    .contentType: attachment.contentType, .cacheControl: "no-store",
                    .contentDisposition: "inline",
                ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post(RouterPath(Paths.caseAction(":id", ":action"))) { request, context in
            let identity = try context.requireIdentity()
            let found = try await visible(context, identity)
            // The progress form may carry photos (multipart); every other form is URL-encoded.
            let multipart = (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data")
            let submitted = multipart ? try await MultipartForm.read(request) : nil
            var form: WebForm
            if let submitted { form = submitted.form } else { form = try await WebForm.read(request) }
            try form.requireCSRF(context)
            let name = try context.parameters.require("action")
            guard let action = CaseAction(rawValue: name) else { throw HTTPError(.notFound) }
            do {
                if action == .merge {
                    // 合并 is final: the master is named by its number, shown beside this case, and confirmed.
                    let master = try await mergeMaster(form["master"], context, identity)
                    guard form["confirm"] == "yes" else {
                        let csrf = context.csrfToken ?? ""
                        return HTMLPage.response(
                            status: .ok,
                            html: MergeConfirmPage(
                                language: context.language, csrfToken: csrf,
                                nav: StaffNav(identity: identity, csrfToken: csrf, current: ""), duplicate: found,
                                master: master
                            ).render())
                    }
                    form = WebForm(fields: form.fields.filter { $0.name != "master" } + [("master", "\(master.id)")])
                }
                var extra: [String: Any] = [:]
                let photos = (submitted?.files ?? []).filter { $0.field == "photo" && !$0.bytes.isEmpty }
                if action == .progress || action == .resolve, !photos.isEmpty {
                    var named: [[String: Any]] = []
                    for photo in photos {
                        let stored = try await files.store(photo.bytes, at: context.now, uploader: identity.user.id)
                        named.append(["sha256": stored.sha256, "fileName": String(photo.fileName.suffix(100))])
                    }
                    extra["attachments"] = named
                }
                if action == .draftAgreement { extra["agreement"] = try Self.agreement(form, for: found) }
                if action == .editParties {
                    var party: [String: String] = [:]
                    for field in ["role", "name", "phone", "idNumber", "address"] { party[field] = form[field] }
                    if form["operation"] != "remove" { extra["party"] = party }
                }
                if action == .recordSession {
                    extra["attendees"] = try SessionStrings.attendees(from: form["attendees"]).map {
                        ["name": $0.name, "role": $0.role.rawValue]
                    }
                }
                let body = try form.actionBody(for: action, extra: extra)
                let updated = try await caseActions.at(context.now).perform(
                    try body.command(), expectedVersion: body.expectedVersion, on: found, by: identity)
                // A merged case lives on in its master; a case the reader may no longer see goes back to their queue.
                // Either way the page says what was done (`?done=`).
                let back = ListReturn.back(ofAction: request)
                if CaseVisibility.canView(updated, by: identity.actor) {
                    return Response.redirect(
                        to: ListReturn.caseFile(updated.id, done: action, back: back), type: .normal)
                }
                return Response.redirect(
                    to: ListReturn.list(back).map { $0 + ($0.contains("?") ? "&" : "?") + "done=\(action.rawValue)" }
                        ?? Paths.cases(["done": action.rawValue]), type: .normal)
            } catch let error as any UserFacingError {
                var page = try await page(found, identity, context)
                page.error = error.message
                page.back = ListReturn.back(ofAction: request)
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
    }

    /// The master case a merge form names: by its number (as staff know it) or its internal id, among the cases
    /// the reader may see.
    private func mergeMaster(_ typed: String?, _ context: AppRequestContext, _ identity: Identity) async throws -> Case
    {
        guard let typed else { throw WebFormError.missingField("master") }
        let actions = caseActions.at(context.now)
        if let byNumber = try await cases.find(number: typed.uppercased()),
            let visible = try await actions.visible(byNumber.id.rawValue, to: identity)
        {
            return visible
        }
        if let id = Int64(typed), let visible = try await actions.visible(id, to: identity) { return visible }
        throw MergeMasterNotFound(typed: typed)
    }

    private func visible(_ context: AppRequestContext, _ identity: Identity) async throws -> Case {
        guard
            let found = try await caseActions.at(context.now).visible(
                context.parameters.get("id", as: Int64.self), to: identity)
        else { throw HTTPError(.notFound) }
        return found
    }

    /// The agreement editor's fields as the API's `agreement` object: facts and the terms filled in; the parties
    /// are the case's as they stand now (every named party, with the roles staff gave them).
    static func agreement(_ form: WebForm, for current: Case) throws -> Any {
        let base = AgreementDraft.from(current)
        var terms: [AgreementTerm] = []
        for index in 0..<5 {
            guard let text = form["term\(index)"] else { continue }
            let due = try form["due\(index)"].map { try Date(WebForm.isoDate($0, "due\(index)"), strategy: .iso8601) }
            terms.append(AgreementTerm(text: text, method: form["method\(index)"], dueDate: due))
        }
        guard let facts = form["facts"] else { throw WebFormError.missing(WorkspaceStrings.fieldFacts) }
        let draft = AgreementDraft(parties: base.parties, facts: facts, terms: terms)
        return try JSONSerialization.jsonObject(with: APIJSON.encoder.encode(draft))
    }

    func page(_ found: Case, _ identity: Identity, _ context: AppRequestContext) async throws -> CasePage {
        let csrf = context.csrfToken ?? ""
        let actions = CasePermissions.availableActions(on: found, by: identity.actor)
        let shows = try await caseActions.at(context.now).showsPersonalData(
            of: found, to: identity, requestID: context.requestID, action: "case.page")
        let file = try await CaseFileEntries.load(
            found, events: try await cases.events(of: found.id), organisations: organisations)
        let names = file.names
        let region = try await regions.find(id: found.regionID)
        return CasePage(
            language: context.language, csrfToken: csrf,
            nav: StaffNav(identity: identity, csrfToken: csrf, current: ""),
            current: PersonalDataPolicy.view(found, showingPersonalData: shows).current, showsPersonalData: shows,
            regionName: try await region.asyncMap(PlaceChoices(regions: regions).label) ?? "",
            organisationName: names,
            clocks: CaseClocks.status(of: found, calendar: calendar, at: context.now), file: file.lines,
            actions: actions, choices: try await choices(for: found, actions: actions),
            duplicates: try await duplicates(of: found, visibleTo: identity.visibility))
    }

    /// The county (or the highest region) above the case: where its organisations, mediators and courts are.
    private func county(of current: Case) async throws -> Region.ID {
        var region = try await regions.find(id: current.regionID)
        while let found = region, found.level > .county, let parent = found.parentID {
            region = try await regions.find(id: parent)
        }
        return region?.id ?? current.regionID
    }

    private func choices(for current: Case, actions: [CaseAction]) async throws -> CasePage.Choices {
        var choices = CasePage.Choices()
        choices.categories = try await categories.list()
        let needs = Set(actions)
        guard
            !needs.isDisjoint(with: [
                .dispatch, .requestMediator, .assignMediator, .requestConfirmation, .returnToCourt,
            ])
        else { return choices }
        let county = try await county(of: current)
        let organisations = try await self.organisations.list(inSubtreeOf: county)
        if needs.contains(.dispatch) {
            // A township desk dispatches within its township; a county desk across the county.
            var scope: Region.ID = county
            if let center = current.centerOrganisationID, let found = try await self.organisations.find(id: center) {
                scope = found.regionID
            }
            choices.dispatchTargets = try await self.organisations.list(inSubtreeOf: scope).filter {
                $0.kind != .center
            }
            if let asked = current.mediation.requestedMediator, let mediator = try await mediators.find(id: asked) {
                choices.requestedMediator = mediator
                if !choices.dispatchTargets.contains(where: { $0.id == mediator.organisationID }),
                    let organisation = organisations.first(where: { $0.id == mediator.organisationID })
                {
                    choices.dispatchTargets.append(organisation)
                }
            }
        }
        if needs.contains(.requestMediator) || needs.contains(.assignMediator) {
            let leads = Set(current.participants.map(\.organisationID))
            choices.mediators = try await mediators.list(inSubtreeOf: county).filter { mediator in
                mediator.available && (needs.contains(.requestMediator) || leads.contains(mediator.organisationID))
            }
        }
        choices.courts = organisations.filter { $0.kind == .court }
        return choices
    }

    /// Open cases in the same village (or the case's own region above village level) registered in the 30 days
    /// before it, with similar words: shown while the case is still at the desk.
    private func duplicates(
        of current: Case, visibleTo visibility: CaseRepository.Visibility
    ) async throws
        -> [DuplicateCandidate]
    {
        guard [.registered, .assessed, .returned].contains(current.state) else { return [] }
        return try await DuplicateSearch(regions: regions, cases: cases).candidates(
            text: current.title + current.description, regionID: current.regionID,
            before: current.createdAt.addingTimeInterval(60), excluding: current.id, visibleTo: visibility)
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
