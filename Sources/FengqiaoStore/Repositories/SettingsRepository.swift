import FengqiaoCore
import Foundation
import SQLKit

/// The platform's settings an administrator changes on a page (not the deployment's configuration, which comes from
/// the environment): one row per setting in `settings`, and every change kept in `setting_changes` (who, when, from
/// what to what).
public struct SettingsRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// One change of a setting.
    public struct Change: Sendable, Equatable {
        public var name: String
        public var oldValue: String?
        public var newValue: String
        public var at: Date
        public var by: User.ID?
    }

    /// How many cases a unit needs to be ranked on the dashboard (`RankingMinimum.standard` until one is set).
    public func rankingMinimum() async throws -> Int {
        let stored = try await value(RankingMinimum.settingName).flatMap { Int($0) }
        return stored.map { RankingMinimum.allowed.contains($0) ? $0 : RankingMinimum.standard }
            ?? RankingMinimum.standard
    }

    /// Sets the ranking minimum (validated by the caller with `RankingMinimum.parse`); the change is kept.
    public func setRankingMinimum(_ value: Int, by user: User.ID?, at now: Date) async throws {
        try await set(RankingMinimum.settingName, to: "\(value)", by: user, at: now)
    }

    /// The stored value of a setting, nil when it was never set.
    public func value(_ name: String) async throws -> String? {
        try await database.withConnection { sql in
            try await sql.select().column("value").from("settings").where("name", .equal, name)
                .first(decodingColumn: "value", as: String.self)
        }
    }

    /// Sets a setting and keeps the change, in one transaction; setting the value it has changes nothing.
    public func set(_ name: String, to value: String, by user: User.ID?, at now: Date) async throws {
        try await database.transaction { sql in
            let old = try await sql.select().column("value").from("settings").where("name", .equal, name)
                .first(decodingColumn: "value", as: String.self)
            if old == value { return }
            try await sql.insert(into: "settings").columns("name", "value", "updated_at", "updated_by")
                .values(SQLBind(name), SQLBind(value), SQLBind(now.unixMilliseconds), SQLBind(user?.rawValue))
                .onConflict(with: ["name"]) {
                    $0.set(excludedValueOf: "value").set(excludedValueOf: "updated_at")
                        .set(excludedValueOf: "updated_by")
                }
                .run()
            try await sql.insert(into: "setting_changes")
                .columns("name", "old_value", "new_value", "changed_at", "changed_by")
                .values(
                    SQLBind(name), SQLBind(old), SQLBind(value), SQLBind(now.unixMilliseconds),
                    SQLBind(user?.rawValue)
                )
                .run()
        }
    }

    /// The latest changes of a setting, newest first.
    public func changes(of name: String, limit: Int = 20) async throws -> [Change] {
        try await database.withConnection { sql in
            try await sql.select().columns("name", "old_value", "new_value", "changed_at", "changed_by")
                .from("setting_changes").where("name", .equal, name).orderBy("id", .descending)
                .limit(max(1, limit)).all()
                .map { row in
                    Change(
                        name: try row.decode(column: "name", as: String.self),
                        oldValue: try row.decode(column: "old_value", as: String?.self),
                        newValue: try row.decode(column: "new_value", as: String.self),
                        at: Date(unixMilliseconds: try row.decode(column: "changed_at", as: Int64.self)),
                        by: try row.decode(column: "changed_by", as: Int64?.self).map { User.ID($0) })
                }
        }
    }
}
