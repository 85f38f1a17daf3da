/// Who sees risk warnings and visits, and who records a visit: the same jurisdiction rule as cases
/// (`Actor.Grant.covers`, as `CaseVisibility.Predicate`), narrowed to the roles that need it. The grid worker, the
/// center staff and the leader see the warnings whose place lies in their jurisdiction (a grid worker's is their own
/// grid); a department handler sees those that sent their organisation (the township's police station or justice
/// office) on a visit. Citizens, mediators, administrators without another role and anonymous users never.
public enum RiskAccess {
    /// The roles that read warnings by jurisdiction.
    public static let jurisdictionRoles: Set<Role> = [.gridWorker, .centerStaff, .leader]

    /// The rule for one reader as data: jurisdictions (of the roles above) and organisations sent on visits.
    public static func predicate(for actor: Actor) -> CaseVisibility.Predicate {
        guard actor.kind == .staff else { return CaseVisibility.Predicate(jurisdictionPaths: [], organisationIDs: []) }
        return CaseVisibility.Predicate(
            jurisdictionPaths: actor.grants.filter { jurisdictionRoles.contains($0.role) }.map(\.jurisdictionPath),
            organisationIDs: actor.grants.filter { $0.role == .departmentHandler }.map(\.organisationID))
    }

    /// Whether the actor may open the risk pages at all.
    public static func mayUse(_ actor: Actor) -> Bool {
        let rule = predicate(for: actor)
        return !rule.jurisdictionPaths.isEmpty || !rule.organisationIDs.isEmpty
    }

    /// Whether the actor may read a warning at `regionPath` whose visits sent `visitOrganisations`.
    public static func canView(
        regionPath: String, visitOrganisations: Set<Organisation.ID>, by actor: Actor
    ) -> Bool {
        predicate(for: actor).matches(regionPath: regionPath, readers: visitOrganisations)
    }

    /// Whether the actor may record the visit of `visitor`: the grid worker of the place for a grid worker's visit,
    /// a member of the organisation sent for the police station's or the justice office's.
    public static func canRecord(
        visitor: VisitorRole, organisationID: Organisation.ID?, regionPath: String, by actor: Actor
    ) -> Bool {
        guard actor.kind == .staff else { return false }
        switch visitor {
        case .gridWorker:
            return actor.holds(.gridWorker, covering: regionPath)
        case .policeStation, .justiceOffice:
            guard let organisationID else { return false }
            return actor.grants.contains { $0.role == .departmentHandler && $0.organisationID == organisationID }
        }
    }
}

extension RiskCaseView {
    /// What the detector reads of a case, with what the store counted around it.
    public init(
        case current: Case, disputeType: DisputeType?, flareUpCount: Int, overdue: Bool,
        earlierDisputesBetweenParties: Int
    ) {
        self.init(
            caseID: current.id, registeredAt: current.createdAt, channel: current.channel, disputeType: disputeType,
            text: current.title + "\n" + current.description, open: current.state.isUnresolved,
            partyCount: current.parties.count, reopenCount: current.reopenCount, flareUpCount: flareUpCount,
            escalationCount: current.escalationCount, returnCount: current.returnCount, urgency: current.urgency,
            whistle: current.whistle != nil, overdue: overdue, dissatisfied: current.satisfaction == .dissatisfied,
            earlierDisputesBetweenParties: earlierDisputesBetweenParties)
    }
}
