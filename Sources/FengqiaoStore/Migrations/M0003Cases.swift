extension Migration {
    /// Cases and their append-only, hash-chained event log (一案一档); idempotency keys for retried submissions;
    /// counters for case ids and daily case numbers; each case's facts for the core rates (`CaseFacts` as JSON, kept in
    /// step with its events, so that the rates read one small value per case); the organisations a case was dispatched to (lead and assisting),
    /// so that each of them finds it in its inbox.
    static let m0003Cases = Migration(
        version: 3,
        name: "cases, case events, idempotency keys, counters",
        statements: [
            """
            CREATE TABLE counters (
                name TEXT PRIMARY KEY,
                value BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE cases (
                id BIGINT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                tracking_code TEXT NOT NULL UNIQUE,
                version BIGINT NOT NULL,
                state TEXT NOT NULL,
                channel TEXT NOT NULL,
                source_reference TEXT,
                title TEXT NOT NULL,
                category_code TEXT,
                urgency TEXT NOT NULL,
                kind TEXT NOT NULL,
                region_id BIGINT NOT NULL REFERENCES regions(id),
                region_path {bytes} NOT NULL,
                holder_organisation_id BIGINT REFERENCES organisations(id),
                reporter_phone_last4 TEXT,
                snapshot TEXT NOT NULL,
                head_hash TEXT NOT NULL,
                facts TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX cases_region_path ON cases(region_path, created_at)",
            "CREATE INDEX cases_holder ON cases(holder_organisation_id, state)",
            "CREATE INDEX cases_state ON cases(state, created_at)",
            "CREATE INDEX cases_created ON cases(created_at, id)",
            """
            CREATE UNIQUE INDEX cases_source_reference ON cases(channel, source_reference)
                WHERE source_reference IS NOT NULL
            """,
            """
            CREATE TABLE case_events (
                case_id BIGINT NOT NULL REFERENCES cases(id),
                sequence BIGINT NOT NULL,
                at BIGINT NOT NULL,
                change TEXT NOT NULL,
                actor_user_id BIGINT,
                actor_organisation_id BIGINT,
                payload TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                PRIMARY KEY (case_id, sequence)
            )
            """,
            "CREATE INDEX case_events_at ON case_events(at)",
            """
            CREATE TABLE case_organisations (
                case_id BIGINT NOT NULL REFERENCES cases(id),
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                PRIMARY KEY (case_id, organisation_id)
            )
            """,
            "CREATE INDEX case_organisations_organisation ON case_organisations(organisation_id, case_id)",
            """
            CREATE TABLE idempotency_keys (
                key TEXT PRIMARY KEY,
                case_id BIGINT NOT NULL REFERENCES cases(id),
                created_at BIGINT NOT NULL
            )
            """,
        ])
}
