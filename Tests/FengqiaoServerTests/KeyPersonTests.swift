import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// Key persons (重点人员) over HTTP: the register through the API and the pages, who reads it, masking and the access
/// log, validation, and the administration of the risk model.
@Suite("Key persons and the risk model over HTTP")
struct KeyPersonTests {
    static func token(_ username: String, _ services: AppServices) async throws -> String {
        let user = try #require(try await services.users.find(username: username))
        return try await services.tokens.create(for: user.id, label: "key-persons", at: Date())
    }

    /// The grid of a user's first grant.
    static func grid(of username: String, _ services: AppServices) async throws -> Region {
        let user = try #require(try await services.users.find(username: username))
        let grant = try #require(user.grants.first)
        return try #require(try await services.regions.find(id: grant.jurisdictionID))
    }

    static func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
        json: Any? = nil
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any], text: String) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) {
            let data = Data(buffer: $0.body)
            return (
                $0.status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:],
                String(decoding: data, as: UTF8.self)
            )
        }
    }

    static func person(_ gridCode: String, _ personClass: String = "green") -> [String: Any] {
        [
            "name": "李四海", "idNumber": "330102199001011234", "phone": "13900001111", "address": "桃源村三组12号",
            "gridCode": gridCode, "class": personClass, "reason": "长期邻里纠纷，曾扬言报复",
            "responsible": ["taoyuan.grid"],
        ]
    }

    @Test("a case page names a party who is a registered key person to the register's readers only, and logs it")
    func flaggedOnCasePage() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let grid = try await Self.grid(of: "taoyuan.grid", services)
            let worker = try await Self.token("taoyuan.grid", services)
            var person = Self.person(grid.code, "yellow")
            person["idNumber"] = nil
            let created = try await Self.call(client, .post, "/api/v1/key-persons", token: worker, json: person)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"] as? Int)
            // The party gives the same phone in another form and an ID number the register does not hold.
            var story = RiskAPITests.seedStory(regionCode: grid.code)
            story["parties"] = [
                ["role": "reporter", "name": "王大伟", "phone": "13900002222"],
                ["role": "respondent", "name": "李四海", "phone": "+86-13900001111", "idNumber": "330102198001011236"],
            ]
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let made = try await desk.call(.post, "/api/v1/cases", story, key: "key-person-flag")
            #expect(made.status == .created, "\(made.text)")
            let caseID = try #require(made.json["id"] as? Int)
            let marker = "id=\"key-persons-among-parties\""
            let center = try await StaffSession.signIn("taoyuan.center", client)
            let page = try await StaffSession.get(Paths.caseFile(Int64(caseID)), as: center, client)
            #expect(page.status == .ok && page.body.contains(marker))
            #expect(page.body.contains("href=\"\(Paths.keyPerson(Int64(id)))\"") && page.body.contains("黄色"))
            #expect(page.body.contains("被申请人") && !page.body.contains("当事人中有登记在册的重点人员：李四海"))
            let logged = try await services.accessLog.recent(limit: 50).filter { $0.action == "key-person.flag" }
            #expect(logged.count == 1 && logged.first?.caseID?.rawValue == Int64(caseID))
            // The township's administrator opens the case but does not read the register.
            let other = try await StaffSession.signIn("taoyuan.admin", client)
            let seen = try await StaffSession.get(Paths.caseFile(Int64(caseID)), as: other, client)
            #expect(seen.status == .ok && !seen.body.contains(marker))
        }
    }

    @Test("the responsible staff are ticked from those who read the person there; anyone else is refused by name")
    func responsibleStaff() async throws {
        // Found in review: any username was taken, so a mediator or another township's worker could be named
        // responsible for a person they may not even open.
        try await TestApp.run(seeded: true) { client, services in
            let grid = try await Self.grid(of: "taoyuan.grid", services)
            let worker = try await Self.token("taoyuan.grid", services)
            for stranger in ["taoyuan.mediator", "xicheng.grid", "county.dept"] {
                var person = Self.person(grid.code)
                person["responsible"] = ["taoyuan.grid", stranger]
                let refused = try await Self.call(client, .post, "/api/v1/key-persons", token: worker, json: person)
                #expect(refused.status == .unprocessableContent, "\(stranger)")
                #expect(refused.text.contains("responsible") && refused.text.contains("无权查看"), "\(refused.text)")
            }
            // The form offers the township's readers (the police station and the justice office too), not others.
            let browser = try await AdminBrowser.signedIn("taoyuan.grid", client)
            let form = try await browser.get(Paths.keyPersonNew)
            #expect(form.status == .ok)
            #expect(form.body.contains("value=\"taoyuan.grid\" checked"))
            for shown in ["taoyuan.center", "taoyuan.dept"] {
                #expect(form.body.contains("value=\"\(shown)\""), "\(shown)")
            }
            for hidden in ["taoyuan.mediator", "xicheng.grid", "county.dept", "taoyuan.admin", "taoyuan.leader"] {
                #expect(!form.body.contains("value=\"\(hidden)\""), "\(hidden)")
            }
            let made = try await browser.post(
                Paths.keyPersons,
                [
                    ("name", "王五"), ("address", "桃源村二组8号"), ("gridCode", grid.code), ("class", "yellow"),
                    ("reason", "多次扬言报复"), ("responsible", "taoyuan.grid"), ("responsible", "taoyuan.dept"),
                ])
            #expect(made.status == .seeOther)
            let id = try #require(made.location?.split(separator: "/").last?.split(separator: "?").first)
            let person = try #require(Int64(String(id)))
            let file = try await browser.get(Paths.keyPerson(person))
            #expect(file.body.contains("id=\"staff-form\"") && file.body.contains("value=\"taoyuan.dept\" checked"))
            let changed = try await browser.post(
                Paths.keyPerson(person) + "/responsible", [("responsible", "taoyuan.center")])
            #expect(changed.status == .seeOther && changed.location?.contains("done=staff") == true)
            let refused = try await browser.post(
                Paths.keyPerson(person) + "/responsible", [("responsible", "taoyuan.mediator")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("无权查看"))
            let none = try await browser.post(Paths.keyPerson(person) + "/responsible", [])
            #expect(none.status == .unprocessableContent && none.body.contains("包保责任人"))
        }
    }

    @Test("a key person's class change changes the visits due, through the API and the page; the reason is required")
    func classChangeMovesVisits() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let grid = try await Self.grid(of: "taoyuan.grid", services)
            let worker = try await Self.token("taoyuan.grid", services)
            let created = try await Self.call(
                client, .post, "/api/v1/key-persons", token: worker, json: Self.person(grid.code))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"] as? Int)
            #expect(created.json["class"] as? String == "green")
            let greenDue = try #require(created.json["nextVisitDue"] as? String)
            let refused = try await Self.call(
                client, .patch, "/api/v1/key-persons/\(id)", token: worker, json: ["class": "red"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("reason") && refused.text.contains("理由"))
            let red = try await Self.call(
                client, .patch, "/api/v1/key-persons/\(id)", token: worker,
                json: ["class": "red", "reason": "持刀威胁邻居，派出所已出警"])
            #expect(red.status == .ok, "\(red.text)")
            let redDue = try #require(red.json["nextVisitDue"] as? String)
            #expect(redDue < greenDue)
            let visits = try await Self.call(client, .get, "/api/v1/key-persons/\(id)/visits", token: worker)
            let items = try #require(visits.json["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["dueAt"] as? String == redDue)
            // A visit recorded: the next one is due a red interval from now.
            let visit = try await Self.call(
                client, .post, "/api/v1/key-persons/\(id)/visits", token: worker,
                json: ["outcome": "stabilised", "note": "情绪平稳"])
            #expect(visit.status == .created && visit.json["outcome"] as? String == "stabilised")
            // The page: a class change back to yellow from the form moves the due again.
            let browser = try await AdminBrowser.signedIn("taoyuan.grid", client)
            let noReason = try await browser.post("/key-persons/\(id)/class", [("class", "yellow"), ("reason", "")])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("reason"))
            let changed = try await browser.post(
                "/key-persons/\(id)/class", [("class", "yellow"), ("reason", "经心理疏导情绪稳定")])
            #expect(changed.status == .seeOther)
            let page = try await browser.get("/key-persons/\(id)?done=class")
            #expect(page.status == .ok && page.body.contains("黄色（重点关注）") && page.body.contains("经心理疏导情绪稳定"))
            let after = try #require(
                try await KeyPersonRepository(database: services.database, calendars: services.calendars).find(
                    id: Int64(id)))
            #expect(after.personClass == .yellow)
            let workspace = try await browser.get(Paths.grid)
            #expect(workspace.body.contains("重点人员走访") && workspace.body.contains("/key-persons/\(id)"))
            let recorded = try await browser.post(
                "/key-persons/\(id)/visits", [("outcome", "supported"), ("note", "送去米面油")])
            #expect(recorded.status == .seeOther)
        }
    }

    @Test("personal data is masked except for the responsible staff and the center; every view is in the access log")
    func maskingAndLog() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let grid = try await Self.grid(of: "taoyuan.grid", services)
            let worker = try await Self.token("taoyuan.grid", services)
            let created = try await Self.call(
                client, .post, "/api/v1/key-persons", token: worker, json: Self.person(grid.code))
            let id = try #require(created.json["id"] as? Int)
            #expect(created.json["idNumber"] as? String == "330102199001011234")
            // The justice office reads the person, masked: it is not named responsible.
            let justice = try await Self.call(
                client, .get, "/api/v1/key-persons/\(id)", token: try await Self.token("taoyuan.dept", services))
            #expect(justice.status == .ok)
            let seen = try #require(justice.json["person"] as? [String: Any])
            #expect(seen["idNumber"] as? String == "330102********1234" && seen["phone"] as? String == "139****1111")
            #expect(seen["name"] as? String == "李**" && seen["personalDataShown"] as? Bool == false)
            let center = try await Self.call(
                client, .get, "/api/v1/key-persons/\(id)", token: try await Self.token("taoyuan.center", services))
            #expect((center.json["person"] as? [String: Any])?["personalDataShown"] as? Bool == true)
            let list = try await Self.call(client, .get, "/api/v1/key-persons", token: worker)
            let first = try #require((list.json["items"] as? [[String: Any]])?.first)
            #expect(first["phone"] as? String == "139****1111")
            try await services.accessLog.flush()
            let entries = try await services.accessLog.recent()
            #expect(
                entries.contains {
                    $0.action == "key-person.view" && $0.username == "taoyuan.dept" && $0.detail == "key person \(id)"
                })
            #expect(
                entries.contains {
                    $0.action == "key-person.view" && $0.username == "taoyuan.center"
                        && $0.detail.hasSuffix("personal data shown")
                })
            #expect(entries.contains { $0.action == "key-persons.list" })
            #expect(entries.contains { $0.action == "key-person.register" && $0.detail == "key person \(id)" })
            let browser = try await AdminBrowser.signedIn("taoyuan.dept", client)
            let page = try await browser.get("/key-persons/\(id)")
            #expect(
                page.status == .ok && page.body.contains("330102********1234")
                    && !page.body.contains("330102199001011234"))
            try await services.accessLog.flush()
            #expect(try await services.accessLog.recent().contains { $0.action == "key-person.page" })
            let admin = try await AdminBrowser.signedIn("county.admin", client)
            let log = try await admin.get(Paths.adminAccessLog)
            #expect(log.body.contains("查看重点人员档案") && log.body.contains("重点人员 #\(id)"))
        }
    }

    @Test("citizens, mediators, administrators and other townships are refused; validation names the field")
    func refusals() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let grid = try await Self.grid(of: "taoyuan.grid", services)
            let worker = try await Self.token("taoyuan.grid", services)
            let created = try await Self.call(
                client, .post, "/api/v1/key-persons", token: worker, json: Self.person(grid.code))
            let id = try #require(created.json["id"] as? Int)
            #expect(try await Self.call(client, .get, "/api/v1/key-persons", token: nil).status == .unauthorized)
            // Leaders see the figures on their screen, not the people.
            for username in ["taoyuan.mediator", "county.admin", "county.dept", "taoyuan.leader", "county.leader"] {
                let token = try await Self.token(username, services)
                #expect(
                    try await Self.call(client, .get, "/api/v1/key-persons", token: token).status == .forbidden,
                    "\(username)")
                #expect(
                    try await Self.call(client, .get, "/api/v1/key-persons/\(id)", token: token).status == .forbidden)
            }
            for username in ["xicheng.center", "xicheng.grid", "xicheng.dept"] {
                let token = try await Self.token(username, services)
                #expect(
                    try await Self.call(client, .get, "/api/v1/key-persons/\(id)", token: token).status == .notFound)
                let list = try await Self.call(client, .get, "/api/v1/key-persons", token: token)
                #expect((list.json["items"] as? [[String: Any]])?.contains { $0["id"] as? Int == id } == false)
            }
            // Another grid worker of the same township reads only their own grid.
            let xichengGrid = try await Self.grid(of: "xicheng.grid", services)
            var outside = Self.person(xichengGrid.code)
            let wrongGrid = try await Self.call(client, .post, "/api/v1/key-persons", token: worker, json: outside)
            #expect(wrongGrid.status == .unprocessableContent && wrongGrid.text.contains("gridCode"))
            outside = Self.person(grid.code)
            outside["name"] = ""
            let noName = try await Self.call(client, .post, "/api/v1/key-persons", token: worker, json: outside)
            #expect(
                noName.status == .unprocessableContent && noName.text.contains("name") && noName.text.contains("姓名"))
            outside = Self.person(grid.code, "purple")
            #expect(
                try await Self.call(client, .post, "/api/v1/key-persons", token: worker, json: outside).status
                    == .unprocessableContent)
            outside = Self.person(grid.code)
            outside["idNumber"] = "12345"
            let badID = try await Self.call(client, .post, "/api/v1/key-persons", token: worker, json: outside)
            #expect(badID.status == .unprocessableContent && badID.text.contains("idNumber"))
            outside = Self.person(grid.code)
            outside["responsible"] = ["nobody.here"]
            #expect(
                try await Self.call(client, .post, "/api/v1/key-persons", token: worker, json: outside).status
                    == .unprocessableContent)
            let wrongType = try await Self.call(client, .post, "/api/v1/key-persons", token: worker, json: ["name": 5])
            #expect(wrongType.status == .badRequest)
            let badOutcome = try await Self.call(
                client, .post, "/api/v1/key-persons/\(id)/visits", token: worker, json: ["outcome": "fixed"])
            #expect(badOutcome.status == .unprocessableContent && badOutcome.text.contains("outcome"))
            #expect(try await Self.call(client, .get, "/api/v1/key-persons/abc", token: worker).status == .notFound)
            // Pages.
            let mediator = try await AdminBrowser.signedIn("taoyuan.mediator", client)
            #expect(try await mediator.get(Paths.keyPersons).status == .forbidden)
            let other = try await AdminBrowser.signedIn("xicheng.grid", client)
            #expect(try await other.get("/key-persons/\(id)").status == .notFound)
            let anonymous = AdminBrowser(client: client, session: nil)
            #expect(try await anonymous.get(Paths.keyPersons).status != .ok)
            let browser = try await AdminBrowser.signedIn("taoyuan.grid", client)
            let empty = try await browser.post(Paths.keyPersons, [("name", ""), ("gridCode", grid.code)])
            #expect(empty.status == .unprocessableContent && empty.body.contains("姓名") && empty.body.contains("name"))
        }
    }

    @Test("the indicator catalogue with the model in force; county administrators save a new version, others may not")
    func riskIndicators() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let worker = try await Self.token("taoyuan.grid", services)
            let catalogue = try await Self.call(client, .get, "/api/v1/risk/indicators", token: worker)
            #expect(catalogue.status == .ok)
            let indicators = try #require(catalogue.json["indicators"] as? [[String: Any]])
            #expect(indicators.count >= 40)
            let admin = try await Self.token("county.admin", services)
            let body: [String: Any] = [
                "weights": ["police-called": 30], "thresholds": ["blue": 20, "yellow": 40, "orange": 60, "red": 85],
            ]
            let township = try await Self.token("taoyuan.admin", services)
            #expect(
                try await Self.call(client, .put, "/api/v1/risk/indicators", token: township, json: body).status
                    == .forbidden)
            #expect(
                try await Self.call(client, .put, "/api/v1/risk/indicators", token: worker, json: body).status
                    == .forbidden)
            let saved = try await Self.call(client, .put, "/api/v1/risk/indicators", token: admin, json: body)
            #expect(saved.status == .ok && saved.json["version"] as? Int == 2, "\(saved.text)")
            let now = try await Self.call(client, .get, "/api/v1/risk/indicators", token: worker)
            let police = try #require(
                (now.json["indicators"] as? [[String: Any]])?.first { $0["code"] as? String == "police-called" })
            #expect(police["weight"] as? Int == 30 && police["defaultWeight"] as? Int == 25)
            var wrong = body
            wrong["weights"] = ["police-called": 300]
            let refused = try await Self.call(client, .put, "/api/v1/risk/indicators", token: admin, json: wrong)
            #expect(refused.status == .unprocessableContent && refused.text.contains("police-called"))
            wrong = body
            wrong["effectiveFrom"] = "2001-01-01"
            #expect(
                try await Self.call(client, .put, "/api/v1/risk/indicators", token: admin, json: wrong).status
                    == .unprocessableContent)
            wrong["effectiveFrom"] = "yesterday"
            #expect(
                try await Self.call(client, .put, "/api/v1/risk/indicators", token: admin, json: wrong).status
                    == .badRequest)
            // The admin page: a weight changed for the next working day, scheduled, withdrawn.
            let browser = try await AdminBrowser.signedIn("county.admin", client)
            let page = try await browser.get(Paths.adminRisk)
            #expect(
                page.status == .ok && page.body.contains("已报警") && page.body.contains("name=\"weight-police-called\""))
            var form: [(String, String)] = RiskCatalogue.standard.map { ("weight-\($0.code)", String($0.weight)) }
            form += [("blue", "20"), ("yellow", "40"), ("orange", "60"), ("red", "80")]
            let next = AdminRulesController.nextWorkingDay(after: Date(), services.calendar)
            form[0].1 = "35"
            let posted = try await browser.post(
                Paths.adminRisk, form + [("action", "model"), ("effectiveFrom", next.description)])
            #expect(posted.status == .seeOther)
            let rules = RiskRuleRepository(database: services.database)
            let version = try #require(try await rules.history().versions.last)
            #expect(version.model?.weights[RiskCatalogue.standard[0].code] == 35)
            #expect(version.status(at: Date(), among: try await rules.history().versions) == .scheduled)
            form[0].1 = "abc"
            let bad = try await browser.post(
                Paths.adminRisk, form + [("action", "model"), ("effectiveFrom", next.description)])
            #expect(
                bad.status == .unprocessableContent && bad.body.contains("weight-\(RiskCatalogue.standard[0].code)"))
            let plan = try await browser.post(
                Paths.adminRisk,
                [
                    ("action", "care-plan"), ("interval-red", "20"), ("interval-yellow", "10"),
                    ("interval-green", "22"),
                    ("effectiveFrom", next.description),
                ])
            #expect(plan.status == .unprocessableContent && plan.body.contains("红色人员的走访应不少于黄色"))
            let withdrawn = try await browser.post(
                Paths.adminRisk, [("action", "withdraw"), ("version", "\(version.id)")])
            #expect(withdrawn.status == .seeOther)
            let other = try await AdminBrowser.signedIn("taoyuan.admin", client)
            #expect(try await other.get(Paths.adminRisk).status == .forbidden)
            try await services.accessLog.flush()
            let actions = try await services.accessLog.recent().map(\.action)
            #expect(actions.contains("risk-model.save") && actions.contains("risk-rule.withdraw"))
        }
    }

    /// The conformance probe's calls of the key-person and risk-indicator operations (`OpenAPITests.answersConform`).
    static func probe(_ probe: ConformanceProbe, _ services: AppServices) async throws {
        let worker = try await token("taoyuan.grid", services)
        let admin = try await token("county.admin", services)
        let grid = try await grid(of: "taoyuan.grid", services)
        try await probe.call(.get, "/api/v1/risk/indicators", token: worker)
        try await probe.call(.get, "/api/v1/risk/indicators", token: nil)
        let model: [String: Any] = [
            "weights": [:] as [String: Int], "thresholds": ["blue": 20, "yellow": 40, "orange": 60, "red": 80],
        ]
        try await probe.call(.put, "/api/v1/risk/indicators", token: admin, json: model)
        try await probe.call(.put, "/api/v1/risk/indicators", token: worker, json: model)
        try await probe.call(
            .put, "/api/v1/risk/indicators", token: admin,
            json: ["weights": ["x": 1], "thresholds": ["blue": 20, "yellow": 40, "orange": 60, "red": 80]])
        try await probe.call(.put, "/api/v1/risk/indicators", token: admin, json: ["weights": 1])
        let created = try await probe.call(.post, "/api/v1/key-persons", token: worker, json: person(grid.code))
        let id = try #require(created.json["id"] as? Int)
        try await probe.call(.post, "/api/v1/key-persons", token: worker, json: ["name": ""])
        try await probe.call(.post, "/api/v1/key-persons", token: admin, json: person(grid.code))
        try await probe.call(.get, "/api/v1/key-persons", token: worker)
        try await probe.call(.get, "/api/v1/key-persons", "/api/v1/key-persons?class=red", token: worker)
        try await probe.call(.get, "/api/v1/key-persons", "/api/v1/key-persons?class=blue", token: worker)
        try await probe.call(.get, "/api/v1/key-persons", "/api/v1/key-persons?region=nowhere", token: worker)
        let item = "/api/v1/key-persons/{id}"
        try await probe.call(.get, item, "/api/v1/key-persons/\(id)", token: worker)
        try await probe.call(
            .get, item, "/api/v1/key-persons/\(id)", token: try await token("xicheng.center", services))
        try await probe.call(.get, item, "/api/v1/key-persons/\(id)", token: admin)
        try await probe.call(
            .patch, item, "/api/v1/key-persons/\(id)", token: worker, json: ["class": "red", "reason": "扬言报复"])
        try await probe.call(.patch, item, "/api/v1/key-persons/\(id)", token: worker, json: ["class": "red"])
        try await probe.call(.patch, item, "/api/v1/key-persons/\(id)", token: worker, json: ["class": 3])
        let visits = "/api/v1/key-persons/{id}/visits"
        try await probe.call(
            .post, visits, "/api/v1/key-persons/\(id)/visits", token: worker, json: ["outcome": "counselled"])
        try await probe.call(.post, visits, "/api/v1/key-persons/\(id)/visits", token: worker, json: ["outcome": "x"])
        try await probe.call(.get, visits, "/api/v1/key-persons/\(id)/visits", token: worker)
        try await probe.call(.get, visits, "/api/v1/key-persons/999999/visits", token: worker)
    }
}
