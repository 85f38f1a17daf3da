import FengqiaoCore
import Foundation
import Testing

@testable import FengqiaoServer

@Suite("fengqiao doctor")
struct DoctorTests {
    static func date(_ text: String) -> Date { ChinaTime.parse(text)!.lowerBound }

    @Test("the calendar check: covered, due for next year's schedule, outrun by the deadlines, missing")
    func calendar() {
        let mainland = WorkingCalendar.mainland
        #expect(Doctor.calendar(mainland, latestDeadline: nil, now: Self.date("2026-06-01")).status == .ok)
        let late = Doctor.calendar(mainland, latestDeadline: nil, now: Self.date("2026-12-05"))
        #expect(late.status == .warning && late.detail.zh.contains("还剩 26 天"))
        let outrun = Doctor.calendar(mainland, latestDeadline: Self.date("2027-01-08"), now: Self.date("2026-12-05"))
        #expect(outrun.status == .problem && outrun.detail.zh.contains("2027 年"))
        #expect(Doctor.calendar(mainland, latestDeadline: nil, now: Self.date("2027-01-02")).status == .problem)
        #expect(
            Doctor.calendar(WorkingCalendar(entries: []), latestDeadline: nil, now: Self.date("2026-06-01")).status
                == .problem)
    }

    @Test(
        "the backup check: no folder, an empty folder, a fresh backup, a stale one; leftovers of a killed backup do not count"
    )
    func backups() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date()
        #expect(Doctor.backups(in: nil, maximumAge: 3600, now: now).status == .warning)
        #expect(Doctor.backups(in: folder.path, maximumAge: 3600, now: now).status == .problem)
        let partial = folder.appendingPathComponent("x.sqlite.partial-0a1b2c3d")
        try Data("x".utf8).write(to: partial)
        #expect(Doctor.backups(in: folder.path, maximumAge: 3600, now: now).status == .problem)
        try Data("x".utf8).write(to: folder.appendingPathComponent("fengqiao-20261206.sqlite"))
        #expect(Doctor.backups(in: folder.path, maximumAge: 3600, now: now).status == .ok)
        #expect(Doctor.backups(in: folder.path, maximumAge: 3600, now: now + 7200).status == .problem)
    }

    @Test("every line is in Chinese and English, a problem marked as one")
    func lines() {
        let check = Doctor.disk(at: FileManager.default.temporaryDirectory.path)
        #expect(check.line.hasPrefix("[") && check.line.contains("磁盘空间") && check.line.contains("Free disk space"))
        #expect(Doctor.disk(at: "/no/such/folder").status == .warning)
    }
}

@Suite("Calendar coverage on the admin home and /readyz")
struct CalendarCoverageTests {
    @Test("/readyz stays ready and names the calendar in its warnings near the calendar's end; quiet mid-year")
    func readyz() async throws {
        for (day, warned) in [("2026-06-01", false), ("2026-12-20", true), ("2027-01-05", true)] {
            try await TestApp.run(clock: .fixed(DoctorTests.date(day))) { client, _ in
                try await client.execute(uri: Paths.readyz, method: .get) { response in
                    #expect(response.status == .ok)
                    let body = String(buffer: response.body)
                    #expect(body.contains("\"warnings\"") == warned, "\(day): \(body)")
                }
            }
        }
    }

    @Test("the administrator's home says when the calendar runs out, with a link to it")
    func adminHome() async throws {
        try await TestApp.run(seeded: true, clock: .fixed(DoctorTests.date("2026-12-20"))) { client, _ in
            let admin = try await WebClient.signIn("county.admin", client)
            let home = try await admin.get(Paths.admin)
            #expect(home.body.contains("id=\"calendar-warning\"") && home.body.contains("工作日历："))
        }
    }
}
