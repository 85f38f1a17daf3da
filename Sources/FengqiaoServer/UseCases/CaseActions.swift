import FengqiaoCore
import FengqiaoStore
import Foundation

/// Runs one action on a case for a member of staff: the one path that the JSON API
/// (`POST /api/v1/cases/{id}/actions/<action>`, `CaseActionAPI`) and the workspace forms
/// (`POST /cases/{id}/actions/{action}`) share. Both decode the contract's body of the action (`CaseActionBody`),
/// which names the domain command; the workflow decides.
struct CaseActions: Sendable {
    let cases: CaseRepository
    /// Where a new case's receiving center is looked up.
    let organisations: OrganisationRepository
    /// Where each clear view of personal data is written.
    let accessLog: AccessLogRepository
    /// The working calendar of the resource's clocks.
    let calendar: WorkingCalendar
    /// The uploads that files added at a step name.
    let files: FileRepository
    /// The request's time: every change and access-log entry of this request carries it.
    let now: Date

    func perform(
        _ command: CaseCommand, expectedVersion: Int?, on found: Case, by identity: Identity
    ) async throws
        -> Case
    {
        // A retired organisation is dispatched nothing new (the pages no longer offer it; the API is told why).
        for id in CaseWorkflow.organisationsNamed(in: command) {
            if try await organisations.find(id: id)?.isRetired == true { throw StructureError.organisationRetired }
        }
        if case .markDuplicate(let master) = command {
            return try await cases.merge(
                found.id, into: master, expectedVersion: expectedVersion, by: identity.actor, at: now
            ).duplicate
        }
        return try await cases.act(
            try await resolvingUploads(command, by: identity), on: found.id, expectedVersion: expectedVersion,
            by: identity.actor, at: now)
    }

    /// A progress note's files are named by their SHA-256: each must be an upload of this user (a hash learnt
    /// elsewhere is refused exactly like one never uploaded, `file.not_uploaded`); its type and size are the upload's.
    private func resolvingUploads(_ command: CaseCommand, by identity: Identity) async throws -> CaseCommand {
        switch command {
        case .addProgress(let note, let tellCitizen, let named) where !named.isEmpty:
            return .addProgress(note: note, tellCitizen: tellCitizen, attachments: try await uploads(named, identity))
        case .resolve(let outcome, let summary, let named) where !named.isEmpty:
            return .resolve(outcome: outcome, summary: summary, attachments: try await uploads(named, identity))
        default:
            return command
        }
    }

    private func uploads(_ named: [Attachment], _ identity: Identity) async throws -> [Attachment] {
        var attachments: [Attachment] = []
        for file in named {
            guard let stored = try await files.upload(sha256: file.sha256, by: identity.user.id) else {
                throw FileError.notUploaded(file.fileName)
            }
            attachments.append(
                Attachment(
                    fileName: file.fileName, contentType: stored.contentType, size: stored.size,
                    sha256: stored.sha256))
        }
        return attachments
    }

    /// The API's resource of a case, with personal data in clear only for roles that need it (each clear view
    /// logged); the tracking code only when the case was just registered.
    func resource(
        of current: Case, to identity: Identity, requestID: String, tracking: Bool = false
    ) async throws
        -> CaseResource
    {
        let shows = try await showsPersonalData(of: current, to: identity, requestID: requestID, action: "case.view")
        return CaseResource(
            current, showPersonalData: shows, includeTrackingCode: tracking,
            availableActions: CasePermissions.availableActions(on: current, by: identity.actor),
            calendar: calendar, now: now)
    }

    /// Registers a report from any entry point (API, desk form, citizen page): the receiving center is the one
    /// nearest the place, and the tracking code random.
    func register(_ intake: Intake, idempotencyKey: String, by actor: Actor) async throws -> CaseRepository.Created {
        let center = try await organisations.nearestCenter(for: intake.regionID)
        var generator = SystemRandomNumberGenerator()
        return try await cases.create(
            intake, idempotencyKey: idempotencyKey, receivingCenter: center?.id, by: actor, at: now,
            trackingCode: CaseNumbering.trackingCode(using: &generator))
    }

    /// The case with this id, if `identity` may see it; nil otherwise (whether it exists is not revealed).
    func visible(_ id: Int64?, to identity: Identity) async throws -> Case? {
        guard let id, let found = try await cases.find(id: Case.ID(id)),
            CaseVisibility.canView(found, by: identity.actor)
        else { return nil }
        return found
    }

    /// Personal data in clear for this reader? Each clear view of a case with personal data is logged.
    func showsPersonalData(
        of current: Case, to identity: Identity, requestID: String, action: String
    ) async throws
        -> Bool
    {
        let shows = PersonalDataPolicy.showsPersonalData(of: current, to: identity.actor)
        if shows && current.parties.contains(where: { $0.name != nil || $0.phone != nil || $0.idNumber != nil }) {
            try await accessLog.record(
                AccessLogRepository.Entry(
                    at: now, userID: identity.user.id, username: identity.user.username, action: action,
                    caseID: current.id, detail: "personal data shown", requestID: requestID))
        }
        return shows
    }
}

/// What `CaseActions` is built from, held by the controllers that run case actions: each request gets its own
/// `CaseActions` at the request's time (`at(context.now)`).
struct CaseActionsFactory: Sendable {
    let cases: CaseRepository
    let organisations: OrganisationRepository
    let accessLog: AccessLogRepository
    /// The working calendar in force, read at each use (`LiveCalendar`: an uploaded year applies at once).
    let calendars: LiveCalendar
    var calendar: WorkingCalendar { calendars.current }
    let files: FileRepository

    func at(_ now: Date) -> CaseActions {
        CaseActions(
            cases: cases, organisations: organisations, accessLog: accessLog, calendar: calendar, files: files,
            now: now)
    }
}
