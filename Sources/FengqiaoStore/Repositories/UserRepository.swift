import FengqiaoCore
import Foundation
import SQLKit

/// Staff accounts and their role grants. Passwords arrive already hashed (bcrypt, in the server module).
public struct UserRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let columns = [
        "id", "username", "display_name", "phone", "password_hash", "disabled", "must_change_password",
    ]

    @discardableResult
    public func create(_ new: NewUser, passwordHash: String, now: Date) async throws -> User {
        try await database.transaction { sql in
            try await Self.create(new, passwordHash: passwordHash, now: now, in: sql)
        }
    }

    @discardableResult
    static func create(_ new: NewUser, passwordHash: String, now: Date, in sql: any SQLDatabase) async throws -> User {
        try new.validate()
        if try await sql.select().column("id").from("users").where("username", .equal, new.username).first() != nil {
            throw UserError.duplicateUsername(new.username)
        }
        try await checkGrants(new.grants, in: sql)
        let stamp = now.unixMilliseconds
        let id = try await sql.insert(into: "users")
            .columns("username", "display_name", "phone", "password_hash", "disabled", "created_at", "updated_at")
            .values(
                SQLBind(new.username), SQLBind(new.displayName), SQLBind(new.phone), SQLBind(passwordHash),
                SQLBind(false), SQLBind(stamp), SQLBind(stamp)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw UserError.notFound(new.username) }
        for grant in Set(new.grants) {
            try await sql.insert(into: "user_roles")
                .columns("user_id", "role", "organisation_id", "jurisdiction_id")
                .values(
                    SQLBind(id), SQLBind(grant.role.rawValue), SQLBind(grant.organisationID.rawValue),
                    SQLBind(grant.jurisdictionID.rawValue)
                ).run()
        }
        return User(
            id: User.ID(id), username: new.username, displayName: new.displayName, phone: new.phone,
            passwordHash: passwordHash, disabled: false, grants: new.grants)
    }

    public func find(username: String) async throws -> User? {
        try await database.withConnection { sql in
            guard
                let row = try await sql.select().columns(Self.columns).from("users")
                    .where("username", .equal, username).first()
            else { return nil }
            return try await Self.decode(row, in: sql)
        }
    }

    public func find(id: User.ID) async throws -> User? {
        try await database.withConnection { sql in
            guard
                let row = try await sql.select().columns(Self.columns).from("users")
                    .where("id", .equal, id.rawValue).first()
            else { return nil }
            return try await Self.decode(row, in: sql)
        }
    }

    public func list() async throws -> [User] {
        try await database.withConnection { sql in
            var users: [User] = []
            for row in try await sql.select().columns(Self.columns).from("users").orderBy("username").all() {
                users.append(try await Self.decode(row, in: sql))
            }
            return users
        }
    }

    public func count() async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// Sets a new password and, in the same transaction, ends every session of the user but `keepingSession` (the
    /// cookie value of the session that changed its own password) and revokes the user's API tokens: whoever held a
    /// stolen session or token loses it with the old password.
    /// `mustChange`: the password is a one-time password (an administrator's reset) to be replaced at the next
    /// sign-in; a user choosing their own clears it.
    public func setPasswordHash(
        username: String, to hash: String, now: Date, keepingSession: String? = nil, mustChange: Bool = false
    ) async throws {
        try await update(username: username, now: now) { sql, id in
            try await sql.update("users").set("password_hash", to: hash).set("must_change_password", to: mustChange)
                .where("id", .equal, id).run()
            try await Self.endSessions(of: id, keeping: keepingSession, in: sql)
        }
    }

    /// Disables (or enables) an account. Disabling ends its sessions and revokes its API tokens in the same
    /// transaction, so that enabling it again never brings an old session back.
    public func setDisabled(username: String, _ disabled: Bool, now: Date) async throws {
        try await update(username: username, now: now) { sql, id in
            try await sql.update("users").set("disabled", to: disabled).where("id", .equal, id).run()
            if disabled { try await Self.endSessions(of: id, keeping: nil, in: sql) }
        }
    }

    /// An administrator's change of a user's display name, phone and role grants (`UserChange`, validated with the
    /// editor: nobody removes their own last admin grant), in one transaction. Sessions and tokens stay: each request
    /// reads the user's grants afresh (`SessionAuthenticator`, `BearerAuthenticator`), so a removed role stops
    /// working at the user's next request. A mediator card linked to the account is unlinked when the account no
    /// longer holds the mediator role at the card's organisation (the card stays in the directory).
    @discardableResult
    public func update(username: String, to change: UserChange, by editor: User.ID, now: Date) async throws -> User {
        try await database.transaction { sql in
            guard
                let row = try await sql.select().columns(Self.columns).from("users")
                    .where("username", .equal, username).first()
            else { throw UserError.notFound(username) }
            let user = try await Self.decode(row, in: sql)
            try change.validate(for: user, by: editor)
            try await Self.checkGrants(change.grants, in: sql)
            let id = user.id.rawValue
            try await sql.update("users").set("display_name", to: change.displayName).set("phone", to: change.phone)
                .set("updated_at", to: now.unixMilliseconds).where("id", .equal, id).run()
            let kept = Set(change.grants)
            if kept != Set(user.grants) {
                try await sql.delete(from: "user_roles").where("user_id", .equal, id).run()
                for grant in kept {
                    try await sql.insert(into: "user_roles")
                        .columns("user_id", "role", "organisation_id", "jurisdiction_id")
                        .values(
                            SQLBind(id), SQLBind(grant.role.rawValue), SQLBind(grant.organisationID.rawValue),
                            SQLBind(grant.jurisdictionID.rawValue)
                        ).run()
                }
                let mediating = kept.filter { $0.role == .mediator }.map(\.organisationID.rawValue)
                var unlink = sql.update("mediators").set("user_id", to: SQLLiteral.null).where("user_id", .equal, id)
                if !mediating.isEmpty { unlink = unlink.where("organisation_id", .notIn, mediating) }
                try await unlink.run()
            }
            guard
                let changed = try await sql.select().columns(Self.columns).from("users").where("id", .equal, id)
                    .first()
            else { throw UserError.notFound(username) }
            return try await Self.decode(changed, in: sql)
        }
    }

    /// Every grant names a region and an organisation that exist.
    static func checkGrants(_ grants: [RoleGrant], in sql: any SQLDatabase) async throws {
        for grant in grants {
            guard try await RegionRepository.row(id: grant.jurisdictionID, in: sql) != nil else {
                throw StoreError.notFound("region \(grant.jurisdictionID)")
            }
            guard
                try await sql.select().column("id").from("organisations")
                    .where("id", .equal, grant.organisationID.rawValue).first() != nil
            else { throw OrganisationError.notFound }
        }
    }

    /// Ends every session of a user (except one, by its cookie value) and revokes their API tokens.
    static func endSessions(of id: Int64, keeping session: String?, in sql: any SQLDatabase) async throws {
        var delete = sql.delete(from: "sessions").where("user_id", .equal, id)
        if let session { delete = delete.where("id_hash", .notEqual, TokenRepository.digest(session)) }
        try await delete.run()
        try await sql.update("api_tokens").set("revoked", to: true).where("user_id", .equal, id).run()
    }

    private func update(
        username: String, now: Date, _ change: @escaping @Sendable (any SQLDatabase, Int64) async throws -> Void
    ) async throws {
        try await database.transaction { sql in
            guard
                let id = try await sql.select().column("id").from("users").where("username", .equal, username)
                    .first(decodingColumn: "id", as: Int64.self)
            else { throw UserError.notFound(username) }
            try await change(sql, id)
            try await sql.update("users").set("updated_at", to: now.unixMilliseconds).where("id", .equal, id).run()
        }
    }

    static func decode(_ row: any SQLRow, in sql: any SQLDatabase) async throws -> User {
        let id = try row.decode(column: "id", as: Int64.self)
        let grants = try await sql.select().columns("role", "organisation_id", "jurisdiction_id").from("user_roles")
            .where("user_id", .equal, id).orderBy("role").all()
            .compactMap { grant -> RoleGrant? in
                guard let role = Role(rawValue: try grant.decode(column: "role", as: String.self)) else { return nil }
                return RoleGrant(
                    role: role,
                    organisationID: Organisation.ID(try grant.decode(column: "organisation_id", as: Int64.self)),
                    jurisdictionID: Region.ID(try grant.decode(column: "jurisdiction_id", as: Int64.self)))
            }
        return User(
            id: User.ID(id),
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            phone: try row.decode(column: "phone", as: String?.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            disabled: try row.decode(column: "disabled", as: Bool.self),
            grants: grants, mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self))
    }
}
