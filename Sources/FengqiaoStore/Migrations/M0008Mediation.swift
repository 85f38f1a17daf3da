extension Migration {
    /// Mediation: the point weights per difficulty tier (administrators set them), which mediators touched which
    /// case (the ranking reads it), and the fulfilment follow-up tasks of signed agreements' dated terms.
    static let m0008Mediation = Migration(
        version: 8,
        name: "mediation",
        statements: [
            """
            CREATE TABLE mediator_point_weights (
                difficulty TEXT PRIMARY KEY,
                weight BIGINT NOT NULL
            )
            """,
            "INSERT INTO mediator_point_weights (difficulty, weight) VALUES ('simple', 1)",
            "INSERT INTO mediator_point_weights (difficulty, weight) VALUES ('ordinary', 2)",
            "INSERT INTO mediator_point_weights (difficulty, weight) VALUES ('complex', 4)",
            "INSERT INTO mediator_point_weights (difficulty, weight) VALUES ('major', 8)",
            """
            CREATE TABLE case_mediators (
                case_id BIGINT NOT NULL REFERENCES cases(id),
                mediator_id BIGINT NOT NULL REFERENCES mediators(id),
                PRIMARY KEY (case_id, mediator_id)
            )
            """,
            "CREATE INDEX case_mediators_mediator ON case_mediators(mediator_id)",
            """
            CREATE TABLE fulfilment_tasks (
                case_id BIGINT NOT NULL REFERENCES cases(id),
                term INTEGER NOT NULL,
                due_at BIGINT NOT NULL,
                PRIMARY KEY (case_id, term)
            )
            """,
            "CREATE INDEX fulfilment_tasks_due_at ON fulfilment_tasks(due_at)",
        ])
}
