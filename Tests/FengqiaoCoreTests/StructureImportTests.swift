import Foundation
import Testing

@testable import FengqiaoCore

/// The structure import's validation (docs/ONBOARDING.md): every problem of a whole upload by file, line and
/// column; the plan of what is new; rows already there; the administrator's jurisdiction.
@Suite("Structure import: validation")
struct StructureImportTests {
    static func table(_ sheet: StructureSheet, _ csv: String, source: String? = nil) throws -> StructureTable {
        let parsed = try CSVTable.parse(csv)
        return StructureTable(
            source: source ?? sheet.title.zh + ".csv", sheet: sheet, header: parsed.header, rows: parsed.rows,
            lettered: false)
    }

    /// The sample county of docs/samples/onboarding: 7 regions, 10 grids, 6 organisations, 8 users, 4 mediators.
    static func sample() throws -> [StructureTable] {
        [
            try table(
                .regions,
                """
                代码,名称,级别,上级代码,户数
                330599,青溪县,县,,52000
                330599101,溪口镇,乡镇,330599,8600
                330599102,青山街道,街道,330599,12400
                330599101001,溪口村,村,330599101,1300
                330599101002,上塘村,村,330599101,900
                330599102001,青山社区,社区,330599102,2100
                330599102002,东门社区,社区,330599102,1600
                """),
            try table(
                .grids,
                """
                网格代码,网格名称,所属村（社区）代码,户数
                330599101001-01,溪口村第一网格,330599101001,450
                330599101001-02,溪口村第二网格,330599101001,430
                330599101001-03,溪口村第三网格,330599101001,420
                330599101002-01,上塘村第一网格,330599101002,460
                330599101002-02,上塘村第二网格,330599101002,440
                330599102001-01,青山社区第一网格,330599102001,700
                330599102001-02,青山社区第二网格,330599102001,720
                330599102001-03,青山社区第三网格,330599102001,680
                330599102002-01,东门社区第一网格,330599102002,800
                330599102002-02,东门社区第二网格,330599102002,800
                """),
            try table(
                .organisations,
                """
                单位名称,类型,所在区划代码,擅长纠纷类型,电话
                青溪县社会治理中心,综治中心,330599,,0576-86001234
                青溪县司法局,职能部门,330599,,0576-86002345
                溪口镇综治中心,综治中心,330599101,,0576-86101234
                青山街道综治中心,综治中心,330599102,,0576-86201234
                溪口派出所,派出所,330599101,,0576-86103110
                溪口镇人民调解委员会,调解委员会,330599101,邻里纠纷、婚姻家庭纠纷、土地纠纷,0576-86105678
                """),
            try table(
                .users,
                """
                用户名,姓名,手机,角色,所属单位,单位所在区划代码,管辖区划代码
                qx.admin,陈立新,13905760001,系统管理员,青溪县社会治理中心,,330599
                qx.staff,林晓燕,13905760002,中心工作人员,青溪县社会治理中心,,330599
                qx.leader,周国平,13905760003,领导,青溪县社会治理中心,,330599
                xk.staff,王海燕,13905760004,中心工作人员,溪口镇综治中心,,330599101
                qs.staff,李志强,13905760005,中心工作人员,青山街道综治中心,,330599102
                sfj.handler,赵敏,13905760006,部门承办人,青溪县司法局,,330599
                xk.grid01,钱小明,13905760007,网格员,溪口镇综治中心,,330599101001-01
                xk.wang,王建国,13905760008,调解员,溪口镇人民调解委员会,,330599101
                """),
            try table(
                .mediators,
                """
                姓名,所属单位,单位所在区划代码,擅长纠纷类型,服务层级,语言,金牌调解员,接受案件,简介,账号用户名
                王建国,溪口镇人民调解委员会,,邻里纠纷、土地纠纷,村（社区）、乡镇（街道）,普通话、台州话,是,是,从事人民调解二十年。,xk.wang
                孙秀英,溪口镇人民调解委员会,,婚姻家庭纠纷,村（社区）,普通话,否,是,妇联执委。,
                吴德明,溪口镇人民调解委员会,,土地纠纷、宅基地纠纷,乡镇（街道）,台州话,否,是,退休村支书。,
                郑丽华,溪口镇人民调解委员会,,消费纠纷、合同纠纷,乡镇（街道）,普通话,否,否,律师志愿者。,
                """),
        ]
    }

    /// What the database would hold after applying `structure` (the store's own reading of it).
    static func existing(after structure: CountyStructure) -> ExistingStructure {
        var existing = ExistingStructure()
        for region in structure.regions { existing.regions[region.code] = region }
        for organisation in structure.organisations { existing.organisations[organisation.key] = organisation }
        for user in structure.users {
            existing.users[user.username] = ExistingStructure.User(
                username: user.username, displayName: user.displayName, phone: user.phone,
                grants: Set(
                    user.grants.map {
                        ExistingStructure.Grant(
                            role: $0.role, organisationKey: $0.organisationKey, jurisdictionCode: $0.jurisdictionCode)
                    }))
        }
        for mediator in structure.mediators {
            existing.mediators[
                StructureImport.mediatorKey(name: mediator.name, organisationKey: mediator.organisationKey)] =
                mediator
        }
        return existing
    }

    @Test("the sample county plans 7 regions, 10 grids, 6 organisations, 8 users and 4 mediators, parents first")
    func sampleCounty() throws {
        let plan = StructureImport(existing: ExistingStructure()).plan(try Self.sample())
        #expect(plan.problems == [])
        #expect(plan.canApply && !plan.changesNothing)
        #expect(StructureSheet.allCases.map(plan.added) == [7, 10, 6, 8, 4])
        var seen = Set<String>()
        for region in plan.additions.regions {
            #expect(region.parentCode.map(seen.contains) ?? true, "\(region.code) before its parent")
            seen.insert(region.code)
        }
        let wang = try #require(plan.additions.mediators.first { $0.name == "王建国" })
        #expect(wang.username == "xk.wang" && wang.goldMedal && wang.levels == [.village, .township])
        #expect(wang.specialties == [.neighbour, .land] && wang.languages == ["普通话", "台州话"])
        #expect(plan.additions.mediators.first { $0.name == "郑丽华" }?.available == false)
        let grid = try #require(plan.additions.users.first { $0.username == "xk.grid01" })
        #expect(
            grid.grants == [
                .init(role: .gridWorker, organisationKey: "330599101/溪口镇综治中心", jurisdictionCode: "330599101001-01")
            ])
        #expect(grid.phone == "13905760007")
    }

    @Test("importing the same rows again adds nothing; a row changed since is a notice and left as it is")
    func idempotent() throws {
        let first = StructureImport(existing: ExistingStructure()).plan(try Self.sample())
        let existing = Self.existing(after: first.additions)
        let again = StructureImport(existing: existing).plan(try Self.sample())
        #expect(again.problems == [] && again.notices == [])
        #expect(again.changesNothing)
        #expect(StructureSheet.allCases.map { again.unchanged[$0] ?? 0 } == [7, 10, 6, 8, 4])

        var tables = try Self.sample()
        tables[3] = try Self.table(
            .users,
            """
            用户名,姓名,手机,角色,所属单位,单位所在区划代码,管辖区划代码
            qx.admin,陈立新,13905760099,系统管理员,青溪县社会治理中心,,330599
            qx.new,新同事,13905760100,领导,青溪县社会治理中心,,330599
            """)
        let changed = StructureImport(existing: existing).plan(tables)
        #expect(changed.problems == [])
        #expect(changed.additions.users.map(\.username) == ["qx.new"])
        #expect(changed.notices.map { "\($0.source):\($0.line ?? 0)" } == ["用户.csv:2"])
        #expect(changed.notices.first?.message.zh.contains("本次不修改") == true)
    }

    @Test("every problem of the upload is reported, each with its file, line and column")
    func everyProblem() throws {
        let tables = [
            try Self.table(
                .regions,
                """
                代码,名称,级别,上级代码,户数
                330599,青溪县,县,,
                330599101,溪口镇,乡镇,330599,很多
                330599101,重复镇,乡镇,330599,
                330598102,错前缀镇,乡镇,330599,
                330599103001,孤儿村,村,330599103,
                330599104,怪镇,州,330599,
                """),
            try Self.table(
                .grids,
                """
                网格代码,网格名称,所属村（社区）代码,户数
                330599101-01,镇下网格,330599101,
                """),
            try Self.table(
                .organisations,
                """
                单位名称,类型,所在区划代码,擅长纠纷类型,电话
                青溪县中心,综治中心,330599,,110
                某单位,神秘机构,330599,,
                远方单位,职能部门,440000,,
                """),
            try Self.table(
                .users,
                """
                用户名,姓名,手机,角色,所属单位,单位所在区划代码,管辖区划代码
                1bad,张三,13905760001,系统管理员,青溪县中心,,330599
                li.si,李四,13905760002,厨师,青溪县中心,,330599
                li.si,李四二,13905760003,领导,青溪县中心,,330599
                wang.wu,王五,abc,领导,不存在的单位,,330599
                """),
            try Self.table(
                .mediators,
                """
                姓名,所属单位,金牌调解员,账号用户名
                赵六,青溪县中心,也许,nobody
                """),
            try Self.table(
                .users, "用户名,姓名\nx.y,某人\n", source: "用户2.csv"),
        ]
        let plan = StructureImport(existing: ExistingStructure()).plan(tables)
        let found = Set(plan.problems.map { "\($0.source):\($0.line ?? 0):\($0.column ?? "")" })
        let expected: Set<String> = [
            "区划.csv:3:户数",  // not a number
            "区划.csv:4:代码",  // duplicate code
            "区划.csv:5:代码",  // township code not under its county
            "区划.csv:6:上级代码",  // unknown parent code
            "区划.csv:7:级别",  // unknown level
            "网格.csv:2:所属村（社区）代码",  // grid under a township
            "组织.csv:2:电话",  // bad phone
            "组织.csv:3:类型",  // unknown kind
            "组织.csv:4:所在区划代码",  // unknown region
            "用户.csv:2:用户名",  // bad username
            "用户.csv:3:角色",  // unknown role
            "用户.csv:4:用户名",  // duplicate username
            "用户.csv:5:手机",  // bad phone
            "用户.csv:5:所属单位",  // unknown organisation
            "调解员.csv:2:金牌调解员",  // not yes or no
            "调解员.csv:2:账号用户名",  // unknown account
            "用户2.csv:1:",  // missing columns (角色, 所属单位)
        ]
        #expect(expected.subtracting(found).isEmpty, "missing: \(expected.subtracting(found).sorted())")
        #expect(!plan.canApply)
        let grid = try #require(plan.problems.first { $0.source == "网格.csv" })
        #expect(grid.message.zh.contains("网格只能设在村（社区）或网格之下"))
        #expect(grid.columnReference == "3")
        #expect(grid.text.zh.hasPrefix("网格.csv 第2行 第3列“所属村（社区）代码”："))
        // A problem never repeats a phone number back: the column is named.
        #expect(!plan.problems.contains { $0.message.zh.contains("abc") })
    }

    @Test("an administrator's jurisdiction: rows outside it are refused, new rows under it are in it")
    func jurisdiction() throws {
        let county = StructureImport(existing: ExistingStructure()).plan(try Self.sample())
        var existing = Self.existing(after: county.additions)
        existing.users = [:]
        existing.mediators = [:]
        let township = Set(
            county.additions.regions.filter { $0.code.hasPrefix("330599101") }.map(\.code))
        let tables = [
            try Self.table(
                .grids,
                """
                网格代码,网格名称,所属村（社区）代码
                330599101001-04,溪口村第四网格,330599101001
                330599102001-04,青山社区第四网格,330599102001
                """),
            try Self.table(
                .users,
                """
                用户名,姓名,角色,所属单位,管辖区划代码
                xk.more,溪口新人,网格员,溪口镇综治中心,330599101001-04
                qs.more,青山新人,网格员,青山街道综治中心,330599102
                """),
        ]
        let plan = StructureImport(existing: existing, scope: township).plan(tables)
        #expect(plan.additions.regions.map(\.code) == ["330599101001-04"])
        #expect(plan.additions.users.map(\.username) == ["xk.more"])
        // A jurisdiction outside the organisation's region is worth a look, not a refusal.
        let odd = StructureImport(existing: existing).plan([
            try Self.table(
                .users,
                """
                用户名,姓名,角色,所属单位,管辖区划代码
                xk.odd,溪口怪人,领导,溪口镇综治中心,330599102
                """)
        ])
        #expect(odd.problems == [] && odd.additions.users.count == 1)
        #expect(odd.notices.map(\.column) == ["管辖区划代码"])
        #expect(
            Set(plan.problems.map { "\($0.source):\($0.line ?? 0)" }) == ["网格.csv:3", "用户.csv:3"])
        #expect(plan.problems.allSatisfy { $0.message.zh == "不在您的管辖范围内。" })
    }

    @Test("sheets are told by their names, Chinese or English, with the last keyword winning")
    func sheetNames() {
        #expect(StructureSheet.named("区划.csv") == .regions)
        #expect(StructureSheet.named("组织架构-区划.csv") == .regions)
        #expect(StructureSheet.named("组织") == .organisations)
        #expect(StructureSheet.named("Users.CSV") == .users)
        #expect(StructureSheet.named("调解员") == .mediators)
        #expect(StructureSheet.named("说明") == nil)
        #expect(StructureColumn(.code, "代码", [], required: true, example: "").matches(" 代码（必填） "))
    }
}
