import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Logging

/// Citizens follow their case with the tracking code and the last four digits of their phone: `/track` (a page that
/// works without JavaScript) and `/api/v1/track` (JSON). They can rate the result and withdraw the request.
/// A wrong code or wrong digits look exactly like an unknown code.
struct TrackingController {
    let cases: CaseRepository
    /// The names of the organisations in a case's history.
    let organisations: OrganisationRepository
    let calendar: WorkingCalendar
    let limits: AbuseLimits
    /// Cookies are marked `Secure` (`AppConfiguration.secureCookies`).
    let secureCookies: Bool
    let logger: Logger

    struct Lookup: Decodable {
        let code: String
        let phone: String
    }

    struct CitizenAction: Decodable {
        let code: String
        let phone: String
        let satisfaction: Satisfaction?
        let reason: String?
        let note: String?
        /// 补充材料: the information the case asked for.
        let information: String?
        /// 点单: the mediator the citizen chooses from the directory.
        var mediator: Mediator.ID? = nil
        let _csrf: String?
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
        /// What the citizen is asked for, while the case waits on them.
        let informationRequested: String?
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.track)) { request, context in
            let token = CSRF.pageToken(request)
            let query = request.uri.queryParameters
            var page = TrackingPage(language: context.language, csrfToken: token, result: .form)
            if let code = query.get("code"), let phone = query.get("phone") {
                guard let view = try await limitedLookup(code: code, phone: phone, context) else {
                    var limited = HTMLPage.response(
                        status: .tooManyRequests,
                        html: TrackingPage(language: context.language, csrfToken: token, result: .limited).render())
                    limited.headers[.retryAfter] = "\(Int(AbuseLimits.failedLookupsPerAddress.window))"
                    return limited
                }
                page.result = view.map { .found($0) } ?? .notFound
            }
            var response = try HTMLPage(
                status: page.isNotFound ? .notFound : .ok, html: page.render()
            ).response(from: request, context: context)
            CSRF.setPageToken(token, path: Paths.track, secure: secureCookies, on: &response)
            return response
        }
        router.post(RouterPath(Paths.trackAction)) { request, context in
            let form = try await URLEncodedFormDecoder().decode(
                CitizenAction.self, from: String(buffer: request.body.collect(upTo: 16 * 1024)))
            try CSRF.requirePageToken(form._csrf, request)
            try await perform(form, context)
            return Response.redirect(to: Paths.trackLink(code: form.code, phone: form.phone), type: .normal)
        }
        let api = router.group("api/v1/track").add(middleware: APIErrorMiddleware(logger: logger))
        api.get { request, context in
            let query = try request.uri.decodeQuery(as: Lookup.self, context: context)
            guard let view = try await limitedLookup(code: query.code, phone: query.phone, context) else {
                throw Self.tooManyLookups
            }
            guard let view else { throw APIError.notFound }
            return resource(view)
        }
        api.post("actions") { request, context in
            let action = try await request.decodeBody(as: CitizenAction.self, context: context)
            try await perform(action, context)
            guard let view = try await lookup(code: action.code, phone: action.phone, at: context.now) else {
                throw APIError.notFound
            }
            return resource(view)
        }
    }

    struct View {
        let current: Case
        let narrative: CaseNarrative
        let canRate: Bool
        let canWithdraw: Bool
        let canSupply: Bool
        /// The four digits the citizen typed: the page's forms send them back.
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
            canSupply: actions.contains(.supplyInformation), phoneDigits: digits)
    }

    /// Rates, withdraws, answers or chooses a mediator (点单), as the citizen, after the same code-and-digits check
    /// as reading.
    func perform(_ action: CitizenAction, _ context: AppRequestContext) async throws {
        guard let found = try await limitedLookup(code: action.code, phone: action.phone, context) else {
            throw Self.tooManyLookups
        }
        guard let view = found else { throw APIError.notFound }
        let command: CaseCommand
        if let id = action.mediator {
            command = .requestMediator(mediator: id)
        } else if let information = action.information {
            command = .supplyInformation(note: information)
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

    private func resource(_ view: View) -> TrackingResource {
        TrackingResource(
            number: view.current.number, title: view.current.title, state: view.current.state,
            stateName: LocalizedText(view.current.state.name),
            timeline: view.narrative.lines.map { .init(at: $0.at, text: LocalizedText($0.text)) },
            next: LocalizedText(view.narrative.next), canRate: view.canRate, canWithdraw: view.canWithdraw,
            canSupply: view.canSupply, informationRequested: view.current.timing.informationRequested)
    }
}
