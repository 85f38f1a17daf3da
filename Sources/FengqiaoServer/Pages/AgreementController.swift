import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Logging
import Plot

/// `/cases/{id}/agreement` (an A4 page to print) and `/cases/{id}/agreement.pdf` (the same through headless
/// Chromium, where installed): the mediation agreement of a case, for signed-in staff who may see the case.
/// `?version=N` shows an older version. Parties' details are in clear only for roles that need them
/// (`PersonalDataPolicy`), and every clear view is written to the access log.
struct AgreementController {
    let cases: CaseRepository
    let organisations: OrganisationRepository
    let mediators: MediatorRepository
    /// Where each clear view of parties' details is written.
    let accessLog: AccessLogRepository
    let logger: Logger
    /// Finds Chromium for each PDF request (installing it needs no restart); tests may replace it.
    var chromium: @Sendable () -> ChromiumPDF? = { ChromiumPDF.locate() }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.agreement(caseID: ":id"))) { request, context in
            guard let identity = context.identity else { return Response.redirect(to: Paths.signIn, type: .normal) }
            let page = try await page(request, context, identity)
            try await logClearView(page, identity: identity, context: context, format: "HTML")
            return HTMLPage.response(status: .ok, html: page.render(.screen))
        }
        router.get(RouterPath(Paths.agreementPDF(caseID: ":id"))) { request, context in
            guard let identity = context.identity else { return Response.redirect(to: Paths.signIn, type: .normal) }
            let page = try await page(request, context, identity)
            guard let chromium = chromium() else {
                return unavailable(Strings.agreementPDFUnavailable, page: page, context: context)
            }
            let pdf: Data
            do {
                pdf = try await chromium.render(html: page.render(.pdf))
            } catch {
                logger.error(
                    "agreement PDF failed",
                    metadata: ["request_id": "\(context.requestID)", "case": "\(page.caseID)", "error": "\(error)"])
                return unavailable(Strings.agreementPDFFailed, page: page, context: context)
            }
            try await logClearView(page, identity: identity, context: context, format: "PDF")
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/pdf", .cacheControl: "no-store",
                    .contentDisposition:
                        "inline; filename=\"\(page.caseNumber)-v\(page.agreement.version).pdf\"",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
        }
    }

    /// The agreement page of the case in the path, if the reader may see the case and it has that version of an
    /// agreement; otherwise 404 (whether the case exists is not revealed).
    func page(_ request: Request, _ context: AppRequestContext, _ identity: Identity) async throws -> AgreementPage {
        guard let id = context.parameters.get("id", as: Int64.self),
            let stored = try await cases.find(id: Case.ID(id)),
            CaseVisibility.canView(stored, by: identity.actor)
        else { throw HTTPError(.notFound) }
        // The case as this reader may see it: the agreements' parties masked unless the role needs them.
        let seen = PersonalDataPolicy.view(stored, for: identity.actor)
        let found = seen.current
        let agreements = found.mediation.agreements
        let chosen: MediationAgreement?
        if let asked = request.uri.queryParameters.get("version") {
            chosen = Int(asked).flatMap { number in agreements.first { $0.version == number } }
        } else {
            chosen = found.mediation.agreement
        }
        guard let agreement = chosen else { throw HTTPError(.notFound) }
        var organisation: Organisation?
        if let id = agreement.organisationID { organisation = try await organisations.find(id: id) }
        var mediator: Mediator?
        if let id = agreement.mediatorID ?? found.mediation.mediatorID {
            mediator = try await mediators.find(id: id)
        }
        return AgreementPage(
            language: context.language, caseID: found.id, caseNumber: found.number, agreement: agreement,
            versions: agreements.map { AgreementPage.Version(number: $0.version, signed: $0.signedAt != nil) },
            organisationName: organisation?.name, mediatorName: mediator?.name,
            showsPersonalData: seen.personalDataShown)
    }

    /// Each clear view of parties' details goes to the access log, like the case API's.
    private func logClearView(
        _ page: AgreementPage, identity: Identity, context: AppRequestContext, format: String
    ) async throws {
        // Every party of an agreement has at least a name.
        guard page.showsPersonalData, !page.agreement.draft.parties.isEmpty else { return }
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: context.now, userID: identity.user.id, username: identity.user.username, action: "agreement.view",
                caseID: page.caseID,
                detail: "personal data shown: agreement version \(page.agreement.version) as \(format)",
                requestID: context.requestID))
    }

    /// 503 with what to do instead: print the HTML page.
    private func unavailable(_ message: Localized, page: AgreementPage, context: AppRequestContext) -> Response {
        let language = context.language
        let t = { (text: Localized) in text.text(language) }
        let html = Layout(
            title: t(Strings.agreementTitle), language: language,
            path: Paths.agreementPDF(caseID: page.caseID, version: page.agreement.version)
        ).render {
            H1(t(Strings.agreementTitle))
            BilingualMessage(message, language: language).component()
            Paragraph {
                Link(
                    t(Strings.agreementOpenPage),
                    url: Paths.agreement(caseID: page.caseID, version: page.agreement.version)
                )
                .class("button")
            }
        }
        return HTMLPage.response(status: .serviceUnavailable, html: html)
    }
}
