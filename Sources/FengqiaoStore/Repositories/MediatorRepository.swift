import FengqiaoCore
import SQLKit

public struct MediatorRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let columns = [
        "id", "name", "organisation_id", "specialties", "levels", "languages", "gold_medal", "available", "profile",
        "user_id",
    ]

    @discardableResult
    public func create(_ new: NewMediator) async throws -> Mediator {
        try await database.transaction { sql in try await Self.create(new, in: sql) }
    }

    @discardableResult
    static func create(_ new: NewMediator, in sql: any SQLDatabase) async throws -> Mediator {
        guard !new.name.trimmingWhitespace.isEmpty else { throw UserError.invalidDisplayName }
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

    static func find(userID: User.ID, in sql: any SQLDatabase) async throws -> Mediator? {
        try await sql.select().columns(Self.columns).from("mediators").where("user_id", .equal, userID.rawValue)
            .orderBy("id").first().map(Self.decode)
    }

    /// The directory: every mediator, gold medallists first; optionally only those with a specialty, and only those
    /// whose organisation lies in the subtree of `regionID` (a township: its own committees, its villages' and its
    /// studios). An unknown region lists nobody.
    public func list(specialty: DisputeType? = nil, inSubtreeOf regionID: Region.ID? = nil) async throws -> [Mediator] {
        try await database.withConnection { sql in
            var query = sql.select().columns(Self.columns.map { SQLColumn($0, table: "m") })
                .from(SQLAlias(SQLIdentifier("mediators"), as: SQLIdentifier("m")))
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

    public func count() async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("mediators")
                .first(decodingColumn: "n", as: Int.self) ?? 0
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
            userID: try row.decode(column: "user_id", as: Int64?.self).map { User.ID($0) })
    }
}
