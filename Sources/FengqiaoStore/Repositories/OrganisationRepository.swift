import FengqiaoCore
import Foundation
import SQLKit

public struct OrganisationRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let columns = ["id", "name", "kind", "region_id", "specialties", "phone", "retired_at"]

    @discardableResult
    public func create(_ new: NewOrganisation) async throws -> Organisation {
        try await database.transaction { sql in try await Self.create(new, in: sql) }
    }

    @discardableResult
    static func create(_ new: NewOrganisation, in sql: any SQLDatabase) async throws -> Organisation {
        try new.validate()
        guard let region = try await RegionRepository.row(id: new.regionID, in: sql) else {
            throw OrganisationError.regionNotFound
        }
        if region.region.isRetired { throw StructureError.regionRetired }
        let id = try await sql.insert(into: "organisations")
            .columns("name", "kind", "region_id", "specialties", "phone")
            .values(
                SQLBind(new.name), SQLBind(new.kind.rawValue), SQLBind(new.regionID.rawValue),
                SQLBind(DisputeType.stored(new.specialties)), SQLBind(new.phone)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw OrganisationError.notFound }
        return Organisation(
            id: Organisation.ID(id), name: new.name, kind: new.kind, regionID: new.regionID,
            specialties: new.specialties, phone: new.phone)
    }

    public func find(id: Organisation.ID) async throws -> Organisation? {
        try await database.withConnection { sql in
            try await sql.select().columns(Self.columns).from("organisations").where("id", .equal, id.rawValue)
                .first().map(Self.decode)
        }
    }

    /// The names of several organisations in one query (pages name every organisation a case file mentions);
    /// unknown ids are absent.
    public func names(of ids: some Collection<Organisation.ID>) async throws -> [Organisation.ID: String] {
        let numbers = Set(ids).map(\.rawValue).sorted()
        guard !numbers.isEmpty else { return [:] }
        return try await database.withConnection { sql in
            var names: [Organisation.ID: String] = [:]
            for row in try await sql.select().columns("id", "name").from("organisations")
                .where("id", .in, numbers).all()
            {
                names[Organisation.ID(try row.decode(column: "id", as: Int64.self))] = try row.decode(
                    column: "name", as: String.self)
            }
            return names
        }
    }

    /// The organisation with exactly this name (the first, if several share it).
    public func find(name: String) async throws -> Organisation? {
        try await database.withConnection { sql in
            try await sql.select().columns(Self.columns).from("organisations").where("name", .equal, name)
                .orderBy("id").first().map(Self.decode)
        }
    }

    /// The center responsible for a region: the center of the nearest ancestor (the region itself included) whose
    /// level is `level` or above. Village work stations are first contact; cases are received by the township.
    public func nearestCenter(
        for regionID: Region.ID, atOrAbove level: RegionLevel = .township
    ) async throws
        -> Organisation?
    {
        try await database.withConnection { sql in
            try await Self.nearestCenter(for: regionID, atOrAbove: level, in: sql)
        }
    }

    /// The centers over a region (its own first, then each ancestor up to the root), each the first center of its
    /// region, with the region's level: what `CaseWorkflow.climbTarget` chooses from. The ancestors are read from
    /// the stored path of codes (`/339900/339921/339921101/`) in two queries, not by walking parent ids.
    static func centersAbove(
        regionPath: String, in sql: any SQLDatabase
    ) async throws
        -> [(id: Organisation.ID, level: RegionLevel)]
    {
        let codes = regionPath.split(separator: "/").map(String.init)
        guard !codes.isEmpty else { return [] }
        var regions: [(id: Int64, level: RegionLevel, depth: Int)] = []
        for row in try await sql.select().columns("id", "code", "level").from("regions").where("code", .in, codes).all()
        {
            let code = try row.decode(column: "code", as: String.self)
            guard let level = RegionLevel(rawValue: try row.decode(column: "level", as: String.self)),
                let depth = codes.firstIndex(of: code)
            else { continue }
            regions.append((try row.decode(column: "id", as: Int64.self), level, depth))
        }
        guard !regions.isEmpty else { return [] }
        var firstCenter: [Int64: Int64] = [:]
        for row in try await sql.select().columns("id", "region_id").from("organisations")
            .where("kind", .equal, OrganisationKind.center.rawValue).where("region_id", .in, regions.map(\.id))
            .where("retired_at", .is, SQLLiteral.null)
            .orderBy("id").all()
        {
            let region = try row.decode(column: "region_id", as: Int64.self)
            if firstCenter[region] == nil { firstCenter[region] = try row.decode(column: "id", as: Int64.self) }
        }
        return regions.sorted { $0.depth > $1.depth }.compactMap { region in
            firstCenter[region.id].map { (Organisation.ID($0), region.level) }
        }
    }

    static func nearestCenter(
        for regionID: Region.ID, atOrAbove level: RegionLevel, in sql: any SQLDatabase
    ) async throws -> Organisation? {
        var next: Region.ID? = regionID
        while let id = next, let row = try await RegionRepository.row(id: id, in: sql) {
            if row.region.level <= level,
                let center = try await sql.select().columns(columns).from("organisations")
                    .where("region_id", .equal, id.rawValue).where("kind", .equal, OrganisationKind.center.rawValue)
                    .where("retired_at", .is, SQLLiteral.null)
                    .orderBy("id").first().map(decode)
            {
                return center
            }
            next = row.region.parentID
        }
        return nil
    }

    /// The region level of each of `ids` that exists, in one statement (none when `ids` is empty); nil: of every
    /// organisation (the bulk loader's facts).
    static func levels(
        of ids: Set<Organisation.ID>?, in sql: any SQLDatabase
    ) async throws -> [Organisation.ID: RegionLevel] {
        if let ids, ids.isEmpty { return [:] }
        var levels: [Organisation.ID: RegionLevel] = [:]
        var query = sql.select()
            .column(SQLColumn("id", table: "o")).column(SQLColumn("level", table: "r"))
            .from(SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")))
            .join(
                SQLAlias(SQLIdentifier("regions"), as: SQLIdentifier("r")), method: SQLJoinMethod.inner,
                on: SQLColumn("region_id", table: "o"), .equal, SQLColumn("id", table: "r")
            )
        if let ids {
            query = query.where(SQLColumn("id", table: "o"), .in, SQLBind.group(ids.map(\.rawValue).sorted()))
        }
        for row in try await query.all() {
            let text = try row.decode(column: "level", as: String.self)
            guard let level = RegionLevel(rawValue: text) else { throw StoreError.notFound("region level \(text)") }
            levels[Organisation.ID(try row.decode(column: "id", as: Int64.self))] = level
        }
        return levels
    }

    /// Organisations whose region lies in the subtree of `regionID`, optionally of one kind, by id; retired ones
    /// (no longer dispatched to nor offered in pick-lists) only when asked for.
    public func list(
        inSubtreeOf regionID: Region.ID, kind: OrganisationKind? = nil, includeRetired: Bool = false
    ) async throws -> [Organisation] {
        try await database.withConnection { sql in
            guard let root = try await RegionRepository.row(id: regionID, in: sql) else { return [] }
            var query = sql.select().columns(Self.columns.map { SQLColumn($0, table: "o") })
                .from(SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")))
                .join(
                    SQLAlias(SQLIdentifier("regions"), as: SQLIdentifier("r")), method: SQLJoinMethod.inner,
                    on: SQLColumn("region_id", table: "o"), .equal, SQLColumn("id", table: "r")
                )
                .whereInSubtree(SQLColumn("path", table: "r"), of: root.path)
            if let kind { query = query.where(SQLColumn("kind", table: "o"), .equal, SQLBind(kind.rawValue)) }
            if !includeRetired { query = query.where(SQLColumn("retired_at", table: "o"), .is, SQLLiteral.null) }
            return try await query.orderBy(SQLColumn("id", table: "o")).all().map(Self.decode)
        }
    }

    public func count(kinds: [OrganisationKind]? = nil) async throws -> Int {
        try await database.withConnection { sql in
            var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("organisations")
                .where("retired_at", .is, SQLLiteral.null)
            if let kinds { query = query.where("kind", .in, kinds.map(\.rawValue)) }
            return try await query.first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    static func decode(_ row: any SQLRow) throws -> Organisation {
        let kindText = try row.decode(column: "kind", as: String.self)
        guard let kind = OrganisationKind(rawValue: kindText) else {
            throw StoreError.notFound("organisation kind \(kindText)")
        }
        return Organisation(
            id: Organisation.ID(try row.decode(column: "id", as: Int64.self)),
            name: try row.decode(column: "name", as: String.self),
            kind: kind,
            regionID: Region.ID(try row.decode(column: "region_id", as: Int64.self)),
            specialties: DisputeType.list(from: try row.decode(column: "specialties", as: String.self)),
            phone: try row.decode(column: "phone", as: String?.self),
            retiredAt: try row.decode(column: "retired_at", as: Int64?.self).map(Date.init(unixMilliseconds:)))
    }
}
