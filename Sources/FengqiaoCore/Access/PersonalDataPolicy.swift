/// Who sees parties' names, phones, ID numbers and addresses in clear. Everyone else sees them masked
/// (张*, 138****1234, 110101********1234), and every clear view is written to the access log.
///
/// | reader | personal data |
/// | --- | --- |
/// | center staff whose jurisdiction covers the case (they register, assess, dispatch and call back) | shown |
/// | department handlers, mediators and center staff of an organisation holding or taking part in the case | shown |
/// | leaders, administrators, grid workers, everyone else | masked |
public enum PersonalDataPolicy {
    public static func showsPersonalData(of current: Case, to actor: Actor) -> Bool {
        guard actor.kind == .staff else { return false }
        let handling = Set(
            current.participants.map(\.organisationID) + [current.holderOrganisationID].compactMap { $0 })
        return actor.grants.contains { grant in
            switch grant.role {
            case .centerStaff:
                return grant.covers(regionPath: current.regionPath) || handling.contains(grant.organisationID)
            case .departmentHandler, .mediator:
                return handling.contains(grant.organisationID)
            case .gridWorker, .leader, .admin:
                return false
            }
        }
    }
}

/// A case as one reader may see it: the one masking rule that every presenter (API resources, case page,
/// agreement, exports) renders from, instead of each masking the parties again.
public struct CaseAsSeen: Sendable {
    /// The case, with the parties' personal data, the address and the agreements' parties masked unless
    /// `personalDataShown`.
    public let current: Case
    /// Whether the reader sees personal data in clear (and the view is to be written to the access log).
    public let personalDataShown: Bool
}

extension PersonalDataPolicy {
    /// The case as `actor` may see it (`showsPersonalData`).
    public static func view(_ current: Case, for actor: Actor) -> CaseAsSeen {
        view(current, showingPersonalData: showsPersonalData(of: current, to: actor))
    }

    /// The case with its personal data in clear or masked, as decided: for lists, which stay masked whoever reads
    /// them (a clear view is one case at a time, and logged).
    public static func view(_ current: Case, showingPersonalData shows: Bool) -> CaseAsSeen {
        guard !shows else { return CaseAsSeen(current: current, personalDataShown: true) }
        var masked = current.withPartiesMasked
        masked.address = current.address.map(Masking.address)
        if var record = masked.mediationRecord {
            record.agreements = record.agreements.map { agreement in
                var copy = agreement
                copy.draft.parties = agreement.draft.parties.map { party in
                    AgreementParty(
                        name: Masking.name(party.name), role: party.role,
                        idNumber: party.idNumber.map(Masking.idNumber),
                        phone: party.phone.map(Masking.phone), address: party.address.map(Masking.address))
                }
                return copy
            }
            masked.mediationRecord = record
        }
        // The parties who attended a session are named like the parties themselves; officials are not masked.
        masked.timing.sessions = current.timing.sessions.map { session in
            guard var details = session.details else { return session }
            details.attendees = details.attendees.map { attendee in
                attendee.role == .party ? Attendee(name: Masking.name(attendee.name), role: .party) : attendee
            }
            var copy = session
            copy.details = details
            return copy
        }
        return CaseAsSeen(current: masked, personalDataShown: false)
    }
}
