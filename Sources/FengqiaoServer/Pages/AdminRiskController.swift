import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

extension Paths {
    public static let adminRisk = "/admin/risk"
}

/// `/admin/risk`: the risk model's weights and thresholds and the key persons' care plan, edited by county
/// administrators as new versions with the date they take effect (default the next working day, never in the past;
/// a scheduled version can be withdrawn), as the time limits are (`AdminRulesController`). Every change goes to the
/// access log; a refusal shows the page again (422) with the message naming the field.
struct AdminRiskController {
    let regions: RegionRepository
    let rules: RiskRuleRepository
    let calendars: LiveCalendar
    let accessLog: AccessLogRepository

    struct Refusal: UserFacingError {
        let code: String
        let message: Localized
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.admin))
        router.get(RouterPath(Paths.adminRisk)) { request, context in
            let identity = try await requireCountyAdministrator(context)
            var page = try await page(identity, context, form: nil)
            page.frame.note = request.uri.queryParameters.get("done").flatMap(Self.note)
            return HTMLPage(html: page.render())
        }
        router.post(RouterPath(Paths.adminRisk)) { request, context in
            let identity = try await requireCountyAdministrator(context)
            let form = try await WebForm.read(request)
            try form.requireCSRF(context)
            let author = TimeLimitRepository.Author(userID: identity.user.id.rawValue, name: identity.user.displayName)
            do {
                switch form["action"] {
                case "withdraw":
                    guard let id = form["version"].flatMap(Int64.init) else { throw RiskRuleError.notFound }
                    let version = try await rules.withdraw(version: id, by: author, at: context.now)
                    try await RulesAPI.log(accessLog, context, "risk-rule.withdraw", Self.detail(version))
                    return Response.redirect(to: "\(Paths.adminRisk)?done=withdrawn", type: .normal)
                case "care-plan":
                    let plan = try Self.carePlan(form)
                    let version = try await rules.save(
                        plan, calendar: calendars.current, effectiveFrom: try effectiveFrom(form, context), by: author,
                        at: context.now)
                    try await RulesAPI.log(accessLog, context, "care-plan.save", Self.detail(version))
                    return Response.redirect(to: "\(Paths.adminRisk)?done=care-plan", type: .normal)
                default:
                    let model = try Self.model(form)
                    let version = try await rules.save(
                        model, effectiveFrom: try effectiveFrom(form, context), by: author, at: context.now)
                    try await RulesAPI.log(accessLog, context, "risk-model.save", Self.detail(version))
                    return Response.redirect(to: "\(Paths.adminRisk)?done=model", type: .normal)
                }
            } catch let error as any UserFacingError {
                var page = try await page(identity, context, form: form)
                page.frame.error = error.message
                return HTMLPage.response(status: ErrorStatus.status(of: error), html: page.render())
            }
        }
    }

    static func note(_ done: String) -> Localized? {
        switch done {
        case "model": KeyPersonStrings.modelSaved
        case "care-plan": KeyPersonStrings.carePlanSaved
        case "withdrawn": KeyPersonStrings.withdrawn
        default: nil
        }
    }

    /// "model version 3 from 2026-12-08T00:00:00Z": what the access log keeps of a change.
    static func detail(_ version: RiskRuleVersion) -> String {
        let number = version.model?.version ?? Int(version.id)
        return "\(version.kind.rawValue) version \(number) from \(version.effectiveFrom.formatted(.iso8601))"
    }

    private func requireCountyAdministrator(_ context: AppRequestContext) async throws -> Identity {
        let identity = try context.requireIdentity()
        guard identity.user.holds(.admin), try await AdminScope.load(for: identity, regions).isCountyOrAbove else {
            throw WebAccess.Forbidden()
        }
        return identity
    }

    private func page(_ identity: Identity, _ context: AppRequestContext, form: WebForm?) async throws -> AdminRiskPage
    {
        AdminRiskPage(
            frame: AdminFrame(
                language: context.language,
                nav: StaffNav(identity: identity, context: context, current: Paths.admin),
                csrfToken: context.csrfToken ?? ""),
            history: try await rules.history(), now: context.now, form: form,
            defaultDate: AdminRulesController.nextWorkingDay(after: context.now, calendars.current))
    }

    /// The form's effective date: from its midnight (today: at once); not before today.
    private func effectiveFrom(_ form: WebForm, _ context: AppRequestContext) throws -> Date {
        let calendar = calendars.current
        guard let text = form["effectiveFrom"], let date = WorkingCalendar.CivilDate(string: text) else {
            throw Refusal(
                code: "risk_model.invalid_effective_from",
                message: Localized(
                    zh: "请填写生效日期（effectiveFrom），如 2026-12-08。", en: "effectiveFrom: a date such as 2026-12-08."))
        }
        let today = calendar.civilDate(containing: context.now)
        guard date >= today else { throw RiskRuleError.effectiveInPast }
        return date == today ? context.now : calendar.start(of: date)
    }

    static func number(_ form: WebForm, _ field: String, _ label: Localized) throws -> Int {
        guard let text = form[field]?.trimmingCharacters(in: .whitespaces), let value = Int(text) else {
            throw Refusal(
                code: "risk_model.invalid_number",
                message: Localized(
                    zh: "\(label.zh)（\(field)）应为整数。", en: "\(label.en) (\(field)) must be a whole number."))
        }
        return value
    }

    /// The weights that differ from the catalogue's and the four thresholds.
    static func model(_ form: WebForm) throws -> RiskModel {
        var weights: [String: Int] = [:]
        for indicator in RiskCatalogue.standard {
            let weight = try number(form, "weight-\(indicator.code)", indicator.name)
            guard (0...100).contains(weight) else {
                throw Refusal(
                    code: "risk_model.invalid_weight",
                    message: Localized(
                        zh: "指标“\(indicator.name.zh)”的分值（weight-\(indicator.code)）应在0到100之间。",
                        en: "The weight of \(indicator.name.en) (weight-\(indicator.code)) must be between 0 and 100."))
            }
            if weight != indicator.weight { weights[indicator.code] = weight }
        }
        let thresholds = RiskThresholds(
            blue: try number(form, "blue", RiskGrade.blue.name),
            yellow: try number(form, "yellow", RiskGrade.yellow.name),
            orange: try number(form, "orange", RiskGrade.orange.name), red: try number(form, "red", RiskGrade.red.name))
        return RiskModel(version: 0, effectiveFrom: .distantPast, weights: weights, thresholds: thresholds)
    }

    static func carePlan(_ form: WebForm) throws -> CarePlan {
        var intervals: [KeyPersonClass: TimeLimit] = [:]
        for personClass in KeyPersonClass.allCases {
            intervals[personClass] = .workingDays(
                try number(form, "interval-\(personClass.rawValue)", personClass.name))
        }
        return CarePlan(intervals: intervals)
    }
}
