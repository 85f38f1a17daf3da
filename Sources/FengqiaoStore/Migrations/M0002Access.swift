extension Migration {
    /// Access: staff sessions (only a hash of the cookie value is stored), API tokens (hashed too), and the access
    /// log of unmasked views of personal data.
    static let m0002Access = Migration(
        version: 2,
        name: "sessions, API tokens, access log",
        statements: [
            """
            CREATE TABLE access_log (
                id {pk},
                at BIGINT NOT NULL,
                user_id BIGINT REFERENCES users(id),
                username TEXT NOT NULL,
                action TEXT NOT NULL,
                case_id BIGINT,
                detail TEXT NOT NULL DEFAULT '',
                request_id TEXT
            )
            """,
            "CREATE INDEX access_log_at ON access_log(at)",
            """
            CREATE TABLE api_tokens (
                id {pk},
                user_id BIGINT NOT NULL REFERENCES users(id),
                token_hash TEXT NOT NULL UNIQUE,
                label TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL,
                revoked BOOLEAN NOT NULL DEFAULT FALSE
            )
            """,
            """
            CREATE TABLE sessions (
                id_hash TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id),
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
        ])
}
