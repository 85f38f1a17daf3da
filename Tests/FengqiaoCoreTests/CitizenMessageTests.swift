import Foundation
import Testing

@testable import FengqiaoCore

@Suite("What the citizen is told and shown")
struct CitizenMessageTests {
    typealias F = Fixture

    static func photo(_ n: Int) -> Attachment {
        Attachment(
            fileName: "修好\(n).png", contentType: "image/png", size: 100,
            sha256: String(repeating: "\(n % 10)", count: 64))
    }

    @Test("one short Chinese text at registration, dispatch, a request for information and resolution; none otherwise")
    func texts() throws {
        var file = try CaseFile()
        let registered = try #require(file.events.first)
        let first = try #require(CitizenMessage.text(for: registered, after: file.current))
        #expect(
            first.contains("已受理") && first.contains(file.current.number) && first.contains(file.current.trackingCode))
        #expect(
            CitizenMessage.parameters(for: registered, after: file.current)["trackingCode"] == file.current.trackingCode
        )
        try file.run(
            .assess(categoryCode: nil, urgency: .troublesome, difficulty: .ordinary, competentLevel: .township),
            by: F.townDesk)
        #expect(CitizenMessage.text(for: try #require(file.events.last), after: file.current) == nil)
        try file.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
        let dispatched = try #require(file.events.last { CitizenMessage.sends($0.change) })
        #expect(CitizenMessage.text(for: dispatched, after: file.current)?.contains("已派给承办单位") == true)
        try file.run(.accept, by: F.justice)
        let long = String(repeating: "请提供材料", count: 20)
        try file.run(.requestInformation(note: long), by: F.justice)
        let asked = try #require(file.events.last { CitizenMessage.sends($0.change) })
        let text = try #require(CitizenMessage.text(for: asked, after: file.current))
        #expect(text.contains("补充材料") && text.count < 120, "the request is shortened: \(text)")
        #expect(!CitizenMessage.sends(.accepted(organisationID: F.justiceOffice)))
        #expect(CitizenMessage.sends(.resolved(outcome: .solved)))
    }

    @Test("files go with a progress note or the resolution into the case's attachments, at most 3 a step")
    func stepFiles() throws {
        var file = try CaseFile()
        try file.run(
            .assess(categoryCode: nil, urgency: .troublesome, difficulty: .ordinary, competentLevel: .township),
            by: F.townDesk)
        try file.run(.dispatch(lead: F.justiceOffice, assisting: [], whistle: nil), by: F.townDesk)
        try file.run(.accept, by: F.justice)
        file.refuse(
            .addProgress(note: "现场照片", tellCitizen: true, attachments: (1...4).map(Self.photo)), by: F.justice,
            .invalidIntake(.tooManyAttachments))
        try file.run(.addProgress(note: "现场照片", tellCitizen: true, attachments: [Self.photo(1)]), by: F.justice)
        #expect(file.events.last?.change == .progressed(tellCitizen: true, attachments: [Self.photo(1)]))
        try file.run(.addProgress(note: "内部记录"), by: F.justice)
        #expect(file.events.last?.change == .progressed(tellCitizen: nil, attachments: nil), "as before the choice")
        try file.run(
            .resolve(outcome: .solved, summary: "已修好", attachments: [Self.photo(1), Self.photo(2)]), by: F.justice)
        // After the intake's own file, each content once.
        #expect(file.current.attachments.suffix(2).map(\.sha256) == [Self.photo(1).sha256, Self.photo(2).sha256])
        #expect(Set(file.current.attachments.map(\.sha256)).count == file.current.attachments.count)
    }
}
