import FengqiaoCore
import Foundation
import Testing

/// Swift Testing has an `Attachment` type too; in this target the name means the case attachment.
typealias Attachment = FengqiaoCore.Attachment

/// A small county for case tests: a county center over two townships, departments and a grid, and one actor per
/// role. The clock is fixed; `CaseFile` moves it on a minute per command.
enum Fixture {
    static let clock = Date(timeIntervalSince1970: 1_795_400_000)

    static let countyPath = "/339900/339921/"
    static let townPath = countyPath + "339921101/"
    static let otherTownPath = countyPath + "339921102/"
    static let villagePath = townPath + "339921101001/"
    static let gridPath = villagePath + "339921101001-01/"
    static let otherGridPath = villagePath + "339921101001-02/"
    static let otherTownGridPath = otherTownPath + "339921102001/339921102001-01/"

    static let countyCenter: Organisation.ID = 1
    static let townCenter: Organisation.ID = 2
    static let otherTownCenter: Organisation.ID = 3
    static let justiceOffice: Organisation.ID = 10
    static let policeStation: Organisation.ID = 11
    static let mediationCommittee: Organisation.ID = 12
    static let housingBureau: Organisation.ID = 13
    static let villageCommittee: Organisation.ID = 20

    static func staff(
        _ id: Int64, _ username: String, _ role: Role, _ organisation: Organisation.ID, _ path: String
    ) -> Actor {
        .staff(
            userID: User.ID(id), username: username, displayName: username,
            grants: [Actor.Grant(role: role, organisationID: organisation, jurisdictionPath: path)])
    }

    static let townDesk = staff(1, "town.desk", .centerStaff, townCenter, townPath)
    static let countyDesk = staff(2, "county.desk", .centerStaff, countyCenter, countyPath)
    static let otherTownDesk = staff(3, "other.desk", .centerStaff, otherTownCenter, otherTownPath)
    static let justice = staff(10, "justice", .departmentHandler, justiceOffice, townPath)
    static let police = staff(11, "police", .departmentHandler, policeStation, townPath)
    static let mediator = staff(12, "mediator", .mediator, mediationCommittee, townPath)
    static let housing = staff(13, "housing", .departmentHandler, housingBureau, countyPath)
    static let gridWorker = staff(20, "grid.one", .gridWorker, villageCommittee, gridPath)
    static let otherGridWorker = staff(21, "grid.two", .gridWorker, villageCommittee, otherGridPath)
    static let townLeader = staff(30, "town.leader", .leader, townCenter, townPath)
    static let otherTownLeader = staff(31, "other.leader", .leader, otherTownCenter, otherTownPath)
    static let admin = staff(40, "admin", .admin, countyCenter, countyPath)
    static let citizen = Actor.citizen(displayName: "张三")
    static let importer = Actor.system(name: "12345 import")

    static let reporter = Party(
        role: .reporter, name: "张三丰", phone: "13812341234", idNumber: "110101199001011234", address: "清溪县桃源镇桃源村3组12号")
    static let neighbour = Party(role: .other, name: "李四", phone: "13900001111")

    static func intake(
        kind: CaseKind = .request, channel: Channel = .gridWorker, anonymous: Bool = false,
        parties: [Party] = [reporter, neighbour], title: String = "邻居违建挡住采光"
    ) -> Intake {
        Intake(
            channel: channel, sourceReference: nil, title: title,
            description: "反映人称邻居在院内加盖二层，挡住自家采光，多次沟通未果。", categoryCode: "neighbour", urgency: .troublesome,
            kind: kind, regionID: 101, address: "清溪县桃源镇桃源村3组", latitude: 29.65, longitude: 120.25, parties: parties,
            attachments: [
                Attachment(
                    fileName: "现场.jpg", contentType: "image/jpeg", size: 204_800,
                    sha256: String(repeating: "ab", count: 32))
            ], anonymous: anonymous)
    }

    static let assessment = CaseCommand.assess(
        categoryCode: "neighbour", urgency: .troublesome, difficulty: .ordinary, competentLevel: .township)
}

/// One case and its file, kept in step: every command's events are checked (numbered on from the version, along an
/// edge of the state table) and applied, and the replayed file must equal the case built step by step.
struct CaseFile {
    var current: Case
    var events: [CaseEvent]
    var now: Date

    init(
        _ intake: Intake = Fixture.intake(), id: Case.ID = 1, by actor: Actor = Fixture.gridWorker,
        path: String = Fixture.gridPath, receivingCenter: Organisation.ID? = Fixture.townCenter,
        at start: Date = Fixture.clock
    ) throws {
        now = start
        let (created, event) = try CaseLifecycle.register(
            intake, id: id, number: CaseNumbering.number(date: Fixture.clock, sequence: Int(id.rawValue)),
            trackingCode: "ABCDEFGH23", regionPath: path, receivingCenter: receivingCenter, by: actor, at: now)
        current = created
        events = [event]
    }

    var state: CaseState { current.state }

    @discardableResult
    mutating func run(
        _ command: CaseCommand, by actor: Actor, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [CaseEvent] {
        now += 60
        let new = try CaseLifecycle.decide(command, on: current, by: actor, at: now)
        append(new, sourceLocation: sourceLocation)
        return new
    }

    mutating func append(_ new: [CaseEvent], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!new.isEmpty, sourceLocation: sourceLocation)
        for event in new {
            #expect(event.caseID == current.id, sourceLocation: sourceLocation)
            #expect(event.sequence == current.version + 1, sourceLocation: sourceLocation)
            let next = CaseLifecycle.apply(event, to: current)
            #expect(
                current.state.mayMove(to: next.state), "\(current.state) → \(next.state)",
                sourceLocation: sourceLocation)
            #expect(next.version == event.sequence, sourceLocation: sourceLocation)
            current = next
        }
        events += new
        #expect(CaseLifecycle.replay(events) == current, sourceLocation: sourceLocation)
    }

    /// Expects `command` by `actor` to be refused with `expected`, with a message in both languages.
    func refuse(
        _ command: CaseCommand, by actor: Actor, _ expected: CaseError,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do throws(CaseError) {
            let events = try CaseLifecycle.decide(command, on: current, by: actor, at: now + 60)
            Issue.record("\(command.name) was accepted with \(events.count) events", sourceLocation: sourceLocation)
        } catch {
            #expect(error == expected, sourceLocation: sourceLocation)
            expectBilingual(error, sourceLocation: sourceLocation)
        }
    }
}

/// The message has Chinese and English text, and the code is a stable `case.` code.
func expectBilingual(_ error: CaseError, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(error.code.hasPrefix("case."), sourceLocation: sourceLocation)
    #expect(
        error.message.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
        sourceLocation: sourceLocation)
    #expect(!error.message.en.isEmpty, sourceLocation: sourceLocation)
    #expect(
        !error.message.en.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
        sourceLocation: sourceLocation)
    #expect(error.message.zh != error.message.en, sourceLocation: sourceLocation)
}
