import FengqiaoCore
import Foundation
import Hummingbird
import MultipartKit

/// A submitted `multipart/form-data` form (a report with a photo): its text fields as a `WebForm`, and its files.
struct MultipartForm: Sendable {
    struct File: Sendable {
        let field: String
        let fileName: String
        let bytes: [UInt8]
    }

    let form: WebForm
    let files: [File]

    /// How many files one form may carry (a report's photos).
    static let maximumFiles = 3
    /// The form limit: `maximumFiles` photos of at most `Attachment.maximumSize` each, plus the text fields.
    static let limit = maximumFiles * Attachment.maximumSize + 256 * 1024

    static func read(_ request: Request) async throws -> MultipartForm {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let boundary = boundary(in: type) else {
            // A plain form (no file chosen, or an old browser): the text fields alone.
            return MultipartForm(form: try await WebForm.read(request), files: [])
        }
        let body = try await request.body.collect(upTo: limit)
        return try parse(body, boundary: boundary)
    }

    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> MultipartForm {
        let parser = MultipartParser(boundary: boundary)
        var fields: [(name: String, value: String)] = []
        var files: [File] = []
        var disposition = ""
        var bytes: [UInt8] = []
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { buffer in bytes += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            let name = parameter("name", in: disposition) ?? ""
            if let fileName = parameter("filename", in: disposition) {
                if !bytes.isEmpty { files.append(File(field: name, fileName: fileName, bytes: bytes)) }
            } else {
                fields.append((name, String(decoding: bytes, as: UTF8.self)))
            }
            disposition = ""
            bytes = []
        }
        try parser.execute(body)
        return MultipartForm(form: WebForm(fields: fields), files: files)
    }

    /// `name="photo"` out of `form-data; name="photo"; filename="a.jpg"`.
    static func parameter(_ key: String, in disposition: String) -> String? {
        for part in disposition.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == key {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
