import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Logging

/// The public mediator directory, no sign-in: `/mediators` (a page), `/mediators/{id}` (one card) and
/// `/api/v1/mediators` (JSON, no token). Filters: `specialty` (a `DisputeType`) and `region` (a region code: the
/// mediators whose organisation lies in its subtree, such as a township's committees, villages and studios).
struct MediatorDirectoryController {
    let regions: RegionRepository
    let mediators: MediatorRepository
    let organisations: OrganisationRepository
    /// 点单 from a card goes through the tracking page's citizen actions.
    let tracking: TrackingController
    /// Cookies are marked `Secure` (`AppConfiguration.secureCookies`).
    let secureCookies: Bool
    let logger: Logger

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.mediators)) { request, context in
            let query = request.uri.queryParameters
            let specialty = query.get("specialty").flatMap(DisputeType.init(rawValue:))
            let region = try await region(code: query.get("region"))
            let token = CSRF.pageToken(request)
            let page = MediatorDirectoryPage(
                language: context.language, csrfToken: token, specialty: specialty, regionCode: region?.code,
                townships: try await regions.list(level: .township),
                cards: region == .unknown ? [] : try await cards(specialty: specialty, region: region?.id))
            var response = try HTMLPage(html: page.render()).response(from: request, context: context)
            CSRF.setPageToken(token, path: Paths.mediators, secure: secureCookies, on: &response)
            return response
        }
        router.get(RouterPath(Paths.mediator(":id"))) { request, context in
            let card = try await card(context)
            let token = CSRF.pageToken(request)
            var response = try HTMLPage(
                html: MediatorPage(language: context.language, csrfToken: token, card: card).render()
            ).response(from: request, context: context)
            CSRF.setPageToken(token, path: Paths.mediators, secure: secureCookies, on: &response)
            return response
        }
        router.post(RouterPath(Paths.chooseMediator(":id"))) { request, context in
            let form = try await URLEncodedFormDecoder().decode(
                ChooseForm.self, from: String(buffer: request.body.collect(upTo: 16 * 1024)))
            try CSRF.requirePageToken(form._csrf, request)
            return try await choose(form, card: try await card(context), request: request, context: context)
        }
        let api = router.group(RouterPath(Paths.mediatorsAPI)).add(middleware: APIErrorMiddleware(logger: logger))
        api.get { request, _ in
            let query = request.uri.queryParameters
            var specialty: DisputeType?
            if let name = query.get("specialty"), !name.isEmpty {
                guard let type = DisputeType(rawValue: name) else {
                    throw APIError.badRequest(
                        "request.invalid_specialty",
                        Localized(
                            zh: "纠纷类型“\(name)”不存在。", en: "There is no kind of dispute named \"\(name)\"."))
                }
                specialty = type
            }
            let region = try await region(code: query.get("region"))
            if region == .unknown { throw APIError.notFound }
            return MediatorListResource(
                items: try await cards(specialty: specialty, region: region?.id).map(MediatorResource.init))
        }
    }

    /// The 点单 form on a card.
    struct ChooseForm: Decodable {
        let code: String?
        let phone: String?
        let _csrf: String?
    }

    /// 点单 from the directory: the case is found exactly as on the tracking page (a wrong code or wrong digits look
    /// like an unknown code), the citizen asks for the mediator, and the tracking page shows what happens next.
    /// A refusal comes back on the mediator's page, saying why.
    func choose(
        _ form: ChooseForm, card: MediatorCard, request: Request, context: AppRequestContext
    ) async throws -> Response {
        let code = form.code ?? ""
        let phone = form.phone ?? ""
        let answer: ErrorAnswer
        let problem: Localized
        do {
            try await tracking.perform(.init(code: code, phone: phone, mediator: card.mediator.id), context)
            let digits = String(phone.filter(\.isNumber).suffix(4))
            return tracking.proven(
                code: CaseNumbering.normalisedTrackingCode(code) ?? code, digits: digits, at: context.now)
        } catch let error as any UserFacingError {
            answer = ErrorStatus.answer(for: error)
            problem = answer.status == .notFound ? Strings.trackNotFound : error.message
        }
        let token = CSRF.pageToken(request)
        let page = MediatorPage(
            language: context.language, csrfToken: token, card: card, problem: problem,
            code: CaseNumbering.normalisedTrackingCode(code))
        var response = HTMLPage.response(status: answer.status, html: page.render())
        if let retryAfter = answer.retryAfter { response.headers[.retryAfter] = retryAfter }
        CSRF.setPageToken(token, path: Paths.mediators, secure: secureCookies, on: &response)
        return response
    }

    /// The region a filter names: nil when none is asked for, `.unknown` when the code names no region.
    enum RegionFilter: Equatable {
        case known(Region)
        case unknown

        var id: Region.ID? {
            if case .known(let region) = self { return region.id }
            return nil
        }

        var code: String? {
            if case .known(let region) = self { return region.code }
            return nil
        }
    }

    func region(code: String?) async throws -> RegionFilter? {
        guard let code = code?.trimmingWhitespace, !code.isEmpty else { return nil }
        return try await regions.find(code: code).map(RegionFilter.known) ?? .unknown
    }

    func cards(specialty: DisputeType?, region: Region.ID?) async throws -> [MediatorCard] {
        let mediators = try await self.mediators.list(specialty: specialty, inSubtreeOf: region)
        let names = try await organisations.names(of: Set(mediators.map(\.organisationID)))
        return mediators.map { MediatorCard(mediator: $0, organisationName: names[$0.organisationID] ?? "") }
    }

    /// The mediator named in the path, or a 404 page (a retired mediator has left the directory).
    func card(_ context: AppRequestContext) async throws -> MediatorCard {
        guard let id = context.parameters.get("id", as: Int64.self),
            let mediator = try await mediators.find(id: Mediator.ID(id)), mediator.isActive
        else { throw HTTPError(.notFound) }
        let organisation = try await organisations.find(id: mediator.organisationID)
        return MediatorCard(mediator: mediator, organisationName: organisation?.name ?? "")
    }
}

/// A mediator in `GET /api/v1/mediators`. The user account behind a mediator is not public.
struct MediatorResource: Codable, Sendable {
    struct Specialty: Codable, Sendable {
        let code: DisputeType
        let name: LocalizedText
    }

    struct Level: Codable, Sendable {
        let code: RegionLevel
        let name: LocalizedText
    }

    let id: Mediator.ID
    let name: String
    let organisationID: Organisation.ID
    let organisationName: String
    let specialties: [Specialty]
    let levels: [Level]
    let languages: [String]
    let goldMedal: Bool
    let available: Bool
    let profile: String

    init(_ card: MediatorCard) {
        let mediator = card.mediator
        id = mediator.id
        name = mediator.name
        organisationID = mediator.organisationID
        organisationName = card.organisationName
        specialties = mediator.specialties.map { Specialty(code: $0, name: LocalizedText($0.name)) }
        levels = mediator.levels.map { Level(code: $0, name: LocalizedText($0.name)) }
        languages = mediator.languages
        goldMedal = mediator.goldMedal
        available = mediator.available
        profile = mediator.profile
    }
}

struct MediatorListResource: ResponseEncodable, Sendable {
    let items: [MediatorResource]
}
