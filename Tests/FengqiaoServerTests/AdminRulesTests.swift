import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// `/admin/time-limits` and `/admin/calendar`: county administrators change the rules of the clocks from the web.
@Suite("Time limits and the working calendar from the web")
struct AdminRulesTests {
    /// The standard policy's form with a 7-working-day finish, taking effect on `date`.
    static func policyForm(_ date: String) -> [(String, String)] {
        [("code", "standard"), ("name", "通用时限（七个工作日办结）"), ("warningPercent", "75"), ("effectiveFrom", date)]
            + [
                ("respondAmount", "30"), ("respondUnit", "m"), ("startAmount", "24"), ("startUnit", "h"),
                ("acceptAmount", "4"), ("acceptUnit", "wh"), ("finishAmount", "7"), ("finishUnit", "wd"),
                ("follow-upAmount", "10"), ("follow-upUnit", "wd"),
            ]
    }

    @Test(
        "a county administrator saves a policy version for the next working day, sees it scheduled, withdraws it; each change is logged"
    )
    func policyVersion() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("county.admin", client)
            let form = try await admin.get("\(Paths.adminPolicy)?code=standard")
            #expect(form.status == .ok)
            let next = AdminRulesController.nextWorkingDay(after: Date(), services.calendar)
            #expect(form.body.contains("value=\"\(next)\""))
            let saved = try await admin.post(Paths.adminPolicy, Self.policyForm(next.description))
            #expect(saved.status == .seeOther && saved.location == "\(Paths.adminTimeLimits)?done=policy-saved")
            let history = try await services.timeLimits.history()
            let version = try #require(history.versions.last)
            #expect(version.policy?.limits[.finish] == .workingDays(7))
            #expect(version.effectiveFrom == services.calendar.start(of: next))
            #expect(history.status(of: version, at: Date()) == .scheduled)
            #expect(version.createdBy != nil)
            // Today's book is unchanged; the page lists the version as scheduled with a withdraw button.
            #expect(
                try await services.timeLimits.book(at: Date()).policies.first { $0.code == "standard" } == .standard)
            let page = try await admin.get("\(Paths.adminTimeLimits)?done=policy-saved")
            #expect(page.body.contains("已保存时限规则的新版本") && page.body.contains("待生效"))
            #expect(page.body.contains("name=\"version\" value=\"\(version.id)\""))
            let withdrawn = try await admin.post(Paths.adminTimeLimits, [("version", "\(version.id)")])
            #expect(withdrawn.location == "\(Paths.adminTimeLimits)?done=withdrawn")
            #expect(try await services.timeLimits.history().versions.last?.withdrawnAt != nil)
            try await services.accessLog.flush()
            let actions = try await services.accessLog.recent().map(\.action)
            #expect(actions.contains("time-limit.policy.save") && actions.contains("time-limit.withdraw"))
            let log = try await admin.get(Paths.adminAccessLog)
            #expect(log.body.contains("保存时限规则新版本") && log.body.contains("撤回待生效的时限版本"))
        }
    }

    @Test("a refused form is shown again (422) with the message naming the field and what was typed")
    func refusals() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("county.admin", client)
            let past = try await admin.post(Paths.adminPolicy, Self.policyForm("2001-01-01"))
            #expect(past.status == .unprocessableContent)
            #expect(past.body.contains(TimeLimitError.effectiveInPast.message.zh))
            var missing = Self.policyForm(services.calendar.civilDate(containing: Date()).description)
            missing.removeAll { $0.0 == "finishAmount" }
            let refused = try await admin.post(Paths.adminPolicy, missing)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("缺少“办结反馈”时限"))
            #expect(refused.body.contains("value=\"通用时限（七个工作日办结）\""))
            let ladder = try await admin.post(
                Paths.adminLadder,
                [
                    ("code", "three-level"), ("name", "三级"), ("categoryPrefixes", "livelihood.neighbour"),
                    ("step0Level", "township"), ("step1Level", "village"), ("effectiveFrom", "2099-01-05"),
                ])
            #expect(ladder.status == .unprocessableContent)
            #expect(ladder.body.contains(TimeLimitError.invalidLadder.message.zh))
            #expect(try await services.timeLimits.history().versions.count == 4)
        }
    }

    @Test("a township administrator reads the pages without the forms, and their POSTs are refused")
    func townshipReadsOnly() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let page = try await admin.get(Paths.adminTimeLimits)
            #expect(page.status == .ok && !page.body.contains(Paths.adminPolicy))
            let calendar = try await admin.get(Paths.adminCalendar)
            #expect(calendar.status == .ok && !calendar.body.contains("id=\"calendar-upload\""))
            #expect(try await admin.get(Paths.adminPolicy).status == .forbidden)
            let refused = try await admin.post(Paths.adminPolicy, Self.policyForm("2099-01-05"))
            #expect(refused.status == .forbidden)
            #expect(try await services.timeLimits.history().versions.count == 4)
        }
    }

    /// MADE-UP FIXTURE: a fictitious 2099 in iCalendar, not an official schedule. 2099-01-03 is a Saturday.
    static let fictitious2099 = """
        BEGIN:VCALENDAR
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:20990101
        DTEND;VALUE=DATE:20990103
        SUMMARY:元旦（休）
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:20990103
        SUMMARY:元旦补班
        END:VEVENT
        END:VCALENDAR

        """

    @Test(
        "an iCalendar upload is previewed, then saved: the year view marks it and the clocks use it at once, without a restart"
    )
    func calendarUpload() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("county.admin", client)
            let page = try await admin.get(Paths.adminCalendar)
            let token = try #require(page.body.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            let upload = ReportPagesTests.multipart(
                [("_csrf", String(token)), ("action", "preview")],
                file: ("file", "2099.ics", Array(Self.fictitious2099.utf8)))
            let preview = try await client.execute(
                uri: Paths.adminCalendar, method: .post,
                headers: [
                    .cookie: "\(SessionAuthenticator.cookieName)=\(admin.session ?? "")", .contentType: upload.type,
                ], body: upload.body
            ) { (status: $0.status, body: String(buffer: $0.body)) }
            #expect(preview.status == .ok)
            #expect(preview.body.contains("2099年：放假2天，调休上班1天"))
            #expect(preview.body.contains("id=\"calendar-preview\""))
            // Nothing is saved by the preview.
            #expect(try await services.calendarYears.years().isEmpty)
            let before = services.cases.calendar
            let start = try #require(WorkingCalendar.CivilDate(year: 2098, month: 12, day: 30))
            let saved = try await admin.post(
                Paths.adminCalendar,
                [("action", "save"), ("fileName", "2099.ics"), ("content", Self.fictitious2099)])
            #expect(saved.status == .seeOther)
            #expect(saved.location == "\(Paths.adminCalendar)?done=calendar-saved&year=2099")
            // The clocks (the case store and the scheduler read `cases.calendar`) see the year at once.
            let after = services.cases.calendar
            #expect(before.isWorkingDay(WorkingCalendar.CivilDate(year: 2099, month: 1, day: 1)!))
            #expect(!after.isWorkingDay(WorkingCalendar.CivilDate(year: 2099, month: 1, day: 1)!))
            #expect(after.isWorkingDay(WorkingCalendar.CivilDate(year: 2099, month: 1, day: 3)!))
            // 3 working days from 2098-12-30: the 30th, the 31st, then (1st and 2nd off) the make-up Saturday the 3rd.
            let due = after.deadline(for: .workingDays(3), from: after.start(of: start))
            #expect(due == after.start(of: WorkingCalendar.CivilDate(year: 2099, month: 1, day: 4)!))
            #expect(after.years?.upperBound == 2099)
            let year = try await admin.get("\(Paths.adminCalendar)?year=2099")
            #expect(year.body.components(separatedBy: "class=\"holiday\"").count - 1 == 2)
            #expect(year.body.components(separatedBy: "class=\"workday\"").count - 1 == 1)
            #expect(year.body.contains("2099.ics"))
            // Coverage checks (admin home, /readyz, doctor) see the uploaded year.
            let late = after.start(of: WorkingCalendar.CivilDate(year: 2099, month: 6, day: 1)!)
            #expect(Doctor.calendar(before, latestDeadline: late, now: Date()).status == .problem)
            #expect(Doctor.calendar(services.calendar, latestDeadline: late, now: Date()).status != .problem)
            try await services.accessLog.flush()
            #expect(try await services.accessLog.recent().contains { $0.action == "calendar.upload" })
            // Removing the year puts the configured calendar back.
            let removed = try await admin.post(Paths.adminCalendar, [("action", "remove"), ("year", "2099")])
            #expect(removed.location == "\(Paths.adminCalendar)?done=year-removed")
            #expect(services.cases.calendar == before)
        }
    }

    @Test("a file that cannot be read is refused (422) with the line named in Chinese, and nothing is saved")
    func calendarRefusal() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("county.admin", client)
            let page = try await admin.get(Paths.adminCalendar)
            let token = try #require(page.body.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            let upload = ReportPagesTests.multipart(
                [("_csrf", String(token)), ("action", "preview")],
                file: ("file", "bad.csv", Array("2099-01-01,holiday,元旦\n2099-02-30,holiday,春节\n".utf8)))
            let refused = try await client.execute(
                uri: Paths.adminCalendar, method: .post,
                headers: [
                    .cookie: "\(SessionAuthenticator.cookieName)=\(admin.session ?? "")", .contentType: upload.type,
                ], body: upload.body
            ) { (status: $0.status, body: String(buffer: $0.body)) }
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("日历文件第2行"))
            #expect(try await services.calendarYears.years().isEmpty)
        }
    }
}
