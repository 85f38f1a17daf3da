import FengqiaoCore
import Foundation

/// A fictional but realistic county to seed a demo installation: 临江市 / 清溪县 with two streets (街道) and
/// two towns (镇), their communities and villages, about 120 grids, the governance centers, departments, courts,
/// mediation committees and studios, about 50 mediators and one account per role per township.
///
/// Everything is derived from the seed with `DeterministicRandom`, so the same seed always gives the same county.
public struct DemoCounty: Sendable, Equatable {
    public typealias RegionSpec = CountyStructure.RegionSpec
    public typealias OrganisationSpec = CountyStructure.OrganisationSpec
    public typealias GrantSpec = CountyStructure.GrantSpec
    public typealias UserSpec = CountyStructure.UserSpec
    public typealias MediatorSpec = CountyStructure.MediatorSpec

    /// The county's structure, as the store writes any county's (`StructureWriter`).
    public var structure: CountyStructure

    /// Every parent is listed before its children.
    public var regions: [RegionSpec] {
        get { structure.regions }
        set { structure.regions = newValue }
    }
    public var organisations: [OrganisationSpec] {
        get { structure.organisations }
        set { structure.organisations = newValue }
    }
    public var users: [UserSpec] {
        get { structure.users }
        set { structure.users = newValue }
    }
    public var mediators: [MediatorSpec] {
        get { structure.mediators }
        set { structure.mediators = newValue }
    }

    public init(
        regions: [RegionSpec], organisations: [OrganisationSpec], users: [UserSpec], mediators: [MediatorSpec]
    ) {
        structure = CountyStructure(regions: regions, organisations: organisations, users: users, mediators: mediators)
    }

    /// The one documented password of every demo account. Published, so `UserRules` refuses it for any account
    /// set by a person, and production mode refuses to serve while an account still has it (`ProductionChecks`).
    public static let demoPassword = "Fengqiao2026"

    /// Builds the demo county; the same seed always gives an equal value.
    public static func generate(seed: UInt64 = 20261123) -> DemoCounty {
        var builder = DemoCountyBuilder(seed: seed)
        return builder.build()
    }
}

// MARK: - The fixed plan: places and organisations that do not depend on the seed

private enum DemoPlan {
    static let cityCode = "339900"
    static let cityName = "临江市"
    static let countyCode = "339921"
    static let countyName = "清溪县"
    static let dialect = "清溪方言"
    static let landlinePrefix = "0575-87"

    static let cityBox = Box(west: 119.80, south: 29.30, east: 121.00, north: 30.20)
    static let countyBox = Box(west: 120.20, south: 29.60, east: 120.60, north: 29.90)

    struct Township {
        var name: String
        var shortName: String
        var slug: String
        var isStreet: Bool
        var hasCourt: Bool
        /// Communities for streets, villages for towns: (name, pinyin slug).
        var villages: [(name: String, slug: String)]
    }

    /// Streets come first (codes 001, 002), then towns (101, 102), as in real division codes.
    static let townships: [Township] = [
        Township(
            name: "溪城街道", shortName: "溪城", slug: "xicheng", isStreet: true, hasCourt: false,
            villages: [
                ("文昌社区", "wenchang"), ("府前社区", "fuqian"), ("南门社区", "nanmen"),
                ("学士社区", "xueshi"), ("锦绣社区", "jinxiu"), ("望江社区", "wangjiang"),
            ]),
        Township(
            name: "东湖街道", shortName: "东湖", slug: "donghu", isStreet: true, hasCourt: true,
            villages: [
                ("东湖社区", "donghu"), ("湖滨社区", "hubin"), ("新安社区", "xinan"), ("阳光社区", "yangguang"),
            ]),
        Township(
            name: "桃源镇", shortName: "桃源", slug: "taoyuan", isStreet: false, hasCourt: true,
            villages: [
                ("桃源村", "taoyuan"), ("上坞村", "shangwu"), ("下洋村", "xiayang"), ("柿林村", "shilin"),
                ("黄泥岭村", "huangniling"),
            ]),
        Township(
            name: "青山镇", shortName: "青山", slug: "qingshan", isStreet: false, hasCourt: false,
            villages: [
                ("青山村", "qingshan"), ("枫林村", "fenglin"), ("石塘村", "shitang"), ("岭下村", "lingxia"),
                ("双溪村", "shuangxi"),
            ]),
    ]

    struct Department {
        var key: String
        var name: String
        var specialties: [DisputeType]
    }

    static let departments: [Department] = [
        Department(key: "county.justice", name: "清溪县司法局", specialties: []),
        Department(key: "county.petition", name: "清溪县信访局", specialties: []),
        Department(
            key: "county.housing", name: "清溪县住房和城乡建设局",
            specialties: [.construction, .propertyManagement, .demolition]),
        Department(
            key: "county.labour", name: "清溪县人力资源和社会保障局（劳动保障监察大队）", specialties: [.unpaidWages]),
        Department(key: "county.market", name: "清溪县市场监督管理局", specialties: [.consumer, .contract]),
        Department(key: "county.women", name: "清溪县妇女联合会", specialties: [.marriageFamily]),
        Department(
            key: "county.resources", name: "清溪县自然资源和规划局", specialties: [.land, .homestead, .forest]),
        Department(key: "county.ecology", name: "临江市生态环境局清溪分局", specialties: [.environment]),
        Department(key: "county.emergency", name: "清溪县应急管理局", specialties: []),
        Department(key: "county.agriculture", name: "清溪县农业农村局", specialties: [.landTransferRent]),
        Department(key: "county.transport", name: "清溪县交通运输局", specialties: []),
    ]

    /// Where a mediation organisation draws its mediators from.
    struct MediationBench {
        var count: Int
        /// The first specialty of every mediator comes from `core`; the others may come from `core + extra`.
        var core: [DisputeType]
        var extra: [DisputeType]
        var backgrounds: [String]
    }

    struct Committee {
        var key: String
        var name: String
        var specialties: [DisputeType]
        var bench: MediationBench
    }

    static let countyCommittee = Committee(
        key: "county.mediation", name: "清溪县人民调解委员会", specialties: [],
        bench: MediationBench(
            count: 3, core: [.contract, .construction, .demolition, .land, .unpaidWages],
            extra: [.neighbour, .environment],
            backgrounds: ["退休法官", "执业律师", "司法局退休干部", "基层法律服务工作者"]))

    static let professionalCommittees: [Committee] = [
        Committee(
            key: "county.mediation.medical", name: "清溪县医疗纠纷人民调解委员会", specialties: [.medical],
            bench: MediationBench(
                count: 2, core: [.medical], extra: [], backgrounds: ["退休主任医师", "医学会退休专家", "执业律师"])),
        Committee(
            key: "county.mediation.traffic", name: "清溪县道路交通事故纠纷人民调解委员会",
            specialties: [.trafficAccident],
            bench: MediationBench(
                count: 2, core: [.trafficAccident], extra: [.contract],
                backgrounds: ["退休交警", "保险理赔专家", "执业律师"])),
        Committee(
            key: "county.mediation.property", name: "清溪县物业纠纷人民调解委员会", specialties: [.propertyManagement],
            bench: MediationBench(
                count: 2, core: [.propertyManagement], extra: [.neighbour, .construction],
                backgrounds: ["物业管理师", "住建局退休干部", "社区老党员"])),
        Committee(
            key: "county.mediation.labour", name: "清溪县劳动争议人民调解委员会",
            specialties: [.unpaidWages, .contract],
            bench: MediationBench(
                count: 2, core: [.unpaidWages], extra: [.contract, .construction],
                backgrounds: ["劳动保障监察退休干部", "执业律师", "工会退休干部"])),
        Committee(
            key: "county.mediation.family", name: "清溪县婚姻家庭纠纷人民调解委员会", specialties: [.marriageFamily],
            bench: MediationBench(
                count: 2, core: [.marriageFamily], extra: [.neighbour],
                backgrounds: ["心理咨询师", "妇联退休干部", "婚姻家庭咨询师"])),
    ]

    static let streetCommitteeBench = MediationBench(
        count: 3, core: [.neighbour, .propertyManagement, .marriageFamily, .unpaidWages],
        extra: [.consumer, .contract, .demolition],
        backgrounds: ["司法所退休所长", "退休法官", "街道退休干部", "基层法律服务工作者", "退休民警"])
    static let townCommitteeBench = MediationBench(
        count: 3, core: [.land, .homestead, .forest, .neighbour, .marriageFamily],
        extra: [.landTransferRent, .demolition, .unpaidWages],
        backgrounds: ["司法所退休所长", "退休法官", "乡镇退休干部", "基层法律服务工作者", "退休民警"])
    static let communityCommitteeBench = MediationBench(
        count: 1, core: [.neighbour, .propertyManagement, .marriageFamily], extra: [.consumer],
        backgrounds: ["社区老党员", "退休教师", "楼道长", "退休干部", "社区志愿者"])
    static let villageCommitteeBench = MediationBench(
        count: 1, core: [.neighbour, .marriageFamily, .homestead, .land],
        extra: [.forest, .landTransferRent],
        backgrounds: ["老村支书", "乡贤", "退休教师", "老党员", "村民小组长"])

    struct Studio {
        var key: String
        var name: String
        /// nil: the county; otherwise the township slug and, for a studio in a village, the village slug.
        var townshipSlug: String?
        var villageSlug: String?
        var leadSurname: String
        var leadIsWoman: Bool
        var specialties: [DisputeType]
        var bench: MediationBench
    }

    static let studios: [Studio] = [
        Studio(
            key: "studio.laowang", name: "老王说和室", townshipSlug: "taoyuan", villageSlug: nil,
            leadSurname: "王", leadIsWoman: false, specialties: [.neighbour, .homestead, .land],
            bench: MediationBench(
                count: 2, core: [.neighbour, .homestead, .land], extra: [.marriageFamily],
                backgrounds: ["老村支书", "乡贤"])),
        Studio(
            key: "studio.jindajie", name: "金大姐调解工作室", townshipSlug: "xicheng", villageSlug: "wenchang",
            leadSurname: "金", leadIsWoman: true, specialties: [.marriageFamily, .neighbour, .propertyManagement],
            bench: MediationBench(
                count: 1, core: [.marriageFamily, .neighbour, .propertyManagement], extra: [],
                backgrounds: ["社区老党员", "心理咨询师"])),
        Studio(
            key: "studio.laoyang", name: "老杨和事佬工作室", townshipSlug: "qingshan", villageSlug: "fenglin",
            leadSurname: "杨", leadIsWoman: false, specialties: [.forest, .land, .landTransferRent],
            bench: MediationBench(
                count: 1, core: [.forest, .land, .landTransferRent], extra: [],
                backgrounds: ["林业站退休干部", "老村支书"])),
        Studio(
            key: "studio.zhoulvshi", name: "周律师调解工作室", townshipSlug: nil, villageSlug: nil,
            leadSurname: "周", leadIsWoman: false, specialties: [.contract, .construction, .unpaidWages],
            bench: MediationBench(
                count: 1, core: [.contract, .construction, .unpaidWages], extra: [], backgrounds: ["执业律师"])),
    ]

    static let surnames: [String] = [
        "王", "陈", "张", "李", "周", "徐", "吴", "金", "杨", "黄", "朱", "赵", "何", "孙", "俞", "沈", "钱", "楼",
        "蒋", "郑", "胡", "林", "马", "宣", "骆", "袁", "许", "潘", "冯", "叶", "方", "丁", "傅", "应", "屠", "章",
        "寿", "邵", "陆", "汪", "施", "姚", "严", "洪", "鲁", "倪", "葛", "范", "刘", "高",
    ]
    static let menGivenNames: [String] = [
        "建国", "建华", "国平", "志强", "志明", "海涛", "永刚", "卫东", "文斌", "晓东", "立新", "荣华", "金水",
        "国良", "水根", "伟民", "家豪", "俊杰", "浩然", "宇航", "德明", "长青", "振华", "学军", "春生", "加林",
        "伟", "强", "军", "斌", "杰", "涛", "峰", "刚", "明", "勇",
    ]
    static let womenGivenNames: [String] = [
        "秀英", "桂英", "丽华", "红梅", "海燕", "春燕", "玉兰", "美娟", "彩凤", "月娥", "建芬", "素芳", "雅琴",
        "丽萍", "晓敏", "婷婷", "佳怡", "静怡", "雪芬", "亚萍", "凤仙", "美玲", "慧娟", "巧云", "琳", "敏", "静",
        "芳", "燕", "丹",
    ]

    static let compoundPrefixes: [String] = [
        "幸福", "阳光", "锦绣", "金桂", "翠苑", "和平", "春晖", "紫荆", "滨江", "康乐", "丽景", "怡景", "东方",
        "世纪", "梧桐", "香樟", "水岸", "碧水", "湖畔", "新城", "南苑", "北苑", "银杏", "书香", "盛世", "翡翠",
    ]
    static let compoundSuffixes: [String] = ["小区", "花园", "家园", "新村", "公寓"]

    static let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    static let mobilePrefixes: [String] = [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "180", "181", "182", "183", "186", "187", "188", "189",
    ]
}

// MARK: - Geometry

/// An axis-aligned box in degrees, tiled into children that exactly cover it.
private struct Box {
    var west: Double
    var south: Double
    var east: Double
    var north: Double

    var polygon: GeoPolygon {
        do {
            return try GeoPolygon.rectangle(west: west, south: south, east: east, north: north)
        } catch {
            preconditionFailure("demo boundary out of range: \(error)")
        }
    }

    /// Splits the box into `count` tiles in two rows (one row for a single tile), read from the north-west,
    /// with sizes varied a little so the map does not look like a chessboard.
    func tiles(_ count: Int, using random: inout DeterministicRandom) -> [Box] {
        let columns = count <= 1 ? 1 : (count + 1) / 2
        let rows = (count + columns - 1) / columns
        let rowCuts = Box.cuts(from: north, to: south, parts: rows, using: &random)
        var result: [Box] = []
        for row in 0..<rows {
            let cells = min(columns, count - row * columns)
            let columnCuts = Box.cuts(from: west, to: east, parts: cells, using: &random)
            for cell in 0..<cells {
                result.append(
                    Box(
                        west: columnCuts[cell], south: rowCuts[row + 1], east: columnCuts[cell + 1],
                        north: rowCuts[row]))
            }
        }
        return result
    }

    /// `parts + 1` cut positions from `start` to `end`, both kept exact, the inner ones rounded to 1e-5 degrees.
    private static func cuts(
        from start: Double, to end: Double, parts: Int, using random: inout DeterministicRandom
    )
        -> [Double]
    {
        let weights = (0..<parts).map { _ in Double(random.int(in: 80...120)) }
        let total = weights.reduce(0, +)
        var result = [start]
        var sum = 0.0
        for weight in weights.dropLast() {
            sum += weight
            let position = start + (end - start) * sum / total
            // Rounded by hand: `rounded()` needs libm, which a Foundation-free module may not link.
            let scaled = position * 100_000
            result.append(Double(Int(scaled + (scaled < 0 ? -0.5 : 0.5))) / 100_000)
        }
        result.append(end)
        return result
    }
}

// MARK: - Randomness that does not depend on the standard library's algorithms

extension DeterministicRandom {
    /// A uniform integer in the range, by rejection sampling (stable across Swift versions, unlike `Int.random`).
    fileprivate mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        let limit = UInt64.max - UInt64.max % span
        var value = next()
        while value >= limit { value = next() }
        return range.lowerBound + Int(value % span)
    }

    fileprivate mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(in: 0...(elements.count - 1))]
    }

    /// Fisher–Yates, for the same reason as `int(in:)`.
    fileprivate mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        var index = result.count - 1
        while index > 0 {
            result.swapAt(index, int(in: 0...index))
            index -= 1
        }
        return result
    }

    fileprivate mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(int(in: 0...9))) })
    }
}

// MARK: - Builder

private struct DemoCountyBuilder {
    typealias RegionSpec = DemoCounty.RegionSpec
    typealias OrganisationSpec = DemoCounty.OrganisationSpec
    typealias MediatorSpec = DemoCounty.MediatorSpec
    typealias UserSpec = DemoCounty.UserSpec
    typealias GrantSpec = DemoCounty.GrantSpec

    /// A mediation organisation waiting for its mediators.
    struct Bench {
        var organisationKey: String
        var level: RegionLevel
        var plan: DemoPlan.MediationBench
        var lead: (surname: String, isWoman: Bool)?
    }

    /// What the users of one township need to know.
    struct TownshipRecord {
        var plan: DemoPlan.Township
        var code: String
        var firstVillageCode: String
        var firstVillageSlug: String
        var firstGridCode: String
    }

    var random: DeterministicRandom
    var regions: [RegionSpec] = []
    var organisations: [OrganisationSpec] = []
    var benches: [Bench] = []
    var townships: [TownshipRecord] = []
    var usedNames: Set<String> = []
    var usedPhones: Set<String> = []
    var usedCompounds: Set<String> = []

    init(seed: UInt64) { random = DeterministicRandom(seed: seed) }

    mutating func build() -> DemoCounty {
        buildRegions()
        buildOrganisations()
        var mediators = buildMediators()
        let users = buildUsers(linking: &mediators)
        return DemoCounty(regions: regions, organisations: organisations, users: users, mediators: mediators)
    }

    // MARK: Regions

    mutating func buildRegions() {
        var townshipSpecs: [[RegionSpec]] = []
        let townshipBoxes = DemoPlan.countyBox.tiles(DemoPlan.townships.count, using: &random)
        var townCount = 0
        var streetCount = 0
        for (plan, box) in zip(DemoPlan.townships, townshipBoxes) {
            let suffix: String
            if plan.isStreet {
                streetCount += 1
                suffix = "00" + String(streetCount)
            } else {
                townCount += 1
                suffix = "10" + String(townCount)
            }
            let code = DemoPlan.countyCode + suffix
            townshipSpecs.append(buildTownship(plan, code: code, box: box))
        }
        let countyHouseholds = townshipSpecs.map { $0[0].households }.reduce(0, +)
        regions = [
            RegionSpec(
                code: DemoPlan.cityCode, name: DemoPlan.cityName, level: .city, parentCode: nil,
                households: countyHouseholds, boundary: DemoPlan.cityBox.polygon),
            RegionSpec(
                code: DemoPlan.countyCode, name: DemoPlan.countyName, level: .county, parentCode: DemoPlan.cityCode,
                households: countyHouseholds, boundary: DemoPlan.countyBox.polygon),
        ]
        regions += townshipSpecs.flatMap { $0 }
    }

    /// The township followed by each of its villages and that village's grids.
    mutating func buildTownship(_ plan: DemoPlan.Township, code: String, box: Box) -> [RegionSpec] {
        var below: [RegionSpec] = []
        var households = 0
        var firstGridCode = ""
        let villageBoxes = box.tiles(plan.villages.count, using: &random)
        for (index, (village, villageBox)) in zip(plan.villages, villageBoxes).enumerated() {
            // Residents' committees are numbered from 001, village committees from 201.
            let number = (plan.isStreet ? 1 : 201) + index
            let villageCode = code + pad(number, width: 3)
            let grids = buildGrids(of: villageCode, isStreet: plan.isStreet, box: villageBox)
            if index == 0 { firstGridCode = grids[0].code }
            let villageHouseholds = grids.map(\.households).reduce(0, +)
            households += villageHouseholds
            below.append(
                RegionSpec(
                    code: villageCode, name: village.name, level: .village, parentCode: code,
                    households: villageHouseholds, boundary: villageBox.polygon))
            below += grids
        }
        townships.append(
            TownshipRecord(
                plan: plan, code: code, firstVillageCode: below[0].code, firstVillageSlug: plan.villages[0].slug,
                firstGridCode: firstGridCode))
        let township = RegionSpec(
            code: code, name: plan.name, level: .township, parentCode: DemoPlan.countyCode, households: households,
            boundary: box.polygon)
        return [township] + below
    }

    /// 5–7 grids: in a community each covers a residential compound of 300–500 households,
    /// in a village each is a village group (村民小组) of 40–150 households.
    mutating func buildGrids(of villageCode: String, isStreet: Bool, box: Box) -> [RegionSpec] {
        let count = random.int(in: 5...7)
        let boxes = box.tiles(count, using: &random)
        return boxes.enumerated().map { index, gridBox in
            let name = isStreet ? compoundName() + "网格" : "第" + DemoPlan.numerals[index] + "网格"
            let households = isStreet ? random.int(in: 300...500) : random.int(in: 40...150)
            return RegionSpec(
                code: villageCode + "-" + pad(index + 1, width: 2), name: name, level: .grid,
                parentCode: villageCode, households: households, boundary: gridBox.polygon)
        }
    }

    mutating func compoundName() -> String {
        while true {
            let name = random.pick(DemoPlan.compoundPrefixes) + random.pick(DemoPlan.compoundSuffixes)
            if usedCompounds.insert(name).inserted { return name }
        }
    }

    // MARK: Organisations

    mutating func buildOrganisations() {
        let county = DemoPlan.countyCode
        add("county.center", "\(DemoPlan.countyName)社会治理中心（矛调中心）", .center, county)
        add("county.court", "\(DemoPlan.countyName)人民法院", .court, county)
        for department in DemoPlan.departments {
            add(department.key, department.name, .department, county, department.specialties)
        }
        for committee in [DemoPlan.countyCommittee] + DemoPlan.professionalCommittees {
            add(committee.key, committee.name, .mediationCommittee, county, committee.specialties)
            benches.append(Bench(organisationKey: committee.key, level: .county, plan: committee.bench))
        }

        for township in townships {
            let plan = township.plan
            let slug = plan.slug
            add("\(slug).center", "\(plan.name)综治中心", .center, township.code)
            add(
                "\(slug).police", "\(DemoPlan.countyName)公安局\(plan.shortName)派出所", .policeStation, township.code,
                [.publicOrder])
            add("\(slug).justice", "\(DemoPlan.countyName)司法局\(plan.shortName)司法所", .department, township.code)
            add("\(slug).petition", "\(plan.name)信访办", .department, township.code)
            if plan.hasCourt {
                add("\(slug).court", "\(DemoPlan.countyName)人民法院\(plan.shortName)人民法庭", .court, township.code)
            }
            add("\(slug).mediation", "\(plan.name)人民调解委员会", .mediationCommittee, township.code)
            benches.append(
                Bench(
                    organisationKey: "\(slug).mediation", level: .township,
                    plan: plan.isStreet ? DemoPlan.streetCommitteeBench : DemoPlan.townCommitteeBench))

            let villages = regions.filter { $0.parentCode == township.code }
            for (village, villagePlan) in zip(villages, plan.villages) {
                let prefix = "\(slug).\(villagePlan.slug)"
                add("\(prefix).center", "\(village.name)综治工作站", .center, village.code)
                add("\(prefix).mediation", "\(village.name)人民调解委员会", .mediationCommittee, village.code)
                benches.append(
                    Bench(
                        organisationKey: "\(prefix).mediation", level: .village,
                        plan: plan.isStreet ? DemoPlan.communityCommitteeBench : DemoPlan.villageCommitteeBench))
            }
        }

        for studio in DemoPlan.studios {
            let (code, level) = studioRegion(studio)
            add(studio.key, studio.name, .mediationStudio, code, studio.specialties)
            benches.append(
                Bench(
                    organisationKey: studio.key, level: level, plan: studio.bench,
                    lead: (studio.leadSurname, studio.leadIsWoman)))
        }
    }

    func studioRegion(_ studio: DemoPlan.Studio) -> (code: String, level: RegionLevel) {
        guard let townshipSlug = studio.townshipSlug,
            let township = townships.first(where: { $0.plan.slug == townshipSlug })
        else { return (DemoPlan.countyCode, .county) }
        guard let villageSlug = studio.villageSlug,
            let index = township.plan.villages.firstIndex(where: { $0.slug == villageSlug })
        else { return (township.code, .township) }
        let villages = regions.filter { $0.parentCode == township.code }
        return (villages[index].code, .village)
    }

    mutating func add(
        _ key: String, _ name: String, _ kind: OrganisationKind, _ regionCode: String,
        _ specialties: [DisputeType] = []
    ) {
        organisations.append(
            OrganisationSpec(
                key: key, name: name, kind: kind, regionCode: regionCode, specialties: specialties,
                phone: landline()))
    }

    // MARK: Mediators

    mutating func buildMediators() -> [MediatorSpec] {
        var mediators: [MediatorSpec] = []
        // Studio namesakes are gold medallists; the first mediator of each township committee gets an account.
        var namesakes: [Int] = []
        var accountHolders: Set<Int> = []
        for bench in benches {
            for seat in 0..<bench.plan.count {
                let name: String
                if seat == 0, let lead = bench.lead {
                    namesakes.append(mediators.count)
                    name = personName(surname: lead.surname, isWoman: lead.isWoman)
                } else {
                    name = personName()
                }
                if seat == 0, bench.level == .township, bench.organisationKey.hasSuffix(".mediation") {
                    accountHolders.insert(mediators.count)
                }
                let specialties = pickSpecialties(bench.plan)
                let languageRoll = random.int(in: 0...19)
                let languages: [String] =
                    switch languageRoll {
                    case 0, 1: ["普通话"]
                    case 2: ["普通话", DemoPlan.dialect, "英语"]
                    default: ["普通话", DemoPlan.dialect]
                    }
                let background = random.pick(bench.plan.backgrounds)
                let years = random.int(in: 3...30)
                let profile = "\(background)，从事人民调解工作\(years)年，擅长\(listing(specialties))调解。"
                mediators.append(
                    MediatorSpec(
                        name: name, organisationKey: bench.organisationKey, specialties: specialties,
                        levels: servedLevels(bench.level), languages: languages, goldMedal: false, available: true,
                        profile: profile, username: nil))
            }
        }
        // About 15% gold medals: every studio's namesake, then others drawn at random.
        let goldCount = (mediators.count * 15 + 50) / 100
        let others = random.shuffled(mediators.indices.filter { !namesakes.contains($0) })
        for index in namesakes + others.prefix(max(0, goldCount - namesakes.count)) {
            mediators[index].goldMedal = true
        }
        // About 10% not taking cases at the moment (on leave, busy with a long case);
        // the mediators with an account stay available so the demo accounts can take cases.
        let unavailableCount = mediators.count / 10
        let candidates = random.shuffled(mediators.indices.filter { !accountHolders.contains($0) })
        for index in candidates.prefix(unavailableCount) {
            mediators[index].available = false
        }
        return mediators
    }

    mutating func pickSpecialties(_ bench: DemoPlan.MediationBench) -> [DisputeType] {
        let count = random.int(in: 1...3)
        let first = random.pick(bench.core)
        let rest = random.shuffled((bench.core + bench.extra).filter { $0 != first })
        return Array(([first] + rest).prefix(count))
    }

    func servedLevels(_ level: RegionLevel) -> [RegionLevel] {
        switch level {
        case .village, .grid: [.village]
        case .township: [.township, .village]
        case .county, .city, .province: [.county, .township]
        }
    }

    /// "A", "A和B", "A、B和C".
    func listing(_ specialties: [DisputeType]) -> String {
        let names = specialties.map(\.name.zh)
        guard let last = names.last, names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: "、") + "和" + last
    }

    // MARK: Users

    mutating func buildUsers(linking mediators: inout [MediatorSpec]) -> [UserSpec] {
        let county = DemoPlan.countyCode
        var users = [
            user("county.admin", [GrantSpec(role: .admin, organisationKey: "county.center", jurisdictionCode: county)]),
            user(
                "county.leader",
                [GrantSpec(role: .leader, organisationKey: "county.center", jurisdictionCode: county)]),
            user(
                "county.center",
                [GrantSpec(role: .centerStaff, organisationKey: "county.center", jurisdictionCode: county)]),
            user(
                "county.dept",
                [GrantSpec(role: .departmentHandler, organisationKey: "county.labour", jurisdictionCode: county)]),
        ]
        for township in townships {
            let slug = township.plan.slug
            for role in Role.allCases {
                let username = "\(slug).\(roleSlug(role))"
                let grant: GrantSpec
                switch role {
                case .gridWorker:
                    grant = GrantSpec(
                        role: role, organisationKey: "\(slug).\(township.firstVillageSlug).center",
                        jurisdictionCode: township.firstGridCode)
                case .centerStaff, .leader, .admin:
                    grant = GrantSpec(role: role, organisationKey: "\(slug).center", jurisdictionCode: township.code)
                case .departmentHandler:
                    grant = GrantSpec(role: role, organisationKey: "\(slug).justice", jurisdictionCode: township.code)
                case .mediator:
                    grant = GrantSpec(role: role, organisationKey: "\(slug).mediation", jurisdictionCode: township.code)
                }
                if role == .mediator,
                    let index = mediators.firstIndex(where: { $0.organisationKey == grant.organisationKey })
                {
                    mediators[index].username = username
                    users.append(
                        UserSpec(
                            username: username, displayName: mediators[index].name, phone: mobile(), grants: [grant]))
                } else {
                    users.append(user(username, [grant]))
                }
            }
        }
        // Each township's police station (派出所) has a handler too: risk warnings send it on visits (docs/RISK.md),
        // and it reads the key persons of its township. Last, so that the other accounts keep their names.
        for township in townships {
            let slug = township.plan.slug
            users.append(
                user(
                    "\(slug).police",
                    [
                        GrantSpec(
                            role: .departmentHandler, organisationKey: "\(slug).police", jurisdictionCode: township.code
                        )
                    ]
                ))
        }
        return users
    }

    mutating func user(_ username: String, _ grants: [GrantSpec]) -> UserSpec {
        UserSpec(username: username, displayName: personName(), phone: mobile(), grants: grants)
    }

    func roleSlug(_ role: Role) -> String {
        switch role {
        case .gridWorker: "grid"
        case .centerStaff: "center"
        case .departmentHandler: "dept"
        case .mediator: "mediator"
        case .leader: "leader"
        case .admin: "admin"
        }
    }

    // MARK: Names and numbers

    /// A person's name not used before in this county.
    mutating func personName(surname fixedSurname: String? = nil, isWoman fixedIsWoman: Bool? = nil) -> String {
        while true {
            let surname = fixedSurname ?? random.pick(DemoPlan.surnames)
            let isWoman = fixedIsWoman ?? (random.int(in: 0...1) == 1)
            let given = random.pick(isWoman ? DemoPlan.womenGivenNames : DemoPlan.menGivenNames)
            let name = surname + given
            if usedNames.insert(name).inserted { return name }
        }
    }

    /// A county landline such as "0575-87123456".
    mutating func landline() -> String {
        while true {
            let phone = DemoPlan.landlinePrefix + random.digits(6)
            if usedPhones.insert(phone).inserted { return phone }
        }
    }

    /// An 11-digit mobile number starting 13, 15 or 18.
    mutating func mobile() -> String {
        while true {
            let phone = random.pick(DemoPlan.mobilePrefixes) + random.digits(8)
            if usedPhones.insert(phone).inserted { return phone }
        }
    }

    func pad(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
