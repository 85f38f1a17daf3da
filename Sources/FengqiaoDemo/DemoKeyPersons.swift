import FengqiaoCore
import FengqiaoServer
import FengqiaoStore
import Foundation

/// The demo county's key persons (重点人员): in each township's first grid, one of each class with the township's grid
/// worker as responsible staff (包保责任人), a class change with its reason, visits done, and a red person's visit
/// overdue. Deterministic from `now`; the risk model and care plan are the standard ones (version 1, from the
/// migration).
enum DemoKeyPersons {
    /// Fictional people: name, address within the grid, class, days since registration, days since the last visit
    /// (nil: never visited), a class change (from, days ago, reason).
    struct Person {
        let name: String
        let address: String
        let personClass: KeyPersonClass
        let registeredDaysAgo: Int
        let visitedDaysAgo: Int?
        let outcome: VisitOutcome
        let earlier: (KeyPersonClass, Int, String)?
    }

    static let people: [Person] = [
        Person(
            name: "甄红海", address: "一组8号", personClass: .red, registeredDaysAgo: 12, visitedDaysAgo: nil,
            outcome: .stabilised, earlier: (.yellow, 10, "邻里宅基地纠纷升级，扬言报复，派出所已出警")),
        Person(
            name: "贾秀英", address: "二组15号", personClass: .yellow, registeredDaysAgo: 30, visitedDaysAgo: 4,
            outcome: .counselled, earlier: nil),
        Person(
            name: "柏青山", address: "三组3号", personClass: .green, registeredDaysAgo: 40, visitedDaysAgo: 12,
            outcome: .supported, earlier: nil),
    ]

    static func seed(_ county: DemoCounty, services: AppServices, now: Date) async throws {
        let register = KeyPersonRepository(database: services.database, calendars: services.calendars)
        let day: TimeInterval = 86_400
        for user in county.users where user.username.hasSuffix(".grid") {
            guard let gridCode = user.grants.first?.jurisdictionCode,
                let grid = try await services.regions.find(code: gridCode),
                let path = try await services.regions.path(of: grid.id)
            else { continue }
            let staff = KeyPersonAuthor(username: user.username, name: user.displayName)
            for (index, person) in people.enumerated() {
                let registered = now.addingTimeInterval(-Double(person.registeredDaysAgo) * day)
                let phone = "1390000\(String(format: "%02d", grid.id.rawValue % 100))\(String(format: "%02d", index))"
                let keys = PersonIdentifiers.keys(idNumber: nil, phone: phone)
                let made = try await register.register(
                    NewKeyPerson(
                        name: person.name, idNumber: nil, phone: phone, address: grid.name + person.address,
                        regionID: grid.id, regionPath: path, personClass: person.earlier?.0 ?? person.personClass,
                        reason: "综合评估：长期纠纷，情绪不稳", responsible: [user.username], idKey: nil,
                        phoneKey: keys.first.map(services.personKey.hash),
                        householdKey: services.personKey.household(address: person.address, gridCode: grid.code)),
                    by: staff, at: registered)
                if let (_, daysAgo, reason) = person.earlier {
                    _ = try await register.changeClass(
                        of: made.id, to: person.personClass, reason: reason, by: staff,
                        at: now.addingTimeInterval(-Double(daysAgo) * day))
                }
                if let visited = person.visitedDaysAgo {
                    try await register.recordVisit(
                        of: made.id, outcome: person.outcome, note: "入户走访，了解近况", by: staff,
                        at: now.addingTimeInterval(-Double(visited) * day))
                }
            }
        }
    }
}
