/// Who reads the key-person register (重点人员), and who sees its personal data in clear. Key persons are sensitive:
/// only the roles whose work is to visit and look after them read them — the grid's worker, the police station, the
/// justice office, the center — each within the jurisdiction of their grant, by the one jurisdiction rule of the
/// product (`Actor.Grant.covers`, which `CaseVisibility` uses for cases):
///
/// | reader | reads a key person of region R | personal data |
/// | --- | --- | --- |
/// | grid worker whose grid covers R | yes | clear when named responsible (包保责任人), else masked |
/// | center staff whose jurisdiction covers R | yes | clear |
/// | department handler of a police station or justice office whose jurisdiction covers R | yes | clear when named responsible, else masked |
/// | leaders | no: the figures only (key persons by class, overdue visits: `figuresPaths`) | — |
/// | other department handlers, mediators, administrators, citizens | no | — |
///
/// `riskOrganisations` names the police stations and justice offices (the server reads them from the structure).
public enum KeyPersonAccess {
    /// Whether `grant` is one of the roles that read key persons.
    public static func reads(_ grant: Actor.Grant, riskOrganisations: Set<Organisation.ID>) -> Bool {
        switch grant.role {
        case .gridWorker, .centerStaff: true
        case .departmentHandler: riskOrganisations.contains(grant.organisationID)
        case .leader, .mediator, .admin: false
        }
    }

    /// The jurisdictions whose key persons `actor` reads: empty for everyone else (then the register is closed).
    public static func jurisdictionPaths(for actor: Actor, riskOrganisations: Set<Organisation.ID>) -> [String] {
        guard actor.kind == .staff else { return [] }
        return actor.grants.filter { reads($0, riskOrganisations: riskOrganisations) }.map(\.jurisdictionPath)
    }

    /// The jurisdictions whose key-person figures (counts by class, overdue visits — no person) `actor` sees: those
    /// whose register they read, and a leader's.
    public static func figuresPaths(for actor: Actor, riskOrganisations: Set<Organisation.ID>) -> [String] {
        guard actor.kind == .staff else { return [] }
        return actor.grants.filter { $0.role == .leader || reads($0, riskOrganisations: riskOrganisations) }
            .map(\.jurisdictionPath)
    }

    /// Whether `actor` reads a key person registered in the region at `regionPath`.
    public static func canView(
        regionPath: String, by actor: Actor, riskOrganisations: Set<Organisation.ID>
    ) -> Bool {
        guard actor.kind == .staff else { return false }
        return actor.grants.contains {
            reads($0, riskOrganisations: riskOrganisations) && $0.covers(regionPath: regionPath)
        }
    }

    /// Whether `actor` sees the person's ID number, phone and address in clear: the responsible staff and the
    /// center's staff of the jurisdiction; every clear view is written to the access log.
    public static func showsPersonalData(
        regionPath: String, responsible: [String], to actor: Actor, riskOrganisations: Set<Organisation.ID>
    ) -> Bool {
        guard canView(regionPath: regionPath, by: actor, riskOrganisations: riskOrganisations) else { return false }
        if let username = actor.username, responsible.contains(username) { return true }
        return actor.grants.contains { $0.role == .centerStaff && $0.covers(regionPath: regionPath) }
    }
}
