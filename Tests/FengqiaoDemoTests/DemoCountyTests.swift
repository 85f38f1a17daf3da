import FengqiaoCore
import FengqiaoDemo
import Testing

private let county = DemoCounty.generate()

/// A few seeds besides the default, so the invariants do not hold for one lucky draw only.
private let seeds: [UInt64] = [20261123, 0, 1, 42, 9_999_999_999]

private func regionsByCode(_ county: DemoCounty) -> [String: DemoCounty.RegionSpec] {
    Dictionary(county.regions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
}

private func organisationsByKey(_ county: DemoCounty) -> [String: DemoCounty.OrganisationSpec] {
    Dictionary(county.organisations.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
}

private func children(of code: String, in county: DemoCounty) -> [DemoCounty.RegionSpec] {
    county.regions.filter { $0.parentCode == code }
}

private func isDigits(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }

// MARK: Determinism

@Test func sameSeedGeneratesEqualCounty() {
    #expect(DemoCounty.generate() == DemoCounty.generate())
    #expect(DemoCounty.generate(seed: 7) == DemoCounty.generate(seed: 7))
}

@Test func defaultSeedIsTheDocumentedOne() {
    #expect(DemoCounty.generate() == DemoCounty.generate(seed: 20261123))
}

@Test func differentSeedsGenerateDifferentCounties() {
    #expect(DemoCounty.generate(seed: 1) != DemoCounty.generate(seed: 2))
}

// MARK: Regions

@Test(arguments: seeds) func regionTreeHasOneCityOneCountyFourTownshipsAboutTwentyVillagesAndAHundredOddGrids(
    seed: UInt64
) {
    let county = DemoCounty.generate(seed: seed)
    func count(_ level: RegionLevel) -> Int { county.regions.filter { $0.level == level }.count }
    #expect(count(.city) == 1)
    #expect(count(.county) == 1)
    #expect(count(.township) == 4)
    #expect((18...22).contains(count(.village)))
    #expect((100...140).contains(count(.grid)))
    #expect(count(.province) == 0)
}

@Test func townshipsAreTwoTownsAndTwoStreetsWithVillagesAndCommunities() {
    let townships = county.regions.filter { $0.level == .township }
    #expect(townships.filter { $0.name.hasSuffix("街道") }.count == 2)
    #expect(townships.filter { $0.name.hasSuffix("镇") }.count == 2)
    for township in townships {
        let villages = children(of: township.code, in: county)
        #expect(!villages.isEmpty)
        let suffix = township.name.hasSuffix("街道") ? "社区" : "村"
        #expect(villages.allSatisfy { $0.level == .village && $0.name.hasSuffix(suffix) })
    }
}

@Test func everyVillageHasFiveToSevenGrids() {
    for village in county.regions where village.level == .village {
        let grids = children(of: village.code, in: county)
        #expect((5...7).contains(grids.count), "\(village.name) has \(grids.count) grids")
        #expect(grids.allSatisfy { $0.level == .grid && $0.name.hasSuffix("网格") })
    }
}

@Test(arguments: seeds) func regionCodesAreUniqueASCIIAndFollowTheDivisionCodeScheme(seed: UInt64) {
    let county = DemoCounty.generate(seed: seed)
    let codes = county.regions.map(\.code)
    #expect(Set(codes).count == codes.count)
    for region in county.regions {
        #expect(region.code.allSatisfy { $0.isASCII }, "\(region.code)")
        let code = Substring(region.code)
        switch region.level {
        case .city, .county:
            #expect(code.count == 6 && isDigits(code), "\(code)")
        case .township:
            #expect(code.count == 9 && isDigits(code), "\(code)")
        case .village:
            #expect(code.count == 12 && isDigits(code), "\(code)")
        case .grid:
            let parts = code.split(separator: "-", omittingEmptySubsequences: false)
            #expect(parts.count == 2 && parts[0].count == 12 && isDigits(parts[0]), "\(code)")
            #expect(parts.count == 2 && parts[1].count == 2 && isDigits(parts[1]), "\(code)")
        case .province:
            Issue.record("the demo has no province")
        }
        if let parentCode = region.parentCode, region.level != .grid {
            #expect(region.code.hasPrefix(parentCode) || region.level == .county, "\(code) under \(parentCode)")
        }
        if let parentCode = region.parentCode, region.level == .grid {
            #expect(region.code.hasPrefix(parentCode + "-"))
        }
    }
}

@Test(arguments: seeds) func everyParentIsListedBeforeItsChildrenAtTheLevelAbove(seed: UInt64) {
    let county = DemoCounty.generate(seed: seed)
    var listed: [String: RegionLevel] = [:]
    for region in county.regions {
        if let parentCode = region.parentCode {
            let parentLevel = listed[parentCode]
            #expect(parentLevel != nil, "\(region.code) comes before its parent \(parentCode)")
            if let parentLevel {
                #expect(region.level.mayHaveParent(parentLevel), "\(region.level) under \(parentLevel)")
            }
        } else {
            #expect(region.level == .city, "only the city is a root")
        }
        listed[region.code] = region.level
    }
}

@Test(arguments: seeds) func everyGridCentroidLiesInsideItsVillage(seed: UInt64) throws {
    let county = DemoCounty.generate(seed: seed)
    let byCode = regionsByCode(county)
    for grid in county.regions where grid.level == .grid {
        let boundary = try #require(grid.boundary)
        let parentCode = try #require(grid.parentCode)
        let village = try #require(byCode[parentCode])
        let villageBoundary = try #require(village.boundary)
        #expect(villageBoundary.contains(boundary.centroid), "\(grid.code) lies outside \(village.name)")
    }
}

@Test func everyChildCentroidLiesInsideItsParentAndTheCountyIsWhereItShouldBe() throws {
    let byCode = regionsByCode(county)
    for region in county.regions {
        let boundary = try #require(region.boundary, "\(region.code) has no boundary")
        guard let parentCode = region.parentCode else { continue }
        let parentBoundary = try #require(byCode[parentCode]?.boundary)
        #expect(parentBoundary.contains(boundary.centroid), "\(region.code) lies outside \(parentCode)")
    }
    let countyRegion = try #require(county.regions.first { $0.level == .county })
    let centroid = try #require(countyRegion.boundary).centroid
    #expect((120.2...120.6).contains(centroid.longitude))
    #expect((29.6...29.9).contains(centroid.latitude))
}

@Test(arguments: seeds) func householdsOfEveryRegionAreTheSumOfItsChildren(seed: UInt64) {
    let county = DemoCounty.generate(seed: seed)
    for region in county.regions where region.level != .grid {
        let sum = children(of: region.code, in: county).map(\.households).reduce(0, +)
        #expect(region.households == sum, "\(region.name): \(region.households) ≠ \(sum)")
        #expect(region.households > 0)
    }
}

@Test func gridHouseholdsFitTownVillageGroupsAndStreetCompounds() {
    let byCode = regionsByCode(county)
    for grid in county.regions where grid.level == .grid {
        guard let village = grid.parentCode.flatMap({ byCode[$0] }),
            let township = village.parentCode.flatMap({ byCode[$0] })
        else {
            Issue.record("\(grid.code) is not under a village and a township")
            continue
        }
        let range = township.name.hasSuffix("街道") ? 300...500 : 40...150
        #expect(range.contains(grid.households), "\(grid.code): \(grid.households)")
    }
}

// MARK: Organisations

@Test func organisationKeysAreUniqueASCIIAndEveryOrganisationSitsInAnExistingRegion() {
    let keys = county.organisations.map(\.key)
    #expect(Set(keys).count == keys.count)
    #expect(keys.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) })
    let byCode = regionsByCode(county)
    for organisation in county.organisations {
        #expect(byCode[organisation.regionCode] != nil, "\(organisation.key) in \(organisation.regionCode)")
        #expect(byCode[organisation.regionCode]?.level != .grid)
    }
}

@Test func everyTownshipAndVillageHasACenterAndAMediationCommittee() {
    for region in county.regions where [.county, .township, .village].contains(region.level) {
        let here = county.organisations.filter { $0.regionCode == region.code }
        #expect(here.contains { $0.kind == .center }, "\(region.name) has no center")
        #expect(here.contains { $0.kind == .mediationCommittee }, "\(region.name) has no mediation committee")
    }
    for township in county.regions where township.level == .township {
        let here = county.organisations.filter { $0.regionCode == township.code }
        #expect(here.contains { $0.kind == .policeStation && $0.name.hasSuffix("派出所") })
        #expect(here.contains { $0.kind == .department && $0.name.hasSuffix("司法所") })
        #expect(here.contains { $0.kind == .department && $0.name.hasSuffix("信访办") })
    }
}

@Test func countyHasTheNamedDepartmentsCourtsAndProfessionalCommittees() {
    let names = county.organisations.map(\.name)
    for department in [
        "住房和城乡建设局", "人力资源和社会保障局", "市场监督管理局", "妇女联合会", "自然资源和规划局", "生态环境", "应急管理局",
        "农业农村局", "交通运输局",
    ] {
        #expect(
            county.organisations.contains { $0.kind == .department && $0.name.contains(department) }, "\(department)")
    }
    let courts = county.organisations.filter { $0.kind == .court }
    #expect(courts.contains { $0.name.hasSuffix("人民法院") })
    #expect((1...2).contains(courts.filter { $0.name.hasSuffix("人民法庭") }.count))
    let professional: [(String, DisputeType)] = [
        ("医疗纠纷", .medical), ("道路交通事故纠纷", .trafficAccident), ("物业纠纷", .propertyManagement),
        ("劳动争议", .unpaidWages), ("婚姻家庭纠纷", .marriageFamily),
    ]
    for (name, specialty) in professional {
        #expect(
            county.organisations.contains {
                $0.kind == .mediationCommittee && $0.name.contains(name) && $0.specialties.contains(specialty)
            }, "\(name)")
    }
    #expect(names.contains("老王说和室"))
}

@Test func thereAreAtLeastTenMediationOrganisationsAndThreeStudiosWithSpecialties() {
    let mediation = county.organisations.filter { $0.kind.isMediation }
    #expect(mediation.count >= 10)
    let studios = county.organisations.filter { $0.kind == .mediationStudio }
    #expect(studios.count >= 3)
    #expect(studios.allSatisfy { !$0.specialties.isEmpty })
}

@Test func organisationPhonesAreUniqueLandlines() throws {
    var seen: Set<String> = []
    for organisation in county.organisations {
        let phone = try #require(organisation.phone, "\(organisation.name) has no phone")
        let parts = phone.split(separator: "-")
        #expect(parts.count == 2 && parts[0] == "0575" && parts[1].count == 8 && isDigits(parts[1]), "\(phone)")
        #expect(seen.insert(phone).inserted, "\(phone) used twice")
    }
}

// MARK: Mediators

@Test(arguments: seeds) func thereAreAtLeastFortyMediatorsWithUniqueNames(seed: UInt64) {
    let county = DemoCounty.generate(seed: seed)
    #expect(county.mediators.count >= 40)
    let names = county.mediators.map(\.name)
    #expect(Set(names).count == names.count)
    #expect(names.allSatisfy { (2...4).contains($0.count) && !$0.contains { $0.isASCII } })
}

@Test func everyMediatorBelongsToAMediationOrganisationAndServesItsLevels() throws {
    let organisations = organisationsByKey(county)
    let byCode = regionsByCode(county)
    for mediator in county.mediators {
        let organisation = try #require(organisations[mediator.organisationKey], "\(mediator.organisationKey)")
        #expect(organisation.kind.isMediation, "\(mediator.name) is in \(organisation.name)")
        let level = try #require(byCode[organisation.regionCode]).level
        let expected: [RegionLevel] =
            switch level {
            case .village: [.village]
            case .township: [.township, .village]
            default: [.county, .township]
            }
        #expect(mediator.levels == expected, "\(mediator.name) at \(organisation.name)")
    }
}

@Test func mediatorsHaveOneToThreeSpecialtiesALanguageAndAProfile() {
    for mediator in county.mediators {
        #expect((1...3).contains(mediator.specialties.count))
        #expect(Set(mediator.specialties).count == mediator.specialties.count)
        #expect(mediator.languages.contains("普通话"))
        #expect(mediator.profile.hasSuffix("。") && mediator.profile.count > 5)
    }
}

@Test func professionalMediatorsTakeTheirCommitteesSpecialty() throws {
    let organisations = organisationsByKey(county)
    for mediator in county.mediators {
        let organisation = try #require(organisations[mediator.organisationKey])
        guard !organisation.specialties.isEmpty, let first = mediator.specialties.first else { continue }
        #expect(organisation.specialties.contains(first), "\(mediator.name) at \(organisation.name)")
    }
}

@Test func aboutOneInSevenMediatorsIsGoldMedalAndMostAreAvailable() {
    let total = county.mediators.count
    let gold = county.mediators.filter(\.goldMedal).count
    let available = county.mediators.filter(\.available).count
    #expect(gold * 100 >= total * 10 && gold * 100 <= total * 20, "\(gold) of \(total)")
    #expect(available * 100 >= total * 85 && available < total, "\(available) of \(total)")
}

@Test func studioNamesakesCarryTheStudioSurname() throws {
    let laoWang = try #require(county.mediators.first { $0.organisationKey == "studio.laowang" })
    #expect(laoWang.name.hasPrefix("王"))
    #expect(laoWang.goldMedal)
}

// MARK: Users

@Test(arguments: seeds) func everyUsernameIsValidAndUnique(seed: UInt64) throws {
    let county = DemoCounty.generate(seed: seed)
    for user in county.users {
        try UserRules.validateUsername(user.username)
        #expect(!user.grants.isEmpty)
        #expect(!user.displayName.isEmpty && !user.displayName.contains { $0.isASCII })
    }
    let usernames = county.users.map(\.username)
    #expect(Set(usernames).count == usernames.count)
}

@Test func demoPasswordIsPublishedSoNoAccountMayChooseIt() {
    #expect(throws: UserError.commonPassword) { try UserRules.validatePassword(DemoCounty.demoPassword) }
}

@Test func everyTownshipHasOneUserPerRoleNamedAfterItsPinyinAndTheRole() {
    let slugs: [Role: String] = [
        .gridWorker: "grid", .centerStaff: "center", .departmentHandler: "dept", .mediator: "mediator",
        .leader: "leader", .admin: "admin",
    ]
    let byCode = regionsByCode(county)
    for township in county.regions where township.level == .township {
        for role in Role.allCases {
            // The police station's handler (….police) is the township's second department handler.
            let matching = county.users.filter { user in
                !user.username.hasSuffix(".police")
                    && user.grants.contains { grant in
                        guard grant.role == role, let region = byCode[grant.jurisdictionCode] else { return false }
                        return region.code.hasPrefix(township.code)
                    }
            }
            #expect(matching.count == 1, "\(township.name) has \(matching.count) users for \(role)")
            if let user = matching.first, let slug = slugs[role] {
                #expect(user.username.hasSuffix("." + slug), "\(user.username)")
            }
        }
    }
    #expect(county.users.count == 4 * (Role.allCases.count + 1) + 4)
}

@Test func everyTownshipPoliceStationHasAHandlerWhoReceivesItsRiskVisits() {
    let townships = county.regions.filter { $0.level == .township }
    let police = county.users.filter { $0.username.hasSuffix(".police") }
    #expect(police.count == townships.count)
    for user in police {
        let grant = user.grants.first
        #expect(user.grants.count == 1 && grant?.role == .departmentHandler, "\(user.username)")
        let station = county.organisations.first { $0.key == grant?.organisationKey }
        #expect(station?.kind == .policeStation && station?.regionCode == grant?.jurisdictionCode, "\(user.username)")
    }
}

@Test func countyAccountsExistWithTheirRolesAtTheCountyCenterOrLabourBureau() throws {
    let countyCode = try #require(county.regions.first { $0.level == .county }).code
    let expected: [(String, Role, String)] = [
        ("county.admin", .admin, "county.center"), ("county.leader", .leader, "county.center"),
        ("county.center", .centerStaff, "county.center"), ("county.dept", .departmentHandler, "county.labour"),
    ]
    let organisations = organisationsByKey(county)
    for (username, role, organisationKey) in expected {
        let user = try #require(county.users.first { $0.username == username }, "\(username)")
        #expect(
            user.grants == [
                DemoCounty.GrantSpec(role: role, organisationKey: organisationKey, jurisdictionCode: countyCode)
            ])
    }
    #expect(organisations["county.labour"]?.name.contains("人力资源和社会保障局") == true)
}

@Test(arguments: seeds) func everyGrantReferencesAnExistingOrganisationAndRegion(seed: UInt64) {
    let county = DemoCounty.generate(seed: seed)
    let organisations = organisationsByKey(county)
    let byCode = regionsByCode(county)
    for user in county.users {
        for grant in user.grants {
            #expect(organisations[grant.organisationKey] != nil, "\(user.username): \(grant.organisationKey)")
            #expect(byCode[grant.jurisdictionCode] != nil, "\(user.username): \(grant.jurisdictionCode)")
        }
    }
    for mediator in county.mediators {
        #expect(organisations[mediator.organisationKey] != nil, "\(mediator.name): \(mediator.organisationKey)")
    }
}

@Test func gridWorkersCoverOneGridForTheirVillageCenter() throws {
    let organisations = organisationsByKey(county)
    let byCode = regionsByCode(county)
    for user in county.users where user.username.hasSuffix(".grid") {
        let grant = try #require(user.grants.first)
        #expect(grant.role == .gridWorker)
        let grid = try #require(byCode[grant.jurisdictionCode])
        #expect(grid.level == .grid)
        let center = try #require(organisations[grant.organisationKey])
        #expect(center.kind == .center && center.regionCode == grid.parentCode)
    }
}

@Test func everyMediatorAccountIsLinkedToOneMediatorOfItsCommittee() throws {
    let usersByName = Dictionary(county.users.map { ($0.username, $0) }, uniquingKeysWith: { first, _ in first })
    for user in county.users where user.grants.contains(where: { $0.role == .mediator }) {
        let linked = county.mediators.filter { $0.username == user.username }
        #expect(linked.count == 1, "\(user.username)")
        let mediator = try #require(linked.first)
        #expect(mediator.name == user.displayName)
        #expect(user.grants.contains { $0.organisationKey == mediator.organisationKey })
    }
    for mediator in county.mediators {
        guard let username = mediator.username else { continue }
        #expect(usersByName[username] != nil, "\(mediator.name) links to missing \(username)")
    }
}

@Test func userPhonesAreUniqueElevenDigitMobiles() throws {
    var seen: Set<String> = []
    for user in county.users {
        let phone = try #require(user.phone)
        #expect(phone.count == 11 && isDigits(Substring(phone)), "\(phone)")
        #expect(["13", "15", "18"].contains(String(phone.prefix(2))), "\(phone)")
        #expect(seen.insert(phone).inserted, "\(phone) used twice")
    }
}
