import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

extension Paths {
    public static let adminPolicy = "/admin/time-limits/policy"
    public static let adminLadder = "/admin/time-limits/ladder"
}

/// `/admin/time-limits` and `/admin/calendar`: the county-wide rules of the clocks, edited from the web. Policies and
/// ladders change by new versions with the date they take effect (`TimeLimitRepository`); the working calendar by
/// uploading next year's official calendar (CSV or iCalendar), previewed, then saved (`CalendarRules`, shared with
/// the API). Every administrator sees them; only administrators of the county or above change them, and every change
/// goes to the access log. A refusal shows the page again (422) with the message naming the field.
struct AdminRulesController {
    let regions: RegionRepository
    let categories: CategoryRepository
    let timeLimits: TimeLimitRepository
    let calendarYears: CalendarRepository
    let calendars: LiveCalendar
    let accessLog: AccessLogRepository

    /// A refusal of a form field.
    struct Refusal: UserFacingError {
        let code: String
        let message: Localized
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.admin))
        router.get(RouterPath(Paths.adminTimeLimits)) { request, context in
            HTMLPage(html: try await timeLimitsPage(request, context).render())
        }
        router.post(RouterPath(Paths.adminTimeLimits)) { request, context in
            try await submit(request, context, back: Paths.adminTimeLimits) { form, identity in
                guard let id = form["version"].flatMap(Int64.init) else { throw TimeLimitError.notFound }
                let version = try await timeLimits.withdraw(
                    version: id, by: .init(userID: identity.user.id.rawValue, name: identity.user.displayName),
                    at: context.now)
                try await RulesAPI.log(accessLog, context, "time-limit.withdraw", RulesAPI.detail(version))
                return .withdrawn
            } page: { frame, _ in
                var page = try await timeLimitsPage(request, context)
                page.frame = frame
                return page.render()
            }
        }
        router.get(RouterPath(Paths.adminPolicy)) { request, context in
            HTMLPage(html: try await policyPage(request, context, form: nil).render())
        }
        router.post(RouterPath(Paths.adminPolicy)) { request, context in
            try await submit(request, context, back: Paths.adminTimeLimits) { form, identity in
                let policy = try RulesForm.policy(form)
                let version = try await timeLimits.save(
                    policy, effectiveFrom: try effectiveFrom(form, context),
                    by: .init(userID: identity.user.id.rawValue, name: identity.user.displayName), at: context.now)
                try await RulesAPI.log(accessLog, context, "time-limit.policy.save", RulesAPI.detail(version))
                return .policySaved
            } page: { frame, form in
                var page = try await policyPage(request, context, form: form)
                page.frame = frame
                return page.render()
            }
        }
        router.get(RouterPath(Paths.adminLadder)) { request, context in
            HTMLPage(html: try await ladderPage(request, context, form: nil).render())
        }
        router.post(RouterPath(Paths.adminLadder)) { request, context in
            try await submit(request, context, back: Paths.adminTimeLimits) { form, identity in
                let ladder = try RulesForm.ladder(form)
                let version = try await timeLimits.save(
                    ladder, effectiveFrom: try effectiveFrom(form, context),
                    by: .init(userID: identity.user.id.rawValue, name: identity.user.displayName), at: context.now)
                try await RulesAPI.log(accessLog, context, "time-limit.ladder.save", RulesAPI.detail(version))
                return .ladderSaved
            } page: { frame, form in
                var page = try await ladderPage(request, context, form: form)
                page.frame = frame
                return page.render()
            }
        }
        router.get(RouterPath(Paths.adminCalendar)) { request, context in
            HTMLPage(html: try await calendarPage(request, context).render())
        }
        router.post(RouterPath(Paths.adminCalendar)) { request, context in
            try await calendarPost(request, context)
        }
    }

    // MARK: Shared

    private func frame(_ identity: Identity, _ context: AppRequestContext, _ request: Request) -> AdminFrame {
        AdminFrame(
            language: context.language,
            nav: StaffNav(identity: identity, context: context, current: Paths.admin),
            csrfToken: context.csrfToken ?? "",
            note: request.uri.queryParameters.get("done").flatMap(RulesStrings.Note.init(rawValue:))?.text)
    }

    private func editable(_ identity: Identity) async throws -> Bool {
        try await AdminScope.load(for: identity, regions).isCountyOrAbove
    }

    /// Reads and CSRF-checks the form (county administrators only), makes the change and redirects back with its
    /// note; a refusal shows the page again (422) with the message and the form as typed.
    private func submit(
        _ request: Request, _ context: AppRequestContext, back path: String,
        change: (WebForm, Identity) async throws -> RulesStrings.Note,
        page: (AdminFrame, WebForm) async throws -> String
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await WebForm.read(request)
        try form.requireCSRF(context)
        // The pages offer no form to others: a POST from them is not a mistake to correct but a refusal.
        guard try await editable(identity) else { throw WebAccess.Forbidden() }
        do {
            let note = try await change(form, identity)
            return Response.redirect(to: "\(path)?done=\(note.rawValue)", type: .normal)
        } catch let error as any UserFacingError {
            var frame = frame(identity, context, request)
            frame.note = nil
            frame.error = error.message
            return HTMLPage.response(status: ErrorStatus.status(of: error), html: try await page(frame, form))
        }
    }

    /// The form's effective date: from its midnight (today: at once); not before today.
    private func effectiveFrom(_ form: WebForm, _ context: AppRequestContext) throws -> Date {
        let calendar = calendars.current
        guard let text = form["effectiveFrom"], let date = WorkingCalendar.CivilDate(string: text) else {
            throw Refusal(
                code: "time_limit.invalid_effective_from", message: RulesStrings.missing(RulesStrings.effectiveFrom))
        }
        let today = calendar.civilDate(containing: context.now)
        guard date >= today else { throw TimeLimitError.effectiveInPast }
        return date == today ? context.now : calendar.start(of: date)
    }

    /// The next working day after today: the default effective date.
    static func nextWorkingDay(after now: Date, _ calendar: WorkingCalendar) -> WorkingCalendar.CivilDate {
        var day = calendar.civilDate(containing: now).next
        for _ in 0..<40 where !calendar.isWorkingDay(day) { day = day.next }
        return day
    }

    // MARK: Time limits

    private func timeLimitsPage(_ request: Request, _ context: AppRequestContext) async throws -> RulesTimeLimitsPage {
        let identity = try context.requireIdentity()
        let history = try await timeLimits.history()
        return RulesTimeLimitsPage(
            frame: frame(identity, context, request), history: history, now: context.now,
            categories: try await categories.list(), editable: try await editable(identity))
    }

    private func policyPage(
        _ request: Request, _ context: AppRequestContext, form: WebForm?
    ) async throws -> RulesPolicyPage {
        let identity = try context.requireIdentity()
        guard try await editable(identity) else { throw WebAccess.Forbidden() }
        let code = form?["code"] ?? request.uri.queryParameters.get("code").map { String($0) }
        let current = try await timeLimits.book(at: context.now).policies.first { $0.code == code }
        return RulesPolicyPage(
            frame: frame(identity, context, request), policy: current, form: form,
            categories: try await categories.list(),
            defaultDate: Self.nextWorkingDay(after: context.now, calendars.current))
    }

    private func ladderPage(
        _ request: Request, _ context: AppRequestContext, form: WebForm?
    ) async throws -> RulesLadderPage {
        let identity = try context.requireIdentity()
        guard try await editable(identity) else { throw WebAccess.Forbidden() }
        let code = form?["code"] ?? request.uri.queryParameters.get("code").map { String($0) }
        let current = try await timeLimits.book(at: context.now).ladders.first { $0.code == code }
        return RulesLadderPage(
            frame: frame(identity, context, request), ladder: current, form: form,
            categories: try await categories.list(),
            defaultDate: Self.nextWorkingDay(after: context.now, calendars.current))
    }

    // MARK: Calendar

    private func calendarPage(
        _ request: Request, _ context: AppRequestContext, preview: (CalendarUpload.Parsed, String, String)? = nil
    ) async throws -> RulesCalendarPage {
        let identity = try context.requireIdentity()
        let calendar = calendars.current
        let thisYear = calendar.civilDate(containing: context.now).year
        let asked = request.uri.queryParameters.get("year").flatMap { Int($0) }.flatMap {
            (1900...2200).contains($0) ? $0 : nil
        }
        return RulesCalendarPage(
            frame: frame(identity, context, request), calendar: calendar, year: asked ?? thisYear,
            thisYear: thisYear, uploaded: try await calendarYears.years(), editable: try await editable(identity),
            preview: preview)
    }

    private func calendarPost(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let submitted = try await MultipartForm.read(request)
        try submitted.form.requireCSRF(context)
        guard try await editable(identity) else { throw WebAccess.Forbidden() }
        let form = submitted.form
        do {
            switch form["action"] {
            case "remove":
                guard let year = form["year"].flatMap(Int.init) else { throw CalendarRules.noSuchYear }
                try await CalendarRules.delete(
                    year: year, repository: calendarYears, calendars: calendars, accessLog: accessLog,
                    context: context)
                return Response.redirect(to: "\(Paths.adminCalendar)?done=year-removed", type: .normal)
            case "save":
                let content = form.fields.first { $0.name == "content" }?.value ?? ""
                let parsed = try CalendarUpload.parse(content)
                try await CalendarRules.save(
                    parsed, source: form["fileName"] ?? "upload", repository: calendarYears, calendars: calendars,
                    accessLog: accessLog, context: context)
                let year = parsed.years.first.map { "&year=\($0.year)" } ?? ""
                return Response.redirect(to: "\(Paths.adminCalendar)?done=calendar-saved\(year)", type: .normal)
            default:
                guard let file = submitted.files.first(where: { $0.field == "file" }) else {
                    throw Refusal(code: "calendar.no_file", message: RulesStrings.noFile)
                }
                guard let text = ImportReader.decode(Data(file.bytes)) else {
                    _ = try CalendarRules.parse(Data(file.bytes))
                    throw Refusal(code: "calendar.encoding", message: RulesStrings.noFile)
                }
                let parsed = try CalendarUpload.parse(text)
                let page = try await calendarPage(request, context, preview: (parsed, text, file.fileName))
                return HTMLPage.response(status: .ok, html: page.render())
            }
        } catch let error as any UserFacingError {
            var page = try await calendarPage(request, context)
            page.frame.note = nil
            page.frame.error = error.message
            return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
        }
    }
}

/// Reads the policy and ladder forms into the domain's values (which validate themselves).
enum RulesForm {
    static func limit(_ form: WebForm, _ prefix: String, field: Localized) throws -> TimeLimit? {
        guard let amount = form["\(prefix)Amount"], !amount.isEmpty else { return nil }
        guard let count = Int(amount), count > 0, let unit = form["\(prefix)Unit"],
            let limit = TimeLimit(code: "\(count)\(unit)")
        else {
            throw AdminRulesController.Refusal(code: "time_limit.invalid_limit", message: RulesStrings.invalid(field))
        }
        return limit
    }

    static func policy(_ form: WebForm) throws -> TimeLimitPolicy {
        var limits: [ClockKind: TimeLimit] = [:]
        for kind in ClockKind.policyClocks {
            guard let limit = try limit(form, kind.rawValue, field: kind.name) else {
                throw TimeLimitError.missingLimit(kind)
            }
            limits[kind] = limit
        }
        guard let percent = form["warningPercent"].flatMap(Double.init) else {
            throw AdminRulesController.Refusal(
                code: "time_limit.invalid_warning_share", message: RulesStrings.invalid(RulesStrings.warningShare))
        }
        let policy = TimeLimitPolicy(
            code: form["code"] ?? "", name: form["name"] ?? "",
            categoryPrefix: form["categoryPrefix"].flatMap { $0.isEmpty ? nil : $0 },
            urgency: form["urgency"].flatMap(Urgency.init(rawValue:)),
            channel: form["channel"].flatMap(Channel.init(rawValue:)), limits: limits, warningShare: percent / 100)
        try policy.validate()
        return policy
    }

    static let stepRows = 5

    static func ladder(_ form: WebForm) throws -> EscalationLadder {
        var steps: [EscalationLadder.Step] = []
        for row in 0..<stepRows {
            guard let level = form["step\(row)Level"].flatMap(RegionLevel.init(rawValue:)) else { continue }
            func count(_ name: String, _ field: Localized) throws -> Int? {
                guard let text = form["step\(row)\(name)"], !text.isEmpty else { return nil }
                guard let value = Int(text), value > 0 else {
                    throw AdminRulesController.Refusal(
                        code: "time_limit.invalid_ladder", message: RulesStrings.invalid(field))
                }
                return value
            }
            steps.append(
                EscalationLadder.Step(
                    level: level, maxSessions: try count("Max", RulesStrings.maxSessions),
                    minSessions: try count("Min", RulesStrings.minSessions),
                    within: try limit(form, "step\(row)Within", field: RulesStrings.within)))
        }
        let prefixes = form.fields.filter { $0.name == "categoryPrefixes" }.map(\.value).filter { !$0.isEmpty }
        let ladder = EscalationLadder(
            code: form["code"] ?? "", name: form["name"] ?? "", categoryPrefixes: prefixes,
            automatic: form["automatic"] == "on", steps: steps)
        try ladder.validate()
        return ladder
    }
}
