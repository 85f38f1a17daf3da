extension Migration {
    /// Attachments, stored once per content (keyed by SHA-256) inside the database, so that one backup holds
    /// everything and several app instances on one PostgreSQL see the same files; and which case holds which.
    static let m0006Files = Migration(
        version: 6,
        name: "files",
        statements: [
            """
            CREATE TABLE files (
                sha256 TEXT PRIMARY KEY,
                content_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                data {blob} NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE case_files (
                case_id BIGINT NOT NULL REFERENCES cases(id),
                sha256 TEXT NOT NULL REFERENCES files(sha256),
                PRIMARY KEY (case_id, sha256)
            )
            """,
            "CREATE INDEX case_files_sha256 ON case_files(sha256)",
        ])
}
