import SQLKit

extension Migration {
    /// Mediators administered from the web and the API (issue 16): the directory card's photo (the SHA-256 of a
    /// stored image in `files`) and the moment a mediator retired (they leave the directory and the 点单 choices
    /// and stay on their old cases).
    static let m0020MediatorAdministration = Migration(
        version: 20,
        name: "mediator administration",
        statements: [
            "ALTER TABLE mediators ADD COLUMN photo TEXT",
            "ALTER TABLE mediators ADD COLUMN retired_at BIGINT",
        ])
}
