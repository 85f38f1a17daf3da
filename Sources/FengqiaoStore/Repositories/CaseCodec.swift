import Crypto
import FengqiaoCore
import Foundation
import SQLKit

/// How cases and events are written as text, and how the chain hash is computed. The encoding is deterministic
/// (sorted keys, dates as milliseconds) so that the same event always hashes the same.
enum CaseCodec {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// SHA-256 over the previous hash, the case id, the sequence and the stored payload text.
    static func chainHash(previous: String, caseID: Case.ID, sequence: Int, payload: String) -> String {
        let digest = SHA256.hash(data: Data("\(previous)\n\(caseID.rawValue)\n\(sequence)\n\(payload)".utf8))
        return hex(digest)
    }

    /// Lower-case hexadecimal, without `String(format:)` (which cost a quarter of a bulk load's time).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
