import Foundation

/// Points a mediator earns for a successful mediation, by the case's difficulty tier; administrators set them.
public struct PointWeights: Sendable, Codable, Equatable {
    public var weights: [Difficulty: Int]

    public init(weights: [Difficulty: Int]) { self.weights = weights }

    /// 简单 1, 一般 2, 复杂疑难 4, 重特大 8.
    public static let defaults = PointWeights(weights: [.simple: 1, .ordinary: 2, .complex: 4, .major: 8])

    /// The weight of a tier (an unassessed case counts as 一般).
    public func points(for difficulty: Difficulty?) -> Int { weights[difficulty ?? .ordinary] ?? 0 }

    public func validate() throws(MediationError) {
        guard Set(weights.keys) == Set(Difficulty.allCases), weights.values.allSatisfy({ (0...1_000).contains($0) })
        else { throw .invalidWeights }
    }
}

/// One line of the mediator ranking (调解员排行).
public struct MediatorStanding: Sendable, Equatable, Codable {
    public var mediatorID: Mediator.ID
    /// Cases the mediator held sessions on or was assigned to.
    public var cases: Int
    /// Cases they were the mediator of when resolved by agreement or solved.
    public var successes: Int
    public var successRate: Double?
    /// Mean days from assignment to resolution over the successes.
    public var averageDays: Double?
    /// Mean of the parties' ratings (1–5) over the cases they mediated.
    public var averageRating: Double?
    public var ratings: Int
    public var points: Int
}

/// Ranks mediators over a set of cases: points by difficulty tier for each success, then success rate.
public enum MediatorRanking {
    public static func compute(_ cases: [Case], weights: PointWeights) -> [MediatorStanding] {
        var standings: [Mediator.ID: MediatorStanding] = [:]
        func touch(_ id: Mediator.ID) {
            if standings[id] == nil {
                standings[id] = MediatorStanding(
                    mediatorID: id, cases: 0, successes: 0, successRate: nil, averageDays: nil, averageRating: nil,
                    ratings: 0, points: 0)
            }
        }
        var days: [Mediator.ID: [Double]] = [:]
        var scores: [Mediator.ID: [Int]] = [:]
        for current in cases {
            let involved = Set(
                current.timing.sessions.compactMap(\.mediatorID) + [current.mediation.mediatorID].compactMap { $0 })
            for id in involved {
                touch(id)
                standings[id]!.cases += 1
            }
            guard let mediator = current.mediation.mediatorID else { continue }
            scores[mediator, default: []] += current.mediation.ratings.map(\.score)
            let success =
                current.state.isResolved && [.agreementReached, .solved].contains(current.outcome)
            if success {
                standings[mediator]!.successes += 1
                standings[mediator]!.points += weights.points(for: current.difficulty)
                if let assigned = current.mediation.assignedAt, let resolved = current.resolvedAt {
                    days[mediator, default: []].append(resolved.timeIntervalSince(assigned) / 86_400)
                }
            }
        }
        for (id, standing) in standings {
            var updated = standing
            updated.successRate = standing.cases > 0 ? Double(standing.successes) / Double(standing.cases) : nil
            if let list = days[id], !list.isEmpty { updated.averageDays = list.reduce(0, +) / Double(list.count) }
            if let list = scores[id], !list.isEmpty {
                updated.averageRating = Double(list.reduce(0, +)) / Double(list.count)
                updated.ratings = list.count
            }
            standings[id] = updated
        }
        return standings.values.sorted {
            ($0.points, $0.successRate ?? 0, -$0.mediatorID.rawValue) > (
                $1.points, $1.successRate ?? 0, -$1.mediatorID.rawValue
            )
        }
    }
}

public enum MediationError: UserFacingError, Equatable {
    case invalidWeights

    public var code: String { "mediation.invalid_weights" }

    public var message: Localized {
        Localized(
            zh: "积分权重须为简单、一般、复杂疑难、重特大四档各设0到1000之间的整数。",
            en: "Point weights need a whole number from 0 to 1,000 for each tier: simple, ordinary, complex, major.")
    }
}

extension Difficulty: CodingKeyRepresentable {}
