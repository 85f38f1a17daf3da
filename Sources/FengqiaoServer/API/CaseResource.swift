import FengqiaoCore
import Foundation
import Hummingbird

/// A case as the API shows it. Personal data is masked unless the reader's role needs it (`personalDataShown`).
struct CaseResource: ResponseEncodable, Sendable {
    struct PartyResource: Codable, Sendable {
        let role: Party.Role
        let name: String?
        let phone: String?
        let idNumber: String?
        let address: String?
    }

    struct ParticipantResource: Codable, Sendable {
        let organisationID: Organisation.ID
        let lead: Bool
        let accepted: Bool
    }

    let id: Case.ID
    let number: String
    let trackingCode: String?
    let version: Int
    let state: CaseState
    let stateName: LocalizedText
    let channel: Channel
    let sourceReference: String?
    let title: String
    let description: String
    let categoryCode: String?
    let urgency: Urgency
    let kind: CaseKind
    let difficulty: Difficulty?
    let competentLevel: RegionLevel?
    /// 吹哨报到: the dispatch's grade, if it summoned with one.
    let whistle: WhistleGrade?
    let regionID: Region.ID
    let address: String?
    let latitude: Double?
    let longitude: Double?
    let anonymous: Bool
    let parties: [PartyResource]
    let holderOrganisationID: Organisation.ID?
    let participants: [ParticipantResource]
    let outcome: Outcome?
    let satisfaction: Satisfaction?
    let masterCaseID: Case.ID?
    let duplicateIDs: [Case.ID]
    let reopenCount: Int
    let returnCount: Int
    let createdAt: Date
    let updatedAt: Date
    let personalDataShown: Bool
    /// The running clocks, in working time and words ("剩余2个工作日3小时").
    let clocks: [ClockResource]
    /// The earliest time a running clock runs out; queues sort by it.
    let nextDueAt: Date?
    let overdue: Bool
    /// 待补充材料: what the citizen was asked for, while the case waits (the clocks are paused).
    let informationRequested: String?
    let awaitingCitizen: Bool
    let timeLimitPolicy: String?
    let ladder: LadderResource?
    /// 点单, the mediator and the sessions held (place, online, mode, attendees); absent for a case never mediated.
    let mediation: MediationResource?
    /// What the reader may do now: the action names of `POST /api/v1/cases/{id}/actions/{action}`.
    let availableActions: [String]

    init(
        _ current: Case, showPersonalData: Bool, includeTrackingCode: Bool, availableActions: [CaseAction],
        calendar: WorkingCalendar, now: Date
    ) {
        // The case as this reader may see it: the one masking rule (`PersonalDataPolicy.view`).
        let current = PersonalDataPolicy.view(current, showingPersonalData: showPersonalData).current
        let statuses = CaseClocks.status(of: current, calendar: calendar, at: now)
        clocks = statuses.map(ClockResource.init)
        nextDueAt = CaseClocks.nextDue(of: current, calendar: calendar)
        overdue = statuses.contains { $0.level == .red }
        informationRequested = current.timing.informationRequested
        awaitingCitizen = current.timing.isAwaitingCitizen
        timeLimitPolicy = current.timing.limits?.policy.code
        ladder = current.timing.ladder.map(LadderResource.init)
        mediation = MediationResource(current)
        id = current.id
        number = current.number
        trackingCode = includeTrackingCode ? current.trackingCode : nil
        version = current.version
        state = current.state
        stateName = LocalizedText(current.state.name)
        channel = current.channel
        sourceReference = current.sourceReference
        title = current.title
        description = current.description
        categoryCode = current.categoryCode
        urgency = current.urgency
        kind = current.kind
        difficulty = current.difficulty
        competentLevel = current.competentLevel
        whistle = current.whistle
        regionID = current.regionID
        address = current.address
        latitude = current.latitude
        longitude = current.longitude
        anonymous = current.anonymous
        parties = current.parties.map { party in
            PartyResource(
                role: party.role, name: party.name, phone: party.phone, idNumber: party.idNumber, address: party.address
            )
        }
        holderOrganisationID = current.holderOrganisationID
        participants = current.participants.map {
            ParticipantResource(organisationID: $0.organisationID, lead: $0.isLead, accepted: $0.accepted)
        }
        outcome = current.outcome
        satisfaction = current.satisfaction
        masterCaseID = current.masterCaseID
        duplicateIDs = current.duplicateIDs
        reopenCount = current.reopenCount
        returnCount = current.returnCount
        createdAt = current.createdAt
        updatedAt = current.updatedAt
        personalDataShown = showPersonalData
        self.availableActions = availableActions.map(\.rawValue)
    }
}
struct CaseListResource: ResponseEncodable, Sendable {
    let items: [CaseResource]
    /// How many cases match the filters in all: the true count beside one page.
    let total: Int
    /// Pass as `after` to get the next page (newest-first order); absent on the last page.
    let next: Case.ID?
    /// Pass as `offset` to get the next page (deadline order); absent on the last page.
    let nextOffset: Int?
}
