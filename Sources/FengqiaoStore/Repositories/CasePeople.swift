import FengqiaoCore
import Foundation
import SQLKit

/// People and households across cases (issue 17): one `case_people` row per party and person key (an ID number and
/// a phone give two rows), the household key of the party's address within the case's grid beside it. Written in
/// the transaction of the case write that registers or changes the parties (`CaseWriter`), by the bulk loader, and
/// for cases older than the table by `RiskStore.backfill`. Keys are `PersonKey` hashes: never a clear ID number or
/// phone, never a name.
enum CasePeople {
    static let columns = [
        "case_id", "party_index", "party_role", "person_key", "household_key", "grid_code", "registered_at",
    ]

    /// The grid (or the lowest region) a case lies in: the last code of its region path.
    static func gridCode(of regionPath: String) -> String {
        regionPath.split(separator: "/").last.map(String.init) ?? ""
    }

    struct Keys: Sendable, Equatable {
        /// Each party's person keys (possibly none) and household key.
        var parties: [(persons: [String], household: String?)]

        static func == (left: Keys, right: Keys) -> Bool {
            left.parties.map(\.persons) == right.parties.map(\.persons)
                && left.parties.map(\.household) == right.parties.map(\.household)
        }

        /// Every person a warning may be about: the first key of a party known by one (the subject: the ID number's,
        /// else the phone's) with every key the case knows them by, so that their earlier cases and the incidents
        /// that follow are found through either identifier (an earlier case may have had only the phone).
        var persons: [(subject: String, keys: [String])] {
            var byFirst: [String: Set<String>] = [:]
            for party in parties {
                guard let first = party.persons.first else { continue }
                byFirst[first, default: []].formUnion(party.persons)
            }
            return byFirst.keys.sorted().map { ($0, byFirst[$0, default: []].sorted()) }
        }
        var households: [String] { Array(Set(parties.compactMap(\.household))).sorted() }
        var all: [String] { Array(Set(parties.flatMap(\.persons) + parties.compactMap(\.household))).sorted() }
    }

    static func keys(of current: Case, key: PersonKey) -> Keys {
        let grid = gridCode(of: current.regionPath)
        return Keys(
            parties: current.parties.map { party in
                (
                    key.person(idNumber: party.idNumber, phone: party.phone),
                    key.household(
                        address: party.address, gridCode: grid)
                )
            })
    }

    static func rows(of current: Case, key: PersonKey) -> [[SQLBind]] {
        let grid = gridCode(of: current.regionPath)
        var rows: [[SQLBind]] = []
        for (index, party) in keys(of: current, key: key).parties.enumerated() {
            let role = current.parties[index].role.rawValue
            let persons: [String?] = party.persons.isEmpty ? [nil] : party.persons
            guard !party.persons.isEmpty || party.household != nil else { continue }
            for person in persons {
                rows.append([
                    SQLBind(current.id.rawValue), SQLBind(index), SQLBind(role), SQLBind(person),
                    SQLBind(party.household), SQLBind(grid), SQLBind(current.createdAt.unixMilliseconds),
                ])
            }
        }
        return rows
    }

    /// Brings the case's rows up to date with its parties (`before`: the case as its rows were written; nil for a
    /// new case). Nothing is written when the parties did not change.
    static func record(_ current: Case, before: Case?, key: PersonKey, in sql: any SQLDatabase) async throws {
        if let before, before.parties == current.parties, before.regionPath == current.regionPath { return }
        if before != nil {
            try await sql.delete(from: "case_people").where("case_id", .equal, current.id.rawValue).run()
        }
        try await CaseBulkLoader.insertRows(
            into: "case_people", columns: columns, rows: rows(of: current, key: key), in: sql)
    }

    /// The other cases sharing one of `keys` (as a person or a household), registered in [from, to], newest first.
    static func cases(
        sharing keys: [String], from: Date, to: Date, excluding: Case.ID?, limit: Int, in sql: any SQLDatabase
    ) async throws -> [Case.ID] {
        guard !keys.isEmpty else { return [] }
        var found: [Int64: Int64] = [:]
        // Two indexed look-ups (person, household) rather than one OR: each uses its own index.
        for column in ["person_key", "household_key"] {
            var query = sql.select().column("case_id").column("registered_at").from("case_people")
                .where(SQLIdentifier(column), .in, keys)
                .where("registered_at", .greaterThanOrEqual, from.unixMilliseconds)
                .where("registered_at", .lessThanOrEqual, to.unixMilliseconds)
            if let excluding { query = query.where("case_id", .notEqual, excluding.rawValue) }
            for row in try await query.orderBy("registered_at", .descending).limit(limit * 4).all() {
                found[try row.decode(column: "case_id", as: Int64.self)] = try row.decode(
                    column: "registered_at", as: Int64.self)
            }
        }
        return found.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(limit).map { Case.ID($0.key) }
    }
}

extension PersonKey {
    /// The key of stores built without one (tests, tools that read no configuration). A server always derives its
    /// own (`FENGQIAO_PERSON_KEY`, or the session secret).
    public static let unconfigured = PersonKey(secret: "fengqiao unconfigured person key")
}
