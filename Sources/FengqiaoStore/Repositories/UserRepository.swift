import FengqiaoCore
import Foundation
import SQLKit

/// Staff accounts and their role grants. Passwords arrive already hashed (bcrypt, in the server module).
public struct UserRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let columns = ["id", "username", "display_name", "phone", "password_hash", "disabled"]

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
        for grant in new.grants {
            guard try await RegionRepository.row(id: grant.jurisdictionID, in: sql) != nil else {
                throw StoreError.notFound("region \(grant.jurisdictionID)")
            }
            guard
                try await sql.select().column("id").from("organisations")
                    .where("id", .equal, grant.organisationID.rawValue).first() != nil
            else { throw OrganisationError.notFound }
        }
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

    public func setPasswordHash(username: String, to hash: String, now: Date) async throws {
        try await update(username: username, now: now) { $0.set("password_hash", to: hash) }
    }

    public func setDisabled(username: String, _ disabled: Bool, now: Date) async throws {
        try await update(username: username, now: now) { $0.set("disabled", to: disabled) }
    }

    private func update(
        username: String, now: Date, _ change: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws {
        try await database.transaction { sql in
            guard try await sql.select().column("id").from("users").where("username", .equal, username).first() != nil
            else { throw UserError.notFound(username) }
            try await change(sql.update("users"))
                .set("updated_at", to: now.unixMilliseconds)
                .where("username", .equal, username).run()
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
            grants: grants)
    }
}
