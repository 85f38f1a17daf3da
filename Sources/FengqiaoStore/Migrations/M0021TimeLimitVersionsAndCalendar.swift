import SQLKit

extension Migration {
    /// Rules administrators keep up from the web (issue 16): every version of the time-limit policies and escalation
    /// ladders with the instant it takes effect (`time_limit_versions`; a retirement is a version without a body, a
    /// scheduled version may be withdrawn), and the working-calendar years uploaded from the web or the API
    /// (`calendar_years`, one row per year: an uploaded year replaces that year of the configured calendar).
    ///
    /// The policies and ladders of M0007 become the first versions, in force since 1970 (so every case already
    /// registered finds the rules it was registered under); the two old tables are then dropped: the versions are
    /// the one place the rules live.
    static let m0021TimeLimitVersionsAndCalendar = Migration(
        version: 21,
        name: "time-limit versions and uploaded calendar",
        statements: [
            """
            CREATE TABLE time_limit_versions (
                id {pk},
                kind TEXT NOT NULL,
                code TEXT NOT NULL,
                body TEXT,
                effective_from BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by_user_id BIGINT,
                created_by TEXT,
                withdrawn_at BIGINT,
                withdrawn_by TEXT
            )
            """,
            "CREATE INDEX time_limit_versions_code ON time_limit_versions(kind, code, effective_from)",
            """
            INSERT INTO time_limit_versions (kind, code, body, effective_from, created_at)
            SELECT 'policy', code, body, 0, updated_at FROM time_limit_policies ORDER BY code
            """,
            """
            INSERT INTO time_limit_versions (kind, code, body, effective_from, created_at)
            SELECT 'ladder', code, body, 0, updated_at FROM escalation_ladders ORDER BY code
            """,
            "DROP TABLE time_limit_policies",
            "DROP TABLE escalation_ladders",
            """
            CREATE TABLE calendar_years (
                year INTEGER PRIMARY KEY,
                entries TEXT NOT NULL,
                source TEXT NOT NULL,
                uploaded_at BIGINT NOT NULL,
                uploaded_by_user_id BIGINT,
                uploaded_by TEXT
            )
            """,
        ])
}
