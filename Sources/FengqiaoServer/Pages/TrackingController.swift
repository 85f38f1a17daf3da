import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Logging

/// Citizens follow their case with the tracking code and the last four digits of their phone: `/track` (a page that
/// works without JavaScript: the digits are posted once, then a signed cookie remembers the proof, so they never
/// appear in an address) and `POST /api/v1/track` (JSON). They can rate the result and the mediation, answer a
/// request for information and withdraw the request. A wrong code or wrong digits look exactly like an unknown code.
struct TrackingController {
    let cases: CaseRepository
    /// The names of the organisations in a case's history.
    let organisations: OrganisationRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    let limits: AbuseLimits
    /// Cookies are marked `Secure` (`AppConfiguration.secureCookies`).
    let secureCookies: Bool
    /// What the page remembers once the code and digits were proven (`TrackingPass`): never the digits in an address.
    let pass: TrackingPass
    /// The reporter's choice about text messages.
    let outbox: OutboxRepository
    /// The photos meant for the citizen.
    let files: FileRepository
    let logger: Logger

    /// The code and the phone's digits: in a POST body, never in an address.
    struct Lookup: Decodable {
        let code: String
        let phone: String
        let _csrf: String?
    }

    /// A citizen's step. On the page the code and digits come from the tracking cookie (`TrackingPass`); the API
    /// (and a form that carries them) sends them in the body.
    struct CitizenAction: Decodable {
        var code: String? = nil
        var phone: String? = nil
        var satisfaction: Satisfaction? = nil
        var reason: String? = nil
        var note: String? = nil
        /// 补充材料: the information the case asked for.
        var information: String? = nil
        /// 点单: the mediator the citizen chooses from the directory.
        var mediator: Mediator.ID? = nil
        /// 评单: the citizen's score of the mediation, 1–5 (`note` is the comment).
        var mediationScore: Int? = nil
        /// 短信通知: `on` or `off`, the reporter's choice from now on.
        var sms: String? = nil
        var _csrf: String? = nil
    }

    struct TrackingResource: ResponseEncodable {
        struct Line: Codable {
            let at: Date
            let text: LocalizedText
        }

        let number: String
        let title: String
        let state: CaseState
        let stateName: LocalizedText
        let timeline: [Line]
        let next: LocalizedText
        let canRate: Bool
        let canWithdraw: Bool
        let canSupply: Bool
        let canRateMediation: Bool
        /// Whether text messages go to the reporter's phone.
        let textMessages: Bool
        /// What the citizen is asked for, while the case waits on them.
        let informationRequested: String?
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.track)) { request, context in
            let token = CSRF.pageToken(request)
            var page = TrackingPage(language: context.language, csrfToken: token, result: .form)
            if let view = try await passLookup(request, at: context.now) { page.result = .found(view) }
            var response = try HTMLPage(html: page.render()).response(from: request, context: context)
            CSRF.setPageToken(token, path: Paths.track, secure: secureCookies, on: &response)
            return response
        }
        router.post(RouterPath(Paths.track)) { request, context in
            let form = try await URLEncodedFormDecoder().decode(
                Lookup.self, from: String(buffer: request.body.collect(upTo: 16 * 1024)))
            try CSRF.requirePageToken(form._csrf, request)
            let token = CSRF.pageToken(request)
            guard let view = try await limitedLookup(code: form.code, phone: form.phone, context) else {
                var limited = HTMLPage.response(
                    status: .tooManyRequests,
                    html: TrackingPage(language: context.language, csrfToken: token, result: .limited).render())
                limited.headers[.retryAfter] = "\(Int(AbuseLimits.failedLookupsPerAddress.window))"
                return limited
            }
            guard let view else {
                let page = TrackingPage(language: context.language, csrfToken: token, result: .notFound)
                var response = HTMLPage.response(status: .notFound, html: page.render())
                CSRF.setPageToken(token, path: Paths.track, secure: secureCookies, on: &response)
                return response
            }
            return proven(code: view.current.trackingCode, digits: view.phoneDigits, at: context.now)
        }
        router.post(RouterPath(Paths.trackAction)) { request, context in
            let form = try await URLEncodedFormDecoder().decode(
                CitizenAction.self, from: String(buffer: request.body.collect(upTo: 16 * 1024)))
            try CSRF.requirePageToken(form._csrf, request)
            let view: View
            if form.code != nil || form.phone != nil {
                view = try await provenView(form, context)
            } else {
                // The page's forms carry no digits: the cookie proves them. An expired one starts over.
                guard let found = try await passLookup(request, at: context.now) else {
                    return Response.redirect(to: Paths.track, type: .normal)
                }
                view = found
            }
            try await perform(form, on: view, context)
            return proven(code: view.current.trackingCode, digits: view.phoneDigits, at: context.now)
        }
        router.get(RouterPath(Paths.trackFile(":sha256"))) { request, context in
            // Only to the browser that proved the code and digits, and only a file meant for the citizen.
            let sha256 = try context.parameters.require("sha256")
            guard let view = try await passLookup(request, at: context.now),
                let photo = view.photos.first(where: { $0.sha256 == sha256 }),
                let data = try await files.data(sha256: sha256)
            else { throw HTTPError(.notFound) }
            return Response(
                status: .ok,
                headers: [.contentType: photo.contentType, .cacheControl: "no-store", .contentDisposition: "inline"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post(RouterPath(Paths.trackLeave)) { request, context in
            let form = try await URLEncodedFormDecoder().decode(
                CitizenAction.self, from: String(buffer: request.body.collect(upTo: 16 * 1024)))
            try CSRF.requirePageToken(form._csrf, request)
            var response = Response.redirect(to: Paths.track, type: .normal)
            pass.clear(on: &response)
            return response
        }
        let api = router.group("api/v1/track").add(middleware: APIErrorMiddleware(logger: logger))
        api.post { request, context in
            let query = try await request.decodeBody(as: Lookup.self, context: context)
            guard let view = try await limitedLookup(code: query.code, phone: query.phone, context) else {
                throw Self.tooManyLookups
            }
            guard let view else { throw APIError.notFound }
            return resource(view)
        }
        api.post("actions") { request, context in
            let action = try await request.decodeBody(as: CitizenAction.self, context: context)
            guard let code = action.code, let phone = action.phone else {
                throw APIError.badRequest(
                    "request.missing_field",
                    Localized(zh: "请提供查询码和手机号后4位。", en: "Give the tracking code and the phone's last 4 digits."))
            }
            let view = try await provenView(action, context)
            try await perform(action, on: view, context)
            guard let after = try await lookup(code: code, phone: phone, at: context.now) else {
                throw APIError.notFound
            }
            return resource(after)
        }
    }

    /// After the code and digits were proven: back to the tracking page (a GET: reloading repeats nothing), with the
    /// proof in a cookie rather than the address.
    func proven(code: String, digits: String, at now: Date) -> Response {
        var response = Response.redirect(to: Paths.track, type: .normal)
        pass.set(code: code, digits: digits, now: now, on: &response)
        return response
    }

    struct View {
        let current: Case
        let narrative: CaseNarrative
        let canRate: Bool
        let canWithdraw: Bool
        let canSupply: Bool
        /// 评单: a mediation on the case ended and the citizen has not rated it.
        let canRateMediation: Bool
        /// Whether text messages go to the reporter's phone now.
        let textMessages: Bool
        /// The files added with notes meant for the citizen (告知群众): photos of the work.
        let photos: [Attachment]
        /// The four digits the citizen proved: the tracking cookie is made for them.
        let phoneDigits: String
    }

    static let tooManyLookups = APIError.tooMany(
        AbuseLimits.tooManyLookups, retryAfter: Int(AbuseLimits.failedLookupsPerAddress.window))

    /// A look-up that counts against the caller's address (guessing codes): the attempt is counted before the
    /// look-up, in one atomic statement, and taken back when the case is found. nil: the address is over its limit
    /// (nothing was looked up); `.some(nil)`: not found.
    func limitedLookup(code: String, phone: String, _ context: AppRequestContext) async throws -> View?? {
        guard try await limits.attempt(AbuseLimits.failedLookupsPerAddress, context.clientAddress, at: context.now)
        else {
            return nil
        }
        let view = try await lookup(code: code, phone: phone, at: context.now)
        if view != nil { try await limits.undo(AbuseLimits.failedLookupsPerAddress, context.clientAddress) }
        return .some(view)
    }

    func lookup(code: String, phone: String, at now: Date) async throws -> View? {
        guard let code = CaseNumbering.normalisedTrackingCode(code) else { return nil }
        let digits = String(phone.filter(\.isNumber).suffix(4))
        guard digits.count == 4, let found = try await cases.find(trackingCode: code, phoneLast4: digits)
        else { return nil }
        return try await view(of: found, digits: digits, at: now)
    }

    /// The case the tracking cookie proves, if it is valid, unexpired and made for the reporter's current digits.
    func passLookup(_ request: Request, at now: Date) async throws -> View? {
        guard let (code, proves) = pass.code(in: request, now: now),
            let found = try await cases.find(trackingCode: code)
        else { return nil }
        let digits = String((found.reporter?.phone ?? "").filter(\.isNumber).suffix(4))
        guard digits.count == 4, proves(digits) else { return nil }
        return try await view(of: found, digits: digits, at: now)
    }

    private func view(of found: Case, digits: String, at now: Date) async throws -> View {
        let events = try await cases.events(of: found.id)
        let names = try await organisations.names(of: CaseFileEntries.mentioned(in: found, events: events))
        let citizen = Actor.citizen(displayName: Strings.citizen.zh)
        let actions = CasePermissions.availableActions(on: found, by: citizen)
        return View(
            current: found,
            narrative: CaseNarrative(
                case: found, events: events,
                clocks: CaseClocks.status(of: found, calendar: calendar, at: now)
            ) { names[$0] ?? "" },
            canRate: actions.contains(.followUp), canWithdraw: actions.contains(.withdraw),
            canSupply: actions.contains(.supplyInformation),
            canRateMediation: actions.contains(.rateMediation) && Self.mediationEnded(found)
                && !Self.citizenRated(found),
            textMessages: try await outbox.wantsMessages(found), photos: Self.citizenPhotos(events),
            phoneDigits: digits)
    }

    /// The files added with the notes meant for the citizen; internal notes' files never show.
    static func citizenPhotos(_ events: [CaseEvent]) -> [Attachment] {
        var photos: [Attachment] = []
        for event in events {
            let shown: [Attachment]
            switch event.change {
            case .progressed(true, let attachments?): shown = attachments
            case .resolved(_, let attachments?): shown = attachments
            default: shown = []
            }
            photos += shown.filter { file in !photos.contains { $0.sha256 == file.sha256 } }
        }
        return photos
    }

    /// A mediation took place on the case (a mediator took it, a session was held or an agreement drafted) and the
    /// case is resolved: what the citizen may rate (docs/MEDIATION.md, 评单).
    static func mediationEnded(_ current: Case) -> Bool {
        current.state.isResolved
            && (current.mediation.mediatorID != nil || !current.timing.sessions.isEmpty
                || !current.mediation.agreements.isEmpty)
    }

    /// The citizen rates a mediation once: their rating carries the citizen's name on the platform.
    static func citizenRated(_ current: Case) -> Bool {
        current.mediation.ratings.contains { $0.party == Strings.citizen.zh }
    }

    /// The case an API call (or a form carrying code and digits) names, after the same check as reading.
    private func provenView(_ action: CitizenAction, _ context: AppRequestContext) async throws -> View {
        guard let found = try await limitedLookup(code: action.code ?? "", phone: action.phone ?? "", context) else {
            throw Self.tooManyLookups
        }
        guard let view = found else { throw APIError.notFound }
        return view
    }

    /// Rates, withdraws, answers, chooses a mediator (点单) or rates the mediation (评单), as the citizen, on a case
    /// whose code and digits were proven.
    func perform(_ action: CitizenAction, on view: View, _ context: AppRequestContext) async throws {
        if let sms = action.sms {
            // Not a step of the case: a preference beside it, which the outbox reads when it writes a message.
            guard sms == "on" || sms == "off" else {
                throw APIError.badRequest(
                    "sms.invalid", Localized(zh: "短信通知应为 on 或 off。", en: "sms must be on or off."))
            }
            try await outbox.setWantsMessages(sms == "on", for: view.current.id, at: context.now)
            return
        }
        let command: CaseCommand
        if let id = action.mediator {
            command = .requestMediator(mediator: id)
        } else if let information = action.information {
            command = .supplyInformation(note: information)
        } else if let score = action.mediationScore {
            guard Self.mediationEnded(view.current) else { throw CitizenRatingRefusal.noMediation }
            guard !Self.citizenRated(view.current) else { throw CitizenRatingRefusal.alreadyRated }
            command = .rateMediation(party: Strings.citizen.zh, score: score, comment: action.note)
        } else if let satisfaction = action.satisfaction {
            command = .followUp(satisfaction: satisfaction, note: action.note)
        } else if let reason = action.reason {
            command = .withdraw(reason: reason)
        } else {
            throw APIError.badRequest(
                "request.missing_field",
                Localized(zh: "请选择评价，或填写撤回原因。", en: "Choose a rating or give a reason to withdraw."))
        }
        _ = try await cases.act(
            command, on: view.current.id, expectedVersion: nil, by: .citizen(displayName: Strings.citizen.zh),
            at: context.now)
    }

    /// 点单 from the directory and the like: the code and digits checked as for reading, then the step.
    func perform(_ action: CitizenAction, _ context: AppRequestContext) async throws {
        try await perform(action, on: try await provenView(action, context), context)
    }

    private func resource(_ view: View) -> TrackingResource {
        TrackingResource(
            number: view.current.number, title: view.current.title, state: view.current.state,
            stateName: LocalizedText(view.current.state.name),
            timeline: view.narrative.lines.map { .init(at: $0.at, text: LocalizedText($0.text)) },
            next: LocalizedText(view.narrative.next), canRate: view.canRate, canWithdraw: view.canWithdraw,
            canSupply: view.canSupply, canRateMediation: view.canRateMediation, textMessages: view.textMessages,
            informationRequested: view.current.timing.informationRequested)
    }
}

/// Why the citizen may not rate the mediation (评单): 409, naming the field.
enum CitizenRatingRefusal: Error, UserFacingError {
    case noMediation
    case alreadyRated

    var kind: ErrorKind { .conflict }
    var code: String {
        switch self {
        case .noMediation: "mediationScore.no_mediation"
        case .alreadyRated: "mediationScore.already_rated"
        }
    }
    var message: Localized {
        switch self {
        case .noMediation: CitizenStrings.noMediationToRate
        case .alreadyRated: CitizenStrings.mediationRatedAlready
        }
    }
}
