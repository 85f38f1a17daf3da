import FengqiaoCore

extension Migration {
    /// Time limits: the policies and ladders administrators edit (stored as JSON bodies, with the shipped
    /// defaults), the deadlines the scheduler fires (one row per clock run and alert level, indexed by due time so
    /// that a tick costs what is due, not what is open), each case's nearest due time for queues and the overdue
    /// list, and the charges (returns and overdue alerts) against the organisation that caused them.
    static let m0007TimeLimits = Migration(
        version: 7,
        name: "time limits",
        statements: [
            """
            CREATE TABLE time_limit_policies (
                code TEXT PRIMARY KEY,
                body TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE escalation_ladders (
                code TEXT PRIMARY KEY,
                body TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE deadlines (
                case_id BIGINT NOT NULL REFERENCES cases(id),
                clock TEXT NOT NULL,
                level TEXT NOT NULL,
                clock_started_at BIGINT NOT NULL,
                due_at BIGINT NOT NULL,
                PRIMARY KEY (case_id, clock, level)
            )
            """,
            "CREATE INDEX deadlines_due_at ON deadlines(due_at)",
            "ALTER TABLE cases ADD COLUMN next_due_at BIGINT",
            "CREATE INDEX cases_next_due_at ON cases(next_due_at)",
            """
            CREATE TABLE charges (
                id {pk},
                case_id BIGINT NOT NULL REFERENCES cases(id),
                organisation_id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                clock TEXT,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX charges_organisation ON charges(organisation_id, at)",
            "CREATE INDEX charges_case ON charges(case_id)",
        ]
            + TimeLimitPolicy.defaults.map { defaultRow("time_limit_policies", code: $0.code, body: $0) }
            + EscalationLadder.defaults.map { defaultRow("escalation_ladders", code: $0.code, body: $0) })

    private static func defaultRow(_ table: String, code: String, body: some Encodable) -> String {
        // The shipped defaults, as literal rows (no quotes in them: `CaseCodec` writes JSON).
        let json = (try? CaseCodec.encode(body)) ?? "{}"
        return
            "INSERT INTO \(table) (code, body, updated_at) VALUES ('\(code)', '\(json.replacingOccurrences(of: "'", with: "''"))', 0)"
    }
}
