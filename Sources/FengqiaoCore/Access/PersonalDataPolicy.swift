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
