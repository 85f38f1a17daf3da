import FengqiaoCore
import Foundation
import SQLKit

/// An administrator's changes to organisations: edit (name, phone, specialties, kind, region), retire and restore.
/// An organisation is never deleted: old cases, events and grants keep naming it.
extension OrganisationRepository {
    /// Replaces the organisation's name, kind, region, specialties and phone with `edit`'s. The kind and the region
    /// (which decide its level, what it is dispatched, which center it answers to) are refused while open cases are
    /// with it; the region must be in use.
    @discardableResult
    public func update(_ id: Organisation.ID, to edit: NewOrganisation) async throws -> Organisation {
        try await database.transaction { sql in
            guard let current = try await Self.find(id: id, in: sql) else { throw OrganisationError.notFound }
            try edit.validate()
            guard let region = try await RegionRepository.row(id: edit.regionID, in: sql) else {
                throw OrganisationError.regionNotFound
            }
            if edit.kind != current.kind || edit.regionID != current.regionID {
                if region.region.isRetired { throw StructureError.regionRetired }
                let open = try await Self.dependents(of: id, in: sql).openCases
                guard open == 0 else { throw StructureError.organisationChangeWithOpenCases(open) }
            }
            try await sql.update("organisations")
                .set("name", to: edit.name.trimmingWhitespace).set("kind", to: edit.kind.rawValue)
                .set("region_id", to: edit.regionID.rawValue)
                .set("specialties", to: DisputeType.stored(edit.specialties)).set("phone", to: SQLBind(edit.phone))
                .where("id", .equal, id.rawValue).run()
            return try await Self.find(id: id, in: sql) ?? current
        }
    }

    /// What still depends on the organisation: open cases it holds, takes part in or dispatched, active users with a
    /// role in it, its mediators.
    public func dependents(of id: Organisation.ID) async throws -> OrganisationDependents {
        try await database.withConnection { sql in try await Self.dependents(of: id, in: sql) }
    }

    static func dependents(of id: Organisation.ID, in sql: any SQLDatabase) async throws -> OrganisationDependents {
        let count = SQLFunction("COUNT", args: SQLLiteral.all)
        // Open cases it holds or takes part in (`case_organisations`), or was ever involved in as their facts say
        // (`case_metric_organisations`: also the center that only dispatched), each case once.
        let open = SQLBind.group(CaseState.allCases.filter(\.isOpen).map(\.rawValue))
        var caseIDs = Set<Int64>()
        for table in ["case_organisations", "case_metric_organisations"] {
            for row in try await sql.select().column(SQLColumn("case_id", table: "co"))
                .from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("co")))
                .join(
                    SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                    on: SQLColumn("case_id", table: "co"), .equal, SQLColumn("id", table: "c")
                )
                .where(SQLColumn("organisation_id", table: "co"), .equal, SQLBind(id.rawValue))
                .where(SQLColumn("state", table: "c"), .in, open)
                .all()
            {
                caseIDs.insert(try row.decode(column: "case_id", as: Int64.self))
            }
        }
        let openCases = caseIDs.count
        let users = Set(
            try await sql.select().column(SQLColumn("user_id", table: "g"))
                .from(SQLAlias(SQLIdentifier("user_roles"), as: SQLIdentifier("g")))
                .join(
                    SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                    on: SQLColumn("user_id", table: "g"), .equal, SQLColumn("id", table: "u")
                )
                .where(SQLColumn("organisation_id", table: "g"), .equal, SQLBind(id.rawValue))
                .where(SQLColumn("disabled", table: "u"), .equal, SQLBind(false))
                .all().map { try $0.decode(column: "user_id", as: Int64.self) }
        ).count
        let mediators =
            try await sql.select().column(count, as: "n").from("mediators")
            .where("organisation_id", .equal, id.rawValue)
            .first(decodingColumn: "n", as: Int.self) ?? 0
        return OrganisationDependents(openCases: openCases, users: users, mediators: mediators)
    }

    /// Retires the organisation at `now`, refused (`StructureError.organisationInUse`, naming what) while anything
    /// depends on it. It leaves dispatch choices, the centers a case climbs to, the directory and the pick-lists.
    @discardableResult
    public func retire(_ id: Organisation.ID, at now: Date) async throws -> Organisation {
        try await database.transaction { sql in
            guard var organisation = try await Self.find(id: id, in: sql) else { throw OrganisationError.notFound }
            guard !organisation.isRetired else { throw StructureError.alreadyRetired }
            let dependents = try await Self.dependents(of: id, in: sql)
            guard dependents.isEmpty else { throw StructureError.organisationInUse(dependents) }
            try await sql.update("organisations").set("retired_at", to: now.unixMilliseconds)
                .where("id", .equal, id.rawValue).run()
            organisation.retiredAt = now
            return organisation
        }
    }

    /// Puts a retired organisation back in use; its region must be in use.
    @discardableResult
    public func restore(_ id: Organisation.ID) async throws -> Organisation {
        try await database.transaction { sql in
            guard var organisation = try await Self.find(id: id, in: sql) else { throw OrganisationError.notFound }
            guard organisation.isRetired else { throw StructureError.notRetired }
            if try await RegionRepository.row(id: organisation.regionID, in: sql)?.region.isRetired ?? true {
                throw StructureError.regionRetired
            }
            try await sql.update("organisations").set("retired_at", to: SQLLiteral.null)
                .where("id", .equal, id.rawValue).run()
            organisation.retiredAt = nil
            return organisation
        }
    }

    static func find(id: Organisation.ID, in sql: any SQLDatabase) async throws -> Organisation? {
        try await sql.select().columns(columns).from("organisations").where("id", .equal, id.rawValue).first()
            .map(decode)
    }
}
