import FengqiaoCore
import Testing

@Suite("Who reads key persons")
struct KeyPersonAccessTests {
    static let grid = "/339921/339921101/339921101001/339921101001001/"
    static let police: Organisation.ID = 41
    static let labour: Organisation.ID = 42

    static func actor(
        _ role: Role, _ path: String, organisation: Organisation.ID = 1, username: String = "someone"
    )
        -> Actor
    {
        Actor.staff(
            userID: 1, username: username, displayName: "某人",
            grants: [Actor.Grant(role: role, organisationID: organisation, jurisdictionPath: path)])
    }

    @Test("the grid, the center, the police station and the justice office of the jurisdiction; leaders the figures")
    func readers() {
        let township = "/339921/339921101/"
        let risk: Set<Organisation.ID> = [Self.police]
        for role in [Role.gridWorker, .centerStaff] {
            #expect(
                KeyPersonAccess.canView(regionPath: Self.grid, by: Self.actor(role, township), riskOrganisations: risk))
            #expect(
                !KeyPersonAccess.canView(
                    regionPath: Self.grid, by: Self.actor(role, "/339921/339921102/"), riskOrganisations: risk))
        }
        #expect(
            KeyPersonAccess.canView(
                regionPath: Self.grid, by: Self.actor(.departmentHandler, township, organisation: Self.police),
                riskOrganisations: risk))
        for actor in [
            Self.actor(.departmentHandler, township, organisation: Self.labour), Self.actor(.mediator, township),
            Self.actor(.admin, "/"), Self.actor(.leader, township),
        ] {
            #expect(!KeyPersonAccess.canView(regionPath: Self.grid, by: actor, riskOrganisations: risk))
            #expect(KeyPersonAccess.jurisdictionPaths(for: actor, riskOrganisations: risk).isEmpty)
        }
        // A leader sees the figures of their jurisdiction (counts by class, overdue visits), not the people.
        #expect(
            KeyPersonAccess.figuresPaths(for: Self.actor(.leader, township), riskOrganisations: risk) == [township])
        #expect(KeyPersonAccess.figuresPaths(for: Self.actor(.mediator, township), riskOrganisations: risk).isEmpty)
    }

    @Test("one rule, two faces: the list's jurisdictions cover exactly the persons the reader may open")
    func listAgreesWithOne() {
        let paths = ["/339921/", "/339921/339921101/", "/339921/339921102/", Self.grid, "/339922/"]
        let risk: Set<Organisation.ID> = [Self.police]
        for role in Role.allCases {
            for grant in paths {
                for organisation in [Self.police, Self.labour] {
                    let actor = Self.actor(role, grant, organisation: organisation)
                    let jurisdictions = KeyPersonAccess.jurisdictionPaths(for: actor, riskOrganisations: risk)
                    for person in paths {
                        let listed = jurisdictions.contains {
                            Actor.Grant(role: .leader, organisationID: 0, jurisdictionPath: $0).covers(
                                regionPath: person)
                        }
                        #expect(
                            listed == KeyPersonAccess.canView(regionPath: person, by: actor, riskOrganisations: risk))
                    }
                }
            }
        }
    }

    @Test("clear personal data for the responsible staff and the center's staff only")
    func personalData() {
        let township = "/339921/339921101/"
        let risk: Set<Organisation.ID> = [Self.police]
        func shows(_ actor: Actor) -> Bool {
            KeyPersonAccess.showsPersonalData(
                regionPath: Self.grid, responsible: ["taoyuan.grid"], to: actor, riskOrganisations: risk)
        }
        #expect(shows(Self.actor(.gridWorker, township, username: "taoyuan.grid")))
        #expect(!shows(Self.actor(.gridWorker, township, username: "other.grid")))
        #expect(shows(Self.actor(.centerStaff, township)))
        #expect(!shows(Self.actor(.leader, township)))
        #expect(!shows(Self.actor(.departmentHandler, township, organisation: Self.police)))
        // Named responsible but outside the register's readers: nothing at all.
        #expect(!shows(Self.actor(.mediator, township, username: "taoyuan.grid")))
    }
}
