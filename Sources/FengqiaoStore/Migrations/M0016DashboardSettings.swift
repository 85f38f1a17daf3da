import FengqiaoCore
import Foundation
import SQLKit

extension Migration {
    /// The leader's screen (issue 15, part 5): the grade of the whistle a case was dispatched with (吹哨报到), as a
    /// column the case filter and the dashboard's counts read (`cases.whistle`, written by `CaseRows` with the
    /// snapshot; existing cases filled in from their snapshots), and the platform's settings an administrator
    /// changes on a page (`settings`, one row per setting), with every change kept (`setting_changes`).
    static let m0016DashboardSettings = Migration(
        version: 16,
        name: "dashboard: whistle column, settings and their changes",
        statements: [
            "ALTER TABLE cases ADD COLUMN whistle TEXT",
            """
            CREATE TABLE settings (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                updated_by BIGINT REFERENCES users(id)
            )
            """,
            """
            CREATE TABLE setting_changes (
                id {pk},
                name TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT NOT NULL,
                changed_at BIGINT NOT NULL,
                changed_by BIGINT REFERENCES users(id)
            )
            """,
        ],
        backfill: { sql, _ in try await Migration.backfillWhistles(in: sql) },
        statementsAfterBackfill: [
            "CREATE INDEX cases_whistle ON cases(whistle, region_path, created_at, id)",
            "CREATE INDEX setting_changes_name ON setting_changes(name, id)",
        ])

    /// Fills in `cases.whistle` from the snapshots that name a whistle, a batch at a time.
    static func backfillWhistles(in sql: any SQLDatabase, batch: Int = backfillBatch) async throws {
        var after = Int64.min
        while true {
            let rows = try await sql.select().columns("id", "snapshot").from("cases")
                .where("id", .greaterThan, after)
                .where("snapshot", .like, "%\"whistle\"%")
                .orderBy("id").limit(batch).all()
            guard let last = rows.last else { return }
            after = try last.decode(column: "id", as: Int64.self)
            for row in rows {
                let current = try CaseCodec.decoder.decode(
                    Case.self, from: Data(try row.decode(column: "snapshot", as: String.self).utf8))
                guard let whistle = current.whistle else { continue }
                try await sql.update("cases").set("whistle", to: whistle.rawValue)
                    .where("id", .equal, current.id.rawValue).run()
            }
        }
    }
}
