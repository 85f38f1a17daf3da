import FengqiaoCore
import Foundation
import SQLKit

public struct MediatorRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let columns = [
        "id", "name", "organisation_id", "specialties", "levels", "languages", "gold_medal", "available", "profile",
        "user_id", "photo", "retired_at",
    ]

    @discardableResult
    public func create(_ new: NewMediator) async throws -> Mediator {
        try await database.transaction { sql in try await Self.create(new, in: sql) }
    }

    @discardableResult
    static func create(_ new: NewMediator, in sql: any SQLDatabase) async throws -> Mediator {
        try new.validate()
        try await checkLink(new, card: nil, in: sql)
        let id = try await sql.insert(into: "mediators")
            .columns(
                "name", "organisation_id", "specialties", "levels", "languages", "gold_medal", "available", "profile",
                "user_id"
            )
            .values(
                SQLBind(new.name), SQLBind(new.organisationID.rawValue), SQLBind(DisputeType.stored(new.specialties)),
                SQLBind(new.levels.map(\.rawValue).joined(separator: ",")),
                SQLBind(new.languages.joined(separator: ",")), SQLBind(new.goldMedal), SQLBind(new.available),
                SQLBind(new.profile), SQLBind(new.userID?.rawValue)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoreError.notFound("mediator \(new.name)") }
        return Mediator(
            id: Mediator.ID(id), name: new.name, organisationID: new.organisationID, specialties: new.specialties,
            levels: new.levels, languages: new.languages, goldMedal: new.goldMedal, available: new.available,
            profile: new.profile, userID: new.userID)
    }

    public func find(id: Mediator.ID) async throws -> Mediator? {
        try await database.withConnection { sql in try await Self.find(ids: [id], in: sql)[id] }
    }

    /// The mediator record of a user account, if the user is a mediator.
    public func find(userID: User.ID) async throws -> Mediator? {
        try await database.withConnection { sql in try await Self.find(userID: userID, in: sql) }
    }

    static func find(ids: Set<Mediator.ID>, in sql: any SQLDatabase) async throws -> [Mediator.ID: Mediator] {
        guard !ids.isEmpty else { return [:] }
        let found = try await sql.select().columns(Self.columns).from("mediators")
            .where("id", .in, ids.map(\.rawValue).sorted()).all().map(Self.decode)
        return Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The card of an account: the one not retired (an account is linked to one card at a time).
    static func find(userID: User.ID, in sql: any SQLDatabase) async throws -> Mediator? {
        try await sql.select().columns(Self.columns).from("mediators").where("user_id", .equal, userID.rawValue)
            .where("retired_at", .is, SQLLiteral.null).orderBy("id").first().map(Self.decode)
    }

    /// Changes a card's fields (not its photo, not its retirement). A retired card is not changed.
    @discardableResult
    public func update(id: Mediator.ID, to details: NewMediator) async throws -> Mediator {
        try await database.transaction { sql in
            guard let current = try await Self.find(ids: [id], in: sql)[id] else { throw MediatorError.notFound }
            guard current.isActive else { throw MediatorError.retired }
            try details.validate()
            try await Self.checkLink(details, card: id, in: sql)
            try await sql.update("mediators")
                .set("name", to: details.name).set("organisation_id", to: details.organisationID.rawValue)
                .set("specialties", to: DisputeType.stored(details.specialties))
                .set("levels", to: details.levels.map(\.rawValue).joined(separator: ","))
                .set("languages", to: details.languages.joined(separator: ","))
                .set("gold_medal", to: details.goldMedal).set("available", to: details.available)
                .set("profile", to: details.profile).set("user_id", to: details.userID?.rawValue)
                .where("id", .equal, id.rawValue).run()
            guard let changed = try await Self.find(ids: [id], in: sql)[id] else { throw MediatorError.notFound }
            return changed
        }
    }

    /// Sets the card's photo: the SHA-256 of an image already stored (`FileRepository.store`), or none.
    public func setPhoto(id: Mediator.ID, sha256: String?) async throws {
        try await database.transaction { sql in
            guard try await Self.find(ids: [id], in: sql)[id] != nil else { throw MediatorError.notFound }
            if let sha256 {
                guard let stored = try await FileRepository.metadata(sha256, in: sql),
                    stored.contentType.hasPrefix("image/")
                else { throw MediatorError.photoNotImage }
            }
            try await sql.update("mediators").set("photo", to: sha256).where("id", .equal, id.rawValue).run()
        }
    }

    /// Retires a mediator (`at`) or reinstates one (nil): retired, they leave the directory and the 点单 choices
    /// and stay on the cases that name them. Reinstating checks the account link again (another card may have
    /// taken the account meanwhile).
    public func setRetired(id: Mediator.ID, at moment: Date?) async throws {
        try await database.transaction { sql in
            guard let current = try await Self.find(ids: [id], in: sql)[id] else { throw MediatorError.notFound }
            if moment == nil, !current.isActive { try await Self.checkLink(current.details, card: id, in: sql) }
            try await sql.update("mediators").set("retired_at", to: moment?.unixMilliseconds)
                .where("id", .equal, id.rawValue).run()
        }
    }

    /// A card linked to an account: the account exists, holds the mediator role at the card's organisation (so that
    /// it may take the card's 点单 requests, `CasePermissions`), and no other card still in service is linked to it.
    static func checkLink(_ details: NewMediator, card: Mediator.ID?, in sql: any SQLDatabase) async throws {
        guard let userID = details.userID else { return }
        guard
            let username = try await sql.select().column("username").from("users")
                .where("id", .equal, userID.rawValue).first(decodingColumn: "username", as: String.self)
        else { throw UserError.notFound("#\(userID)") }
        guard
            try await sql.select().column("user_id").from("user_roles").where("user_id", .equal, userID.rawValue)
                .where("role", .equal, Role.mediator.rawValue)
                .where("organisation_id", .equal, details.organisationID.rawValue).first() != nil
        else { throw MediatorError.accountNotMediator(username) }
        var others = sql.select().column("id").from("mediators").where("user_id", .equal, userID.rawValue)
            .where("retired_at", .is, SQLLiteral.null)
        if let card { others = others.where("id", .notEqual, card.rawValue) }
        if try await others.first() != nil { throw MediatorError.accountTaken(username) }
    }

    /// The directory: every mediator in service, gold medallists first; optionally only those with a specialty, and
    /// only those whose organisation lies in the subtree of `regionID` (a township: its own committees, its villages'
    /// and its studios). An unknown region lists nobody. `includeRetired`: the administrator's list, with the
    /// retired.
    public func list(
        specialty: DisputeType? = nil, inSubtreeOf regionID: Region.ID? = nil, includeRetired: Bool = false
    ) async throws -> [Mediator] {
        try await database.withConnection { sql in
            var query = sql.select().columns(Self.columns.map { SQLColumn($0, table: "m") })
                .from(SQLAlias(SQLIdentifier("mediators"), as: SQLIdentifier("m")))
            if !includeRetired { query = query.where(SQLColumn("retired_at", table: "m"), .is, SQLLiteral.null) }
            if let regionID {
                guard let root = try await RegionRepository.row(id: regionID, in: sql) else { return [] }
                query =
                    query
                    .join(
                        SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")), method: SQLJoinMethod.inner,
                        on: SQLColumn("organisation_id", table: "m"), .equal, SQLColumn("id", table: "o")
                    )
                    .join(
                        SQLAlias(SQLIdentifier("regions"), as: SQLIdentifier("r")), method: SQLJoinMethod.inner,
                        on: SQLColumn("region_id", table: "o"), .equal, SQLColumn("id", table: "r")
                    )
                    .whereInSubtree(SQLColumn("path", table: "r"), of: root.path)
            }
            // Specialties are stored as one comma-separated column: filtered here, exactly, not with LIKE.
            return try await query.orderBy(SQLColumn("gold_medal", table: "m"), SQLDirection.descending)
                .orderBy(SQLColumn("id", table: "m"), SQLDirection.ascending).all().map(Self.decode)
                .filter { mediator in specialty.map(mediator.specialties.contains) ?? true }
        }
    }

    /// The mediators in service.
    public func count() async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("mediators")
                .where("retired_at", .is, SQLLiteral.null).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    static func decode(_ row: any SQLRow) throws -> Mediator {
        func list(_ column: String) throws -> [String] {
            try row.decode(column: column, as: String.self).split(separator: ",").map(String.init)
        }
        return Mediator(
            id: Mediator.ID(try row.decode(column: "id", as: Int64.self)),
            name: try row.decode(column: "name", as: String.self),
            organisationID: Organisation.ID(try row.decode(column: "organisation_id", as: Int64.self)),
            specialties: DisputeType.list(from: try row.decode(column: "specialties", as: String.self)),
            levels: try list("levels").compactMap(RegionLevel.init(rawValue:)),
            languages: try list("languages"),
            goldMedal: try row.decode(column: "gold_medal", as: Bool.self),
            available: try row.decode(column: "available", as: Bool.self),
            profile: try row.decode(column: "profile", as: String.self),
            userID: try row.decode(column: "user_id", as: Int64?.self).map { User.ID($0) },
            photo: try row.decode(column: "photo", as: String?.self),
            retiredAt: try row.decode(column: "retired_at", as: Int64?.self).map(Date.init(unixMilliseconds:)))
    }
}
