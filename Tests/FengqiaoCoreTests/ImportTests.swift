import FengqiaoCore
import Foundation
import Testing

@Suite("Imports: CSV reader, formats and mapping")
struct ImportTests {
    static let now = ImportDate.parse("2025-06-01 12:00")!
    static let grid = Region.ID(42)
    static func region(_ code: String) -> Region.ID? { code == "339921101201-01" ? grid : nil }

    static func records(_ text: String, _ format: ImportFormat, _ type: ImportFileType = .csv) throws -> [ImportRecord]
    {
        try ImportReader.read(Data(text.utf8), as: type, format: format)
    }

    static func map(_ record: ImportRecord, _ format: ImportFormat) -> Result<ImportedIntake, ImportRefusal> {
        ImportMapper.map(record, format: format, now: now, region: region)
    }

    // MARK: CSV

    @Test("quoted fields, doubled quotes, commas and newlines inside quotes, CRLF and a BOM")
    func csvQuoting() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\r\nlines\"\r\n\r\n2,,last\n"
        let table = try CSVTable.parse(text)
        #expect(table.header == ["a", "b", "c"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0] == CSVTable.Row(line: 2, fields: ["1", "x, \"y\"", "two\r\nlines"]))
        // The quoted line break moves the next record's line on; the blank line is skipped.
        #expect(table.rows[1] == CSVTable.Row(line: 5, fields: ["2", "", "last"]))
    }

    @Test("an unclosed quote and text after a closing quote are file errors with their line")
    func csvErrors() {
        #expect(throws: ImportFileError.csv(line: 2, reason: Localized(zh: "引号没有闭合。", en: "a quote is not closed."))) {
            try CSVTable.parse("a,b\n1,\"open\n2,3\n")
        }
        #expect(throws: ImportFileError.self) { try CSVTable.parse("a,b\n\"x\"y,2\n") }
    }

    @Test("a written row reads back the same")
    func csvRoundTrip() throws {
        let fields = ["张三", "说\"你好\"", "a,b", "two\nlines", " padded", ""]
        let table = try CSVTable.parse(CSVTable.row(["h1", "h2", "h3", "h4", "h5", "h6"]) + CSVTable.row(fields))
        #expect(table.rows.first?.fields == fields)
    }

    // MARK: Formats

    static let hotlineCSV = """
        工单编号,来电时间,来电人,联系电话,诉求类型,诉求内容,事发地址,所属区划代码
        GD20250301001,2025-03-01 09:15:00,李秀英,13905710001,劳动保障,"装修公司拖欠工资三个月
        共六名工人，合计约四万元",桃源镇桃源村3组,339921101201-01
        GD20250301002,2025/3/1 10:02,,,咨询,咨询公租房申请条件,,339921101201-01
        """

    @Test("a 12345 work order becomes a hotline intake with its source id, title, category and reporter")
    func hotline() throws {
        let records = try Self.records(Self.hotlineCSV, .hotline12345)
        #expect(records.map(\.line) == [2, 4])
        let first = try Self.map(records[0], .hotline12345).get()
        #expect(first.intake.channel == .hotline12345)
        #expect(first.intake.sourceReference == "GD20250301001")
        #expect(first.intake.title == "装修公司拖欠工资三个月")
        #expect(first.intake.description.hasPrefix("装修公司拖欠工资三个月\n共六名工人"))
        #expect(first.intake.description.contains("来电时间：2025-03-01 09:15:00"))
        #expect(first.intake.categoryCode == "livelihood.unpaid-wages")
        #expect(first.intake.urgency == .troublesome && first.intake.kind == .request)
        #expect(first.intake.regionID == Self.grid)
        #expect(first.intake.address == "桃源镇桃源村3组")
        #expect(first.intake.parties == [Party(role: .reporter, name: "李秀英", phone: "13905710001")])
        #expect(!first.intake.anonymous)
        #expect(first.receivedAt == ImportDate.parse("2025-03-01T01:15:00Z"))
        let second = try Self.map(records[1], .hotline12345).get()
        #expect(second.intake.anonymous && second.intake.parties.isEmpty)
        #expect(second.intake.kind == .consultation && second.intake.categoryCode == nil)
    }

    @Test("English headers are accepted as aliases, in any case and with underscores")
    func aliases() throws {
        let text = """
            source_id,Received At,callerName,phone,type,content,address,regionCode
            X1,2025-03-01,王五,13905710002,物业管理,电梯停运,,339921101201-01
            """
        let intake = try Self.map(try Self.records(text, .hotline12345)[0], .hotline12345).get().intake
        #expect(intake.sourceReference == "X1" && intake.categoryCode == "livelihood.property-management")
    }

    @Test("a 110 incident maps its category; a court referral has two parties; a petition its type")
    func otherFormats() throws {
        let police = """
            警情编号,报警时间,报警人,电话,警情类别,简要警情,发生地址,辖区代码
            J3399212025030100012,2025-03-01 21:40,赵六,13905710003,纠纷-邻里纠纷,楼上漏水引发争吵,青山镇,339921101201-01
            """
        let incident = try Self.map(try Self.records(police, .police110)[0], .police110).get().intake
        #expect(incident.channel == .police110 && incident.categoryCode == "livelihood.neighbour")

        let court = """
            案号,委派日期,原告,原告电话,被告,被告电话,案由,诉讼请求,区划代码
            （2025）浙0921民诉前调1234号,2025-03-02,钱七,13905710004,孙八,,民间借贷纠纷,请求偿还借款5万元,339921101201-01
            """
        let referral = try Self.map(try Self.records(court, .court)[0], .court).get().intake
        #expect(referral.channel == .courtReferral && referral.sourceReference == "（2025）浙0921民诉前调1234号")
        #expect(
            referral.parties == [
                Party(role: .reporter, name: "钱七", phone: "13905710004"), Party(role: .other, name: "孙八"),
            ])
        #expect(referral.categoryCode == "livelihood.contract")

        let petitions = """
            信访件编号,登记日期,信访人,电话,身份证号,信访类别,信访事项,区划代码
            XF2025-0001,2025年3月3日,周九,13905710005,330921199001011234,申诉求决,要求解决征地补偿,339921101201-01
            XF2025-0002,2025-03-03,吴十,13905710006,,矛盾纠纷,与邻居宅基地界线争议,339921101201-01
            """
        let read = try Self.records(petitions, .petition)
        let petition = try Self.map(read[0], .petition).get().intake
        #expect(petition.channel == .petition && petition.categoryCode == "safety.petition")
        #expect(petition.parties.first?.idNumber == "330921199001011234")
        #expect(try Self.map(read[1], .petition).get().intake.categoryCode == nil)
    }

    @Test("bad records are refused with their line and a reason in both languages")
    func refusals() throws {
        let text = """
            工单编号,来电时间,来电人,联系电话,诉求类型,诉求内容,事发地址,所属区划代码
            ,2025-03-01,甲,13905710001,,没有编号,,339921101201-01
            A2,2025-03-01,乙,13905710001,,,,339921101201-01
            A3,2025-13-01,丙,13905710001,,日期错误,,339921101201-01
            A4,2025-03-01,丁,12345,,电话错误,,339921101201-01
            A5,2025-03-01,戊,13905710001,,区划错误,,999999
            A6,2025-03-01,己,13905710001,,列数不对
            A7,2030-03-01,庚,13905710001,,未来日期,,339921101201-01
            """
        let refused = try Self.records(text, .hotline12345).map { record -> ImportRefusal? in
            if case .failure(let refusal) = Self.map(record, .hotline12345) { return refusal }
            return nil
        }
        #expect(refused.map { $0?.line } == [2, 3, 4, 5, 6, 7, 8])
        #expect(refused[0]?.problem == .missing(column: "工单编号"))
        #expect(refused[1]?.problem == .missing(column: "诉求内容"))
        #expect(refused[2]?.problem == .badDate(column: "来电时间", value: "2025-13-01"))
        #expect(refused[3]?.problem == .badPhone(column: "联系电话"))
        #expect(refused[4]?.problem == .unknownRegion(code: "999999"))
        #expect(refused[5]?.problem == .columnCount(expected: 8, found: 6))
        #expect(refused[6]?.problem == .futureDate(column: "来电时间"))
        let message = try #require(refused[3]?.message)
        #expect(message.zh.hasPrefix("第5行（A4）：") && message.en.hasPrefix("Line 5 (A4): "))
        #expect(!message.zh.contains("12345") && !message.en.contains("12345"))
    }

    @Test("a file without a required column is refused whole, naming the columns")
    func missingColumns() {
        #expect(throws: ImportFileError.missingColumns(["来电时间", "所属区划代码"])) {
            try Self.records("工单编号,诉求内容\nA1,内容\n", .hotline12345)
        }
        // Neither UTF-8 nor GB18030 (0xFF never starts a GB18030 character).
        #expect(throws: ImportFileError.notUTF8) {
            try ImportReader.read(Data([0xFF, 0xFE, 0xFF, 0x0A]), as: .csv, format: .hotline12345)
        }
    }

    @Test("the same export saved by Chinese Excel (GB18030) or with a UTF-8 byte-order mark reads the same")
    func encodings() throws {
        let utf8 = try Self.records(Self.hotlineCSV, .hotline12345)
        let gb = try #require(Self.hotlineCSV.data(using: ImportReader.gb18030))
        #expect(String(data: gb, encoding: .utf8) == nil, "the GB18030 bytes are not UTF-8")
        #expect(try ImportReader.read(gb, as: .csv, format: .hotline12345) == utf8)
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(Self.hotlineCSV.utf8)
        #expect(try ImportReader.read(bom, as: .csv, format: .hotline12345) == utf8)
    }

    @Test("JSON: an array of objects (or {records: […]}), numbers as text, each record with its starting line")
    func json() throws {
        let text = """
            [
              {"工单编号": "J1", "来电时间": "2025-03-01 08:00", "来电人": "张三", "联系电话": 13905710001,
               "诉求内容": "路灯不亮", "所属区划代码": "339921101201-01"},
              {"sourceId": "J2", "receivedAt": "2025-03-01T08:00:00+08:00", "content": "噪音扰民\\n夜间施工",
               "regionCode": "339921101201-01", "phone": ["x"]}
            ]
            """
        let records = try Self.records(text, .hotline12345, .json)
        #expect(records.map(\.line) == [2, 4])
        #expect(records[0].values[.reporterPhone] == "13905710001")
        #expect(try Self.map(records[0], .hotline12345).get().intake.title == "路灯不亮")
        #expect(records[1].problem == .notText(column: "phone"))
        let wrapped = try Self.records(
            #"{"records": [{"sourceId": "W1", "receivedAt": "2025-03-01", "content": "x", "regionCode": "1"}]}"#,
            .hotline12345, .json)
        #expect(wrapped.count == 1 && wrapped[0].values[.sourceID] == "W1")
        #expect(throws: ImportFileError.self) { try Self.records("{\"a\": 1}", .hotline12345, .json) }
    }

    @Test("dates in the forms the source systems write, Beijing time unless an offset is given")
    func dates() {
        let expected = Date(timeIntervalSince1970: 1_740_791_700)  // 2025-03-01T01:15:00Z
        #expect(ImportDate.parse("2025-03-01 09:15") == expected)
        #expect(ImportDate.parse("2025/3/1 9:15:00") == expected)
        #expect(ImportDate.parse("2025-03-01T09:15:00+08:00") == expected)
        #expect(ImportDate.parse("2025-03-01T01:15:00Z") == expected)
        #expect(ImportDate.parse("2025年3月1日 09:15") == expected)
        #expect(ImportDate.parse("2025-02-30") == nil)
        #expect(ImportDate.parse("01/03/2025") == nil)
        #expect(ImportDate.parse("yesterday") == nil)
        #expect(ImportDate.parse("2025-03-01 25:00") == nil)
    }

    @Test("the title is the content's first line, cut to 50 characters")
    func title() {
        #expect(ImportMapper.title(of: "\n  第一行  \n第二行") == "第一行")
        let long = String(repeating: "长", count: 80)
        #expect(ImportMapper.title(of: long) == String(repeating: "长", count: 49) + "…")
    }

    @Test("the example files in docs/examples read and map without refusals")
    func examples() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples")
        let names: [(ImportFormat, String)] = [
            (.hotline12345, "hotline12345"), (.police110, "police110"), (.court, "court"), (.petition, "petition"),
        ]
        for (format, name) in names {
            for type in ImportFileType.allCases {
                let data = try Data(contentsOf: folder.appendingPathComponent("\(name).\(type.rawValue)"))
                let records = try ImportReader.read(data, as: type, format: format)
                #expect((3...5).contains(records.count), "\(name).\(type.rawValue)")
                for record in records {
                    let result = ImportMapper.map(record, format: format, now: Date()) { _ in Region.ID(1) }
                    if case .failure(let refusal) = result { Issue.record("\(name).\(type.rawValue): \(refusal)") }
                }
            }
        }
    }
}
