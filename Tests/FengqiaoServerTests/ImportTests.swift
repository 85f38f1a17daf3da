import FengqiaoCore
import FengqiaoStore
import Foundation
import Testing

@testable import FengqiaoServer

/// Counts progress reports from a `@Sendable` callback.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [CaseImporter.Progress] = []

    func add(_ progress: CaseImporter.Progress) { lock.withLock { reports.append(progress) } }
    var all: [CaseImporter.Progress] { lock.withLock { reports } }
}

@Suite("Case import")
struct CaseImportTests {
    static let everything = CaseRepository.Visibility(jurisdictionPaths: ["/"], organisationIDs: [])

    /// `count` hotline work orders over the demo county's grids; the records at `bad` (0-based) are broken:
    /// the first has no content, the second an unknown region, the third a bad phone.
    static func hotlineCSV(count: Int, bad: [Int]) -> String {
        let grids = ["339921101201-01", "339921102201-01", "339921102201-02", "339921001", "339921101"]
        var text = "\u{FEFF}工单编号,来电时间,来电人,联系电话,诉求类型,诉求内容,事发地址,所属区划代码\r\n"
        for index in 0..<count {
            var content = "\"第\(index)号工单：小区路灯损坏，夜间出行不便\""
            var region = grids[index % grids.count]
            var phone = "139\(String(format: "%08d", index))"
            switch bad.firstIndex(of: index) {
            case 0: content = ""
            case 1: region = "000000"
            case 2: phone = "13-9"
            default: break
            }
            text +=
                "GD\(String(format: "%08d", index)),2025-03-01 09:15,市民\(index),\(phone),市容,\(content),,\(region)\r\n"
        }
        return text
    }

    @Test("a 2,000-record hotline file with 3 bad records: exactly those lines refused, the rest registered once")
    func bulkHotline() async throws {
        try await TestApp.run(seeded: true) { _, services in
            let count = 2_000
            let bad = [123, 1_000, 1_998]
            let data = Data(Self.hotlineCSV(count: count, bad: bad).utf8)
            let importer = CaseImporter(services: services)
            let log = ProgressLog()
            let started = ContinuousClock.now
            let report = try await importer.importData(
                data, format: .hotline12345, type: .csv, progressEvery: 500, progress: log.add)
            print("imported \(count) records in \(ContinuousClock.now - started)")
            #expect(report.records == count)
            #expect(report.refusals.map(\.line) == bad.map { $0 + 2 })
            #expect(
                report.refusals.map(\.problem) == [
                    .missing(column: "诉求内容"), .unknownRegion(code: "000000"), .badPhone(column: "联系电话"),
                ])
            #expect(report.refusals.map(\.sourceReference) == bad.map { "GD\(String(format: "%08d", $0))" })
            #expect(report.imported == count - 3 && report.alreadyPresent == 0)
            #expect(log.all.map(\.done) == [500, 1_000, 1_500, 2_000])
            #expect(log.all.last?.refused == 3)
            #expect(try await services.cases.count() == count - 3)

            var references: Set<String> = []
            var after: Case.ID?
            var first: Case?
            repeat {
                let page = try await services.cases.list(
                    CaseRepository.Filter(), visibleTo: Self.everything, limit: 200, after: after)
                for found in page {
                    #expect(found.channel == .hotline12345)
                    references.insert(found.sourceReference ?? "")
                }
                first = first ?? page.first
                after = page.count == 200 ? page.last?.id : nil
            } while after != nil
            let expected = Set((0..<count).filter { !bad.contains($0) }.map { "GD\(String(format: "%08d", $0))" })
            #expect(references == expected)

            // The lifecycle ran as for any channel: registered by the import's system actor, time limits applied.
            let sample = try #require(first)
            #expect(sample.state == .registered && sample.timing.limits != nil)
            let events = try await services.cases.events(of: sample.id)
            #expect(events.first?.actor.displayName == ImportFormat.hotline12345.actor.displayName)
            #expect(events.first?.actor.kind == .system)
            #expect(sample.categoryCode == "environment.sanitation")

            let again = try await importer.importData(data, format: .hotline12345, type: .csv)
            #expect(again.imported == 0 && again.alreadyPresent == count - 3 && again.refusals.count == 3)
            #expect(try await services.cases.count() == count - 3)
        }
    }

    @Test("every example file of docs/examples imports into the demo county without a refusal, CSV and JSON alike")
    func examples() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples")
        try await TestApp.run(seeded: true) { _, services in
            let importer = CaseImporter(services: services)
            var total = 0
            for format in ImportFormat.allCases {
                let csv = try await importer.importFile(
                    at: folder.appendingPathComponent("\(format.rawValue).csv").path, format: format)
                #expect(csv.refusals.isEmpty, "\(format): \(csv.refusals.map(\.message.en))")
                #expect(csv.imported == csv.records && csv.type == .csv)
                total += csv.imported
                // The JSON file holds the same records: all already there.
                let json = try await importer.importFile(
                    at: folder.appendingPathComponent("\(format.rawValue).json").path, format: format)
                #expect(json.type == .json && json.imported == 0 && json.alreadyPresent == csv.records)
            }
            #expect(try await services.cases.count() == total)
            let court = try await services.cases.list(
                {
                    var filter = CaseRepository.Filter(); filter.channel = .courtReferral; return filter
                }(),
                visibleTo: Self.everything, limit: 10, after: nil)
            #expect(court.count == 3 && court.allSatisfy { $0.parties.count == 2 })
        }
    }

    @Test("an unreadable file, a missing column or an unknown extension is a file error: nothing imported")
    func fileErrors() async throws {
        try await TestApp.run(seeded: true) { _, services in
            let importer = CaseImporter(services: services)
            await #expect(throws: ImportFileError.unreadable(path: "/nonexistent/x.csv")) {
                try await importer.importFile(at: "/nonexistent/x.csv", format: .court)
            }
            await #expect(throws: ImportFileError.missingColumns(["委派日期", "原告", "被告", "诉讼请求", "区划代码"])) {
                try await importer.importData(Data("案号\nA1\n".utf8), format: .court, type: .csv)
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID()).txt").path
            try Data("a,b\n".utf8).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            await #expect(throws: ImportFileError.unknownType(path)) {
                try await importer.importFile(at: path, format: .court)
            }
            #expect(try await services.cases.count() == 0)
        }
    }
}
