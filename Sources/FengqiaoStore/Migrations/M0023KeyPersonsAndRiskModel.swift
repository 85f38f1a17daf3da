import SQLKit

extension Migration {
    /// Issue 17's key persons (重点人员三色管理) and the administration of the risk model:
    ///
    /// - `risk_rule_versions`: every version of the risk model (indicator weights and the four thresholds) and of the
    ///   care plan (the visit interval of each class), with the instant it takes effect, who made it and when; a
    ///   scheduled version may be withdrawn (as `time_limit_versions`). The standard model and care plan are the
    ///   first versions, in force since 1970.
    /// - `key_persons`: the register, one row per person, with the personal data kept as case parties keep it and
    ///   the keyed hashes (`PersonKey`) of the ID number, the phone and the household, which recognise the same
    ///   person across cases without the clear value as a key; the grid's region path for the jurisdiction rule.
    /// - `key_person_events`: the person's file (registered, class changes with their reason, visits, alerts).
    /// - `key_person_visits`: the visits due on the care plan's working-day clock (one open per person), done
    ///   ones with their outcome, and `alerted_at` set once by the instance that raised an overdue alert.
    static let m0023KeyPersonsAndRiskModel = Migration(
        version: 23,
        name: "key persons and risk model versions",
        statements: [
            """
            CREATE TABLE risk_rule_versions (
                id {pk},
                kind TEXT NOT NULL,
                body TEXT NOT NULL,
                effective_from BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by_user_id BIGINT,
                created_by TEXT,
                withdrawn_at BIGINT,
                withdrawn_by TEXT
            )
            """,
            "CREATE INDEX risk_rule_versions_kind ON risk_rule_versions(kind, effective_from)",
            """
            INSERT INTO risk_rule_versions (kind, body, effective_from, created_at)
            VALUES ('model', '{"thresholds":{"blue":20,"yellow":40,"orange":60,"red":80},"weights":{}}', 0, 0)
            """,
            """
            INSERT INTO risk_rule_versions (kind, body, effective_from, created_at)
            VALUES ('care-plan', '{"green":"22wd","red":"5wd","yellow":"10wd"}', 0, 0)
            """,
            """
            CREATE TABLE key_persons (
                id {pk},
                name TEXT NOT NULL,
                masked_name TEXT NOT NULL,
                id_number TEXT,
                phone TEXT,
                id_key TEXT,
                phone_key TEXT,
                household_key TEXT,
                address TEXT NOT NULL,
                region_id BIGINT NOT NULL,
                region_path TEXT NOT NULL,
                person_class TEXT NOT NULL,
                classed_at BIGINT NOT NULL,
                responsible TEXT NOT NULL,
                next_due_at BIGINT,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                closed_at BIGINT
            )
            """,
            "CREATE INDEX key_persons_region ON key_persons(region_path, person_class)",
            "CREATE INDEX key_persons_id_key ON key_persons(id_key)",
            "CREATE INDEX key_persons_phone_key ON key_persons(phone_key)",
            "CREATE INDEX key_persons_household ON key_persons(household_key)",
            """
            CREATE TABLE key_person_events (
                id {pk},
                key_person_id BIGINT NOT NULL,
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                from_class TEXT,
                to_class TEXT,
                reason TEXT,
                outcome TEXT,
                actor_username TEXT,
                actor_name TEXT NOT NULL
            )
            """,
            "CREATE INDEX key_person_events_person ON key_person_events(key_person_id, id)",
            """
            CREATE TABLE key_person_visits (
                id {pk},
                key_person_id BIGINT NOT NULL,
                region_path TEXT NOT NULL,
                due_at BIGINT NOT NULL,
                visitor TEXT,
                visitor_name TEXT,
                done_at BIGINT,
                outcome TEXT,
                note TEXT,
                alerted_at BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX key_person_visits_person ON key_person_visits(key_person_id, id)",
            "CREATE INDEX key_person_visits_open ON key_person_visits(done_at, due_at)",
            "CREATE INDEX key_person_visits_region ON key_person_visits(region_path, due_at)",
        ])
}
