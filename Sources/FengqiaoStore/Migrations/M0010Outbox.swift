extension Migration {
    /// The outbox of outbound notifications (webhooks): one row per (case event, webhook), written in the same
    /// transaction as the case change that caused it, and marked delivered only after the receiver answered 2xx.
    /// `outbox_webhooks` names the webhooks new rows are written for; the deliverer keeps it in step with
    /// `FENGQIAO_WEBHOOKS` (see docs/WEBHOOKS.md).
    static let m0010Outbox = Migration(
        version: 10,
        name: "outbox",
        statements: [
            """
            CREATE TABLE outbox_webhooks (
                name TEXT PRIMARY KEY,
                subscribed_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE outbox (
                id {pk},
                case_id BIGINT NOT NULL REFERENCES cases(id),
                sequence INTEGER NOT NULL,
                kind TEXT NOT NULL,
                webhook TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                delivered_at BIGINT,
                last_error TEXT,
                UNIQUE (case_id, sequence, webhook)
            )
            """,
            // The deliverer's claim and the backlog gauges read only the undelivered rows.
            "CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL",
        ])
}
