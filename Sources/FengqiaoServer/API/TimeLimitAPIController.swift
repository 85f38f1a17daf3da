import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/time-limits/…`: the time-limit policies, the escalation ladders and the working calendar (any member of
/// staff reads them; county administrators edit policies and ladders), and `/api/v1/oversight/charges`: returns and
/// overdue alerts charged per organisation in the reader's jurisdiction.
struct TimeLimitAPIController {
    let timeLimits: TimeLimitRepository
    /// Where each change of a policy or a ladder is written.
    let accessLog: AccessLogRepository
    let charges: ChargeRepository
    /// Whose county administrators may edit policies and ladders (`AdminScope.requireCountyAdministrator`).
    let regions: RegionRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    /// The file the calendar was read from, or nil for the built-in one.
    let calendarFile: String?

    struct PolicyList: ResponseEncodable {
        /// The policies in force now.
        let items: [TimeLimitPolicy]
        /// Every version, current, scheduled, past and withdrawn.
        let versions: [RulesAPI.VersionResource]
    }

    struct LadderList: ResponseEncodable {
        let items: [EscalationLadder]
        let versions: [RulesAPI.VersionResource]
    }

    struct CalendarResource: ResponseEncodable {
        /// The file the calendar was read from, or nil for the built-in one.
        let source: String?
        let workingHours: String
        let workingDayHours: Double
        let years: [Int]
        let entries: [WorkingCalendar.Entry]
    }

    struct ChargeResource: Codable {
        let organisationID: Organisation.ID
        let organisationName: String
        let returns: Int
        let overdue: Int
    }

    struct ChargeList: ResponseEncodable {
        let items: [ChargeResource]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("time-limits/policies") { _, context in
            _ = try context.requireIdentity()
            let history = try await timeLimits.history()
            return PolicyList(
                items: history.book(at: context.now).policies,
                versions: RulesAPI.versions(history, of: .policy, at: context.now))
        }
        group.put("time-limits/policies/:code") { request, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            let body = try await request.decodeBody(as: RulesAPI.Versioned<TimeLimitPolicy>.self, context: context)
            guard body.rule.code == context.parameters.get("code") else { throw codeMismatch }
            let version = try await timeLimits.save(
                body.rule, effectiveFrom: try body.effectiveFrom(calendar), by: RulesAPI.author(context),
                at: context.now)
            try await RulesAPI.log(accessLog, context, "time-limit.policy.save", RulesAPI.detail(version))
            return body.rule
        }
        group.delete("time-limits/policies/:code") { _, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            let code = try context.parameters.require("code")
            try await timeLimits.deletePolicy(code: code, by: RulesAPI.author(context), at: context.now)
            try await RulesAPI.log(accessLog, context, "time-limit.policy.retire", "policy \(code)")
            return HTTPResponse.Status.noContent
        }
        group.get("time-limits/ladders") { _, context in
            _ = try context.requireIdentity()
            let history = try await timeLimits.history()
            return LadderList(
                items: history.book(at: context.now).ladders,
                versions: RulesAPI.versions(history, of: .ladder, at: context.now))
        }
        group.put("time-limits/ladders/:code") { request, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            let body = try await request.decodeBody(as: RulesAPI.Versioned<EscalationLadder>.self, context: context)
            guard body.rule.code == context.parameters.get("code") else { throw codeMismatch }
            let version = try await timeLimits.save(
                body.rule, effectiveFrom: try body.effectiveFrom(calendar), by: RulesAPI.author(context),
                at: context.now)
            try await RulesAPI.log(accessLog, context, "time-limit.ladder.save", RulesAPI.detail(version))
            return body.rule
        }
        group.delete("time-limits/ladders/:code") { _, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            let code = try context.parameters.require("code")
            try await timeLimits.deleteLadder(code: code, by: RulesAPI.author(context), at: context.now)
            try await RulesAPI.log(accessLog, context, "time-limit.ladder.retire", "ladder \(code)")
            return HTTPResponse.Status.noContent
        }
        group.get("time-limits/calendar") { _, context in
            _ = try context.requireIdentity()
            return CalendarResource(
                source: calendarFile, workingHours: calendar.workingHours.code,
                workingDayHours: calendar.workingDayLength / 3600, years: calendar.years.map(Array.init) ?? [],
                entries: calendar.entries)
        }
        group.get("oversight/charges") { request, context in
            let identity = try context.requireIdentity()
            guard identity.user.holds(.leader) || identity.user.holds(.centerStaff) || identity.user.holds(.admin)
            else { throw APIError.forbidden }
            let query = StrictQuery(request.uri.queryParameters)
            let summary = try await charges.summary(
                jurisdictionPaths: identity.actor.grants.filter { $0.role != .departmentHandler }.map(
                    \.jurisdictionPath),
                from: try query.date("from", .start), to: try query.date("to", .end))
            return ChargeList(
                items: summary.map {
                    ChargeResource(
                        organisationID: $0.organisationID, organisationName: $0.organisationName, returns: $0.returns,
                        overdue: $0.overdue)
                })
        }
    }

    private var codeMismatch: APIError {
        APIError.badRequest(
            "request.code_mismatch",
            Localized(zh: "路径中的编码与请求体中的 code 不一致。", en: "The code in the path differs from the body's code."))
    }
}

extension TimeLimitPolicy: ResponseEncodable {}
extension EscalationLadder: ResponseEncodable {}
