import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// The case list's query parameters, read in one place for `GET /api/v1/cases`, the CSV exports (API and pages) and
/// the staff case list `/cases`: `state` (repeated), `channel`, `urgency`, `category`, `region` (a region's code: its
/// subtree), `organisation`, `from`, `to`, `q`, `overdue`, `dueWithinHours`, `sort`, and the page: `limit`,
/// `offset`, `after`. A value that is present but not understood is refused with 400 naming the parameter
/// (`StrictQuery`); an unknown region is 404.
struct CaseListQuery: Sendable {
    var filter: CaseRepository.Filter
    var limit: Int
    var offset: Int
    var after: Case.ID?

    /// The filters' parameter names, in the order a link spells them (the page's parameters come after).
    static let filterParameters = [
        "q", "state", "channel", "category", "urgency", "region", "organisation", "overdue", "dueWithinHours", "from",
        "to", "sort",
    ]
    /// The page's parameters.
    static let pageParameters = ["limit", "offset", "after"]

    /// Reads the filters and the page; `defaultLimit` when `limit` is absent, never more than `maximumLimit`.
    static func read(
        _ query: Parameters, regions: RegionRepository, now: Date, defaultLimit: Int = 50, maximumLimit: Int = 200
    ) async throws -> CaseListQuery {
        let filter = try await filter(query, regions: regions, now: now)
        let strict = StrictQuery(query)
        let limit = Int(try strict.integer("limit", in: 1...Int64(maximumLimit)) ?? Int64(defaultLimit))
        let after = try strict.integer("after", in: 1...Int64.max).map { Case.ID($0) }
        let offset = Int(try strict.integer("offset", in: 0...1_000_000) ?? 0)
        return CaseListQuery(filter: filter, limit: limit, offset: offset, after: after)
    }

    /// The list's filters alone (the exports take every matching case, whatever the page).
    static func filter(_ query: Parameters, regions: RegionRepository, now: Date) async throws -> CaseRepository.Filter
    {
        let strict = StrictQuery(query)
        var filter = CaseRepository.Filter()
        filter.states = try strict.values("state", as: CaseState.self)
        filter.channel = try strict.value("channel", as: Channel.self)
        filter.urgency = try strict.value("urgency", as: Urgency.self)
        filter.whistle = try strict.value("whistle", as: WhistleGrade.self)
        filter.categoryCode = query.get("category")
        if let code = query.get("region") {
            guard let region = try await regions.find(code: code) else {
                var error = APIError.notFound
                error.parameter = "region"
                throw error
            }
            filter.regionPath = try await regions.path(of: region.id)
        }
        filter.organisationID = try strict.integer("organisation", in: 1...Int64.max).map { Organisation.ID($0) }
        filter.createdFrom = try strict.date("from", .start)
        filter.createdBefore = try strict.date("to", .end)
        filter.text = query.get("q")
        if try strict.boolean("overdue") == true { filter.overdueAt = now }
        if let hours = try strict.integer("dueWithinHours", in: 1...8760) {
            filter.dueBefore = now.addingTimeInterval(TimeInterval(hours) * 3600)
        }
        if let sort = query.get("sort") {
            guard let order = CaseRepository.Filter.Order(rawValue: sort) else {
                var error = APIError.badRequest(
                    "request.invalid_sort",
                    Localized(zh: "排序方式应为 newest 或 deadline。", en: "sort must be newest or deadline."))
                error.parameter = "sort"
                throw error
            }
            filter.order = order
        }
        return filter
    }
}
