import FengqiaoCore
import Foundation
import SQLKit

/// Regions and the level tree. A region's `path` is its ancestors' codes and its own, as
/// `/331000/331021/331021101/`, so a subtree is one range scan on a bytewise index.
public struct RegionRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let columns = ["id", "code", "name", "level", "parent_id", "path", "households", "boundary", "retired_at"]

    @discardableResult
    public func create(_ new: NewRegion) async throws -> Region {
        try await database.transaction { sql in try await Self.create(new, in: sql) }
    }

    /// Creates the region inside a transaction the caller already holds (used by demo seeding).
    @discardableResult
    static func create(_ new: NewRegion, in sql: any SQLDatabase) async throws -> Region {
        let parent = try await new.parentID.asyncMap { try await Self.row(id: $0, in: sql) }
        try new.validate(parent: parent?.region)
        if parent?.region.isRetired == true { throw StructureError.parentRetired }
        if try await sql.select().column("id").from("regions").where("code", .equal, new.code).first() != nil {
            throw RegionError.duplicateCode(new.code)
        }
        let path = (parent?.path ?? "/") + new.code + "/"
        let boundary = try new.boundary.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let id = try await sql.insert(into: "regions")
            .columns("code", "name", "level", "parent_id", "path", "households", "boundary")
            .values(
                SQLBind(new.code), SQLBind(new.name), SQLBind(new.level.rawValue),
                SQLBind(new.parentID?.rawValue), SQLBind(path), SQLBind(Int64(new.households)), SQLBind(boundary)
            )
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoreError.notFound("region \(new.code)") }
        return Region(
            id: Region.ID(id), code: new.code, name: new.name, level: new.level, parentID: new.parentID,
            households: new.households, boundary: new.boundary)
    }

    public func find(id: Region.ID) async throws -> Region? {
        try await database.withConnection { sql in try await Self.row(id: id, in: sql)?.region }
    }

    public func find(code: String) async throws -> Region? {
        try await database.withConnection { sql in
            try await sql.select().columns(Self.columns).from("regions").where("code", .equal, code)
                .first().map(Self.decode)?.region
        }
    }

    /// The children of a region, by code; retired ones only when asked.
    public func children(of id: Region.ID, includeRetired: Bool = false) async throws -> [Region] {
        try await database.withConnection { sql in
            var query = sql.select().columns(Self.columns).from("regions").where("parent_id", .equal, id.rawValue)
            if !includeRetired { query = query.where("retired_at", .is, SQLLiteral.null) }
            return try await query.orderBy("code").all().map { try Self.decode($0).region }
        }
    }

    /// The region and everything below it, ordered by path (parents before children). Retired regions (and so what
    /// intake, the QR sheets, the map and the pick-lists offer) are left out unless asked for; the root is always
    /// there when it exists.
    public func subtree(of id: Region.ID, includeRetired: Bool = false) async throws -> [Region] {
        try await database.withConnection { sql in
            guard let root = try await Self.row(id: id, in: sql) else { return [] }
            return try await sql.select().columns(Self.columns).from("regions")
                .whereInSubtree(SQLIdentifier("path"), of: root.path)
                .orderBy("path").all().map { try Self.decode($0).region }
                .filter { includeRetired || !$0.isRetired || $0.id == root.region.id }
        }
    }

    /// Whether `id` lies in the subtree rooted at `ancestor` (a region is in its own subtree).
    public func isWithin(_ id: Region.ID, subtreeOf ancestor: Region.ID) async throws -> Bool {
        try await database.withConnection { sql in
            guard let node = try await Self.row(id: id, in: sql),
                let root = try await Self.row(id: ancestor, in: sql)
            else { return false }
            return node.path.hasPrefix(root.path)
        }
    }

    /// The tree path of a region (`/339900/339921/339921101/`): jurisdiction checks compare case paths with it.
    public func path(of id: Region.ID) async throws -> String? {
        try await database.withConnection { sql in try await Self.row(id: id, in: sql)?.path }
    }

    /// Every region of one level in use, by code (the townships of a county, for a directory's filter).
    public func list(level: RegionLevel) async throws -> [Region] {
        try await database.withConnection { sql in
            try await sql.select().columns(Self.columns).from("regions").where("level", .equal, level.rawValue)
                .where("retired_at", .is, SQLLiteral.null)
                .orderBy("code").all().map { try Self.decode($0).region }
        }
    }

    /// How many regions are in use, of one level or all.
    public func count(level: RegionLevel? = nil) async throws -> Int {
        try await database.withConnection { sql in
            var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("regions")
                .where("retired_at", .is, SQLLiteral.null)
            if let level { query = query.where("level", .equal, level.rawValue) }
            return try await query.first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    // MARK: Rows

    struct Row {
        let region: Region
        let path: String
    }

    static func row(id: Region.ID, in sql: any SQLDatabase) async throws -> Row? {
        try await sql.select().columns(columns).from("regions").where("id", .equal, id.rawValue).first()
            .map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> Row {
        let boundaryText = try row.decode(column: "boundary", as: String?.self)
        let boundary = try boundaryText.map { try JSONDecoder().decode(GeoPolygon.self, from: Data($0.utf8)) }
        let levelText = try row.decode(column: "level", as: String.self)
        guard let level = RegionLevel(rawValue: levelText) else {
            throw StoreError.notFound("region level \(levelText)")
        }
        let region = Region(
            id: Region.ID(try row.decode(column: "id", as: Int64.self)),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            level: level,
            parentID: try row.decode(column: "parent_id", as: Int64?.self).map { Region.ID($0) },
            households: Int(try row.decode(column: "households", as: Int64.self)),
            boundary: boundary,
            retiredAt: try row.decode(column: "retired_at", as: Int64?.self).map(Date.init(unixMilliseconds:)))
        return Row(region: region, path: try row.decode(column: "path", as: String.self))
    }

    /// The smallest string above every path that starts with `path` (which ends in "/"; "0" follows "/").
    static func upperBound(of path: String) -> String {
        String(path.dropLast()) + "0"
    }
}

extension SQLPredicateBuilder {
    /// Rows whose region path in `column` lies in the subtree rooted at `path` (the root included): a range on the
    /// path, so that an index starting with it serves the query.
    func whereInSubtree(_ column: any SQLExpression, of path: String) -> Self {
        self.where(column, .greaterThanOrEqual, SQLBind(path))
            .where(column, .lessThan, SQLBind(RegionRepository.upperBound(of: path)))
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
