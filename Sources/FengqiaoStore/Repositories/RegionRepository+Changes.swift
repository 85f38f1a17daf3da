import FengqiaoCore
import Foundation
import SQLKit

/// A region's boundary in an edit: a new one, or none.
public enum BoundaryChange: Sendable, Hashable {
    case set(GeoPolygon)
    case remove
}

/// An administrator's changes to the region tree: rename, household count, boundary, move, retire and restore.
///
/// Where region paths are stored, and what a move does with them: `regions.path` (every region of the moved
/// subtree is rewritten, in one transaction with the new parent), `cases.region_path` and
/// `case_metric_organisations.region_path` (a case's place when it was registered, copied so that lists and sums
/// are one index range). Role grants, organisations and mediators store region *ids* and read the path when they
/// need it, so they follow a move by themselves. A move is refused while open cases lie in the subtree: their path
/// would disagree with their region, and their holders, deadlines and ladders were chosen from the old place. Closed
/// cases keep the path they were handled under: the statistics of past years stay with the township that handled
/// them, as a county's annual figures are not restated after a boundary change (docs/ARCHITECTURE.md).
extension RegionRepository {
    /// Renames the region, sets its households or its boundary (nil: unchanged); the region as now stored.
    @discardableResult
    public func update(
        _ id: Region.ID, name: String? = nil, households: Int? = nil, boundary: BoundaryChange? = nil
    ) async throws -> Region {
        try await database.transaction { sql in
            guard let row = try await Self.row(id: id, in: sql) else { throw StoreError.notFound("region \(id)") }
            if let name { try NewRegion.validateName(name) }
            if let households, households < 0 { throw RegionError.negativeHouseholds }
            var update = sql.update("regions").where("id", .equal, id.rawValue)
            var changed = false
            if let name {
                update = update.set("name", to: name.trimmingWhitespace)
                changed = true
            }
            if let households {
                update = update.set("households", to: Int64(households))
                changed = true
            }
            switch boundary {
            case nil: break
            case .set(let polygon):
                update = update.set("boundary", to: String(decoding: try JSONEncoder().encode(polygon), as: UTF8.self))
                changed = true
            case .remove:
                update = update.set("boundary", to: SQLLiteral.null)
                changed = true
            }
            if changed { try await update.run() }
            return try await Self.row(id: id, in: sql)?.region ?? row.region
        }
    }

    /// What still depends on the region (its open cases, active users, organisations and child regions in use).
    public func dependents(of id: Region.ID) async throws -> RegionDependents {
        try await database.withConnection { sql in
            guard let row = try await Self.row(id: id, in: sql) else { throw StoreError.notFound("region \(id)") }
            return try await Self.dependents(of: row, in: sql)
        }
    }

    static func dependents(of row: Row, in sql: any SQLDatabase) async throws -> RegionDependents {
        let count = SQLFunction("COUNT", args: SQLLiteral.all)
        let openCases =
            try await sql.select().column(count, as: "n").from("cases")
            .whereInSubtree(SQLIdentifier("region_path"), of: row.path)
            .where("state", .in, CaseState.allCases.filter(\.isOpen).map(\.rawValue))
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let users = Set(
            try await sql.select().column(SQLColumn("user_id", table: "g"))
                .from(SQLAlias(SQLIdentifier("user_roles"), as: SQLIdentifier("g")))
                .join(
                    SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                    on: SQLColumn("user_id", table: "g"), .equal, SQLColumn("id", table: "u")
                )
                .join(
                    SQLAlias(SQLIdentifier("regions"), as: SQLIdentifier("r")), method: SQLJoinMethod.inner,
                    on: SQLColumn("jurisdiction_id", table: "g"), .equal, SQLColumn("id", table: "r")
                )
                .whereInSubtree(SQLColumn("path", table: "r"), of: row.path)
                .where(SQLColumn("disabled", table: "u"), .equal, SQLBind(false))
                .all().map { try $0.decode(column: "user_id", as: Int64.self) }
        ).count
        let organisations =
            try await sql.select().column(count, as: "n")
            .from(SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")))
            .join(
                SQLAlias(SQLIdentifier("regions"), as: SQLIdentifier("r")), method: SQLJoinMethod.inner,
                on: SQLColumn("region_id", table: "o"), .equal, SQLColumn("id", table: "r")
            )
            .whereInSubtree(SQLColumn("path", table: "r"), of: row.path)
            .where(SQLColumn("retired_at", table: "o"), .is, SQLLiteral.null)
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let children =
            try await sql.select().column(count, as: "n").from("regions")
            .where("parent_id", .equal, row.region.id.rawValue).where("retired_at", .is, SQLLiteral.null)
            .first(decodingColumn: "n", as: Int.self) ?? 0
        return RegionDependents(
            openCases: openCases, users: users, organisations: organisations, activeChildren: children)
    }

    /// Retires the region at `now`, refused (`StructureError.regionInUse`, naming what) while anything depends on
    /// it. A retired region leaves intake, the QR sheets, the map and the pick-lists; old cases keep naming it.
    @discardableResult
    public func retire(_ id: Region.ID, at now: Date) async throws -> Region {
        try await database.transaction { sql in
            guard let row = try await Self.row(id: id, in: sql) else { throw StoreError.notFound("region \(id)") }
            guard !row.region.isRetired else { throw StructureError.alreadyRetired }
            let dependents = try await Self.dependents(of: row, in: sql)
            guard dependents.isEmpty else { throw StructureError.regionInUse(level: row.region.level, dependents) }
            try await sql.update("regions").set("retired_at", to: now.unixMilliseconds)
                .where("id", .equal, id.rawValue).run()
            var region = row.region
            region.retiredAt = now
            return region
        }
    }

    /// Puts a retired region back in use; its parent must be in use.
    @discardableResult
    public func restore(_ id: Region.ID) async throws -> Region {
        try await database.transaction { sql in
            guard let row = try await Self.row(id: id, in: sql) else { throw StoreError.notFound("region \(id)") }
            guard row.region.isRetired else { throw StructureError.notRetired }
            if let parentID = row.region.parentID, let parent = try await Self.row(id: parentID, in: sql),
                parent.region.isRetired
            {
                throw StructureError.parentRetired
            }
            try await sql.update("regions").set("retired_at", to: SQLLiteral.null)
                .where("id", .equal, id.rawValue).run()
            var region = row.region
            region.retiredAt = nil
            return region
        }
    }

    /// Moves the region and its subtree under `parentID` (a region in use, of the level above, not inside the
    /// subtree), rewriting the stored path of every region of the subtree in one transaction. Refused while open
    /// cases lie in the subtree (`StructureError.moveWithOpenCases`).
    @discardableResult
    public func move(_ id: Region.ID, under parentID: Region.ID) async throws -> Region {
        try await database.transaction { sql in
            guard let row = try await Self.row(id: id, in: sql) else { throw StoreError.notFound("region \(id)") }
            guard row.region.parentID != nil else { throw StructureError.moveRoot }
            guard let parent = try await Self.row(id: parentID, in: sql) else { throw RegionError.parentNotFound }
            if parent.region.id == row.region.parentID { return row.region }
            guard !parent.path.hasPrefix(row.path) else { throw StructureError.moveIntoItself }
            guard !parent.region.isRetired else { throw StructureError.parentRetired }
            guard row.region.level.mayHaveParent(parent.region.level) else {
                throw RegionError.levelMismatch(child: row.region.level, parent: parent.region.level)
            }
            let open = try await Self.dependents(of: row, in: sql).openCases
            guard open == 0 else { throw StructureError.moveWithOpenCases(open) }
            let newPath = parent.path + row.region.code + "/"
            // Each region of the subtree: the new prefix before what followed the old one. Paths stay unique
            // throughout (codes are unique, so no new path equals an old one).
            for found in try await sql.select().columns("id", "path").from("regions")
                .whereInSubtree(SQLIdentifier("path"), of: row.path).all()
            {
                let old = try found.decode(column: "path", as: String.self)
                try await sql.update("regions").set("path", to: newPath + old.dropFirst(row.path.count))
                    .where("id", .equal, try found.decode(column: "id", as: Int64.self)).run()
            }
            try await sql.update("regions").set("parent_id", to: parentID.rawValue)
                .where("id", .equal, id.rawValue).run()
            var region = row.region
            region.parentID = parentID
            return region
        }
    }
}
