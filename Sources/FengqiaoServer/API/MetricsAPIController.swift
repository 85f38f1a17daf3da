import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/metrics`: the core rates for the reader's jurisdiction, narrowed by region subtree, organisation,
/// category, channel and period. Each rate carries its definition (numerator and denominator in words); the cases
/// considered are also counted by the grade of whistle they stand dispatched with (吹哨报到).
struct MetricsAPIController {
    let regions: RegionRepository
    let cases: CaseRepository

    struct RateResource: Codable, Sendable {
        let id: String
        let name: LocalizedText
        let kind: RateDefinition.Kind
        let numerator: Int
        let denominator: Int?
        let value: Double?
        let numeratorDefinition: LocalizedText
        let denominatorDefinition: LocalizedText?

        init(_ rate: Rate) {
            id = rate.definition.id
            name = LocalizedText(rate.definition.name)
            kind = rate.definition.kind
            numerator = rate.numerator
            denominator = rate.denominator
            value = rate.value
            numeratorDefinition = LocalizedText(rate.definition.numerator)
            denominatorDefinition = rate.definition.denominator.map(LocalizedText.init)
        }
    }

    /// How many of the cases considered stand dispatched with one grade of whistle (吹哨报到).
    struct WhistleCount: Codable, Sendable {
        let grade: WhistleGrade
        let name: LocalizedText
        let count: Int
    }

    struct MetricsResource: ResponseEncodable {
        let basis: LocalizedText
        let casesConsidered: Int
        let rates: [RateResource]
        let whistles: [WhistleCount]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("metrics") { request, context in
            let identity = try context.requireIdentity()
            let query = request.uri.queryParameters
            var filter = MetricsFilter()
            if let code = query.get("region") {
                guard let region = try await regions.find(code: code) else { throw APIError.notFound }
                filter.regionPath = try await regions.path(of: region.id)
            }
            let strict = StrictQuery(query)
            filter.organisationID = try strict.integer("organisation", in: 1...Int64.max).map { Organisation.ID($0) }
            filter.categoryCode = query.get("category")
            filter.channel = try strict.value("channel", as: Channel.self)
            let from = try strict.date("from", .start) ?? .distantPast
            let to = try strict.date("to", .end) ?? .distantFuture
            guard from < to else {
                throw APIError.badRequest(
                    "request.bad_period", Localized(zh: "起始日期须早于结束日期。", en: "from must be before to."))
            }
            filter.period = from..<to
            // Summed in the database: a few hundred groups of cases, not every case's facts (docs/PERFORMANCE.md).
            let tallies = try await cases.rateTallies(filter, visibleTo: identity.visibility)
            let whistles = try await cases.whistleCounts(filter, visibleTo: identity.visibility)
            return MetricsResource(
                basis: LocalizedText(CoreRates.basis), casesConsidered: tallies.reduce(0) { $0 + $1.count },
                rates: CoreRates.compute(tallies).map(RateResource.init),
                whistles: WhistleGrade.allCases.map {
                    WhistleCount(grade: $0, name: LocalizedText($0.name), count: whistles[$0] ?? 0)
                })
        }
    }
}
