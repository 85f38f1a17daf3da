import FengqiaoCore
import FengqiaoDemo
import FengqiaoStore
import FengqiaoTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

@testable import FengqiaoServer

/// The structure import end to end (docs/ONBOARDING.md): the readers (xlsx, CSV in UTF-8 and GB18030), the sample
/// county saved by Chinese Excel, the store on both engines (all or nothing, again changes nothing), the page and
/// the command-line output's words.
@Suite("Structure import: files, store and pages")
struct StructureImportServerTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/samples/onboarding")

    static func sampleWorkbook() throws -> StructureUpload {
        let url = samples.appendingPathComponent("青溪县组织架构.xlsx")
        return StructureUpload(name: url.lastPathComponent, data: try Data(contentsOf: url))
    }

    static func sampleCSVs() throws -> [StructureUpload] {
        try ["区划", "网格", "组织", "用户", "调解员"].map { name in
            let url = samples.appendingPathComponent("csv-gb18030/\(name).csv")
            return StructureUpload(name: url.lastPathComponent, data: try Data(contentsOf: url))
        }
    }

    /// A workbook written part by part, as Excel writes it: shared strings (with a phonetic guide), numbers in
    /// exponent notation, an inline string, a formula's cached text, a gap between cells.
    static func handmadeWorkbook() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<min(Int(position) + size, data.count)) }
        }
        let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
        try add(
            "xl/workbook.xml",
            "<?xml version=\"1.0\"?><workbook \(main) xmlns:r=\"r\"><sheets>"
                + "<sheet name=\"用户\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"说明\" sheetId=\"2\" r:id=\"rId2\"/>"
                + "</sheets></workbook>")
        try add(
            "xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>")
        try add(
            "xl/sharedStrings.xml",
            "<sst \(main)><si><t>用户名</t></si><si><t>姓名</t></si><si><t>手机</t></si><si><t>角色</t></si>"
                + "<si><t>所属单位</t></si><si><t>管辖区划代码</t></si>"
                + "<si><r><t>张</t></r><r><t xml:space=\"preserve\">伟</t></r><rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh></si>"
                + "<si><t>A&amp;B 中心</t></si></sst>")
        try add(
            "xl/worksheets/sheet1.xml",
            "<worksheet \(main)><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
                + "<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"G1\" t=\"s\"><v>5</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>zhang.wei</t></is></c><c r=\"B3\" t=\"s\"><v>6</v></c>"
                + "<c r=\"C3\"><v>1.3905760001E10</v></c><c r=\"D3\" t=\"str\"><f>\"领导\"</f><v>领导</v></c>"
                + "<c r=\"E3\" t=\"s\"><v>7</v></c><c r=\"G3\"><v>339921101</v></c></row>"
                + "</sheetData></worksheet>")
        try add("xl/worksheets/sheet2.xml", "<worksheet \(main)><sheetData/></worksheet>")
        return try #require(archive.data)
    }

    @Test("an xlsx is read as Excel wrote it: shared strings without phonetic guides, numbers as their digits")
    func xlsxReader() throws {
        let sheets = try XLSXReader.read(try Self.handmadeWorkbook())
        #expect(sheets.map(\.name) == ["用户", "说明"])
        let rows = try #require(sheets.first?.rows)
        #expect(rows.first?.fields == ["用户名", "姓名", "手机", "角色", "所属单位", "", "管辖区划代码"])
        #expect(rows.last?.line == 3)
        #expect(rows.last?.fields == ["zhang.wei", "张伟", "13905760001", "领导", "A&B 中心", "", "339921101"])
        #expect(XLSXReader.numberText("12.5") == "12.5")
        #expect(XLSXReader.numberText("3.3059910100100002E11") == "330599101001")
        #expect(XLSXReader.columnIndex("AB12") == 27)
        let (tables, problems) = StructureFiles.tables([
            StructureUpload(name: "架构.xlsx", data: try Self.handmadeWorkbook())
        ])
        #expect(problems.isEmpty)
        #expect(tables.map(\.source) == ["架构.xlsx「用户」"] && tables.first?.lettered == true)
    }

    @Test("CSV files in GB18030 and in UTF-8 with a byte-order mark read alike; an .xls or a stray file is named")
    func csvEncodings() throws {
        let text = "用户名,姓名,手机,角色,所属单位\r\nzhang.wei,张伟,13905760001,领导,桃源镇综治中心\r\n"
        let gb = try #require(text.data(using: ImportReader.gb18030))
        #expect(String(data: gb, encoding: .utf8) == nil)
        let utf8 = Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        let (tables, problems) = StructureFiles.tables([
            StructureUpload(name: "用户.csv", data: gb), StructureUpload(name: "users-utf8.csv", data: utf8),
        ])
        #expect(problems.isEmpty)
        #expect(tables.count == 2 && tables[0].rows == tables[1].rows && tables[0].header == tables[1].header)
        #expect(tables[0].rows.first?.fields[1] == "张伟")
        let (_, refused) = StructureFiles.tables([
            StructureUpload(name: "老表格.xls", data: Data([0xD0, 0xCF, 0x11, 0xE0, 0, 0])),
            StructureUpload(name: "名单.csv", data: Data(text.utf8)),
        ])
        #expect(refused.map(\.source) == ["老表格.xls", "名单.csv"])
        #expect(refused[0].message.zh.contains(".xlsx"))
    }

    @Test("the templates: five sheets with their header rows and 说明; read back, they are an empty, valid upload")
    func templates() throws {
        let workbook = try StructureTemplate.xlsx()
        let sheets = try XLSXReader.read(workbook)
        #expect(sheets.map(\.name) == ["区划", "网格", "组织", "用户", "调解员", "说明"])
        #expect(sheets[0].rows.first?.fields == StructureSheet.regions.columns.map(\.header))
        let (tables, problems) = StructureFiles.tables([StructureUpload(name: "模板.xlsx", data: workbook)])
        #expect(problems.isEmpty && tables.count == 5)
        let zip = try StructureTemplate.zip()
        let (csvTables, csvProblems) = StructureFiles.tables([StructureUpload(name: "模板.zip", data: zip)])
        #expect(csvProblems.isEmpty)
        #expect(csvTables.map(\.sheet) == StructureSheet.allCases)
        let plan = StructureImport(existing: ExistingStructure()).plan(csvTables)
        #expect(plan.problems.isEmpty && plan.changesNothing)
    }

    @Test(
        "the sample county, saved by Chinese Excel, imports in one go; again (as GB18030 CSV) it changes nothing",
        arguments: TestEngine.available)
    func sampleCounty(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let importer = StructureImporter(
                database: database, clock: .system, passwords: PasswordHasher(), passwordCost: 4)
            let checked = try await importer.run([try Self.sampleWorkbook()], scope: nil, apply: false)
            #expect(checked.plan.problems == [] && !checked.applied && checked.accounts.isEmpty)
            #expect(try await UserRepository(database: database).count() == 0)

            let applied = try await importer.run([try Self.sampleWorkbook()], scope: nil, apply: true)
            #expect(applied.applied)
            #expect(StructureSheet.allCases.map(applied.plan.added) == [7, 10, 6, 8, 4])
            #expect(applied.accounts.count == 8)
            let users = UserRepository(database: database)
            let admin = try #require(try await users.find(username: "qx.admin"))
            #expect(admin.mustChangePassword && admin.phone == "13905760001")
            let password = try #require(applied.accounts.first { $0.username == "qx.admin" }?.password)
            #expect(Passwords.verify(password, hash: admin.passwordHash))
            #expect(!admin.passwordHash.contains(password))
            let wang = try #require(try await users.find(username: "xk.wang"))
            let card = try #require(try await MediatorRepository(database: database).find(userID: wang.id))
            #expect(card.name == "王建国" && card.goldMedal)
            #expect(try await RegionRepository(database: database).count(level: .grid) == 10)

            let again = try await importer.run(try Self.sampleCSVs(), scope: nil, apply: true)
            #expect(again.plan.problems == [] && again.plan.notices == [])
            #expect(!again.applied && again.plan.changesNothing && again.accounts.isEmpty)
            #expect(StructureSheet.allCases.map { again.plan.unchanged[$0] ?? 0 } == [7, 10, 6, 8, 4])
            #expect(try await users.count() == 8)
        }
    }

    @Test(
        "all or nothing: a problem anywhere writes nothing, and a failure inside the transaction undoes it all",
        arguments: TestEngine.available)
    func allOrNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let importer = StructureImporter(
                database: database, clock: .system, passwords: PasswordHasher(), passwordCost: 4)
            var files = try Self.sampleCSVs()
            files[4] = StructureUpload(
                name: "调解员.csv",
                data: Data("姓名,所属单位\r\n无名氏,不存在的调解委员会\r\n".utf8))
            let refused = try await importer.run(files, scope: nil, apply: true)
            #expect(!refused.applied && refused.plan.problems.count == 1)
            #expect(refused.plan.problems.first?.text.zh.hasPrefix("调解员.csv 第2行 第2列“所属单位”") == true)
            #expect(try await RegionRepository(database: database).count() == 0)

            // A plan whose last row fails in the database (its organisation does not exist): nothing stays.
            let plan = StructureImport(existing: ExistingStructure()).plan(
                StructureFiles.tables(try Self.sampleCSVs()).tables)
            var additions = plan.additions
            additions.mediators[3].organisationKey = "nowhere/nobody"
            await #expect(throws: (any Error).self) {
                try await StructureImportStore.apply(
                    additions, hashes: Dictionary(uniqueKeysWithValues: additions.users.map { ($0.username, "x") }),
                    now: Date(), into: database)
            }
            #expect(try await RegionRepository(database: database).count() == 0)
            #expect(try await UserRepository(database: database).count() == 0)
        }
    }

    @Test("/admin/import: check, confirm, passwords once, the access log; outside the jurisdiction is refused")
    func page() async throws {
        try await TestApp.run(seeded: true) { client, services in
            let admin = try await AdminBrowser.signedIn("county.admin", client)
            let page = try await admin.get(Paths.adminImport)
            #expect(page.status == .ok && page.body.contains("id=\"import-form\""))
            #expect(page.body.contains("multipart/form-data"))
            #expect(try await admin.get(Paths.admin).body.contains(Paths.adminImport))
            let template = try await client.execute(
                uri: Paths.adminImportTemplateXLSX, method: .get,
                headers: [.cookie: "\(SessionAuthenticator.cookieName)=\(admin.session ?? "")"]
            ) { response in
                #expect(response.status == .ok)
                return Data(buffer: response.body)
            }
            #expect(try XLSXReader.read(template).count == 6)

            let token = try #require(page.body.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            let csv = Array(
                ("网格代码,网格名称,所属村（社区）代码\r\n339921101201-91,页面测试网格,339921101201\r\n"
                    + "339921101201-92,页面测试网格二,339921101201\r\n").utf8)
            let users = Array(
                "用户名,姓名,角色,所属单位,管辖区划代码\r\npage.grid,页面网格员,网格员,桃源镇综治中心,339921101201-91\r\n".utf8)
            func post(
                _ fields: [(String, String)], files: [(name: String, fileName: String, bytes: [UInt8])]
            )
                async throws -> AdminBrowser.Page
            {
                let (body, type) = ReportPagesTests.multipart(fields, files: files)
                return try await client.execute(
                    uri: Paths.adminImport, method: .post,
                    headers: [
                        .cookie: "\(SessionAuthenticator.cookieName)=\(admin.session ?? "")", .contentType: type,
                    ], body: body
                ) { AdminBrowser.Page(status: $0.status, body: String(buffer: $0.body), location: nil) }
            }
            let check = try await post(
                [("_csrf", String(token)), ("action", "check")],
                files: [("files", "网格.csv", csv), ("files", "用户.csv", users)])
            #expect(check.status == .ok)
            #expect(check.body.contains("id=\"import-confirm\"") && !check.body.contains("import-passwords"))
            #expect(try await services.regions.find(code: "339921101201-91") == nil)
            let staged = try #require(check.body.firstMatch(of: /name="staged" value="([^"]+)"/)?.1)

            let done = try await post(
                [("_csrf", String(token)), ("action", "apply"), ("staged", String(staged))], files: [])
            #expect(done.status == .ok)
            #expect(done.body.contains("id=\"import-passwords\"") && done.body.contains("page.grid"))
            #expect(try await services.regions.find(code: "339921101201-92") != nil)
            #expect(try await services.users.find(username: "page.grid")?.mustChangePassword == true)
            let entries = try await services.accessLog.recent(limit: 20)
            let entry = try #require(entries.first { $0.action == "structure.import" })
            #expect(entry.username == "county.admin")
            #expect(entry.detail == "structure import: regions 0, grids 2, organisations 0, users 1, mediators 0")

            // The same again: nothing to add, no confirmation.
            let again = try await post(
                [("_csrf", String(token)), ("action", "check")],
                files: [("files", "网格.csv", csv), ("files", "用户.csv", users)])
            #expect(again.status == .ok && !again.body.contains("import-confirm"))
            #expect(again.body.contains("没有需要新增的内容"))

            // What a cell holds is shown as text, never as markup.
            let hostile = try await post(
                [("_csrf", String(token)), ("action", "check")],
                files: [
                    (
                        "files", "区划.csv",
                        Array("代码,名称,级别,上级代码\r\n339921101299,恶意村,<script>alert(1)</script>,339921101\r\n".utf8)
                    )
                ])
            #expect(hostile.status == .unprocessableContent)
            #expect(!hostile.body.contains("<script>alert(1)") && hostile.body.contains("&lt;script&gt;"))

            // A township's administrator cannot add under another township; the problem names the row.
            let township = try await AdminBrowser.signedIn("taoyuan.admin", client)
            let own = try await township.get(Paths.adminImport)
            let ownToken = try #require(own.body.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            let (body, type) = ReportPagesTests.multipart(
                [("_csrf", String(ownToken)), ("action", "check")],
                files: [
                    (
                        "files", "网格.csv",
                        Array("网格代码,网格名称,所属村（社区）代码\r\n339921102201-91,别处网格,339921102201\r\n".utf8)
                    )
                ])
            try await client.execute(
                uri: Paths.adminImport, method: .post,
                headers: [.cookie: "\(SessionAuthenticator.cookieName)=\(township.session ?? "")", .contentType: type],
                body: body
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("不在您的管辖范围内") && html.contains("第2行"))
            }
            // Not an administrator: no page.
            let desk = try await AdminBrowser.signedIn("taoyuan.center", client)
            #expect(try await desk.get(Paths.adminImport).status == .forbidden)
        }
    }
}
