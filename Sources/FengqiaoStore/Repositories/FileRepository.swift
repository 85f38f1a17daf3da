import Crypto
import FengqiaoCore
import Foundation
import SQLKit

/// Uploaded photos and documents, stored once per content. The type is sniffed from the bytes and the size checked
/// before anything is written.
public struct FileRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct StoredFile: Sendable, Equatable {
        public let sha256: String
        public let contentType: String
        public let size: Int
    }

    /// Stores `bytes` (or finds the same content already stored) and returns what an `Attachment` needs.
    /// `uploader`: the member of staff who uploaded it through the API; the upload is theirs
    /// (`upload(sha256:by:)`) until a case holds it. Public forms attach what they store in the same request.
    public func store(_ bytes: [UInt8], at now: Date, uploader: User.ID? = nil) async throws -> StoredFile {
        guard !bytes.isEmpty, bytes.count <= Attachment.maximumSize else { throw FileError.tooLarge }
        guard let contentType = ContentSniffer.contentType(of: bytes) else { throw FileError.unsupportedType }
        let file = StoredFile(
            sha256: Hex.lowercase(SHA256.hash(data: bytes)), contentType: contentType,
            size: bytes.count)
        try await database.transaction { sql in
            try await sql.insert(into: "files").columns("sha256", "content_type", "size", "data", "created_at")
                .values(
                    SQLBind(file.sha256), SQLBind(file.contentType), SQLBind(file.size), SQLBind(Data(bytes)),
                    SQLBind(now.unixMilliseconds)
                ).ignoringConflicts(with: ["sha256"]).run()
            if let uploader {
                try await sql.insert(into: "file_uploads").columns("sha256", "user_id", "created_at")
                    .values(SQLBind(file.sha256), SQLBind(uploader.rawValue), SQLBind(now.unixMilliseconds))
                    .ignoringConflicts(with: ["sha256", "user_id"]).run()
            }
        }
        return file
    }

    /// The file if `user` uploaded it themselves, else nil: a file known only by its hash (uploaded by someone
    /// else, or never) is the same unknown file, so that a hash can neither be borrowed nor tested for.
    public func upload(sha256: String, by user: User.ID) async throws -> StoredFile? {
        try await database.withConnection { sql in
            guard
                try await sql.select().column("sha256").from("file_uploads").where("sha256", .equal, sha256)
                    .where("user_id", .equal, user.rawValue).first() != nil
            else { return nil }
            return try await Self.metadata(sha256, in: sql)
        }
    }

    public func find(sha256: String) async throws -> StoredFile? {
        try await database.withConnection { sql in
            try await Self.metadata(sha256, in: sql)
        }
    }

    /// The bytes of a stored file.
    public func data(sha256: String) async throws -> Data? {
        try await database.withConnection { sql in
            try await sql.select().column("data").from("files").where("sha256", .equal, sha256)
                .first(decodingColumn: "data", as: Data.self)
        }
    }

    /// The cases that hold this file: a reader may download it only if they may see one of them.
    public func cases(holding sha256: String) async throws -> [Case.ID] {
        try await database.withConnection { sql in
            try await sql.select().column("case_id").from("case_files").where("sha256", .equal, sha256).all()
                .map { Case.ID(try $0.decode(column: "case_id", as: Int64.self)) }
        }
    }

    static func metadata(_ sha256: String, in sql: any SQLDatabase) async throws -> StoredFile? {
        guard
            let row = try await sql.select().columns("sha256", "content_type", "size").from("files")
                .where("sha256", .equal, sha256).first()
        else { return nil }
        return StoredFile(
            sha256: try row.decode(column: "sha256", as: String.self),
            contentType: try row.decode(column: "content_type", as: String.self),
            size: try row.decode(column: "size", as: Int.self))
    }

    /// Links a new case's attachments to their stored files; an attachment whose content was never uploaded, or
    /// whose type or size differs from the upload, is refused.
    static func link(_ attachments: [Attachment], to caseID: Case.ID, in sql: any SQLDatabase) async throws {
        for attachment in attachments {
            guard let stored = try await metadata(attachment.sha256, in: sql),
                stored.contentType == attachment.contentType, stored.size == attachment.size
            else { throw FileError.notUploaded(attachment.fileName) }
            try await sql.insert(into: "case_files").columns("case_id", "sha256")
                .values(SQLBind(caseID.rawValue), SQLBind(attachment.sha256))
                .ignoringConflicts(with: ["case_id", "sha256"]).run()
        }
    }
}

public enum FileError: UserFacingError, Equatable {
    case tooLarge
    case unsupportedType
    case notUploaded(String)

    public var code: String {
        switch self {
        case .tooLarge: "file.too_large"
        case .unsupportedType: "file.unsupported_type"
        case .notUploaded: "file.not_uploaded"
        }
    }

    public var message: Localized {
        switch self {
        case .tooLarge:
            Localized(zh: "文件为空或超过10 MB。", en: "The file is empty or larger than 10 MB.")
        case .unsupportedType:
            Localized(
                zh: "只接受照片（JPEG、PNG、WebP）和 PDF 文件。", en: "Only photos (JPEG, PNG, WebP) and PDF files are accepted.")
        case .notUploaded(let name):
            Localized(zh: "附件“\(name)”尚未上传或与上传内容不符。", en: "Attachment \"\(name)\" was not uploaded or does not match.")
        }
    }
}
