import FengqiaoCore
import Foundation

/// Where the data lives, parsed from `FENGQIAO_DATABASE_URL`: `sqlite:PATH` or `postgres://…`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLitePath = "./data/fengqiao.sqlite"

    public init(parsing text: String) throws(DatabaseLocationError) {
        let text = text.trimmingWhitespace
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw .emptySQLitePath }
            guard path != ":memory:" else { throw .memoryNotSupported }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let url = URL(string: text), let host = url.host, !host.isEmpty, url.path.count > 1 else {
                throw .malformedPostgres
            }
            self = .postgres(url: text)
        } else {
            throw .unknownScheme(text)
        }
    }

    public var engine: DatabaseEngine {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Safe for logs: a PostgreSQL password is replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:\(path)"
        case .postgres(let url):
            guard let schemeEnd = url.range(of: "://"), let at = url.lastIndex(of: "@"),
                let colon = url[schemeEnd.upperBound..<at].firstIndex(of: ":")
            else { return url }
            return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
        }
    }
}

public enum DatabaseEngine: String, Sendable, CaseIterable {
    case sqlite
    case postgres
}

public enum DatabaseLocationError: UserFacingError, Equatable {
    case emptySQLitePath
    case memoryNotSupported
    case malformedPostgres
    case unknownScheme(String)

    public var code: String {
        switch self {
        case .emptySQLitePath: "database_url.empty_path"
        case .memoryNotSupported: "database_url.memory"
        case .malformedPostgres: "database_url.malformed_postgres"
        case .unknownScheme: "database_url.unknown_scheme"
        }
    }

    public var message: Localized {
        switch self {
        case .emptySQLitePath:
            Localized(zh: "sqlite: 后面需要数据库文件路径。", en: "sqlite: must be followed by a file path.")
        case .memoryNotSupported:
            Localized(
                zh: "不支持内存数据库：数据会在重启后丢失。请指定文件路径。",
                en: "In-memory SQLite is not supported: data would be lost on restart. Give a file path.")
        case .malformedPostgres:
            Localized(
                zh: "PostgreSQL 地址格式应为 postgres://用户:密码@主机:端口/数据库。",
                en: "A PostgreSQL URL looks like postgres://user:password@host:port/database.")
        case .unknownScheme:
            Localized(
                zh: "数据库地址必须以 sqlite: 或 postgres:// 开头。",
                en: "The database URL must start with sqlite: or postgres://.")
        }
    }
}
