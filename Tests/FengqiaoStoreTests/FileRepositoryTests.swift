import FengqiaoCore
import FengqiaoTestSupport
import Foundation
import Testing

@testable import FengqiaoStore

@Suite("Files")
struct FileRepositoryTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(
        "a file is stored once per content, typed by its bytes, and comes back byte for byte",
        arguments: TestEngine.available)
    func storeAndRead(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let files = FileRepository(database: database)
            let stored = try await files.store(Self.png, at: now)
            #expect(stored.contentType == "image/png" && stored.size == 108 && stored.sha256.count == 64)
            #expect(try await files.store(Self.png, at: now) == stored)
            #expect(try await files.data(sha256: stored.sha256) == Data(Self.png))
            await #expect(throws: FileError.unsupportedType) { try await files.store(Array("hello".utf8), at: now) }
            await #expect(throws: FileError.tooLarge) {
                try await files.store(Array(repeating: 0xFF, count: Attachment.maximumSize + 1), at: now)
            }
        }
    }

    @Test("a case's attachments must have been uploaded as they are described", arguments: TestEngine.available)
    func caseAttachments(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let world = try await CaseWorld.make(in: database)
            let stored = try await FileRepository(database: database).store(Self.png, at: now)
            let cases = CaseRepository(database: database)
            var intake = world.intake()
            intake.attachments = [
                FengqiaoCore.Attachment(fileName: "现场.png", contentType: "image/png", size: 108, sha256: stored.sha256)
            ]
            let created = try await cases.create(
                intake, idempotencyKey: "with-photo", receivingCenter: world.center.id, by: world.desk, at: now,
                trackingCode: "FILES23456")
            #expect(try await FileRepository(database: database).cases(holding: stored.sha256) == [created.case.id])
            intake.attachments = [
                FengqiaoCore.Attachment(
                    fileName: "伪造.png", contentType: "image/png", size: 108, sha256: String(repeating: "a", count: 64))
            ]
            await #expect(throws: FileError.notUploaded("伪造.png")) {
                try await cases.create(
                    intake, idempotencyKey: "forged", receivingCenter: world.center.id, by: world.desk, at: now,
                    trackingCode: "FILES23457")
            }
        }
    }
}
