import SQLKit

extension Migration {
    /// Staff self-service (issue 16): `users.must_change_password` (set by an administrator's reset: the one-time
    /// password must be replaced at the next sign-in), and what identifies a session to its owner on "我的账号"
    /// (the address and browser it was opened from).
    static let m0018AccountSelfService = Migration(
        version: 18,
        name: "account self-service",
        statements: [
            "ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE",
            "ALTER TABLE sessions ADD COLUMN client_address TEXT",
            "ALTER TABLE sessions ADD COLUMN user_agent TEXT",
        ])
}
