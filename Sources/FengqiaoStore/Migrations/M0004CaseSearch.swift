extension Migration {
    /// Full-text search over a case's title, description and party names that works for Chinese (no word breaks):
    /// trigram indexes. SQLite: an FTS5 table with the trigram tokenizer (its rowid is the case id). PostgreSQL: a
    /// table with a pg_trgm GIN index. Both answer `body LIKE '%…%'` from the index for three characters or more.
    static let m0004CaseSearch = Migration(
        version: 4,
        name: "case search",
        statements: [],
        engineStatements: [
            .sqlite: ["CREATE VIRTUAL TABLE case_search USING fts5(body, tokenize = 'trigram')"],
            .postgres: [
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                """
                CREATE TABLE case_search (
                    case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                    body TEXT NOT NULL
                )
                """,
                "CREATE INDEX case_search_body ON case_search USING gin (body gin_trgm_ops)",
            ],
        ])
}
