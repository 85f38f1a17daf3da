import FengqiaoCore
import Foundation
import SQLKit

/// Returns (退单) and overdue alerts (超期), charged to the organisation that caused them: the red/black list's raw
/// counts. Rows are written with the case change that causes them (`CaseRepository.charge`).
public struct ChargeRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Summary: Sendable, Equatable {
        public var organisationID: Organisation.ID
        public var organisationName: String
        public var returns: Int
        public var overdue: Int
    }

    /// Per organisation whose region lies in one of `jurisdictionPaths`, the returns and overdue alerts charged in
    /// [from, to), most charged first.
    public func summary(jurisdictionPaths: [String], from: Date?, to: Date?) async throws -> [Summary] {
        guard !jurisdictionPaths.isEmpty else { return [] }
        return try await database.withConnection { sql in
            var query = sql.select()
                .column(SQLColumn("organisation_id", table: "charges"))
                .column(SQLColumn("name", table: "organisations"))
                .column(SQLColumn("kind", table: "charges"))
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("charges")
                .join(
                    "organisations", on: SQLColumn("id", table: "organisations"), .equal,
                    SQLColumn("organisation_id", table: "charges")
                )
                .join(
                    "regions", on: SQLColumn("id", table: "regions"), .equal,
                    SQLColumn("region_id", table: "organisations")
                )
                .where { group in
                    for path in jurisdictionPaths {
                        group.orWhere { $0.whereInSubtree(SQLColumn("path", table: "regions"), of: path) }
                    }
                    return group
                }
            if let from {
                query = query.where(
                    SQLColumn("at", table: "charges"), .greaterThanOrEqual, SQLBind(from.unixMilliseconds))
            }
            if let to {
                query = query.where(SQLColumn("at", table: "charges"), .lessThan, SQLBind(to.unixMilliseconds))
            }
            let rows =
                try await query
                .groupBy(SQLColumn("organisation_id", table: "charges"))
                .groupBy(SQLColumn("name", table: "organisations"))
                .groupBy(SQLColumn("kind", table: "charges"))
                .all()
            var byOrganisation: [Int64: Summary] = [:]
            for row in rows {
                let id = try row.decode(column: "organisation_id", as: Int64.self)
                let name = try row.decode(column: "name", as: String.self)
                var summary =
                    byOrganisation[id]
                    ?? Summary(organisationID: Organisation.ID(id), organisationName: name, returns: 0, overdue: 0)
                let count = try row.decode(column: "n", as: Int.self)
                switch try row.decode(column: "kind", as: String.self) {
                case "return": summary.returns += count
                case "overdue": summary.overdue += count
                default: break
                }
                byOrganisation[id] = summary
            }
            return byOrganisation.values.sorted {
                ($0.returns + $0.overdue, $1.organisationID.rawValue) > (
                    $1.returns + $1.overdue, $0.organisationID.rawValue
                )
            }
        }
    }
}
