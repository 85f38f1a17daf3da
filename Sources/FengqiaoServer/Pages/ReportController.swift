import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// Reporting a problem: citizens at `/report` or through a grid's QR code (`/r/{gridCode}`, the place filled in),
/// no sign-in; grid workers at `/grid/report` (随手拍). Both take an optional photo, checked by its content.
/// A refused report shows the form again with everything typed kept (only the photo must be chosen again).
struct ReportController {
    let regions: RegionRepository
    let cases: CaseRepository
    let categories: CategoryRepository
    /// Where the photos go.
    let files: FileRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    let limits: AbuseLimits
    /// Cookies are marked `Secure` (`AppConfiguration.secureCookies`).
    let secureCookies: Bool
    let caseActions: CaseActionsFactory
    /// The reporter who left a phone is remembered as having proven it (`TrackingPass`): the confirmation and the
    /// tracking page open without the digits in any address.
    let tracking: TrackingController

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.report)) { request, context in
            try await citizenForm(request, context, place: nil)
        }
        router.get(RouterPath(Paths.gridReportLink(":code"))) { request, context in
            let code = try context.parameters.require("code")
            guard let region = try await regions.find(code: code), region.level >= .village else {
                throw HTTPError(.notFound)
            }
            // The sticker of a retired grid may still hang on a wall: the citizen reports and picks the place.
            return try await citizenForm(request, context, place: region.isRetired ? nil : region)
        }
        router.post(RouterPath(Paths.report)) { request, context in
            let submitted = try await MultipartForm.read(request)
            try CSRF.requirePageToken(submitted.form[CSRF.fieldName], request)
            do {
                try await checkLimits(submitted.form, context)
                let created = try await register(submitted, reporter: nil, at: context.now)
                let phone = submitted.form["anonymous"] == nil ? submitted.form["phone"] : nil
                let digits = phone.map { String($0.filter(\.isNumber).suffix(4)) }
                var response = Response.redirect(
                    to: Self.confirmation(code: created.case.trackingCode), type: .normal)
                if let digits, digits.count == 4 {
                    tracking.pass.set(
                        code: created.case.trackingCode, digits: digits, now: context.now, on: &response)
                }
                return response
            } catch let error as any UserFacingError {
                let place = try await submitted.form["regionCode"].asyncMap {
                    try await regions.find(code: $0)
                }
                var response = try await citizenForm(
                    request, context, place: place ?? nil, error: error.message, form: submitted.form.excerpted())
                let answer = ErrorStatus.answer(for: error)
                response.status = answer.status
                if let retryAfter = answer.retryAfter { response.headers[.retryAfter] = retryAfter }
                return response
            }
        }
        router.get(RouterPath(Paths.reportConfirmation)) { request, context in
            let query = request.uri.queryParameters
            // A look-up by tracking code like the tracking page's: each counts against the address before it is
            // made, and one that finds the case is taken back (guessing codes is what the limit stops).
            guard try await limits.attempt(AbuseLimits.failedLookupsPerAddress, context.clientAddress, at: context.now)
            else {
                throw HTTPError(.tooManyRequests, headers: [.retryAfter: "600"])
            }
            guard let code = query.get("code").flatMap(CaseNumbering.normalisedTrackingCode) else {
                throw HTTPError(.notFound)
            }
            let found: Case?
            let proven = try await tracking.passLookup(request, at: context.now)
            if let proven, proven.current.trackingCode == code {
                found = proven.current
            } else {
                // No phone to check: only an anonymous report without one is confirmed this way.
                found = try await cases.find(trackingCode: code).flatMap {
                    $0.anonymous && $0.reporter?.phone == nil ? $0 : nil
                }
            }
            guard let found else { throw HTTPError(.notFound) }
            try await limits.undo(AbuseLimits.failedLookupsPerAddress, context.clientAddress)
            let narrative = CaseNarrative(
                case: found, events: [],
                clocks: CaseClocks.status(of: found, calendar: calendar, at: context.now)
            ) { _ in "" }
            return HTMLPage(
                html: ReportConfirmationPage(
                    language: context.language, number: found.number, trackingCode: found.trackingCode,
                    trackLink: proven?.current.id == found.id ? Paths.track : nil,
                    next: narrative.next
                ).render())
        }
        let grid = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.grid))
        grid.get(RouterPath(Paths.gridReport)) { request, context in
            let identity = try context.requireIdentity()
            return HTMLPage(html: try await gridPage(identity, context).render())
        }
        grid.post(RouterPath(Paths.gridReport)) { request, context in
            let identity = try context.requireIdentity()
            let submitted = try await MultipartForm.read(request)
            try submitted.form.requireCSRF(context)
            do {
                let created = try await register(submitted, reporter: identity, at: context.now)
                return Response.redirect(to: Paths.caseFile(created.case.id), type: .normal)
            } catch let error as any UserFacingError {
                var page = try await gridPage(identity, context)
                page.error = error.message
                page.form = submitted.form
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
    }

    /// At most 20 reports an hour from one address and 5 for one phone number (each submission counts).
    private func checkLimits(_ form: WebForm, _ context: AppRequestContext) async throws {
        let now = context.now
        let byAddress = try await limits.attempt(AbuseLimits.reportsPerAddress, context.clientAddress, at: now)
        var byPhone = true
        if let phone = form["phone"]?.filter(\.isNumber), !phone.isEmpty {
            byPhone = try await limits.attempt(AbuseLimits.reportsPerPhone, phone, at: now)
        }
        guard byAddress && byPhone else { throw APIError.tooMany(AbuseLimits.tooManyReports, retryAfter: 3600) }
    }

    /// The confirmation's address: the tracking code only; the phone's digits travel in the tracking cookie.
    static func confirmation(code: String) -> String {
        var components = URLComponents()
        components.path = Paths.reportConfirmation
        components.queryItems = [URLQueryItem(name: "code", value: code)]
        return components.string ?? Paths.reportConfirmation
    }

    private func citizenForm(
        _ request: Request, _ context: AppRequestContext, place: Region?, error: Localized? = nil,
        form: WebForm = WebForm(fields: [])
    ) async throws -> Response {
        let token = CSRF.pageToken(request)
        let choices = PlaceChoices(regions: regions)
        var places: [(code: String, label: String)] = []
        if place == nil {
            places = try await choices.places(under: try await regions.list(level: .county).map(\.id))
        }
        var page = ReportPage(
            language: context.language, reporter: .citizen, csrfToken: token, idempotencyKey: RandomToken.make(),
            categories: try await categories.list(),
            fixedPlace: try await place.asyncMap { ($0.code, try await choices.label(of: $0)) }, places: places)
        page.error = error
        page.form = form
        var response = try HTMLPage(html: page.render()).response(from: request, context: context)
        CSRF.setPageToken(token, path: Paths.report, secure: secureCookies, on: &response)
        return response
    }

    private func gridPage(_ identity: Identity, _ context: AppRequestContext) async throws -> ReportPage {
        ReportPage(
            language: context.language,
            reporter: .gridWorker(
                nav: StaffNav(identity: identity, context: context, current: Paths.grid)),
            csrfToken: context.csrfToken ?? "", idempotencyKey: RandomToken.make(),
            categories: try await categories.list(), fixedPlace: nil,
            places: try await PlaceChoices(regions: regions).places(for: identity))
    }

    /// Registers the report: as the citizen (QR / photo channel) when `reporter` is nil, else as the grid worker.
    private func register(
        _ submitted: MultipartForm, reporter: Identity?, at now: Date
    ) async throws -> CaseRepository.Created {
        let form = submitted.form
        guard let code = form["regionCode"], let region = try await regions.find(code: code),
            region.level >= .village
        else { throw WebFormError.missing(WorkspaceStrings.place) }
        let description = form["description"] ?? ""
        var parties: [Party] = []
        let anonymous = reporter == nil && form["anonymous"] != nil
        if let reporter {
            // What a grid worker found on patrol: they are the reporter, reachable as staff.
            parties.append(Party(role: .reporter, name: reporter.user.displayName, phone: reporter.user.phone))
        } else if !anonymous {
            guard let phone = form["phone"] else { throw ReportError.phoneOrAnonymous }
            parties.append(Party(role: .reporter, name: form["name"], phone: phone))
        }
        var attachments: [Attachment] = []
        let photos = submitted.files.filter { $0.field == "photo" }
        guard photos.count <= MultipartForm.maximumFiles else {
            throw WebFormError.tooMany(ReportStrings.tooManyPhotos)
        }
        for file in photos {
            let stored = try await files.store(file.bytes, at: now)
            attachments.append(
                Attachment(
                    fileName: String(file.fileName.suffix(100)), contentType: stored.contentType, size: stored.size,
                    sha256: stored.sha256))
        }
        var intake = Intake(
            channel: reporter == nil ? .citizenReport : .gridWorker, title: Self.title(from: description),
            description: description, categoryCode: form["categoryCode"],
            urgency: form["urgency"].flatMap(Urgency.init(rawValue:)) ?? .troublesome, kind: .request,
            regionID: region.id, parties: parties, attachments: attachments, anonymous: anonymous)
        intake.smsNotifications = reporter == nil && !anonymous && form["sms"] != nil ? true : nil
        let actor = reporter?.actor ?? .citizen(displayName: Strings.citizen.zh)
        let key =
            "\(reporter.map { "grid:\($0.user.id)" } ?? "citizen"):\(form["idempotencyKey"] ?? RandomToken.make())"
        return try await caseActions.at(now).register(intake, idempotencyKey: key, by: actor)
    }

    /// A title from the first line of the description, at most 30 characters (the desk may edit it later).
    static func title(from description: String) -> String {
        let first = description.split(whereSeparator: \.isNewline).first.map(String.init) ?? description
        let trimmed = first.trimmingWhitespace
        return trimmed.count > 30 ? String(trimmed.prefix(30)) + "…" : trimmed
    }
}

enum ReportError: UserFacingError {
    case phoneOrAnonymous

    var code: String { "report.phone_or_anonymous" }
    var message: Localized { ReportStrings.phoneOrAnonymous }
}
