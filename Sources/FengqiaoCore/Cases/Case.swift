import Foundation

/// A case (案件): one citizen request, complaint or dispute, as it stands after its events. The stored state is the
/// fold of the case's events (`CaseLifecycle.replay`); change it only through `CaseLifecycle`.
public struct Case: Sendable, Codable, Equatable, Identifiable {
    public typealias ID = Identifier<Case>

    /// An organisation handling a dispatched case: the lead (牵头单位) or an assisting one (协办单位).
    public struct Participant: Sendable, Codable, Equatable, Hashable {
        public var organisationID: Organisation.ID
        public var isLead: Bool
        public var accepted: Bool
        public var acceptedAt: Date?

        public init(organisationID: Organisation.ID, isLead: Bool, accepted: Bool = false, acceptedAt: Date? = nil) {
            self.organisationID = organisationID
            self.isLead = isLead
            self.accepted = accepted
            self.acceptedAt = acceptedAt
        }
    }

    /// 督办: a note with a deadline, addressed to the organisation holding the case at the time.
    public struct Supervision: Sendable, Codable, Equatable, Hashable {
        public var note: String
        public var deadline: Date
        public var organisationID: Organisation.ID?
        public var at: Date

        public init(note: String, deadline: Date, organisationID: Organisation.ID?, at: Date) {
            self.note = note
            self.deadline = deadline
            self.organisationID = organisationID
            self.at = at
        }
    }

    /// 延期申请 by the lead organisation, decided by the dispatching center.
    public struct ExtensionRequest: Sendable, Codable, Equatable, Hashable {
        public enum Status: String, CaseIterable, Codable, Sendable {
            case pending
            case approved
            case rejected
            /// The case moved on (returned, escalated, resolved, withdrawn) before a decision.
            case lapsed
        }

        public var workingDays: Int
        public var reason: String
        public var organisationID: Organisation.ID?
        public var requestedAt: Date
        public var status: Status
        public var decidedAt: Date?
        public var decisionNote: String?

        public init(
            workingDays: Int, reason: String, organisationID: Organisation.ID?, requestedAt: Date,
            status: Status = .pending, decidedAt: Date? = nil, decisionNote: String? = nil
        ) {
            self.workingDays = workingDays
            self.reason = reason
            self.organisationID = organisationID
            self.requestedAt = requestedAt
            self.status = status
            self.decidedAt = decidedAt
            self.decisionNote = decisionNote
        }
    }

    public var id: ID
    /// Human-readable, e.g. `FQ-20261123-000123` (`CaseNumbering.number`).
    public var number: String
    /// What the citizen types to follow the case (`CaseNumbering.trackingCode`).
    public var trackingCode: String
    /// The number of events applied; the optimistic-concurrency version.
    public var version: Int
    public var state: CaseState

    public var channel: Channel
    public var sourceReference: String?
    public var title: String
    public var description: String
    public var categoryCode: String?
    public var urgency: Urgency
    public var kind: CaseKind
    public var difficulty: Difficulty?
    /// The level assessed as competent ("村理琐事、乡化小事、县管大事、市解难事").
    public var competentLevel: RegionLevel?

    public var regionID: Region.ID
    /// The region's path of codes, `/339900/339921/339921101/…/`; jurisdictions are prefixes of it.
    public var regionPath: String
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var parties: [Party]
    public var attachments: [Attachment]
    public var anonymous: Bool
    /// The reporter asked for text messages at registration (`Intake.smsNotifications`); a later choice on the
    /// tracking page is kept beside the case (the store's `case_sms_choices`), not in its file.
    public var smsNotifications: Bool?

    /// The center responsible for the case: the receiving center, or the one it was escalated to. Desk actions
    /// (assess, dispatch, answer, escalate, close, merge) belong to this center.
    public var centerOrganisationID: Organisation.ID?
    /// The center that dispatched the case (returns go back to it; it decides extension requests).
    public var dispatcherOrganisationID: Organisation.ID?
    /// Who must act now: the center after registration or a return, the lead after dispatch, the center again
    /// for follow-up once resolved; nil once closed, withdrawn or merged.
    public var holderOrganisationID: Organisation.ID?
    /// Joint handling: the lead first, then the assisting organisations.
    public var participants: [Participant]
    public var whistle: WhistleGrade?

    public var answer: String?
    public var outcome: Outcome?
    public var resolutionSummary: String?
    public var satisfaction: Satisfaction?
    public var masterCaseID: ID?
    public var duplicateIDs: [ID]

    public var dispatchCount: Int
    /// Whole-case returns by the lead (an assisting organisation declining is not counted).
    public var returnCount: Int
    public var reopenCount: Int
    public var escalationCount: Int
    public var supervisions: [Supervision]
    public var extensions: [ExtensionRequest]

    public var createdAt: Date
    public var updatedAt: Date
    /// The latest dispatch, lead acceptance, resolution and closing.
    public var dispatchedAt: Date?
    public var acceptedAt: Date?
    public var resolvedAt: Date?
    public var closedAt: Date?
    /// Stored optional so that snapshots written before time limits existed still read; use `timing`.
    public var timingRecord: CaseTiming?

    /// Stored optional so that older snapshots still read; use `mediation`.
    public var mediationRecord: CaseMediation?

    /// 点单 and 接单, consents, agreements, judicial confirmation, fulfilment and ratings.
    public var mediation: CaseMediation {
        get { mediationRecord ?? CaseMediation() }
        set { mediationRecord = newValue }
    }

    /// Time limits, clocks, alerts, waits on the citizen, mediation sessions and the ladder.
    public var timing: CaseTiming {
        get { timingRecord ?? CaseTiming() }
        set { timingRecord = newValue }
    }

    public init(
        id: ID, number: String, trackingCode: String, version: Int, state: CaseState, channel: Channel,
        sourceReference: String?, title: String, description: String, categoryCode: String?, urgency: Urgency,
        kind: CaseKind, difficulty: Difficulty? = nil, competentLevel: RegionLevel? = nil, regionID: Region.ID,
        regionPath: String, address: String?, latitude: Double?, longitude: Double?, parties: [Party],
        attachments: [Attachment], anonymous: Bool, centerOrganisationID: Organisation.ID?,
        dispatcherOrganisationID: Organisation.ID? = nil, holderOrganisationID: Organisation.ID?,
        participants: [Participant] = [], whistle: WhistleGrade? = nil, answer: String? = nil,
        outcome: Outcome? = nil, resolutionSummary: String? = nil, satisfaction: Satisfaction? = nil,
        masterCaseID: ID? = nil, duplicateIDs: [ID] = [], dispatchCount: Int = 0, returnCount: Int = 0,
        reopenCount: Int = 0, escalationCount: Int = 0, supervisions: [Supervision] = [],
        extensions: [ExtensionRequest] = [], createdAt: Date, updatedAt: Date, dispatchedAt: Date? = nil,
        acceptedAt: Date? = nil, resolvedAt: Date? = nil, closedAt: Date? = nil
    ) {
        self.id = id
        self.number = number
        self.trackingCode = trackingCode
        self.version = version
        self.state = state
        self.channel = channel
        self.sourceReference = sourceReference
        self.title = title
        self.description = description
        self.categoryCode = categoryCode
        self.urgency = urgency
        self.kind = kind
        self.difficulty = difficulty
        self.competentLevel = competentLevel
        self.regionID = regionID
        self.regionPath = regionPath
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.parties = parties
        self.attachments = attachments
        self.anonymous = anonymous
        self.centerOrganisationID = centerOrganisationID
        self.dispatcherOrganisationID = dispatcherOrganisationID
        self.holderOrganisationID = holderOrganisationID
        self.participants = participants
        self.whistle = whistle
        self.answer = answer
        self.outcome = outcome
        self.resolutionSummary = resolutionSummary
        self.satisfaction = satisfaction
        self.masterCaseID = masterCaseID
        self.duplicateIDs = duplicateIDs
        self.dispatchCount = dispatchCount
        self.returnCount = returnCount
        self.reopenCount = reopenCount
        self.escalationCount = escalationCount
        self.supervisions = supervisions
        self.extensions = extensions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.dispatchedAt = dispatchedAt
        self.acceptedAt = acceptedAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
    }

    /// The lead organisation of the current (or last) dispatch.
    public var lead: Participant? { participants.first { $0.isLead } }

    /// The participant entry of `organisationID`, if it handles the case.
    public func participant(_ organisationID: Organisation.ID) -> Participant? {
        participants.first { $0.organisationID == organisationID }
    }

    /// The citizen to contact: the first reporter among the parties, or, where staff recorded the reporter as the
    /// applicant (申请人) of a dispute, the first applicant.
    public var reporter: Party? { parties.first { $0.role == .reporter } ?? parties.first { $0.role == .applicant } }

    /// The extension request awaiting the dispatching center's decision.
    public var pendingExtension: ExtensionRequest? { extensions.last { $0.status == .pending } }

    /// Working days granted by approved extension requests.
    public var grantedExtensionWorkingDays: Int {
        extensions.filter { $0.status == .approved }.reduce(0) { $0 + $1.workingDays }
    }

    /// The same case with the parties' personal data masked (`Masking`).
    public var withPartiesMasked: Case {
        var copy = self
        copy.parties = parties.map(\.masked)
        return copy
    }
}
