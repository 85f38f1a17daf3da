extension Migration {
    /// The reporter's later choice about text messages (短信通知), made on the tracking page: it overrides the one
    /// given at registration (`Case.smsNotifications`). `wants` is 1 or 0. The outbox reads it in the same statement
    /// that writes a case's messages (`OutboxRepository.record`).
    static let m0014CitizenSMS = Migration(
        version: 14,
        name: "citizen sms",
        statements: [
            """
            CREATE TABLE case_sms_choices (
                case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                wants INTEGER NOT NULL,
                changed_at BIGINT NOT NULL
            )
            """
        ])
}
