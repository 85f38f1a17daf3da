import SQLKit

extension Migration {
    /// Issue 17, risk early warning (docs/RISK.md): people and households recognised across cases (`case_people`,
    /// keyed hashes from `PersonKey`, never a clear ID number or phone), graded warnings on a dispute, a person or a
    /// household (`risk_warnings`, at most one open per subject: `open_subject` is unique and emptied on closing),
    /// the keys each warning concerns (`risk_warning_keys`: a later case about them marks the warning as followed by
    /// an incident), its history (`risk_warning_events`) and the visits it sent (`risk_visits`).
    ///
    /// `case_people` is filled for existing cases at the first start after this migration (`RiskStore.backfill`):
    /// the keys need the server's person key, which a migration does not hold.
    static let m0022RiskWarnings = Migration(
        version: 22,
        name: "risk warnings, visits and people across cases",
        statements: [
            """
            CREATE TABLE case_people (
                case_id BIGINT NOT NULL REFERENCES cases(id),
                party_index INTEGER NOT NULL,
                party_role TEXT NOT NULL,
                person_key TEXT,
                household_key TEXT,
                grid_code TEXT NOT NULL,
                registered_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX case_people_case ON case_people(case_id)",
            "CREATE INDEX case_people_person ON case_people(person_key, registered_at)",
            "CREATE INDEX case_people_household ON case_people(household_key, registered_at)",
            """
            CREATE TABLE risk_warnings (
                id {pk},
                subject_kind TEXT NOT NULL,
                subject_key TEXT NOT NULL,
                open_subject TEXT UNIQUE,
                case_id BIGINT NOT NULL REFERENCES cases(id),
                region_path {bytes} NOT NULL,
                grade TEXT NOT NULL,
                grade_rank INTEGER NOT NULL,
                score INTEGER NOT NULL,
                model_version INTEGER NOT NULL,
                raised_at BIGINT NOT NULL,
                closed_at BIGINT,
                followed_by_incident BOOLEAN NOT NULL DEFAULT FALSE,
                body TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX risk_warnings_region ON risk_warnings(region_path, raised_at)",
            "CREATE INDEX risk_warnings_subject ON risk_warnings(subject_key, raised_at)",
            "CREATE INDEX risk_warnings_case ON risk_warnings(case_id)",
            """
            CREATE TABLE risk_warning_keys (
                warning_id BIGINT NOT NULL REFERENCES risk_warnings(id),
                key TEXT NOT NULL,
                PRIMARY KEY (warning_id, key)
            )
            """,
            "CREATE INDEX risk_warning_keys_key ON risk_warning_keys(key)",
            """
            CREATE TABLE risk_warning_events (
                id {pk},
                warning_id BIGINT NOT NULL REFERENCES risk_warnings(id),
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                grade TEXT,
                score INTEGER,
                actor TEXT NOT NULL DEFAULT '',
                detail TEXT NOT NULL DEFAULT ''
            )
            """,
            "CREATE INDEX risk_warning_events_warning ON risk_warning_events(warning_id, id)",
            """
            CREATE TABLE risk_visits (
                id {pk},
                warning_id BIGINT NOT NULL REFERENCES risk_warnings(id),
                visitor TEXT NOT NULL,
                organisation_id BIGINT,
                region_path {bytes} NOT NULL,
                grid_code TEXT NOT NULL,
                due_at BIGINT NOT NULL,
                done_at BIGINT,
                outcome TEXT,
                note TEXT,
                recorded TEXT NOT NULL DEFAULT '[]',
                recorded_by TEXT,
                alerted_at BIGINT,
                UNIQUE (warning_id, visitor)
            )
            """,
            "CREATE INDEX risk_visits_organisation ON risk_visits(organisation_id, due_at)",
            "CREATE INDEX risk_visits_region ON risk_visits(region_path, due_at)",
            "CREATE INDEX risk_visits_unalerted ON risk_visits(due_at) WHERE done_at IS NULL AND alerted_at IS NULL",
            """
            CREATE TABLE risk_backfill (
                name TEXT PRIMARY KEY,
                last_case_id BIGINT NOT NULL
            )
            """,
            "INSERT INTO risk_backfill (name, last_case_id) VALUES ('case_people', 0)",
        ])
}
