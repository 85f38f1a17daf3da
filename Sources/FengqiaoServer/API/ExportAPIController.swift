import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// Exports for other desks and for archiving: `GET /api/v1/exports/cases.csv` (every case the reader may see that
/// matches the list's filters, as a spreadsheet) and `GET /api/v1/cases/{id}/file` (one case's full file as JSON).
/// Personal data is masked unless the reader's role needs it; every export is written to the access log.
struct ExportAPIController {
    let cases: CaseRepository
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let accessLog: AccessLogRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    let caseActions: CaseActionsFactory
    let exporter: CaseExporter

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("exports/cases.csv", use: casesCSV)
        group.get("cases/:id/file", use: caseFile)
    }

    @Sendable func casesCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = request.uri.queryParameters
        let filter = try await CaseListQuery.filter(query, regions: regions, now: context.now)
        let export = try await exporter.csv(
            filter, for: identity, filterText: request.uri.query ?? "", requestID: context.requestID, at: context.now)
        return Self.csvResponse(export)
    }

    /// An export as a spreadsheet download (the API's and the case list page's).
    static func csvResponse(_ export: CaseExporter.Export) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"cases.csv\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: export.data)))
    }

    @Sendable func caseFile(_ request: Request, context: AppRequestContext) async throws -> CaseFileResource {
        let identity = try context.requireIdentity()
        guard
            let found = try await caseActions.at(context.now).visible(
                context.parameters.get("id", as: Int64.self), to: identity)
        else { throw APIError.notFound }
        let shows = PersonalDataPolicy.showsPersonalData(of: found, to: identity.actor)
        let events = try await cases.events(of: found.id)
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: context.now, userID: identity.user.id, username: identity.user.username, action: "case.file",
                caseID: found.id,
                detail: "case file exported, \(events.count) events, personal data \(shows ? "shown" : "masked")",
                requestID: context.requestID))
        return CaseFileResource(
            case: CaseResource(
                found, showPersonalData: shows, includeTrackingCode: false,
                availableActions: CasePermissions.availableActions(on: found, by: identity.actor),
                calendar: calendar, now: context.now),
            events: try await CaseFileEntries.load(found, events: events, organisations: organisations).lines
                .map(CaseEventResource.init),
            exportedAt: context.now)
    }
}

/// `GET /api/v1/cases/{id}/file`: the case and every event of its file.
struct CaseFileResource: ResponseEncodable, Sendable {
    let `case`: CaseResource
    let events: [CaseEventResource]
    let exportedAt: Date
}

/// Writes the cases a reader may see as CSV: UTF-8 with a byte-order mark (Excel then reads the Chinese), Chinese
/// headers, CRLF rows, times in Beijing time. The API and `fengqiao export` share it.
public struct CaseExporter: Sendable {
    let cases: CaseRepository
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let categories: CategoryRepository
    /// Where every export is written.
    let accessLog: AccessLogRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    /// For `fengqiao export`: the user it exports as, and the time it exports at.
    let users: UserRepository
    let clock: AppClock

    /// The columns, in order.
    public static let headers = [
        "案件编号", "来源渠道", "来源编号", "状态", "标题", "事项描述", "事项分类", "紧急程度", "类型", "区划代码", "区划名称",
        "事发地址", "反映人", "反映人电话", "反映人身份证号", "其他当事人", "承办单位", "登记时间", "更新时间", "最近时限", "是否超期",
        "办理结果", "满意度", "个人信息",
    ]

    /// What an export made.
    public struct Export: Sendable {
        public let data: Data
        public let count: Int
        /// How many of them show personal data in clear.
        public let clear: Int
    }

    /// Exports as the user named `username` (CLI); nil when there is no such enabled user.
    public func csv(
        _ filter: CaseRepository.Filter, asUser username: String, filterText: String
    ) async throws -> Export? {
        guard let user = try await users.find(username: username), !user.disabled else { return nil }
        let identity = try await ActorFactory(regions: regions).identity(for: user)
        return try await csv(filter, for: identity, filterText: filterText, requestID: nil, at: clock.now())
    }

    func csv(
        _ filter: CaseRepository.Filter, for identity: Identity, filterText: String, requestID: String?, at now: Date
    ) async throws -> Export {
        let categories = Dictionary(
            try await self.categories.list(includeRetired: true).map { ($0.code, $0.name.zh) },
            uniquingKeysWith: { first, _ in first })
        var regions: [Region.ID: Region] = [:]
        var organisations: [Organisation.ID: String] = [:]
        var text = "\u{FEFF}" + CSVTable.row(Self.headers)
        var count = 0
        var clear = 0
        var after: Case.ID?
        var offset = 0
        while true {
            let page = try await cases.list(
                filter, visibleTo: identity.visibility, limit: 200, after: after, offset: offset)
            // The page's holders named in one query, not one per row.
            let unnamed = Set(page.compactMap(\.holderOrganisationID)).filter { organisations[$0] == nil }
            organisations.merge(try await self.organisations.names(of: unnamed)) { first, _ in first }
            for current in page {
                if regions[current.regionID] == nil, let region = try await self.regions.find(id: current.regionID) {
                    regions[current.regionID] = region
                }
                if let holder = current.holderOrganisationID, organisations[holder] == nil {
                    organisations[holder] = "\(holder)"
                }
                let shows = PersonalDataPolicy.showsPersonalData(of: current, to: identity.actor)
                if shows { clear += 1 }
                text += CSVTable.safeRow(
                    row(
                        current, shows: shows, region: regions[current.regionID], categories: categories,
                        organisations: organisations, now: now
                    ))
                count += 1
            }
            guard page.count == 200 else { break }
            after = page.last?.id
            offset += page.count
        }
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: now, userID: identity.user.id, username: identity.user.username, action: "cases.export",
                caseID: nil,
                detail:
                    "filter: \(filterText.isEmpty ? "(none)" : filterText); count: \(count); personal data shown: \(clear)",
                requestID: requestID))
        return Export(data: Data(text.utf8), count: count, clear: clear)
    }

    private func row(
        _ current: Case, shows: Bool, region: Region?, categories: [String: String],
        organisations: [Organisation.ID: String], now: Date
    ) -> [String] {
        let current = PersonalDataPolicy.view(current, showingPersonalData: shows).current
        let parties = current.parties
        let reporter = parties.first { $0.role == .reporter }
        let others = parties.filter { $0.role != .reporter }.map { party in
            [party.name, party.phone].compactMap { $0 }.joined(separator: " ")
        }
        let statuses = CaseClocks.status(of: current, calendar: calendar, at: now)
        return [
            current.number, current.channel.name.zh, current.sourceReference ?? "", current.state.name.zh,
            current.title, current.description,
            current.categoryCode.map { categories[$0] ?? $0 } ?? "", current.urgency.name.zh, current.kind.name.zh,
            region?.code ?? "", region?.name ?? "",
            current.address ?? "",
            current.anonymous && reporter == nil ? "匿名" : reporter?.name ?? "", reporter?.phone ?? "",
            reporter?.idNumber ?? "", others.joined(separator: "；"),
            current.holderOrganisationID.flatMap { organisations[$0] } ?? "",
            ChinaTime.minute(current.createdAt), ChinaTime.minute(current.updatedAt),
            CaseClocks.nextDue(of: current, calendar: calendar).map(ChinaTime.minute) ?? "",
            statuses.contains { $0.level == .red } ? "是" : "否",
            current.outcome?.name.zh ?? "", current.satisfaction?.name.zh ?? "", shows ? "明文" : "已脱敏",
        ]
    }

}
