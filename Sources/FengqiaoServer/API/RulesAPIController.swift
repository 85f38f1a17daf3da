import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// What the time-limit and calendar routes share between the JSON API and the admin pages: a versioned body, a
/// version as the API shows it, the author and the access-log entry of a change.
enum RulesAPI {
    /// A policy or ladder body with an optional `effectiveFrom`: an ISO 8601 instant ("2027-01-04T00:00:00+08:00")
    /// or a date ("2027-01-04", from its midnight in the calendar's time zone). Without it the version applies now.
    struct Versioned<Rule: Decodable & Sendable>: Decodable, Sendable {
        let rule: Rule
        let effectiveFromText: String?

        enum CodingKeys: String, CodingKey {
            case effectiveFrom
        }

        init(from decoder: any Decoder) throws {
            rule = try Rule(from: decoder)
            effectiveFromText = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(
                String.self, forKey: .effectiveFrom)
        }

        func effectiveFrom(_ calendar: WorkingCalendar) throws -> Date? {
            guard let text = effectiveFromText?.trimmingWhitespace, !text.isEmpty else { return nil }
            if let date = WorkingCalendar.CivilDate(string: text) { return calendar.start(of: date) }
            if let instant = try? Date(text, strategy: .iso8601) { return instant }
            throw APIError.badRequest(
                "time_limit.invalid_effective_from",
                Localized(
                    zh: "生效时间（effectiveFrom）应写成 2027-01-04 或 2027-01-04T00:00:00+08:00。",
                    en: "effectiveFrom must look like 2027-01-04 or 2027-01-04T00:00:00+08:00."))
        }
    }

    /// One version as the API shows it.
    struct VersionResource: ResponseEncodable, Codable, Sendable {
        let id: Int64
        let kind: String
        let code: String
        let status: String
        let effectiveFrom: Date
        let createdAt: Date
        let createdBy: String?
        let withdrawnAt: Date?
        let withdrawnBy: String?
        let policy: TimeLimitPolicy?
        let ladder: EscalationLadder?

        init(_ version: TimeLimitVersion, status: TimeLimitVersion.Status) {
            id = version.id
            kind = version.kind.rawValue
            code = version.code
            self.status = status.rawValue
            effectiveFrom = version.effectiveFrom
            createdAt = version.createdAt
            createdBy = version.createdBy
            withdrawnAt = version.withdrawnAt
            withdrawnBy = version.withdrawnBy
            policy = version.policy
            ladder = version.ladder
        }
    }

    static func versions(
        _ history: TimeLimitHistory, of kind: TimeLimitVersion.Kind, at now: Date
    ) -> [VersionResource] {
        history.versions.filter { $0.kind == kind }
            .sorted { ($0.code, $1.effectiveFrom, $1.id) < ($1.code, $0.effectiveFrom, $0.id) }
            .map { VersionResource($0, status: history.status(of: $0, at: now)) }
    }

    static func author(_ context: AppRequestContext) throws -> TimeLimitRepository.Author {
        let user = try context.requireIdentity().user
        return TimeLimitRepository.Author(userID: user.id.rawValue, name: user.displayName)
    }

    /// "policy standard from 2027-01-04T00:00:00Z (version 7)": what the access log keeps of a change.
    static func detail(_ version: TimeLimitVersion) -> String {
        "\(version.kind.rawValue) \(version.code) from \(version.effectiveFrom.formatted(.iso8601)) (version \(version.id))"
    }

    static func log(
        _ accessLog: AccessLogRepository, _ context: AppRequestContext, _ action: String, _ detail: String
    ) async throws {
        let user = try context.requireIdentity().user
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: context.now, userID: user.id, username: user.username, action: action, caseID: nil,
                detail: detail, requestID: context.requestID))
    }
}

/// `/api/v1/time-limits/versions/{id}/withdraw` (a scheduled version withdrawn before it takes effect) and
/// `/api/v1/time-limits/calendar/uploads` and `/years/{year}` (next year's official calendar, CSV or iCalendar,
/// previewed with `dryRun=true`, then saved; an uploaded year removed). County administrators only; each change is
/// written to the access log; a saved upload applies to the clocks at once (`LiveCalendar`).
struct RulesAPIController {
    let timeLimits: TimeLimitRepository
    let calendarYears: CalendarRepository
    let calendars: LiveCalendar
    let accessLog: AccessLogRepository
    let regions: RegionRepository

    /// What an upload holds (and, unless a dry run, what was saved).
    struct UploadResource: ResponseEncodable {
        struct Year: Codable {
            let year: Int
            let holidays: Int
            let workdays: Int
            let entries: [WorkingCalendar.Entry]
        }

        let saved: Bool
        let ignoredEvents: Int
        let years: [Year]
    }

    /// The largest calendar file accepted: a year is a few dozen lines.
    static let uploadLimit = 512 * 1024

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("time-limits/versions/:id/withdraw") { _, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw TimeLimitError.notFound }
            let version = try await timeLimits.withdraw(version: id, by: RulesAPI.author(context), at: context.now)
            try await RulesAPI.log(accessLog, context, "time-limit.withdraw", RulesAPI.detail(version))
            var withdrawn = version
            withdrawn.withdrawnAt = context.now
            return RulesAPI.VersionResource(withdrawn, status: .withdrawn)
        }
        group.post("time-limits/calendar/uploads") { request, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            let query = request.uri.queryParameters
            let dryRun = query.get("dryRun") == "true"
            let data = Data(Array(try await request.body.collect(upTo: Self.uploadLimit).readableBytesView))
            let parsed = try CalendarRules.parse(data)
            if !dryRun {
                let name = query.get("name").map { String($0) } ?? "api"
                try await CalendarRules.save(
                    parsed, source: name, repository: calendarYears, calendars: calendars, accessLog: accessLog,
                    context: context)
            }
            return UploadResource(
                saved: !dryRun, ignoredEvents: parsed.ignoredEvents,
                years: parsed.years.map {
                    .init(year: $0.year, holidays: $0.holidays.count, workdays: $0.workdays.count, entries: $0.entries)
                })
        }
        group.delete("time-limits/calendar/years/:year") { _, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            guard let year = context.parameters.get("year").flatMap(Int.init) else { throw CalendarRules.noSuchYear }
            try await CalendarRules.delete(
                year: year, repository: calendarYears, calendars: calendars, accessLog: accessLog, context: context)
            return HTTPResponse.Status.noContent
        }
    }
}

/// Reading, saving and removing uploaded calendar years: the one path of the page and the API.
enum CalendarRules {
    static let noSuchYear = APIError(
        status: .notFound, code: "calendar.no_such_year",
        message: Localized(zh: "该年份没有上传的日历。", en: "No calendar was uploaded for that year."))

    /// The upload's text (UTF-8 with or without BOM, or GB18030), read as CSV or iCalendar.
    static func parse(_ data: Data) throws -> CalendarUpload.Parsed {
        guard let text = ImportReader.decode(data) else {
            throw APIError(
                status: .unprocessableContent, code: "calendar.encoding",
                message: Localized(
                    zh: "无法读取文件：请保存为 UTF-8 或 GB18030 编码的 CSV 或 iCalendar（.ics）文件。",
                    en: "The file cannot be read: save it as CSV or iCalendar (.ics) in UTF-8 or GB18030."))
        }
        return try CalendarUpload.parse(text)
    }

    static func save(
        _ parsed: CalendarUpload.Parsed, source: String, repository: CalendarRepository, calendars: LiveCalendar,
        accessLog: AccessLogRepository, context: AppRequestContext
    ) async throws {
        let user = try context.requireIdentity().user
        try await repository.save(
            parsed.years, source: source, byUserID: user.id.rawValue, byName: user.displayName, at: context.now)
        try await calendars.reload(from: repository)
        let summary = parsed.years.map { "\($0.year): \($0.holidays.count) holidays, \($0.workdays.count) workdays" }
        try await RulesAPI.log(
            accessLog, context, "calendar.upload", "\(source) — " + summary.joined(separator: "; "))
    }

    static func delete(
        year: Int, repository: CalendarRepository, calendars: LiveCalendar, accessLog: AccessLogRepository,
        context: AppRequestContext
    ) async throws {
        guard try await repository.delete(year: year) else { throw noSuchYear }
        try await calendars.reload(from: repository)
        try await RulesAPI.log(accessLog, context, "calendar.delete", "year \(year)")
    }
}
