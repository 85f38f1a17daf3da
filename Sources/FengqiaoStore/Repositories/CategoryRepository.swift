import FengqiaoCore
import SQLKit

/// The category catalogue. Administrators add and edit entries; cases may only use active ones.
public struct CategoryRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    static let columns = ["code", "domain", "name_zh", "name_en", "dispute_type", "active"]

    /// The catalogue in its display order; retired entries only when asked.
    public func list(includeRetired: Bool = false) async throws -> [Category] {
        try await database.withConnection { sql in
            var query = sql.select().columns(Self.columns).from("categories")
            if !includeRetired { query = query.where("active", .equal, true) }
            return try await query.orderBy("position").orderBy("code").all().compactMap(Self.decode)
        }
    }

    /// Adds a category, or updates the one with the same code (name, dispute type, active).
    public func save(_ category: Category) async throws {
        try category.validate()
        try await database.transaction { sql in
            let position =
                try await sql.select().column(SQLFunction("MAX", args: SQLIdentifier("position")), as: "p")
                .from("categories").first(decodingColumn: "p", as: Int64?.self).flatMap { $0 } ?? 0
            try await sql.insert(into: "categories").columns(
                "code", "domain", "name_zh", "name_en", "dispute_type", "active", "position"
            ).values(
                SQLBind(category.code), SQLBind(category.domain.rawValue), SQLBind(category.name.zh),
                SQLBind(category.name.en), SQLBind(category.disputeType?.rawValue), SQLBind(category.active),
                SQLBind(position + 1)
            ).onConflict(with: ["code"]) { update in
                update.set(excludedValueOf: "name_zh").set(excludedValueOf: "name_en")
                    .set(excludedValueOf: "dispute_type").set(excludedValueOf: "active")
            }.run()
        }
    }

    /// Throws unless `code` names an active category; called inside the case transactions.
    static func requireActive(_ code: String?, in sql: any SQLDatabase) async throws {
        guard let code else { return }
        guard
            try await sql.select().column("code").from("categories").where("code", .equal, code)
                .where("active", .equal, true).first() != nil
        else { throw CategoryError.unknown(code) }
    }

    static func decode(_ row: any SQLRow) throws -> Category? {
        guard let domain = GovernanceDomain(rawValue: try row.decode(column: "domain", as: String.self)) else {
            return nil
        }
        return Category(
            code: try row.decode(column: "code", as: String.self), domain: domain,
            name: Localized(
                zh: try row.decode(column: "name_zh", as: String.self),
                en: try row.decode(column: "name_en", as: String.self)),
            disputeType: try row.decode(column: "dispute_type", as: String?.self).flatMap(DisputeType.init(rawValue:)),
            active: try row.decode(column: "active", as: Bool.self))
    }
}
