import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/mediation/…`: the mediator ranking (调解员排行: points by difficulty tier, success rate, average
/// duration, rating), the point weights (administrators set them), and `/api/v1/fulfilment-tasks`: the dated terms
/// of signed agreements still to be checked.
struct MediationAPIController {
    let mediation: MediationRepository
    let mediators: MediatorRepository
    /// Whose county administrators may set the point weights (`AdminScope.requireCountyAdministrator`).
    let regions: RegionRepository

    struct StandingResource: Codable {
        let mediatorID: Mediator.ID
        let name: String
        let organisationID: Organisation.ID?
        let goldMedal: Bool
        let cases: Int
        let successes: Int
        let successRate: Double?
        let averageDays: Double?
        let averageRating: Double?
        let ratings: Int
        let points: Int
    }

    struct Ranking: ResponseEncodable {
        let items: [StandingResource]
    }

    struct Weights: ResponseEncodable, Decodable {
        let simple: Int
        let ordinary: Int
        let complex: Int
        let major: Int
    }

    struct TaskResource: Codable {
        let caseID: Case.ID
        let caseNumber: String
        let term: Int
        let text: String
        let dueAt: Date
        let overdue: Bool
    }

    struct TaskList: ResponseEncodable {
        let items: [TaskResource]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("mediation/ranking") { request, context in
            let identity = try context.requireIdentity()
            let query = StrictQuery(request.uri.queryParameters)
            let standings = try await mediation.ranking(
                visibleTo: identity.visibility, from: try query.date("from", .start),
                to: try query.date("to", .end))
            var items: [StandingResource] = []
            for standing in standings {
                let mediator = try await mediators.find(id: standing.mediatorID)
                items.append(
                    StandingResource(
                        mediatorID: standing.mediatorID, name: mediator?.name ?? "",
                        organisationID: mediator?.organisationID,
                        goldMedal: mediator?.goldMedal ?? false, cases: standing.cases, successes: standing.successes,
                        successRate: standing.successRate, averageDays: standing.averageDays,
                        averageRating: standing.averageRating, ratings: standing.ratings, points: standing.points))
            }
            return Ranking(items: items)
        }
        group.get("mediation/point-weights") { _, context in
            _ = try context.requireIdentity()
            let weights = try await mediation.weights()
            return Weights(
                simple: weights.points(for: .simple), ordinary: weights.points(for: .ordinary),
                complex: weights.points(for: .complex), major: weights.points(for: .major))
        }
        group.put("mediation/point-weights") { request, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            let body = try await request.decodeBody(as: Weights.self, context: context)
            try await mediation.save(
                PointWeights(weights: [
                    .simple: body.simple, .ordinary: body.ordinary, .complex: body.complex, .major: body.major,
                ]))
            return body
        }
        group.get("fulfilment-tasks") { request, context in
            let identity = try context.requireIdentity()
            let now = context.now
            let dueBefore = try StrictQuery(request.uri.queryParameters).date("dueBefore", .end)
            return TaskList(
                items: try await mediation.fulfilmentTasks(visibleTo: identity.visibility, dueBefore: dueBefore).map {
                    TaskResource(
                        caseID: $0.caseID, caseNumber: $0.caseNumber, term: $0.term, text: $0.text, dueAt: $0.dueAt,
                        overdue: $0.dueAt < now)
                })
        }
    }
}
