extension Migration {
    /// Regions (the level tree, with a bytewise path of codes for subtree queries), organisations,
    /// users with their role grants, and mediators.
    static let m0001RegionsOrganisationsPeople = Migration(
        version: 1,
        name: "regions, organisations, users, mediators",
        statements: [
            """
            CREATE TABLE regions (
                id {pk},
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                level TEXT NOT NULL,
                parent_id BIGINT REFERENCES regions(id),
                path {bytes} NOT NULL UNIQUE,
                households BIGINT NOT NULL DEFAULT 0,
                boundary TEXT
            )
            """,
            "CREATE INDEX regions_parent ON regions(parent_id)",
            """
            CREATE TABLE organisations (
                id {pk},
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                region_id BIGINT NOT NULL REFERENCES regions(id),
                specialties TEXT NOT NULL DEFAULT '',
                phone TEXT
            )
            """,
            "CREATE INDEX organisations_region ON organisations(region_id)",
            """
            CREATE TABLE users (
                id {pk},
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                phone TEXT,
                password_hash TEXT NOT NULL,
                disabled BOOLEAN NOT NULL DEFAULT FALSE,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE user_roles (
                user_id BIGINT NOT NULL REFERENCES users(id),
                role TEXT NOT NULL,
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                jurisdiction_id BIGINT NOT NULL REFERENCES regions(id),
                PRIMARY KEY (user_id, role, organisation_id, jurisdiction_id)
            )
            """,
            """
            CREATE TABLE mediators (
                id {pk},
                name TEXT NOT NULL,
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                specialties TEXT NOT NULL DEFAULT '',
                levels TEXT NOT NULL DEFAULT '',
                languages TEXT NOT NULL DEFAULT '',
                gold_medal BOOLEAN NOT NULL DEFAULT FALSE,
                available BOOLEAN NOT NULL DEFAULT TRUE,
                profile TEXT NOT NULL DEFAULT '',
                user_id BIGINT REFERENCES users(id)
            )
            """,
            "CREATE INDEX mediators_organisation ON mediators(organisation_id)",
        ])
}
