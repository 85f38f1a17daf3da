import FengqiaoCore
import Foundation
import SQLKit

extension Migration {
    /// What the dashboard and `/api/v1/metrics` sum in the database instead of decoding every case's facts
    /// (docs/PERFORMANCE.md, "Dashboard"): on each case, the conditions of every core rate as bits
    /// (`metric_flags`, `CoreRates.conditions(of:)`) and the time of the latest resolution while it stands resolved
    /// (`resolved_at`); `case_metric_organisations`, one row per organisation a case's facts name, with the case's
    /// registration time, region path and conditions; and the covering indexes the sums read. Existing cases are
    /// filled in from their stored facts, a batch at a time (`CaseRows.factColumns`, the same code every write
    /// uses), before the indexes are built.
    static let m0012CaseMetrics = Migration(
        version: 12,
        name: "case metrics: conditions, resolution time, organisations",
        statements: [
            "ALTER TABLE cases ADD COLUMN metric_flags BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE cases ADD COLUMN resolved_at BIGINT",
            """
            CREATE TABLE case_metric_organisations (
                case_id BIGINT NOT NULL REFERENCES cases(id),
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                created_at BIGINT NOT NULL,
                region_path {bytes} NOT NULL,
                metric_flags BIGINT NOT NULL,
                PRIMARY KEY (case_id, organisation_id)
            )
            """,
        ],
        backfill: { sql, _ in try await Migration.backfillCaseMetrics(in: sql) },
        statementsAfterBackfill: [
            // The rates and the dashboard's period sums: every column they filter or group on, so that no case row
            // is read (the id for a reader who sees cases through their organisations). They start with the region
            // path, as the reader's jurisdiction does: SQLite's planner takes the jurisdiction's range first, and
            // with `created_at` first it chose `cases_region_path` and read every case row.
            """
            CREATE INDEX cases_metrics ON cases(
                region_path, created_at, metric_flags, category_code, channel, kind, id)
            """,
            // The dashboard's resolutions by day, and its open cases by region.
            "CREATE INDEX cases_resolved ON cases(region_path, resolved_at, id)",
            "CREATE INDEX cases_state_region ON cases(state, region_path, id)",
            """
            CREATE INDEX case_metric_organisations_sums ON case_metric_organisations(
                organisation_id, created_at, region_path, metric_flags, case_id)
            """,
        ])

    /// Cases read per batch while filling in the new columns: bounded memory at any number of cases.
    static let backfillBatch = 2000

    /// Fills in `metric_flags`, `resolved_at` and `case_metric_organisations` from each case's stored facts, `batch`
    /// cases at a time.
    static func backfillCaseMetrics(in sql: any SQLDatabase, batch: Int = backfillBatch) async throws {
        var after = Int64.min
        while true {
            let rows = try await sql.select().columns("id", "facts").from("cases").where("id", .greaterThan, after)
                .orderBy("id").limit(batch).all()
            guard let last = rows.last else { return }
            after = try last.decode(column: "id", as: Int64.self)
            let facts = try rows.map { row in
                try CaseCodec.decoder.decode(
                    CaseFacts.self, from: Data(try row.decode(column: "facts", as: String.self).utf8))
            }
            // One UPDATE per batch, joined to the batch's values (both engines name VALUES columns column1…).
            let values = try facts.map { fact -> SQLQueryString in
                let columns = Dictionary(
                    uniqueKeysWithValues: try CaseRows.factColumns(fact).map { ($0.name, $0.value) })
                guard let flags = columns["metric_flags"], let resolvedAt = columns["resolved_at"] else {
                    throw StoreError.notFound("metric columns")
                }
                return
                    "(CAST(\(bind: fact.id.rawValue) AS BIGINT), CAST(\(flags) AS BIGINT), CAST(\(resolvedAt) AS BIGINT))"
            }
            try await sql.raw(
                """
                UPDATE cases SET metric_flags = v.column2, resolved_at = v.column3
                FROM (VALUES \(values.joined(separator: ", "))) AS v
                WHERE cases.id = v.column1
                """
            ).run()
            try await CaseBulkLoader.insertRows(
                into: "case_metric_organisations", columns: CaseRows.metricOrganisationColumns,
                rows: facts.flatMap { CaseRows.metricOrganisationRows(of: $0) }, in: sql)
        }
    }
}
