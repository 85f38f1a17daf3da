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
    let calendar: WorkingCalendar
    let caseActions: CaseActionsFactory

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.staffPage)
        router.get(RouterPath(Paths.caseFile(":id"))) { request, context in
            let identity = try context.requireIdentity()
            let found = try await visible(context, identity)
            return HTMLPage(html: try await page(found, identity, context).render())
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
            let form: WebForm
            if let submitted { form = submitted.form } else { form = try await WebForm.read(request) }
            try form.requireCSRF(context)
            let name = try context.parameters.require("action")
            guard let action = CaseAction(rawValue: name) else { throw HTTPError(.notFound) }
            do {
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
                let body = try form.actionBody(for: action, extra: extra)
                let updated = try await caseActions.at(context.now).perform(
                    try body.command(), expectedVersion: body.expectedVersion, on: found, by: identity)
                // A merged case lives on in its master; a case the reader may no longer see goes back to their queue.
                if CaseVisibility.canView(updated, by: identity.actor) {
                    return Response.redirect(to: Paths.caseFile(updated.id), type: .normal)
                }
                return Response.redirect(to: Paths.workspace, type: .normal)
            } catch let error as any UserFacingError {
                var page = try await page(found, identity, context)
                page.error = error.message
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
    }

    private func visible(_ context: AppRequestContext, _ identity: Identity) async throws -> Case {
        guard
            let found = try await caseActions.at(context.now).visible(
                context.parameters.get("id", as: Int64.self), to: identity)
        else { throw HTTPError(.notFound) }
        return found
    }

    /// The agreement editor's fields as the API's `agreement` object: facts and the terms filled in; the parties
    /// are the case's (or the previous version's).
    static func agreement(_ form: WebForm, for current: Case) throws -> Any {
        let base = current.mediation.agreement?.draft ?? AgreementDraft.from(current)
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
