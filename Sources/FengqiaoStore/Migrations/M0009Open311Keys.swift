extension Migration {
    /// Open311 GeoReport v2 API keys (`api_key` of `POST requests`): only a SHA-256 of each key is stored, with the
    /// user whose roles the key acts under, a label, and the channel its reports arrive by (empty: citizen report).
    static let m0009Open311Keys = Migration(
        version: 9,
        name: "Open311 API keys",
        statements: [
            """
            CREATE TABLE open311_keys (
                id {pk},
                key_hash TEXT NOT NULL UNIQUE,
                user_id BIGINT NOT NULL REFERENCES users(id),
                label TEXT NOT NULL DEFAULT '',
                channel TEXT,
                created_at BIGINT NOT NULL,
                revoked BOOLEAN NOT NULL DEFAULT FALSE
            )
            """,
            "CREATE INDEX open311_keys_user ON open311_keys(user_id)",
        ])
}
