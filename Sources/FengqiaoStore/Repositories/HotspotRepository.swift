import FengqiaoCore
import Foundation
import SQLKit

/// What hotspots read and remember (docs/HOTSPOTS.md): the cases registered within a window, read by an index range
/// on `cases_created` (never the whole table), and the desk's decisions — "not related" pairs and the actions taken
/// on a hotspot — in the tables of M0024.
public struct HotspotRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The cases registered at or after `since` (and, when given, before `until`), oldest first: one range of
    /// `cases_created (created_at, id)`.
    public func cases(registeredFrom since: Date, until: Date? = nil) async throws -> [Case] {
        try await database.withConnection { sql in
            var query = sql.select().column("snapshot").from("cases")
                .where("created_at", .greaterThanOrEqual, since.unixMilliseconds)
            if let until { query = query.where("created_at", .lessThan, until.unixMilliseconds) }
            return try await query.orderBy("created_at").orderBy("id").all().map(CaseRepository.decodeSnapshot)
        }
    }

    /// The cases with these ids (a hotspot's members, as they stand now), by id.
    public func cases(ids: [Case.ID]) async throws -> [Case.ID: Case] {
        guard !ids.isEmpty else { return [:] }
        var found: [Case.ID: Case] = [:]
        let unique = Array(Set(ids.map(\.rawValue))).sorted()
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = Array(unique[start..<min(start + 500, unique.count)])
            let rows = try await database.withConnection { sql in
                try await sql.select().column("snapshot").from("cases").where("id", .in, chunk).all()
                    .map(CaseRepository.decodeSnapshot)
            }
            for current in rows { found[current.id] = current }
        }
        return found
    }

    /// The texts of the latest cases (at most `limit`), for the hotspot vocabulary's weights: newest first by the
    /// same index.
    public func recentTexts(limit: Int) async throws -> [String] {
        try await database.withConnection { sql in
            try await sql.select().column("snapshot").from("cases")
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all()
                .map { row in
                    let found = try CaseRepository.decodeSnapshot(row)
                    return found.title + "\n" + found.description
                }
        }
    }

    // MARK: Not related

    /// One "not related" pair as stored.
    public struct Exclusion: Sendable, Equatable {
        public var rowID: Int64
        public var pair: HotspotExclusions.Pair
        public var hotspotID: Case.ID
    }

    /// Remembers that no two of `caseIDs` belong together (each pair once; a pair already remembered is kept as it
    /// was). Returns how many pairs were new.
    @discardableResult
    public func markNotRelated(
        _ pairs: [HotspotExclusions.Pair], hotspot: Case.ID, by user: User.ID, at now: Date
    ) async throws -> Int {
        guard !pairs.isEmpty else { return 0 }
        return try await database.transaction { sql in
            var added = 0
            for pair in Set(pairs).sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) }) {
                let exists = try await sql.select().column("id").from("hotspot_exclusions")
                    .where("first_case_id", .equal, pair.first.rawValue)
                    .where("second_case_id", .equal, pair.second.rawValue).first()
                if exists != nil { continue }
                try await sql.insert(into: "hotspot_exclusions")
                    .columns("first_case_id", "second_case_id", "hotspot_id", "created_at", "user_id")
                    .values(
                        SQLBind(pair.first.rawValue), SQLBind(pair.second.rawValue), SQLBind(hotspot.rawValue),
                        SQLBind(now.unixMilliseconds), SQLBind(user.rawValue)
                    ).run()
                added += 1
            }
            return added
        }
    }

    /// The pairs that touch a case from `fromCase` on (the window's oldest case), and were stored after row `afterRow`:
    /// an instance reads the whole window's pairs once, then only the new rows.
    public func exclusions(touchingCasesFrom fromCase: Case.ID, afterRow: Int64 = 0) async throws -> [Exclusion] {
        try await database.withConnection { sql in
            try await sql.select().columns("id", "first_case_id", "second_case_id", "hotspot_id")
                .from("hotspot_exclusions")
                .where("second_case_id", .greaterThanOrEqual, fromCase.rawValue)
                .where("id", .greaterThan, afterRow)
                .orderBy("id").all()
                .map { row in
                    Exclusion(
                        rowID: try row.decode(column: "id", as: Int64.self),
                        pair: HotspotExclusions.Pair(
                            Case.ID(try row.decode(column: "first_case_id", as: Int64.self)),
                            Case.ID(try row.decode(column: "second_case_id", as: Int64.self))),
                        hotspotID: Case.ID(try row.decode(column: "hotspot_id", as: Int64.self)))
                }
        }
    }

    /// The cases of the pairs marked not related under a hotspot's identifier (at most `limit`): where a hotspot
    /// whose identifier moved (its first case was taken out) is found again.
    public func casesMarked(underHotspot hotspot: Case.ID, limit: Int = 200) async throws -> [Case.ID] {
        try await database.withConnection { sql in
            let rows = try await sql.select().columns("first_case_id", "second_case_id").from("hotspot_exclusions")
                .where("hotspot_id", .equal, hotspot.rawValue).limit(limit).all()
            var ids: [Case.ID] = []
            for row in rows {
                for column in ["first_case_id", "second_case_id"] {
                    let id = Case.ID(try row.decode(column: column, as: Int64.self))
                    if !ids.contains(id) { ids.append(id) }
                }
            }
            return ids
        }
    }

    // MARK: Actions

    /// What was done with a hotspot.
    public enum ActionKind: String, Sendable, Codable, CaseIterable {
        /// Its cases merged into one 主办 case.
        case merge
        /// Its open cases dispatched to one organisation.
        case dispatch
        /// A case, or the whole cluster, marked not related.
        case notRelated
    }

    public struct Action: Sendable, Equatable {
        public var id: Int64
        public var hotspotID: Case.ID
        public var kind: ActionKind
        public var leadCaseID: Case.ID?
        public var organisationID: Organisation.ID?
        public var note: String?
        /// The cases the action changed.
        public var caseIDs: [Case.ID]
        public var userID: User.ID
        public var username: String
        public var at: Date

        public init(
            id: Int64 = 0, hotspotID: Case.ID, kind: ActionKind, leadCaseID: Case.ID? = nil,
            organisationID: Organisation.ID? = nil, note: String? = nil, caseIDs: [Case.ID], userID: User.ID,
            username: String, at: Date
        ) {
            self.id = id
            self.hotspotID = hotspotID
            self.kind = kind
            self.leadCaseID = leadCaseID
            self.organisationID = organisationID
            self.note = note
            self.caseIDs = caseIDs
            self.userID = userID
            self.username = username
            self.at = at
        }
    }

    public func record(_ action: Action) async throws {
        let caseIDs = try String(decoding: JSONEncoder().encode(action.caseIDs.map(\.rawValue)), as: UTF8.self)
        try await database.transaction { sql in
            try await sql.insert(into: "hotspot_actions")
                .columns(
                    "hotspot_id", "kind", "lead_case_id", "organisation_id", "note", "case_ids", "user_id", "username",
                    "at"
                )
                .values(
                    SQLBind(action.hotspotID.rawValue), SQLBind(action.kind.rawValue),
                    SQLBind(action.leadCaseID?.rawValue), SQLBind(action.organisationID?.rawValue),
                    SQLBind(action.note), SQLBind(caseIDs), SQLBind(action.userID.rawValue), SQLBind(action.username),
                    SQLBind(action.at.unixMilliseconds)
                ).run()
        }
    }

    /// The actions on these hotspots, oldest first.
    public func actions(of hotspots: [Case.ID]) async throws -> [Action] {
        guard !hotspots.isEmpty else { return [] }
        return try await database.withConnection { sql in
            try await sql.select().columns(
                "id", "hotspot_id", "kind", "lead_case_id", "organisation_id", "note", "case_ids", "user_id",
                "username",
                "at"
            )
            .from("hotspot_actions").where("hotspot_id", .in, hotspots.map(\.rawValue))
            .orderBy("at").orderBy("id").all()
            .map { row in
                let ids = try JSONDecoder().decode(
                    [Int64].self, from: Data(try row.decode(column: "case_ids", as: String.self).utf8))
                return Action(
                    id: try row.decode(column: "id", as: Int64.self),
                    hotspotID: Case.ID(try row.decode(column: "hotspot_id", as: Int64.self)),
                    kind: ActionKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .notRelated,
                    leadCaseID: try row.decode(column: "lead_case_id", as: Int64?.self).map { Case.ID($0) },
                    organisationID: try row.decode(column: "organisation_id", as: Int64?.self).map {
                        Organisation.ID($0)
                    },
                    note: try row.decode(column: "note", as: String?.self),
                    caseIDs: ids.map { Case.ID($0) },
                    userID: User.ID(try row.decode(column: "user_id", as: Int64.self)),
                    username: try row.decode(column: "username", as: String.self),
                    at: Date(unixMilliseconds: try row.decode(column: "at", as: Int64.self)))
            }
        }
    }
}
