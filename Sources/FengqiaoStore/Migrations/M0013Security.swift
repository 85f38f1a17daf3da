import FengqiaoCore
import Foundation
import SQLKit

extension Migration {
    /// What probing the server as an attacker found (issue 13):
    /// - `abuse_counters`: the public report, phone, tracking and sign-in limits, kept in the database so that
    ///   they hold across instances, restarts and parallel requests (`AbuseCounterRepository`: one atomic upsert
    ///   per attempt, counted before the attempt is served);
    /// - `file_uploads`: who uploaded which file; an upload belongs to its uploader until a case holds it
    ///   (`FileRepository`), so knowing a file's hash is no longer enough to attach or read it;
    /// - `idempotency_keys.request_hash`: a key reused with a different body is refused;
    /// - `case_organisations` rebuilt as the organisations that read each case now
    ///   (`CaseVisibility.readerOrganisations`): it kept every organisation that ever held the case, so a
    ///   department that returned a case still found it in its lists while the case page answered 404.
    static let m0013Security = Migration(
        version: 13,
        name: "abuse counters, file uploads, case readers",
        statements: [
            """
            CREATE TABLE abuse_counters (
                counter_key TEXT PRIMARY KEY,
                window_start BIGINT NOT NULL,
                hits BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE file_uploads (
                sha256 TEXT NOT NULL REFERENCES files(sha256),
                user_id BIGINT NOT NULL REFERENCES users(id),
                created_at BIGINT NOT NULL,
                PRIMARY KEY (sha256, user_id)
            )
            """,
            "DELETE FROM case_organisations",
            // The SHA-256 of the submission an idempotency key was first used with: the same key with another
            // body is refused (422) instead of answered with the first case.
            "ALTER TABLE idempotency_keys ADD COLUMN request_hash TEXT",
        ],
        backfill: { sql, _ in try await Migration.backfillCaseReaders(in: sql) })

    /// Fills `case_organisations` from each case's snapshot, `batch` cases at a time.
    static func backfillCaseReaders(in sql: any SQLDatabase, batch: Int = backfillBatch) async throws {
        var after = Int64.min
        while true {
            let rows = try await sql.select().columns("id", "snapshot").from("cases").where("id", .greaterThan, after)
                .orderBy("id").limit(batch).all()
            guard let last = rows.last else { return }
            after = try last.decode(column: "id", as: Int64.self)
            let readers = try rows.flatMap { row -> [[SQLBind]] in
                let current = try CaseRepository.decodeSnapshot(row)
                return CaseVisibility.readerOrganisations(of: current).sorted().map {
                    [SQLBind(current.id.rawValue), SQLBind($0.rawValue)]
                }
            }
            try await CaseBulkLoader.insertRows(
                into: "case_organisations", columns: ["case_id", "organisation_id"], rows: readers, in: sql)
        }
    }
}
