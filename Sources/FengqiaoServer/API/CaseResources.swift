import FengqiaoCore
import Foundation
import Hummingbird

/// Text in both languages, as the API returns it.
struct LocalizedText: Codable, Sendable, Equatable {
    let zh: String
    let en: String

    init(_ text: Localized) {
        zh = text.zh
        en = text.en
    }
}

/// The body of `POST /api/v1/cases`.
struct IntakeRequest: Decodable, Sendable {
    struct PartyRequest: Decodable, Sendable {
        let role: Party.Role?
        let name: String?
        let phone: String?
        let idNumber: String?
        let address: String?
    }

    let channel: Channel
    let sourceReference: String?
    let title: String
    let description: String
    let categoryCode: String?
    let urgency: Urgency?
    let kind: CaseKind?
    /// The region or grid code (行政区划代码 or grid code) where it happened.
    let regionCode: String
    let address: String?
    let latitude: Double?
    let longitude: Double?
    let parties: [PartyRequest]?
    let anonymous: Bool?
    /// Files uploaded first through `POST /api/v1/files`, named by their SHA-256.
    let attachments: [AttachmentRequest]?

    struct AttachmentRequest: Decodable, Sendable {
        let sha256: String
        let fileName: String
    }

    func intake(regionID: Region.ID, attachments: [Attachment]) -> Intake {
        Intake(
            channel: channel, sourceReference: sourceReference, title: title, description: description,
            categoryCode: categoryCode, urgency: urgency ?? .troublesome, kind: kind ?? .request, regionID: regionID,
            address: address, latitude: latitude, longitude: longitude,
            parties: (parties ?? []).map {
                Party(
                    role: $0.role ?? .reporter, name: $0.name, phone: $0.phone, idNumber: $0.idNumber,
                    address: $0.address)
            },
            attachments: attachments, anonymous: anonymous ?? false)
    }
}

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

struct ClockResource: Codable, Sendable {
    let kind: ClockKind
    let name: LocalizedText
    let limit: String
    let limitName: LocalizedText
    let startedAt: Date
    let dueAt: Date?
    let warningAt: Date?
    let paused: Bool
    let level: AlertLevel
    /// Seconds left in the limit's own time (working seconds for working limits); negative when overdue.
    let remainingSeconds: Int
    let text: LocalizedText

    init(_ status: ClockStatus) {
        kind = status.kind
        name = LocalizedText(status.kind.name)
        limit = status.limit.code
        limitName = LocalizedText(status.limit.name)
        startedAt = status.startedAt
        dueAt = status.dueAt
        warningAt = status.warningAt
        paused = status.paused
        level = status.level
        remainingSeconds = Int(status.remaining.rounded())
        text = LocalizedText(status.text)
    }
}

struct LadderResource: Codable, Sendable {
    let code: String
    let name: String
    let automatic: Bool
    let step: Int
    let level: RegionLevel
    let failedSessions: Int
    let maxSessions: Int?
    let minSessions: Int?
    let exhausted: LadderProgress.Exhaustion?
    let lastStep: Bool
    let summary: LocalizedText

    init(_ progress: LadderProgress) {
        code = progress.ladder.code
        name = progress.ladder.name
        automatic = progress.ladder.automatic
        step = progress.stepIndex
        level = progress.step.level
        failedSessions = progress.failedSessions
        maxSessions = progress.step.maxSessions
        minSessions = progress.step.minSessions
        exhausted = progress.exhausted
        lastStep = progress.isLastStep
        summary = LocalizedText(progress.summary)
    }
}

struct CaseListResource: ResponseEncodable, Sendable {
    let items: [CaseResource]
    /// Pass as `after` to get the next page (newest-first order); absent on the last page.
    let next: Case.ID?
    /// Pass as `offset` to get the next page (deadline order); absent on the last page.
    let nextOffset: Int?
}

/// One entry of the case file. The registration's personal data is not repeated here: read it from the case.
struct CaseEventResource: ResponseEncodable, Sendable {
    let sequence: Int
    let at: Date
    let change: String
    let actor: String
    let role: Role?
    let organisationID: Organisation.ID?
    let note: String?

    init(_ event: CaseEvent) {
        sequence = event.sequence
        at = event.at
        change = event.change.name
        actor = event.actor.displayName
        role = event.actor.role
        organisationID = event.actor.organisationID
        note = event.note
    }
}

struct CaseEventListResource: ResponseEncodable, Sendable {
    let items: [CaseEventResource]
}

/// The body of `POST /api/v1/cases/{id}/actions/{action}`: `expectedVersion` plus the fields the action takes.
struct ActionRequest: Decodable, Sendable {
    let expectedVersion: Int?
    let answer: String?
    let reason: String?
    let note: String?
    let summary: String?
    let categoryCode: String?
    let urgency: Urgency?
    let difficulty: Difficulty?
    let competentLevel: RegionLevel?
    let lead: Organisation.ID?
    let assisting: [Organisation.ID]?
    let whistle: WhistleGrade?
    let workingDays: Int?
    let approved: Bool?
    let outcome: Outcome?
    let satisfaction: Satisfaction?
    let toCenter: Organisation.ID?
    let deadline: Date?
    let master: Case.ID?
    let result: MediationSession.Result?
    let heldAt: Date?
    let place: String?
    let online: Bool?
    let mode: SessionMode?
    let attendees: [Attendee]?
    let files: [String]?
    let mediator: Mediator.ID?
    let party: String?
    let consents: Bool?
    let nextStep: MediationNextStep?
    let agreement: AgreementDraft?
    let signedAt: Date?
    let court: Organisation.ID?
    let confirmed: Bool?
    let term: Int?
    let fulfilled: Bool?
    let score: Int?
    let comment: String?

    /// The domain command for `action`, or a 400 naming the first missing field.
    func command(
        for action: CaseAction, parentCenter: () async throws -> Organisation.ID?,
        ladderTarget: () async throws -> Organisation.ID?,
        mediatorNamed: (Mediator.ID) async throws -> Mediator?,
        actingMediator: () async throws -> Mediator?
    ) async throws
        -> CaseCommand
    {
        func required<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else {
                throw APIError.badRequest(
                    "request.missing_field",
                    Localized(zh: "缺少字段 \(field)。", en: "The field \(field) is required."))
            }
            return value
        }
        switch action {
        case .register:
            throw APIError.badRequest(
                "request.use_create", Localized(zh: "登记请用 POST /api/v1/cases。", en: "Register with POST /api/v1/cases.")
            )
        case .answer: return .answerConsultation(answer: try required(answer, "answer"))
        case .assess:
            return .assess(
                categoryCode: categoryCode, urgency: try required(urgency, "urgency"),
                difficulty: try required(difficulty, "difficulty"),
                competentLevel: try required(competentLevel, "competentLevel"))
        case .dispatch:
            return .dispatch(lead: try required(lead, "lead"), assisting: assisting ?? [], whistle: whistle)
        case .accept: return .accept
        case .return: return .giveBack(reason: try required(reason, "reason"))
        case .progress: return .addProgress(note: try required(note, "note"))
        case .requestExtension:
            return .requestExtension(
                workingDays: try required(workingDays, "workingDays"), reason: try required(reason, "reason"))
        case .decideExtension: return .decideExtension(approved: try required(approved, "approved"), note: note)
        case .resolve:
            return .resolve(outcome: try required(outcome, "outcome"), summary: try required(summary, "summary"))
        case .followUp: return .followUp(satisfaction: try required(satisfaction, "satisfaction"), note: note)
        case .close: return .close
        case .escalate:
            var target = toCenter
            if target == nil { target = try await parentCenter() }
            return .escalate(toCenter: try required(target, "toCenter"), reason: try required(reason, "reason"))
        case .supervise:
            return .supervise(note: try required(note, "note"), deadline: try required(deadline, "deadline"))
        case .nudge: return .nudge(note: note)
        case .reopen: return .reopen(reason: try required(reason, "reason"))
        case .withdraw: return .withdraw(reason: try required(reason, "reason"))
        case .merge: return .markDuplicate(of: try required(master, "master"))
        case .requestInformation: return .requestInformation(note: try required(note, "note"))
        case .supplyInformation: return .supplyInformation(note: try required(note, "note"))
        case .recordSession:
            return .recordSession(
                result: try required(result, "result"), heldAt: heldAt, note: try required(note, "note"),
                details: SessionDetails(
                    place: place, online: online ?? false, mode: mode ?? .faceToFace, attendees: attendees ?? [],
                    files: files ?? []))
        case .climbLadder:
            guard let target = try await ladderTarget() else { throw CaseError.ladderNotExhausted }
            return .climbLadder(toCenter: target)
        case .applyTimeLimits, .raiseAlerts:
            throw CaseError.forbiddenRole(action)
        case .requestMediator:
            let id = try required(mediator, "mediator")
            guard let found = try await mediatorNamed(id) else { throw APIError.unknownMediator }
            guard found.available else { throw APIError.mediatorUnavailable }
            return .requestMediator(mediator: found.id, organisation: found.organisationID)
        case .takeMediation:
            var found = try await actingMediator()
            if let mediator { found = try await mediatorNamed(mediator) }
            guard let found else { throw APIError.unknownMediator }
            return .takeMediation(mediator: found.id)
        case .declineMediation: return .declineMediation(reason: try required(reason, "reason"))
        case .assignMediator:
            guard let found = try await mediatorNamed(try required(mediator, "mediator")) else {
                throw APIError.unknownMediator
            }
            return .assignMediator(mediator: found.id)
        case .recordConsent:
            return .recordConsent(
                party: try required(party, "party"), consents: try required(consents, "consents"), nextStep: nextStep,
                note: note)
        case .draftAgreement: return .draftAgreement(try required(agreement, "agreement"))
        case .signAgreement: return .signAgreement(signedAt: signedAt)
        case .requestConfirmation: return .requestConfirmation(court: try required(court, "court"))
        case .recordRuling: return .recordRuling(confirmed: try required(confirmed, "confirmed"), note: note)
        case .checkTerm:
            return .checkTerm(
                term: try required(term, "term"), fulfilled: try required(fulfilled, "fulfilled"), note: note)
        case .rateMediation:
            return .rateMediation(party: party, score: try required(score, "score"), comment: comment)
        case .returnToCourt: return .returnToCourt(court: try required(court, "court"))
        }
    }
}
