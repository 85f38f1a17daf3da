import Crypto
import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Logging

/// Open311 GeoReport v2 (`/open311/v2`, docs/OPEN311.md): discovery, services and their definitions from the
/// category catalogue, `POST requests` with an `api_key` through the same registration as every other channel,
/// `GET requests` with the specification's filters, one request, and tokens. JSON or XML by the resource's suffix.
///
/// Reading needs no key, as the specification has it, and shows only what is public: no party is ever written, and
/// the description and address are redacted. Errors are the specification's `errors` answer.
struct Open311Controller {
    let categories: CategoryRepository
    let cases: CaseRepository
    let regions: RegionRepository
    /// The names of the organisations in the requests' histories.
    let organisations: OrganisationRepository
    /// `POST requests`: the key, its user and the actor they register as.
    let open311Keys: Open311KeyRepository
    let users: UserRepository
    let actors: ActorFactory
    let caseActions: CaseActionsFactory
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    /// Where discovery says the API is when the request names no host.
    let hostname: String
    let port: Int
    let logger: Logger

    /// The default and largest page of `GET requests` (the specification's 1000), and its default window.
    static let maximumPageSize = 1000
    static let defaultWindow: TimeInterval = 90 * 86_400
    /// How far pages may reach (`page` × `page_size`): beyond that, narrow the dates.
    static let maximumReach = 20_000
    /// When this API last changed (discovery's `changeset`).
    static let changeset = "2026-11-23T00:00:00+08:00"

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("open311/v2/:resource", use: top)
        router.post("open311/v2/:resource", use: post)
        router.get("open311/v2/services/:file", use: serviceDefinition)
        router.get("open311/v2/requests/:file", use: oneRequest)
        router.get("open311/v2/tokens/:file", use: token)
    }

    // MARK: Routes

    @Sendable func top(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(context, "resource") { name, format in
            switch name {
            case "discovery": return discovery(request)
            case "services":
                _ = try await jurisdiction(request)
                let categories = try await self.categories.list()
                return Open311Services.list(categories, language(request, context))
            case "requests": return try await requests(request, context)
            default: throw Self.notFound
            }
        }
    }

    @Sendable func post(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answerResponse(context, "resource") { name, _ in
            guard name == "requests" else {
                throw Open311Error(.notFound, Localized(zh: "只能向 requests 提交。", en: "Only requests can be posted."))
            }
            return try await create(request, context)
        }
    }

    @Sendable func serviceDefinition(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(context, "file") { code, _ in
            _ = try await jurisdiction(request)
            guard let category = try await categories.list().first(where: { $0.code == code }) else {
                throw Self.unknownService(code)
            }
            return Open311Services.definition(category, language(request, context))
        }
    }

    @Sendable func oneRequest(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(context, "file") { id, _ in
            let scope = try await jurisdiction(request)
            guard let number = Int64(id), let found = try await cases.find(id: Case.ID(number)),
                scope.covers(found)
            else {
                throw Open311Error(
                    .notFound, Localized(zh: "没有编号为 \(id) 的诉求。", en: "service_request_id \(id) was not found."))
            }
            let events = try await cases.events(of: found.id)
            let view = try await requestList([found], events: [found.id: events], request, context)
            return view
        }
    }

    @Sendable func token(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(context, "file") { token, _ in
            let scope = try await jurisdiction(request)
            guard let code = CaseNumbering.normalisedTrackingCode(token),
                let found = try await cases.find(trackingCode: code), scope.covers(found)
            else { throw Open311Error(.notFound, Localized(zh: "没有这个查询码。", en: "token \(token) was not found.")) }
            return Open311Document(
                root: "service_requests",
                value: .array(
                    element: "request",
                    [.object([("service_request_id", .text(String(found.id.rawValue))), ("token", .text(code))])]))
        }
    }

    // MARK: Discovery

    private func discovery(_ request: Request) -> Open311Document {
        let host = request.head.authority ?? "\(hostname):\(port)"
        let endpoint = Open311Value.object([
            ("specification", .text(Open311Paths.specification)),
            ("url", .text("http://\(host)\(Open311Paths.base)")),
            ("changeset", .text(Self.changeset)),
            ("type", .text("production")),
            ("formats", .array(element: "format", Open311Format.allCases.reversed().map { .text($0.mediaType) })),
        ])
        return Open311Document(
            root: "discovery",
            value: .object([
                ("changeset", .text(Self.changeset)),
                ("contact", .text("请联系本县综治中心（矛调中心）。Contact the county governance center.")),
                (
                    "key_service",
                    .text(
                        "api_key 由管理员用 fengqiao open311-key create --user 账号 生成。"
                            + "An administrator issues keys with fengqiao open311-key create --user NAME.")
                ),
                ("endpoints", .array(element: "endpoint", [endpoint])),
            ]))
    }

    // MARK: GET requests

    private func requests(_ request: Request, _ context: AppRequestContext) async throws -> Open311Document {
        let query = request.uri.queryParameters
        let scope = try await jurisdiction(request)
        let extensions = query.get("extensions").flatMap(AppConfiguration.parseBool) ?? false
        if let ids = query.get("service_request_id").map(Self.commaList), !ids.isEmpty {
            // "This overrides all other arguments."
            var found: [Case] = []
            for id in ids.prefix(Self.maximumPageSize) {
                guard let number = Int64(id), let current = try await cases.find(id: Case.ID(number)),
                    scope.covers(current)
                else { continue }
                found.append(current)
            }
            return try await requestList(
                found, events: extensions ? try await events(of: found) : [:], request, context)
        }
        var filter = CaseRepository.Filter()
        if let statuses = query.get("status").map(Self.commaList), !statuses.isEmpty {
            var states: Set<CaseState> = []
            for status in statuses {
                guard let matched = Open311Request.states(for: status.lowercased()) else {
                    throw Open311Error(
                        .badRequest,
                        Localized(
                            zh: "status 应为 open 或 closed。", en: "status must be open or closed (comma delimited)."))
                }
                states.formUnion(matched)
            }
            filter.states = CaseState.allCases.filter(states.contains)
        }
        let (start, end) = try Self.window(query.get("start_date"), query.get("end_date"), now: context.now)
        filter.createdFrom = start
        filter.createdBefore = end.addingTimeInterval(0.001)  // end_date is inclusive
        let page = try Self.positive(query.get("page"), name: "page") ?? 1
        let size = try Self.positive(query.get("page_size"), name: "page_size") ?? Self.maximumPageSize
        guard size <= Self.maximumPageSize else {
            throw Open311Error(
                .badRequest,
                Localized(zh: "page_size 最大为 1000。", en: "page_size must be at most \(Self.maximumPageSize)."))
        }
        let reach = page * size
        guard reach <= Self.maximumReach else {
            throw Open311Error(
                .badRequest,
                Localized(
                    zh: "翻页过远（page × page_size 不超过 \(Self.maximumReach)），请缩小日期范围。",
                    en: "page × page_size may not exceed \(Self.maximumReach): narrow start_date and end_date."))
        }
        let visibility = CaseRepository.Visibility(jurisdictionPaths: [scope.path], organisationIDs: [])
        let codes = query.get("service_code").map(Self.commaList) ?? []
        var found: [Case] = []
        if codes.isEmpty {
            found = try await newest(filter, visibility, count: reach)
        } else {
            for code in Set(codes) {
                var one = filter
                one.categoryCode = code
                found += try await newest(one, visibility, count: reach)
            }
            found.sort { $0.id.rawValue > $1.id.rawValue }
        }
        let slice = Array(found.dropFirst((page - 1) * size).prefix(size))
        return try await requestList(slice, events: extensions ? try await events(of: slice) : [:], request, context)
    }

    /// Up to `count` cases of the filter, newest first, read in keyset pages of 200.
    private func newest(
        _ filter: CaseRepository.Filter, _ visibility: CaseRepository.Visibility, count: Int
    ) async throws -> [Case] {
        var out: [Case] = []
        var after: Case.ID?
        while out.count < count {
            let page = try await cases.list(filter, visibleTo: visibility, limit: 200, after: after)
            out += page
            guard page.count == 200, let last = page.last else { break }
            after = last.id
        }
        return Array(out.prefix(count))
    }

    private func events(of cases: [Case]) async throws -> [Case.ID: [CaseEvent]] {
        var out: [Case.ID: [CaseEvent]] = [:]
        for current in cases { out[current.id] = try await self.cases.events(of: current.id) }
        return out
    }

    /// The `service_requests` answer; with `extensions=true` each request carries `extended_attributes`.
    private func requestList(
        _ cases: [Case], events: [Case.ID: [CaseEvent]], _ request: Request, _ context: AppRequestContext
    ) async throws -> Open311Document {
        let extensions =
            request.uri.queryParameters.get("extensions").flatMap(AppConfiguration.parseBool) ?? false
        let categories = Dictionary(
            try await self.categories.list(includeRetired: true).map { ($0.code, $0) },
            uniquingKeysWith: { a, _ in a }
        )
        let ids = cases.reduce(into: Set<Organisation.ID>()) { ids, current in
            ids.formUnion(CaseFileEntries.mentioned(in: current, events: events[current.id] ?? []))
        }
        let names = try await organisations.names(of: ids)
        let language = language(request, context)
        let now = context.now
        let items = cases.map { current in
            Open311Request(
                current: current, events: events[current.id] ?? [],
                category: current.categoryCode.flatMap { categories[$0] }, names: names,
                calendar: calendar, now: now
            ).value(language, extensions: extensions)
        }
        return Open311Document(root: "service_requests", value: .array(element: "request", items))
    }

    // MARK: POST requests

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await MultipartForm.read(request).form
        let query = request.uri.queryParameters
        func field(_ name: String) -> String? { form[name] ?? query.get(name)?.trimmingWhitespace.nilIfEmpty }

        guard let apiKey = field("api_key") else {
            throw Open311Error(.forbidden, Localized(zh: "缺少 api_key。", en: "api_key was not provided."))
        }
        guard let key = try await open311Keys.find(key: apiKey),
            let user = try await users.find(id: key.userID), !user.disabled
        else { throw Open311Error(.forbidden, Localized(zh: "api_key 无效。", en: "Invalid api_key.")) }
        let scope = try await jurisdiction(request, value: field("jurisdiction_id"), required: true)
        guard let code = field("service_code") else {
            throw Open311Error(.badRequest, Localized(zh: "缺少 service_code。", en: "service_code was not provided."))
        }
        guard let category = try await categories.list().first(where: { $0.code == code }) else {
            throw Self.unknownService(code)
        }
        let place = try await Open311Place(regions: regions, county: scope.county).resolve(
            latitude: field("lat"), longitude: field("long"), address: field("address_string"),
            regionCode: field("region_code"), addressID: field("address_id"))

        // The description: what was written, the answers to the definition's questions, and the media link.
        var lines: [String] = [field("description") ?? ""]
        var parties: [Party] = []
        let known = Open311Services.attributes(of: category)
        for (name, value) in form.fields where name.hasPrefix("attribute[") && name.hasSuffix("]") {
            let attributeCode = String(name.dropFirst("attribute[".count).dropLast())
            let value = value.trimmingWhitespace
            guard !value.isEmpty else { continue }
            if let attribute = known.first(where: { $0.code == attributeCode }) {
                if attribute.becomesOtherParty {
                    parties.append(Party(role: .other, name: value))
                } else {
                    lines.append("【\(attribute.description.zh.split(separator: "，").first ?? "")】\(value)")
                }
            } else {
                lines.append("【\(attributeCode)】\(value)")
            }
        }
        if let media = field("media_url") {
            guard media.count <= 500, let url = URL(string: media), ["http", "https"].contains(url.scheme ?? "")
            else {
                throw Open311Error(
                    .badRequest, Localized(zh: "media_url 应为 http(s) 链接。", en: "media_url must be an http(s) URL."))
            }
            lines.append(Open311Request.mediaMarker + media)
        }
        var description = lines.filter { !$0.trimmingWhitespace.isEmpty }.joined(separator: "\n")
        if description.isEmpty { description = category.name.zh }
        let written = field("description") ?? category.name.zh

        // The reporter: a name, a phone and an e-mail (kept as the reporter's contact address: a party has no
        // e-mail field). Without a name or a phone the report is anonymous.
        let name = Self.personName(first: field("first_name"), last: field("last_name"))
        let phone = field("phone")
        let email = field("email")
        if name != nil || phone != nil || email != nil {
            parties.insert(Party(role: .reporter, name: name, phone: phone, address: email), at: 0)
        }
        let intake = Intake(
            channel: key.channel ?? .citizenReport, title: ReportController.title(from: written),
            description: description, categoryCode: category.code, urgency: .troublesome, kind: .request,
            regionID: place.region.id, address: place.address, latitude: place.latitude, longitude: place.longitude,
            parties: parties, anonymous: name == nil && phone == nil)
        let identity = try await actors.identity(for: user)
        let retryKey =
            request.headers[.init("Idempotency-Key")!].map { "header:\($0)" } ?? "form:" + Self.digest(form.fields)
        let created: CaseRepository.Created
        do {
            created = try await caseActions.at(context.now).register(
                intake, idempotencyKey: "open311:\(key.id):\(retryKey)", by: identity.actor)
        } catch let error as CaseError where error.kind == .forbidden {
            // Other refusals take their status from their kind (`ErrorStatus`), like everywhere else.
            throw Open311Error(
                .forbidden,
                Localized(
                    zh: "此 api_key 的账号不能在该地登记：\(error.message.zh)",
                    en: "This api_key's account may not register cases there: \(error.message.en)"))
        }
        let notice = Open311Request(
            current: created.case, events: [], category: category, names: [:],
            calendar: calendar, now: context.now
        ).serviceNotice.text(language(request, context))
        let document = Open311Document(
            root: "service_requests",
            value: .array(
                element: "request",
                [
                    .object([
                        ("service_request_id", .text(String(created.case.id.rawValue))),
                        ("token", .text(created.case.trackingCode)),
                        ("service_notice", .text(notice)),
                        ("account_id", .text(nil)),
                    ])
                ]))
        return document.response(format(context, "resource"), status: created.isNew ? .created : .ok)
    }

    /// Chinese order (family name first) for Chinese names, "first last" otherwise.
    static func personName(first: String?, last: String?) -> String? {
        switch (first, last) {
        case (nil, nil): return nil
        case (let one?, nil), (nil, let one?): return one
        case (let first?, let last?):
            let chinese = (first + last).unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            return chinese ? last + first : first + " " + last
        }
    }

    /// The same form posted again (a client's retry) registers one case: its fields, sorted, name the retry.
    static func digest(_ fields: [(name: String, value: String)]) -> String {
        let canonical = fields.filter { $0.name != "api_key" }.map { "\($0.name)=\($0.value)" }.sorted()
            .joined(separator: "\n")
        return Hex.lowercase(SHA256.hash(data: Data(canonical.utf8)))
    }

    // MARK: Jurisdiction

    /// The jurisdiction asked for: our county's code or none. `path` limits what is read.
    struct Scope: Sendable {
        let county: Region?
        let path: String

        func covers(_ current: Case) -> Bool { current.regionPath.hasPrefix(path) }
    }

    private func jurisdiction(_ request: Request) async throws -> Scope {
        try await jurisdiction(
            request, value: request.uri.queryParameters.get("jurisdiction_id")?.trimmingWhitespace.nilIfEmpty,
            required: false)
    }

    /// `jurisdiction_id` names one of our counties, or is left out: for reading, every case; for posting, the only
    /// county there is (a database with several asks for it, as the specification does).
    private func jurisdiction(_ request: Request, value: String?, required: Bool) async throws -> Scope {
        let counties = try await regions.list(level: .county)
        if let value {
            guard let county = counties.first(where: { $0.code == value }),
                let path = try await regions.path(of: county.id)
            else {
                throw Open311Error(
                    .notFound,
                    Localized(zh: "jurisdiction_id“\(value)”不存在。", en: "jurisdiction_id \(value) was not found."))
            }
            return Scope(county: county, path: path)
        }
        if counties.count == 1, let county = counties.first, let path = try await regions.path(of: county.id) {
            return Scope(county: county, path: path)
        }
        guard !required else {
            throw Open311Error(
                .badRequest, Localized(zh: "请提供 jurisdiction_id。", en: "jurisdiction_id was not provided."))
        }
        return Scope(county: nil, path: "/")
    }

    // MARK: Helpers

    static let notFound = Open311Error(
        .notFound, Localized(zh: "没有这个资源。", en: "There is no such Open311 resource."))

    static func unknownService(_ code: String) -> Open311Error {
        Open311Error(.notFound, Localized(zh: "service_code“\(code)”不存在。", en: "service_code \(code) was not found."))
    }

    /// `locale=en…` (the CitySDK parameter) or the page language otherwise: zh-Hans by default.
    private func language(_ request: Request, _ context: AppRequestContext) -> DisplayLanguage {
        if let locale = request.uri.queryParameters.get("locale")?.lowercased() {
            return locale.hasPrefix("en") ? .en : .zhHans
        }
        return context.language
    }

    private func format(_ context: AppRequestContext, _ parameter: String) -> Open311Format {
        context.parameters.get(parameter).flatMap(Open311Format.split)?.format ?? .xml
    }

    /// Runs a route: the path component names the resource and its format; any error becomes the specification's
    /// `errors` answer in that format (XML when there is no known suffix, XML being the required format).
    private func answer(
        _ context: AppRequestContext, _ parameter: String,
        _ body: (String, Open311Format) async throws -> Open311Document
    ) async throws -> Response {
        try await answerResponse(context, parameter) { name, format in try await body(name, format).response(format) }
    }

    private func answerResponse(
        _ context: AppRequestContext, _ parameter: String,
        _ body: (String, Open311Format) async throws -> Response
    ) async throws -> Response {
        let format = format(context, parameter)
        do {
            guard let component = context.parameters.get(parameter), let split = Open311Format.split(component)
            else { throw Self.notFound }
            return try await body(split.name, split.format)
        } catch let error as Open311Error {
            return error.document.response(format, status: error.status)
        } catch {
            // Every other refusal as the API and the pages answer it (`ErrorStatus.answer`), in Open311's document.
            let answer = ErrorStatus.answer(for: error)
            guard answer.status == .internalServerError else {
                return Open311Error(answer.status, answer.message).document.response(format, status: answer.status)
            }
            logger.error("open311 failed", metadata: ["requestID": "\(context.requestID)", "error": "\(error)"])
            return Open311Error(
                .internalServerError,
                Localized(
                    zh: "服务出错，请稍后再试（请求编号 \(context.requestID)）。",
                    en: "Service error; try again later (request \(context.requestID)).")
            ).document.response(format, status: .internalServerError)
        }
    }

    static func commaList(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    static func positive(_ text: String?, name: String) throws -> Int? {
        guard let text else { return nil }
        guard let number = Int(text), number >= 1 else {
            throw Open311Error(
                .badRequest, Localized(zh: "\(name) 应为正整数。", en: "\(name) must be a positive whole number."))
        }
        return number
    }

    /// The `start_date`/`end_date` window: at most 90 days; the last 90 days when neither is given.
    static func window(_ startText: String?, _ endText: String?, now: Date) throws -> (Date, Date) {
        func parse(_ text: String?, _ name: String, end: Bool) throws -> Date? {
            guard let text else { return nil }
            guard let moment = ChinaTime.parse(text) else {
                throw Open311Error(
                    .badRequest,
                    Localized(
                        zh: "\(name) 应为 W3C 日期时间，如 2026-11-01T00:00:00+08:00。",
                        en: "\(name) must be a W3C date-time such as 2026-11-01T00:00:00Z."))
            }
            // A plain date is the whole day (`ChinaTime`): its start for start_date, its end for end_date.
            return end ? moment.periodEnd : moment.lowerBound
        }
        let start = try parse(startText, "start_date", end: false)
        let end = try parse(endText, "end_date", end: true)
        switch (start, end) {
        case (nil, nil):
            return (now.addingTimeInterval(-defaultWindow), now)
        case (let start?, nil):
            return (start, min(now, start.addingTimeInterval(defaultWindow)))
        case (nil, let end?):
            return (end.addingTimeInterval(-defaultWindow), end)
        case (let start?, let end?):
            guard start <= end else {
                throw Open311Error(
                    .badRequest,
                    Localized(zh: "start_date 应早于 end_date。", en: "start_date must not be after end_date."))
            }
            guard end.timeIntervalSince(start) <= defaultWindow else {
                throw Open311Error(
                    .badRequest,
                    Localized(
                        zh: "start_date 与 end_date 相隔不能超过90天。",
                        en: "start_date and end_date may not span more than 90 days."
                    ))
            }
            return (start, end)
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
