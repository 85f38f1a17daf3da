import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FengqiaoServer

/// Administering regions and organisations (issue 16) from the `/admin` pages and `/api/v1`: rename, households,
/// boundary from GeoJSON, move, retire with the reason when something depends on it, organisations edited and
/// retired; each change in the access log, each within the administrator's jurisdiction.
@Suite("Regions and organisations administered")
struct StructureAPITests {
    static var square: [String: Any] {
        [
            "type": "Feature", "properties": ["name": "东门"],
            "geometry": [
                "type": "Polygon",
                "coordinates": [[[120.0, 29.0], [120.01, 29.0], [120.01, 29.01], [120.0, 29.01], [120.0, 29.0]]],
            ],
        ]
    }

    /// Every operation of the structure answered 2xx at least once, with its schema checked (`OpenAPITests`).
    static func probe(_ probe: ConformanceProbe, admin: String, other: String) async throws {
        let regions = "/api/v1/regions"
        #expect(try await probe.call(.get, regions, token: other).status == .forbidden)
        let list = try await probe.call(.get, regions, token: admin)
        #expect((list.json["items"] as? [Any])?.isEmpty == false)
        try await probe.call(.get, regions, "\(regions)?retired=true", token: admin)
        let county = try #require(
            (list.json["items"] as? [[String: Any]])?.first { $0["level"] as? String == "county" })
        let countyCode = try #require(county["code"] as? String)
        let township: [String: Any] = [
            "code": "\(countyCode)950", "name": "新设镇", "level": "township", "parentCode": countyCode,
            "households": 100, "boundary": square,
        ]
        let made = try await probe.call(.post, regions, token: admin, json: township)
        #expect(made.status == .created, "\(made.text)")
        let one = "\(regions)/{code}"
        let code = "\(countyCode)950"
        #expect(try await probe.call(.get, one, "\(regions)/\(code)", token: admin).status == .ok)
        #expect(try await probe.call(.get, one, "\(regions)/nowhere", token: admin).status == .notFound)
        let patched = try await probe.call(
            .patch, one, "\(regions)/\(code)", token: admin, json: ["name": "新设镇（更名）", "boundary": NSNull()])
        #expect(
            patched.status == .ok && patched.json["name"] as? String == "新设镇（更名）" && patched.json["boundary"] == nil)
        let bad = try await probe.call(
            .patch, one, "\(regions)/\(code)", token: admin,
            json: ["boundary": ["type": "LineString", "coordinates": [[120, 29], [121, 30]]]])
        #expect(bad.status == .unprocessableContent && bad.text.contains("LineString"))
        #expect(try await probe.call(.post, "\(one)/retire", "\(regions)/\(code)/retire", token: admin).status == .ok)
        #expect(try await probe.call(.post, "\(one)/restore", "\(regions)/\(code)/restore", token: admin).status == .ok)

        let organisations = "/api/v1/organisations"
        #expect(try await probe.call(.get, organisations, token: other).status == .forbidden)
        try await probe.call(.get, organisations, token: admin)
        try await probe.call(.get, organisations, "\(organisations)?retired=true", token: admin)
        let added = try await probe.call(
            .post, organisations, token: admin,
            json: ["name": "新设镇司法所", "kind": "department", "regionCode": code, "phone": "0571-12345678"])
        #expect(added.status == .created, "\(added.text)")
        let id = try #require(added.json["id"] as? Int)
        let path = "\(organisations)/{id}"
        #expect(try await probe.call(.get, path, "\(organisations)/\(id)", token: admin).status == .ok)
        let edited = try await probe.call(
            .patch, path, "\(organisations)/\(id)", token: admin,
            json: ["kind": "mediationCommittee", "specialties": ["marriageFamily"], "phone": ""])
        #expect(edited.status == .ok && edited.json["kind"] as? String == "mediationCommittee")
        #expect(edited.json["phone"] == nil)
        #expect(
            try await probe.call(.post, "\(path)/retire", "\(organisations)/\(id)/retire", token: admin).status == .ok)
        #expect(
            try await probe.call(.post, "\(path)/restore", "\(organisations)/\(id)/restore", token: admin).status == .ok
        )
    }

    /// A grid of 桃源镇 with one open case (registered at the township's desk through the API), and the township.
    static func busyGrid(
        _ client: any TestClientProtocol, _ services: AppServices
    ) async throws -> (township: Region, grid: Region, open: Int, caseID: Int) {
        let township = try await AdminPagesTests.township("桃源镇", services)
        let grid = try #require(try await services.regions.find(code: "339921101201-01"))
        let desk = try await APIClient.signIn("taoyuan.center", client, services)
        let made = try await desk.call(.post, "/api/v1/cases", CaseAPITests.intake, key: "structure-open")
        #expect(made.status == .created, "\(made.text)")
        let open = try await services.regions.dependents(of: grid.id).openCases
        #expect(open == 1)
        return (township, grid, open, try #require(made.json["id"] as? Int))
    }

    @Test(
        "an administrator renames a grid, sets its households and uploads its boundary on its page; a bad file is refused naming what is wrong; the access log tells each change in Chinese"
    )
    func regionPage() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let (_, grid, _, _) = try await Self.busyGrid(client, services)
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let path = Paths.adminRegion(grid.code)
            let page = try await admin.get(path)
            #expect(page.status == .ok && page.body.contains(grid.name))
            #expect(try await admin.get(Paths.adminRegions).body.contains("href=\"\(path)\""))
            let saved = try await admin.post(path, [("action", "edit"), ("name", "东门网格"), ("households", "321")])
            #expect(saved.status == .seeOther && saved.location == "\(path)?done=saved")
            #expect(try await admin.get(saved.location ?? "").body.contains("已保存"))
            let stored = try #require(try await services.regions.find(code: grid.code))
            #expect(stored.name == "东门网格" && stored.households == 321)
            let blank = try await admin.post(path, [("action", "edit"), ("name", " "), ("households", "1")])
            #expect(blank.status == .unprocessableContent && blank.body.contains("区域名称"))
            // The boundary pasted as GeoJSON (the page also takes a file: the same field of a multipart form).
            let geojson = String(decoding: try JSONSerialization.data(withJSONObject: Self.square), as: UTF8.self)
            let uploaded = try await admin.post(path, [("action", "boundary"), ("boundaryText", geojson)])
            #expect(uploaded.status == .seeOther)
            #expect(try await services.regions.find(code: grid.code)?.boundary?.ring.count == 5)
            let wrong = try await admin.post(
                path,
                [
                    ("action", "boundary"),
                    ("boundaryText", #"{"type":"Polygon","coordinates":[[[29,200],[1,2],[3,4]]]}"#),
                ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("第 1 个点") && wrong.body.contains("超出范围"))
            let log = try await admin.get(Paths.adminAccessLog).body
            #expect(log.contains("修改区域") && log.contains("名称：") && log.contains("→ 东门网格"))
            #expect(log.contains("户数") && log.contains("边界：已更新"))
        }
    }

    @Test(
        "retiring a grid is refused while open cases depend on it, with how many; an empty grid retires and leaves the pick-lists and the QR sheet, then comes back on restore; a move is refused while open cases lie in it"
    )
    func retireAndMove() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let (township, grid, open, _) = try await Self.busyGrid(client, services)
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let refused = try await admin.post(Paths.adminRegion(grid.code), [("action", "retire")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("该网格仍有 \(open) 件未办结案件"))
            #expect(refused.body.contains("\(open) 件未办结案件"))
            #expect(try await services.regions.find(code: grid.code)?.isRetired == false)
            // Moving the busy grid's village to another village of the township is refused too.
            let village = try #require(grid.parentID)
            let otherVillage = try #require(
                try await services.regions.children(of: township.id).first { $0.id != village })
            let move = try await admin.post(
                Paths.adminRegion(try #require(try await services.regions.find(id: village)).code),
                [("action", "move"), ("parent", township.code)])
            #expect(move.status == .seeOther)  // the same parent: nothing to do
            let moveGrid = try await admin.post(
                Paths.adminRegion(grid.code), [("action", "move"), ("parent", otherVillage.code)])
            #expect(moveGrid.status == .unprocessableContent && moveGrid.body.contains("未办结案件"))
            // An empty grid: added, moved, retired, restored.
            let added = try await admin.post(
                Paths.adminRegions,
                [
                    ("parent", try #require(try await services.regions.find(id: village)).code), ("level", "grid"),
                    ("code", "\(grid.code)-X"), ("name", "临时网格"), ("households", "0"),
                ])
            #expect(added.status == .seeOther)
            let empty = Paths.adminRegion("\(grid.code)-X")
            let moved = try await admin.post(empty, [("action", "move"), ("parent", otherVillage.code)])
            #expect(moved.status == .seeOther && moved.location == "\(empty)?done=moved")
            let path = try await services.regions.path(
                of: try #require(try await services.regions.find(code: "\(grid.code)-X")).id)
            #expect(path?.hasSuffix("/\(otherVillage.code)/\(grid.code)-X/") == true)
            let retired = try await admin.post(empty, [("action", "retire")])
            #expect(retired.status == .seeOther && retired.location == "\(empty)?done=retired")
            #expect(try await admin.get(Paths.adminRegions).body.contains("临时网格</a>（已撤销）"))
            // Gone from the pick-lists (the organisations' region picker) and the QR sheet.
            #expect(!(try await admin.get(Paths.adminOrganisations).body.contains("value=\"\(grid.code)-X\"")))
            #expect(!(try await admin.get(Paths.adminQRCodes).body.contains("\(grid.code)-X")))
            #expect(try await admin.post(empty, [("action", "restore")]).status == .seeOther)
            #expect(try await admin.get(Paths.adminOrganisations).body.contains("value=\"\(grid.code)-X\""))
        }
    }

    @Test(
        "an organisation's page edits its name, phone and specialties; retiring one with users is refused naming them; an empty one retires and leaves the pick-lists"
    )
    func organisationPage() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let township = try await AdminPagesTests.township("桃源镇", services)
            let admin = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let center = try #require(try await services.organisations.nearestCenter(for: township.id))
            let path = Paths.adminOrganisation(center.id)
            #expect(try await admin.get(Paths.adminOrganisations).body.contains("href=\"\(path)\""))
            let refused = try await admin.post(path, [("action", "retire")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("名用户"))
            let department = try await services.organisations.create(
                NewOrganisation(name: "桃源镇临时专班", kind: .department, regionID: township.id))
            let own = Paths.adminOrganisation(department.id)
            let saved = try await admin.post(
                own,
                [
                    ("action", "edit"), ("name", "桃源镇信访专班"), ("kind", "department"), ("region", township.code),
                    ("phone", "0571-8888 6666"), ("specialties", "marriageFamily"), ("specialties", "unpaidWages"),
                ])
            #expect(saved.status == .seeOther && saved.location == "\(own)?done=saved")
            let stored = try #require(try await services.organisations.find(id: department.id))
            #expect(stored.name == "桃源镇信访专班" && stored.phone == "0571-8888 6666")
            #expect(stored.specialties == [.marriageFamily, .unpaidWages])
            let badPhone = try await admin.post(
                own,
                [
                    ("action", "edit"), ("name", "桃源镇信访专班"), ("kind", "department"), ("region", township.code),
                    ("phone", "abc"),
                ])
            #expect(badPhone.status == .unprocessableContent && badPhone.body.contains("联系电话"))
            #expect(try await admin.post(own, [("action", "retire")]).status == .seeOther)
            #expect(try await services.organisations.find(id: department.id)?.isRetired == true)
            // Not offered to new users any more.
            #expect(!(try await admin.get(Paths.adminUsers).body.contains("桃源镇信访专班")))
            let log = try await admin.get(Paths.adminAccessLog).body
            #expect(log.contains("撤销单位") && log.contains("修改单位"))
            // Another township's organisation is not found for 桃源镇's administrator.
            let xicheng = try await AdminPagesTests.township("溪城街道", services)
            let foreign = try #require(try await services.organisations.nearestCenter(for: xicheng.id))
            #expect(try await admin.get(Paths.adminOrganisation(foreign.id)).status == .notFound)
        }
    }

    @Test("the API moves a region with its subtree, refuses other roles, and answers the jurisdiction's regions only")
    func api() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let (township, grid, open, caseID) = try await Self.busyGrid(client, services)
            let admin = try await APIClient.signIn("taoyuan.admin", client, services)
            let list = try await admin.call(.get, "/api/v1/regions")
            let codes = (list.json["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
            #expect(codes.first == township.code && codes.contains(grid.code))
            let xicheng = try await AdminPagesTests.township("溪城街道", services)
            #expect(!codes.contains(xicheng.code))
            #expect(try await admin.call(.get, "/api/v1/regions/\(xicheng.code)").status == .notFound)
            let grider = try await APIClient.signIn("taoyuan.grid", client, services)
            #expect(try await grider.call(.get, "/api/v1/regions").status == .forbidden)
            let retire = try await admin.call(.post, "/api/v1/regions/\(grid.code)/retire")
            #expect(retire.status == .unprocessableContent && retire.text.contains("\(open) 件未办结案件"))
            // A retired organisation is dispatched nothing new, through the API either.
            let spare = try await services.organisations.create(
                NewOrganisation(name: "桃源镇临时专班", kind: .department, regionID: township.id))
            #expect(try await admin.call(.post, "/api/v1/organisations/\(spare.id.rawValue)/retire").status == .ok)
            let desk = try await APIClient.signIn("taoyuan.center", client, services)
            let dispatch = try await desk.call(
                .post, "/api/v1/cases/\(caseID)/actions/dispatch", ["lead": spare.id.rawValue])
            #expect(dispatch.status == .unprocessableContent && dispatch.text.contains("organisation.retired"))
            // A village without cases moves with its grids under another township of the county (county admin).
            let county = try await APIClient.signIn("county.admin", client, services)
            var quiet: Region?
            for village in try await services.regions.children(of: township.id)
            where try await services.regions.dependents(of: village.id).openCases == 0 {
                quiet = village
                break
            }
            if let quiet {
                let moved = try await county.call(.patch, "/api/v1/regions/\(quiet.code)", ["parentCode": xicheng.code])
                #expect(moved.status == .ok && moved.json["parentCode"] as? String == xicheng.code, "\(moved.text)")
                for region in try await services.regions.subtree(of: quiet.id, includeRetired: true) {
                    #expect(try await services.regions.isWithin(region.id, subtreeOf: xicheng.id))
                }
                // Now outside 桃源镇's administrator's jurisdiction.
                #expect(try await admin.call(.get, "/api/v1/regions/\(quiet.code)").status == .notFound)
            }
        }
    }
}
