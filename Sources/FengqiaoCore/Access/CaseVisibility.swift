/// Who may read a case: the one rule behind the case page, every list, search, export and metric.
///
/// A member of staff reads a case when one of their grants covers its region (the jurisdiction's subtree), or when
/// one of their grants' organisations reads it now (`readerOrganisations`): the center responsible for it, the
/// center that dispatched it, the organisation holding it, every organisation taking part in its handling and,
/// while a citizen's 点单 waits for an answer, the organisation of the mediator asked for. An
/// organisation that returned the case (退单) or left a joint handling no longer reads it: the case page, its
/// lists, search results and exports all stop showing it together. A citizen who proved ownership of the case and
/// the system read it.
///
/// The rule has two faces that must agree: `canView` answers for one case, `predicate(for:)` gives the same rule
/// as plain data that the store turns into SQL (the region subtrees, and the organisations whose rows in
/// `case_organisations` name the case: the store keeps those rows equal to `readerOrganisations`).
public enum CaseVisibility {
    /// The organisations whose staff read the case whatever their jurisdiction.
    public static func readerOrganisations(of current: Case) -> Set<Organisation.ID> {
        var ids = Set(current.participants.map(\.organisationID))
        for id in [current.centerOrganisationID, current.dispatcherOrganisationID, current.holderOrganisationID] {
            if let id { ids.insert(id) }
        }
        if current.state.isUnresolved, let asked = current.mediation.requestedOrganisation { ids.insert(asked) }
        return ids
    }

    /// The rule for one reader as data: a case is visible when its region path lies in one of the subtrees, or
    /// when one of the organisations reads it. A predicate with neither matches nothing.
    public struct Predicate: Sendable, Equatable {
        public var jurisdictionPaths: [String]
        public var organisationIDs: [Organisation.ID]

        public init(jurisdictionPaths: [String], organisationIDs: [Organisation.ID]) {
            self.jurisdictionPaths = jurisdictionPaths
            self.organisationIDs = organisationIDs
        }

        /// Whether a case at `regionPath`, read by `readers`, satisfies the predicate.
        public func matches(regionPath: String, readers: Set<Organisation.ID>) -> Bool {
            jurisdictionPaths.contains {
                Actor.Grant(role: .leader, organisationID: 0, jurisdictionPath: $0).covers(regionPath: regionPath)
            } || organisationIDs.contains { readers.contains($0) }
        }

        public func matches(_ current: Case) -> Bool {
            matches(regionPath: current.regionPath, readers: readerOrganisations(of: current))
        }
    }

    /// What a member of staff may read, as a predicate: every grant's jurisdiction and organisation.
    public static func predicate(for actor: Actor) -> Predicate {
        Predicate(
            jurisdictionPaths: actor.grants.map(\.jurisdictionPath), organisationIDs: actor.grants.map(\.organisationID)
        )
    }

    /// Whether `actor` may read the case: the predicate for staff; citizens (ownership proved by the caller) and
    /// the system always.
    public static func canView(_ current: Case, by actor: Actor) -> Bool {
        switch actor.kind {
        case .citizen, .system: true
        case .staff: predicate(for: actor).matches(current)
        }
    }
}
