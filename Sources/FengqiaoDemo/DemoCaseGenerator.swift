import FengqiaoCore
import Foundation

/// Builds the demo case scripts. Every case is registered and moved on with the real `CaseLifecycle` as the script
/// is written, so a step that the state machine would refuse is never written; the simulated cases also give the
/// generator what it needs to know (who holds a case, which duplicates still have an open master).
///
/// Two passes: the first plans every case (when, through which channel, what about, where), the second runs them in
/// registration order, so that a duplicate finds its master already written.
struct DemoCaseGenerator {
    typealias Subject = DemoCaseCatalogue.Subject
    typealias Step = CaseScript.Step

    /// A grid, flattened, with what choosing it needs.
    struct Place {
        var township: Int
        var grid: Int
        var urban: Bool
        var worker: Actor?
    }

    struct Plan {
        var at: Date
        var channel: Channel
        var consultation: Int?
        var subject: Int
        var place: Int
        var atCounty: Bool
        var duplicate: Bool
        var cluster: Int?
    }

    /// Several reports of one bus line within a few weeks: the hotspot the platform should surface.
    struct Cluster {
        var township: Int
        var line: String
        var stop: String
        var window: ClosedRange<Date>
        /// A recent cluster's first report stays in progress, and later reports are merged into it.
        var holdsOpen: Bool
        var first: Int?
    }

    struct Record {
        var plan: Plan
        var variant: Int
        var scene: DemoScene
        var final: Case
        var everClosed: Bool
        var registeredAt: Date
        var isRequest: Bool
    }

    struct Run {
        var current: Case
        var steps: [Step] = []
        var clock: Date
        var stopped = false
        var everClosed = false
        var stall: CaseState?
        var plan: Plan
        var variant: DemoCaseCatalogue.Variant?
        var scene: DemoScene
        var reporterName: String?
        var notes: Set<String> = []
        /// A hotspot's first report: it stays in progress, quietly, so that later reports are merged into it.
        var holdsOpen = false
    }

    struct Route {
        var lead: Organisation.ID
        var assisting: [Organisation.ID]
        var whistle: WhistleGrade?
        var level: RegionLevel
    }

    enum Stage {
        case early
        case dispatched
        case working
    }

    struct Story {
        var difficulty: Difficulty
        var outcome: Outcome
        var returned = false
        var escalation: Stage?
        var withdrawal: Stage?
        var joint = false
        var extended = false
        var supervised = false
        var nudged = false
        var flareUp = false
    }

    static let minute: TimeInterval = 60
    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400

    let directory: DemoDirectory
    let now: Date
    /// Cases are registered between `start` and `end`: the 12 months before `now`, or a slice of them (`fengqiao
    /// generate` makes a large number slice by slice). Every case then runs on to `now`.
    let start: Date
    let end: Date
    /// Registrations denser in recent months over the whole year; uniform within a slice.
    let shaped: Bool
    /// Added to a case's index in the other systems' references (12345, 110, court…), so that slices and later
    /// runs do not repeat them.
    let referenceBase: Int
    let seed: UInt64
    let places: [Place]
    let handlers: [Organisation.ID: Actor]
    var dice: DemoDice
    var codes: DeterministicRandom
    var usedCodes: Set<String> = []
    var clusters: [Cluster] = []
    var stalls = 0
    var records: [Record] = []
    var scripts: [CaseScript] = []

    init(
        directory: DemoDirectory, now: Date, seed: UInt64, registeredWithin slice: ClosedRange<Date>? = nil,
        referenceBase: Int = 0
    ) {
        self.directory = directory
        self.now = now
        self.start = slice?.lowerBound ?? now - 365 * Self.day
        self.end = min(slice?.upperBound ?? now, now)
        self.shaped = slice == nil
        self.referenceBase = referenceBase
        self.seed = seed
        dice = DemoDice(seed: seed)
        codes = DeterministicRandom(seed: seed ^ 0x5452_4143_4B49_4E47)
        var places: [Place] = []
        var handlers = directory.county.handlers
        for (townshipIndex, township) in directory.townships.enumerated() {
            for (gridIndex, grid) in township.grids.enumerated() {
                var worker = grid.worker
                if worker?.holds(.gridWorker, covering: grid.path) != true {
                    worker = township.gridWorker.holds(.gridWorker, covering: grid.path) ? township.gridWorker : nil
                }
                places.append(
                    Place(
                        township: townshipIndex, grid: gridIndex, urban: grid.villageName.hasSuffix("社区"),
                        worker: worker))
            }
            for id in township.departments + [township.mediationCommittee].compactMap({ $0 }) {
                if let handler = township.handlers[id] { handlers[id] = handler }
            }
        }
        self.places = places
        self.handlers = handlers
    }

    mutating func generate(count: Int) -> [CaseScript] {
        guard count > 0, !places.isEmpty else { return [] }
        let plans = plan(count: count)
        for (index, plan) in plans.enumerated() {
            write(plan, reference: referenceBase + index)
        }
        return scripts
    }

    // MARK: - First pass: plans

    static let channelWeights: [(Channel, Int)] = [
        (.hotline12345, 26), (.window, 21), (.gridWorker, 16), (.citizenReport, 16), (.police110, 6),
        (.courtReferral, 4), (.petition, 4), (.videoIntake, 3), (.departmentReferral, 4),
    ]

    static let officeChannels: Set<Channel> = [.window, .courtReferral, .petition, .videoIntake, .departmentReferral]

    mutating func plan(count: Int) -> [Plan] {
        var plans: [Plan] = []
        // Hotspots span weeks: only in a window long enough to hold them.
        let roomy = end.timeIntervalSince(start) >= 60 * Self.day
        let clusterCount = !roomy ? 0 : count >= 400 ? max(2, count / 600) : (count >= 80 ? 1 : 0)
        let lines = dice.shuffled(DemoCaseCatalogue.busLines)
        let busSubject = DemoCaseCatalogue.subjects.firstIndex { $0.key == "bus" } ?? 0
        for index in 0..<clusterCount {
            let length = Double(dice.int(12...20)) * Self.day
            let end: Date
            if index == 0 {
                end = self.end - Double(dice.int(0...2)) * Self.day
            } else {
                let earliest = start.timeIntervalSince1970 + length + Self.day
                let latest = self.end.timeIntervalSince1970 - 45 * Self.day
                end = Date(timeIntervalSince1970: earliest + dice.unit() * max(0, latest - earliest))
            }
            let place = dice.pick(places)
            let cluster = Cluster(
                township: place.township, line: lines[index % lines.count], stop: dice.pick(DemoCaseCatalogue.busStops),
                window: (end - length)...end, holdsOpen: index == 0, first: nil)
            clusters.append(cluster)
            let size = min(count / 5, dice.int(count >= 2000 ? 7...14 : 5...8) + (index == 0 ? 3 : 0))
            let townshipPlaces = places.indices.filter { places[$0].township == cluster.township }
            for member in 0..<size where plans.count < count {
                let channel = dice.weighted([
                    (Channel.hotline12345, 40), (.citizenReport, 35), (.window, 10), (.gridWorker, 5),
                    (.videoIntake, 5),
                    (.departmentReferral, 5),
                ])
                var placeIndex = dice.pick(townshipPlaces)
                if channel == .gridWorker, places[placeIndex].worker == nil,
                    let covered = townshipPlaces.first(where: { places[$0].worker != nil })
                {
                    placeIndex = covered
                }
                // The recent hotspot's first report opens the window, so that the others can be merged into it.
                let window =
                    cluster.holdsOpen && member == 0
                    ? cluster.window.lowerBound...(cluster.window.lowerBound + Self.day) : cluster.window
                plans.append(
                    Plan(
                        at: registrationTime(channel: channel, within: window), channel: channel,
                        consultation: nil, subject: busSubject, place: placeIndex, atCounty: false, duplicate: false,
                        cluster: clusters.count - 1))
            }
        }
        while plans.count < count {
            plans.append(ordinaryPlan())
        }
        return plans.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    mutating func ordinaryPlan() -> Plan {
        let channel = dice.weighted(Self.channelWeights)
        let at = registrationTime(channel: channel, within: nil)
        let consultationShare: Double =
            switch channel {
            case .hotline12345: 0.2
            case .window: 0.15
            case .videoIntake: 0.2
            case .citizenReport: 0.06
            default: 0
            }
        let atCounty = Self.officeChannels.contains(channel) && dice.chance(0.12)
        if dice.chance(consultationShare) {
            return Plan(
                at: at, channel: channel, consultation: dice.int(0...(DemoCaseCatalogue.consultations.count - 1)),
                subject: 0, place: dice.int(0...(places.count - 1)), atCounty: atCounty, duplicate: false,
                cluster: nil)
        }
        let subjects = DemoCaseCatalogue.subjects
        var weights = subjects.indices.map { ($0, subjects[$0].channels.contains(channel) ? subjects[$0].weight : 0) }
        if !weights.contains(where: { $0.1 > 0 }) { weights = subjects.indices.map { ($0, subjects[$0].weight) } }
        let subject = dice.weighted(weights)
        let recent = now.timeIntervalSince(at) <= 45 * Self.day
        return Plan(
            at: at, channel: channel, consultation: nil, subject: subject,
            place: place(for: subjects[subject], channel: channel), atCounty: atCounty,
            duplicate: !atCounty && dice.chance(recent ? 0.07 : 0.015), cluster: nil)
    }

    mutating func place(for subject: Subject, channel: Channel) -> Int {
        var candidates = places.indices.filter { index in
            switch subject.setting {
            case .urban: places[index].urban
            case .rural: !places[index].urban
            case .anywhere: true
            }
        }
        if candidates.isEmpty { candidates = Array(places.indices) }
        if channel == .gridWorker {
            let covered = candidates.filter { places[$0].worker != nil }
            if !covered.isEmpty { candidates = covered }
        }
        return dice.pick(candidates)
    }

    /// More recent months slightly busier (the density grows linearly to 1.6 times the oldest), office hours for
    /// the window and the other office channels, round the clock with a night peak for 110.
    mutating func registrationTime(channel: Channel, within window: ClosedRange<Date>?) -> Date {
        let office = Self.officeChannels.contains(channel)
        let weekendShare: Double = office ? 0.04 : (channel == .gridWorker ? 0.35 : 0.75)
        let earliest = max(shaped ? start + Self.hour : start, window?.lowerBound ?? start)
        let latest = min(now - 10 * Self.minute, end, window?.upperBound ?? end)
        for _ in 0..<40 {
            let fraction: Double
            if window == nil && shaped {
                let growth = 0.6
                fraction = ((1 + growth * (2 + growth) * dice.unit()).squareRoot() - 1) / growth
            } else {
                fraction = dice.unit()
            }
            let rough = earliest + fraction * latest.timeIntervalSince(earliest)
            let day = ChinaTime.daysSince1970(rough)
            if ChinaTime.weekday(daysSince1970: day) >= 5 && !dice.chance(weekendShare) { continue }
            let at = ChinaTime.date(daysSince1970: day, minute: minuteOfDay(channel)) + Double(dice.int(0...59))
            if at >= earliest && at <= latest { return at }
        }
        return latest
    }

    mutating func minuteOfDay(_ channel: Channel) -> Int {
        switch channel {
        case .window, .courtReferral, .petition, .videoIntake, .departmentReferral:
            dice.chance(0.55) ? dice.int(510...719) : dice.int(810...1049)
        case .hotline12345:
            dice.chance(0.8) ? dice.int(510...1079) : dice.int(420...1319)
        case .citizenReport:
            dice.chance(0.85) ? dice.int(420...1349) : dice.int(0...1439)
        case .police110:
            switch dice.int(0...9) {
            case 0...4: dice.int(1020...1439)
            case 5, 6: dice.int(0...359)
            default: dice.int(360...1019)
            }
        case .gridWorker:
            dice.int(480...1079)
        }
    }

    // MARK: - Second pass: scripts

    mutating func write(_ planned: Plan, reference: Int) {
        var plan = planned
        let index = scripts.count
        var master: Int?
        if plan.duplicate, let found = findMaster(before: plan.at) {
            master = found
            plan.subject = records[found].plan.subject
            plan.place = records[found].plan.place
            plan.cluster = records[found].plan.cluster
            let channels = subject(plan).channels
            if !channels.contains(plan.channel) {
                plan.channel = dice.weighted(Self.channelWeights.filter { channels.contains($0.0) })
            }
        } else if let cluster = plan.cluster, let first = clusters[cluster].first, isOpenMaster(first, before: plan.at),
            dice.chance(0.85)
        {
            master = first
        }
        plan.duplicate = master != nil

        var scene = master.map { records[$0].scene } ?? makeScene(plan)
        let place = places[plan.place]
        let township = directory.townships[place.township]
        let grid = township.grids[place.grid]
        let center = plan.atCounty ? directory.county.center : township.center
        var variantIndex = 0
        if plan.consultation == nil {
            let subject = self.subject(plan)
            if let master, dice.chance(0.7),
                subject.variants[records[master].variant].channel.map({ $0 == plan.channel }) ?? true
            {
                variantIndex = records[master].variant
            } else {
                variantIndex = pickVariant(subject, channel: plan.channel, hasWorker: place.worker != nil)
            }
        }
        let variant = plan.consultation == nil ? subject(plan).variants[variantIndex] : nil
        let foundOnPatrol = plan.channel == .gridWorker && variant?.foundByGridWorker == true && place.worker != nil
        let anonymous = plan.consultation == nil && !foundOnPatrol && isAnonymous(plan)
        var reporter = newReporter(&scene, anonymous: anonymous, channel: plan.channel)
        if foundOnPatrol, let worker = place.worker {
            reporter = Party(role: .reporter, name: worker.displayName)
        }
        let registrar = self.registrar(plan, place: place, reporter: reporter)
        let intake = makeIntake(
            plan, variant: variant, scene: scene, reporter: reporter, anonymous: anonymous, reference: reference)
        let trackingCode = nextTrackingCode()
        let created: Case
        do {
            (created, _) = try CaseLifecycle.register(
                intake, id: Case.ID(Int64(index + 1)), number: CaseNumbering.number(date: plan.at, sequence: index + 1),
                trackingCode: trackingCode, regionPath: grid.path, receivingCenter: center, by: registrar,
                at: plan.at)
        } catch {
            assertionFailure("demo intake refused: \(error)")
            return
        }
        var run = Run(
            current: created, clock: plan.at, plan: plan, variant: variant, scene: scene,
            reporterName: foundOnPatrol ? nil : reporter?.name)
        if let consultation = plan.consultation {
            answer(&run, consultation: consultation)
        } else if let master {
            mergeDuplicate(&run, into: master)
        } else {
            var holdsOpen = false
            if let cluster = plan.cluster, clusters[cluster].first == nil {
                clusters[cluster].first = index
                holdsOpen = clusters[cluster].holdsOpen
            }
            handle(&run, holdsOpen: holdsOpen)
        }
        records.append(
            Record(
                plan: plan, variant: variantIndex, scene: scene, final: run.current, everClosed: run.everClosed,
                registeredAt: plan.at,
                isRequest: plan.consultation == nil))
        scripts.append(
            CaseScript(
                intake: intake, regionPath: grid.path, registeredBy: registrar, registeredAt: plan.at,
                receivingCenter: center, steps: run.steps, idempotencyKey: "demo-\(seed)-\(Self.pad(index, 5))",
                trackingCode: trackingCode))
    }

    /// A recent request, still before resolution, never closed.
    mutating func findMaster(before at: Date) -> Int? {
        var candidates: [Int] = []
        var index = records.count - 1
        while index >= 0, candidates.count < 8, at.timeIntervalSince(records[index].registeredAt) <= 45 * Self.day {
            let record = records[index]
            if record.isRequest, isOpenMaster(index, before: at) {
                candidates.append(index)
            }
            index -= 1
        }
        guard !candidates.isEmpty else { return nil }
        return dice.pick(candidates)
    }

    /// Registered before `at`, never closed and still before resolution when its script ends. The merge comes after
    /// the master's last event, so whether the scripts are replayed one after the other or event by event in time
    /// order, the master is open when the duplicate is merged into it and both case files stay in time order.
    func isOpenMaster(_ index: Int, before at: Date) -> Bool {
        let record = records[index]
        return !record.everClosed && record.final.state.isUnresolved && record.registeredAt < at - 10 * Self.minute
    }

    mutating func nextTrackingCode() -> String {
        while true {
            let code = CaseNumbering.trackingCode(using: &codes)
            if usedCodes.insert(code).inserted { return code }
        }
    }

    func registrar(_ plan: Plan, place: Place, reporter: Party?) -> Actor {
        let township = directory.townships[place.township]
        let desk = plan.atCounty ? directory.county.desk : township.desk
        switch plan.channel {
        case .citizenReport:
            if let name = reporter?.name { return .citizen(displayName: name) }
            if let phone = reporter?.phone { return .citizen(displayName: "群众（尾号\(phone.suffix(4))）") }
            return .citizen(displayName: "匿名群众")
        case .gridWorker:
            return place.worker ?? desk
        case .hotline12345:
            return .system(name: "12345政务服务便民热线")
        case .police110:
            return .system(name: "110警情推送")
        case .window, .courtReferral, .petition, .videoIntake, .departmentReferral:
            return desk
        }
    }

    // MARK: Intake

    func subject(_ plan: Plan) -> Subject { DemoCaseCatalogue.subjects[plan.subject] }

    mutating func isAnonymous(_ plan: Plan) -> Bool {
        guard subject(plan).anonymousAllowed else { return false }
        switch plan.channel {
        case .citizenReport: return dice.chance(0.25)
        case .hotline12345: return dice.chance(0.12)
        case .gridWorker: return dice.chance(0.05)
        default: return false
        }
    }

    mutating func makeIntake(
        _ plan: Plan, variant: DemoCaseCatalogue.Variant?, scene: DemoScene, reporter: Party?, anonymous: Bool,
        reference: Int
    ) -> Intake {
        let title: String
        let description: String
        let category: String
        let kind: CaseKind
        let urgency: Urgency
        var parties: [Party] = reporter.map { [$0] } ?? []
        if let consultation = plan.consultation {
            let entry = DemoCaseCatalogue.consultations[consultation]
            title = scene.fill(dice.pick(entry.titles))
            description = scene.fill(dice.pick(entry.descriptions))
            category = entry.category
            kind = .consultation
            urgency = dice.chance(0.7) ? .hoped : .worrying
        } else {
            let subject = self.subject(plan)
            title = scene.fill(variant?.title ?? subject.variants[0].title)
            description = scene.fill(variant?.description ?? subject.variants[0].description)
            category = subject.category
            kind = .request
            urgency = dice.pick(subject.urgencies)
            if subject.otherPerson, let name = scene["对方"] {
                parties.append(Party(role: .other, name: name, phone: dice.chance(0.4) ? mobile() : nil))
            }
            if let token = subject.otherOrganisation, let name = scene[token] {
                parties.append(Party(role: .other, name: name))
            }
        }
        let classified: Double =
            switch plan.channel {
            case .citizenReport: 0.3
            case .gridWorker: 0.8
            case .hotline12345: 0.85
            default: 1
            }
        let place = places[plan.place]
        let grid = directory.townships[place.township].grids[place.grid]
        var coordinates: (latitude: Double, longitude: Double)?
        if let boundary = grid.boundary,
            dice.chance(plan.channel == .citizenReport || plan.channel == .gridWorker ? 0.9 : 0.5)
        {
            coordinates = point(in: boundary)
        }
        return Intake(
            channel: plan.channel, sourceReference: sourceReference(plan, reference: reference), title: title,
            description: description, categoryCode: dice.chance(classified) ? category : nil, urgency: urgency,
            kind: kind, regionID: grid.regionID, address: scene["地址"], latitude: coordinates?.latitude,
            longitude: coordinates?.longitude, parties: anonymous ? parties.filter { $0.role != .reporter } : parties,
            attachments: [], anonymous: anonymous)
    }

    /// A variant written for the channel (110, court, grid worker) when there is one, now and then; otherwise one
    /// written for any channel.
    mutating func pickVariant(_ subject: Subject, channel: Channel, hasWorker: Bool) -> Int {
        let usable = subject.variants.indices.filter { index in
            let variant = subject.variants[index]
            return variant.foundByGridWorker ? channel == .gridWorker && hasWorker : variant.channel == nil
        }
        let own = subject.variants.indices.filter { index in
            let variant = subject.variants[index]
            return variant.channel == channel && (!variant.foundByGridWorker || hasWorker)
        }
        let general = usable.filter { subject.variants[$0].channel == nil }
        let preference = channel == .gridWorker ? 0.4 : 0.7
        if !own.isEmpty && (general.isEmpty || dice.chance(preference)) { return dice.pick(own) }
        if !general.isEmpty { return dice.pick(general) }
        return dice.int(0...(subject.variants.count - 1))
    }

    func sourceReference(_ plan: Plan, reference: Int) -> String? {
        let (year, month, day) = ChinaTime.civilDate(plan.at)
        let date = Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2)
        return switch plan.channel {
        case .hotline12345: "12345-\(date)-\(Self.pad(reference, 5))"
        case .police110: "JQ\(date)\(Self.pad(reference, 5))"
        case .courtReferral: "（\(year)）浙0921民诉前调\(reference + 1)号"
        case .petition: "XF\(year)\(Self.pad(reference, 6))"
        case .departmentReferral: "ZB\(date)\(Self.pad(reference, 5))"
        case .window, .videoIntake, .citizenReport, .gridWorker: nil
        }
    }

    mutating func point(in boundary: GeoPolygon) -> (latitude: Double, longitude: Double) {
        let ring = boundary.ring
        let west = ring.map(\.longitude).min() ?? 0
        let east = ring.map(\.longitude).max() ?? 0
        let south = ring.map(\.latitude).min() ?? 0
        let north = ring.map(\.latitude).max() ?? 0
        var found = boundary.centroid
        for _ in 0..<6 {
            let candidate = GeoPolygon.Point(
                longitude: west + dice.unit() * (east - west), latitude: south + dice.unit() * (north - south))
            if boundary.contains(candidate) {
                found = candidate
                break
            }
        }
        return (Self.micro(found.latitude), Self.micro(found.longitude))
    }

    static func micro(_ value: Double) -> Double {
        let scaled = value * 1_000_000
        return Double(Int(scaled + (scaled < 0 ? -0.5 : 0.5))) / 1_000_000
    }

    // MARK: Scenes

    mutating func makeScene(_ plan: Plan) -> DemoScene {
        let place = places[plan.place]
        let township = directory.townships[place.township]
        let grid = township.grids[place.grid]
        let village = grid.villageName
        let short = Self.shortName(township.name)
        let compound = grid.name.hasSuffix("网格") ? String(grid.name.dropLast(2)) : grid.name
        var group = village
        if grid.name.hasPrefix("第") && grid.name.hasSuffix("网格") {
            group = village + grid.name.dropFirst().dropLast(2) + "组"
        }
        let subject = plan.consultation == nil ? subject(plan) : nil
        let amounts = subject?.amounts ?? 5_000...50_000
        let trade = dice.pick(DemoCaseCatalogue.tradeNames)
        var scene = DemoScene()
        let (year, _, _) = ChinaTime.civilDate(plan.at)
        let building = String(dice.int(1...28))
        let unit = String(dice.int(1...4))
        let room = String(dice.int(1...18) * 100 + dice.int(1...4))
        scene["镇"] = township.name
        scene["镇简"] = short
        scene["村"] = village
        scene["小区"] = place.urban ? compound : village + "安置小区"
        scene["地点"] = place.urban ? compound : group
        scene["幢"] = building
        scene["单元"] = unit
        scene["室"] = room
        scene["地址"] =
            place.urban
            ? township.name + village + compound + building + "幢" + unit + "单元" + room + "室"
            : township.name + group + String(dice.int(1...80)) + "号"
        scene["对方"] = personName()
        scene["公司"] = short + trade + dice.pick(DemoCaseCatalogue.employers)
        scene["农企"] = short + trade + dice.pick(DemoCaseCatalogue.farms)
        scene["污染企业"] = short + trade + dice.pick(DemoCaseCatalogue.polluters)
        scene["物业"] = trade + "物业管理有限公司"
        scene["店"] = trade + dice.pick(DemoCaseCatalogue.shops)
        scene["车行"] = trade + "电动车行"
        scene["餐馆"] = trade + dice.pick(DemoCaseCatalogue.restaurants)
        scene["装修公司"] = trade + "装饰工程有限公司"
        scene["施工单位"] = short + trade + "建设工程有限公司"
        scene["医院"] =
            dice.chance(0.7)
            ? dice.pick(DemoCaseCatalogue.hospitals)
            : township.name + (township.name.hasSuffix("镇") ? "卫生院" : "社区卫生服务中心")
        scene["金额"] = Self.money(dice.int(amounts.lowerBound / 100...amounts.upperBound / 100) * 100)
        scene["人数"] = String(dice.int(3...30))
        scene["户数"] = String(dice.int(5...60))
        scene["亩"] = String(dice.int(5...300))
        scene["米"] = dice.pick(["0.3", "0.5", "0.8", "1.2", "2"])
        scene["岁"] = String(dice.int(68...92))
        scene["时间"] = dice.pick(DemoCaseCatalogue.nightTimes)
        scene["车"] = dice.pick(DemoCaseCatalogue.vehicles)
        scene["河"] = dice.pick(["清溪", village + "门前的小溪", "东湖", "青山水库支流"])
        scene["年"] = String(year - dice.int(1...3))
        scene["月数"] = String(dice.int(2...8))
        scene["年数"] = String(dice.int(3...20))
        scene["月份"] = String(dice.int(1...12))
        scene["路"] =
            place.urban
            ? dice.pick(DemoCaseCatalogue.urbanRoads)
            : dice.pick([village + "通村公路", short + "至" + village + "的县道", "溪青线" + village + "段"])
        if let cluster = plan.cluster {
            scene["线路"] = clusters[cluster].line
            scene["站"] = clusters[cluster].stop
        } else {
            scene["线路"] = dice.pick(DemoCaseCatalogue.busLines)
            scene["站"] = dice.chance(0.7) ? dice.pick(DemoCaseCatalogue.busStops) : village + "站"
        }
        return scene
    }

    /// A new reporter for the scene (`{人}`): a name and a mobile, an ID number and address for the formal
    /// channels; nil when anonymous.
    mutating func newReporter(_ scene: inout DemoScene, anonymous: Bool, channel: Channel) -> Party? {
        guard !anonymous else {
            scene["人"] = ""
            return nil
        }
        if channel == .citizenReport && dice.chance(0.25) {
            scene["人"] = ""
            return Party(role: .reporter, phone: mobile())
        }
        var name = personName()
        if name == scene["对方"] { name = personName() }
        scene["人"] = name
        let formal = Self.officeChannels.contains(channel)
        let idNumber = formal && dice.chance(0.5) ? self.idNumber() : nil
        let address = dice.chance(formal ? 0.6 : 0.2) ? scene["地址"] : nil
        let phone = dice.chance(0.96) ? mobile() : nil
        return Party(role: .reporter, name: name, phone: phone, idNumber: idNumber, address: address)
    }

    mutating func personName() -> String {
        dice.pick(DemoCaseCatalogue.surnames) + dice.pick(DemoCaseCatalogue.givenNames)
    }

    mutating func mobile() -> String {
        dice.pick(DemoCaseCatalogue.mobilePrefixes) + dice.digits(8)
    }

    /// 18 characters: the county's area code, a birth date, a sequence and the real check character.
    mutating func idNumber() -> String {
        let body =
            "339921" + String(dice.int(1950...2002)) + Self.pad(dice.int(1...12), 2) + Self.pad(dice.int(1...28), 2)
            + dice.digits(3)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + ($1.0.wholeNumberValue ?? 0) * $1.1 }
        let checks = Array("10X98765432")
        return body + String(checks[sum % 11])
    }

    static func money(_ yuan: Int) -> String {
        guard yuan >= 10_000 else { return String(yuan) }
        let tenths = (yuan + 500) / 1_000
        return tenths % 10 == 0 ? "\(tenths / 10)万" : "\(tenths / 10).\(tenths % 10)万"
    }

    static func shortName(_ name: String) -> String {
        if name.hasSuffix("街道") { return String(name.dropLast(2)) }
        if name.hasSuffix("镇") || name.hasSuffix("乡") { return String(name.dropLast()) }
        return name
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

// MARK: - Driving the state machine

extension DemoCaseGenerator {
    /// Decides `make(at)` on the run's case at the next plausible time and applies its events. Stops the run when
    /// that time would be after `now` (the case stays where it is: a recent case still open) or when the run has
    /// reached the state it is meant to stall in.
    @discardableResult
    mutating func perform(
        _ run: inout Run, by actor: Actor, after delay: TimeInterval, _ make: (Date) -> CaseCommand
    ) -> Bool {
        guard !run.stopped else { return false }
        var at = run.clock + max(delay, Self.minute)
        if actor.kind == .staff && dice.chance(0.93) { at = officeHours(at) }
        at = max(at, run.clock + Self.minute)
        guard at <= now else {
            run.stopped = true
            return false
        }
        let command = make(at)
        do {
            for event in try CaseLifecycle.decide(command, on: run.current, by: actor, at: at) {
                run.current = CaseLifecycle.apply(event, to: run.current)
            }
        } catch {
            assertionFailure("demo step refused: \(command.name) by \(actor.displayName): \(error)")
            run.stopped = true
            return false
        }
        run.steps.append(Step(command: command, actor: actor, at: at))
        run.clock = at
        if run.current.state == .closed { run.everClosed = true }
        if let stall = run.stall, run.current.state == stall { stallHere(&run) }
        return true
    }

    /// An overdue case: supervised (督办) and nudged (拍一拍) while it waits.
    mutating func stallHere(_ run: inout Run) {
        run.stall = nil
        if run.current.state.isUnresolved && !run.holdsOpen {
            if dice.chance(0.7) { supervise(&run, after: Double(dice.int(2...8)) * Self.day) }
            if dice.chance(0.45) { nudge(&run, after: Double(dice.int(1...3)) * Self.day) }
            var round = 0
            while round < 6 && !run.stopped && dice.chance(0.6) {
                supervise(&run, after: Double(dice.int(15...40)) * Self.day)
                round += 1
            }
        }
        run.stopped = true
    }

    /// Moves a time outside office hours (08:30–17:30 China time, Monday to Friday) to the next working morning.
    mutating func officeHours(_ date: Date) -> Date {
        var day = ChinaTime.daysSince1970(date)
        let minute = ChinaTime.minuteOfDay(date)
        if ChinaTime.weekday(daysSince1970: day) < 5 && (510...1050).contains(minute) { return date }
        if ChinaTime.weekday(daysSince1970: day) >= 5 || minute > 1050 { day += 1 }
        while ChinaTime.weekday(daysSince1970: day) >= 5 { day += 1 }
        return ChinaTime.date(daysSince1970: day, minute: 510 + dice.int(0...90)) + Double(dice.int(0...59))
    }

    /// Between `lower` and `upper`, short delays more likely than long ones.
    mutating func span(_ lower: TimeInterval, _ upper: TimeInterval) -> TimeInterval {
        let u = dice.unit()
        return lower + (upper - lower) * u * u
    }

    // MARK: Actors

    func township(_ run: Run) -> DemoDirectory.Township { directory.townships[places[run.plan.place].township] }

    func desk(_ run: Run, center: Organisation.ID?) -> Actor {
        if center == directory.county.center { return directory.county.desk }
        if let township = directory.townships.first(where: { $0.center == center }) { return township.desk }
        return township(run).desk
    }

    /// Center staff whose jurisdiction covers the case, for follow-ups, reopening and withdrawal.
    mutating func coveringDesk(_ run: Run) -> Actor {
        let responsible = desk(run, center: run.current.centerOrganisationID)
        let local = township(run).desk
        let candidates = [responsible, local, directory.county.desk].filter {
            $0.holds(.centerStaff, covering: run.current.regionPath)
        }
        guard !candidates.isEmpty else { return responsible }
        return dice.chance(0.7) ? candidates[0] : dice.pick(candidates)
    }

    func worker(_ run: Run) -> Actor? { places[run.plan.place].worker }

    mutating func leader(_ run: Run) -> Actor? {
        let candidates = [township(run).leader, directory.county.leader].filter {
            $0.holds(.leader, covering: run.current.regionPath)
        }
        guard !candidates.isEmpty else { return nil }
        return dice.chance(0.65) ? candidates[0] : dice.pick(candidates)
    }

    func citizen(_ run: Run) -> Actor? {
        guard !run.current.anonymous, let name = run.reporterName else { return nil }
        return .citizen(displayName: name)
    }

    func lead(_ run: Run) -> Actor? { run.current.lead.flatMap { handlers[$0.organisationID] } }

    // MARK: Storylines

    /// A consultation: answered at intake (sometimes after a quick classification), then closed.
    mutating func answer(_ run: inout Run, consultation: Int) {
        let entry = DemoCaseCatalogue.consultations[consultation]
        let desk = self.desk(run, center: run.current.centerOrganisationID)
        if dice.chance(0.15) {
            let category = entry.category
            perform(&run, by: desk, after: span(5 * Self.minute, 2 * Self.hour)) { _ in
                .assess(categoryCode: category, urgency: .hoped, difficulty: .simple, competentLevel: .township)
            }
        }
        let text = run.scene.fill(dice.pick(entry.answers))
        perform(&run, by: desk, after: span(3 * Self.minute, 40 * Self.minute)) { _ in
            .answerConsultation(answer: text)
        }
    }

    /// A second report of a matter already being handled: merged into the earlier case.
    mutating func mergeDuplicate(_ run: inout Run, into master: Int) {
        let desk = self.desk(run, center: run.current.centerOrganisationID)
        if dice.chance(0.4) {
            let subject = self.subject(run.plan)
            let urgency = run.current.urgency
            perform(&run, by: desk, after: span(10 * Self.minute, 4 * Self.hour)) { _ in
                .assess(
                    categoryCode: subject.category, urgency: urgency, difficulty: .simple, competentLevel: .township)
            }
        }
        guard !run.stopped else { return }
        let latest = max(run.clock, records[master].final.updatedAt)
        var at = officeHours(latest + span(20 * Self.minute, Self.day))
        at = max(at, latest + Self.minute)
        guard at <= now else { return }
        do {
            let events = try CaseLifecycle.merge(duplicate: run.current, into: records[master].final, by: desk, at: at)
            for event in events.duplicate { run.current = CaseLifecycle.apply(event, to: run.current) }
            for event in events.master { records[master].final = CaseLifecycle.apply(event, to: records[master].final) }
        } catch {
            assertionFailure("demo merge refused: \(error)")
            return
        }
        let masterID = Case.ID(Int64(master + 1))
        run.steps.append(Step(command: .markDuplicate(of: masterID), actor: desk, at: at, mergeInto: master))
        run.clock = at
    }

    mutating func story(_ run: Run, holdsOpen: Bool) -> Story {
        let subject = self.subject(run.plan)
        let difficulty = dice.pick(subject.difficulties)
        let hard = difficulty == .complex || difficulty == .major
        var story = Story(difficulty: difficulty, outcome: outcome(subject))
        guard !holdsOpen else { return story }
        story.returned = dice.chance(0.07)
        if run.current.centerOrganisationID != directory.county.center && dice.chance(hard ? 0.12 : 0.025) {
            story.escalation = dice.chance(0.4) ? .early : .working
        }
        if dice.chance(0.035) { story.withdrawal = dice.weighted([(Stage.early, 3), (.dispatched, 3), (.working, 4)]) }
        story.joint = dice.chance(hard ? 0.3 : 0.1) || (run.current.urgency == .urgent && dice.chance(0.2))
        story.extended = dice.chance(hard ? 0.2 : 0.06)
        story.supervised = dice.chance(hard ? 0.14 : 0.05)
        story.nudged = dice.chance(hard ? 0.1 : 0.04)
        story.flareUp = subject.nature == .dispute && dice.chance(0.03)
        return story
    }

    mutating func outcome(_ subject: Subject) -> Outcome {
        let outcome: Outcome =
            switch subject.nature {
            case .dispute:
                dice.weighted([
                    (.agreementReached, 42), (.solved, 26), (.partlySolved, 12), (.guidedToLitigation, 13),
                    (.notAdmissible, 7),
                ])
            case .service:
                dice.weighted([(.solved, 76), (.partlySolved, 16), (.notAdmissible, 8)])
            case .mixed:
                dice.weighted([
                    (.solved, 42), (.agreementReached, 26), (.partlySolved, 15), (.guidedToLitigation, 10),
                    (.notAdmissible, 7),
                ])
            }
        return outcome == .agreementReached && subject.agreements.isEmpty ? .solved : outcome
    }

    /// How long a case stays stalled before anyone moves it: often for recent cases, rarely for old ones.
    mutating func stallTarget(_ run: Run) -> CaseState? {
        let age = now.timeIntervalSince(run.plan.at)
        if age > 90 * Self.day {
            // A long-running hard case, accepted and being worked on, supervised again and again.
            guard dice.chance(0.005) else { return nil }
            return dice.chance(0.25) ? .accepted : .inProgress
        }
        guard dice.chance(age <= 30 * Self.day ? 0.22 : 0.05) else { return nil }
        // In turn rather than at random, so that even a small demo has a case waiting at every stage.
        var target = Self.stallCycle[stalls % Self.stallCycle.count]
        stalls += 1
        if target == .followedUp && run.current.anonymous {
            // Anonymous reports are closed without a follow-up: leave that stage to the next stalled case.
            target = .resolved
            stalls -= 1
        }
        return target
    }

    static let stallCycle: [CaseState] = [
        .registered, .returned, .assessed, .followedUp, .dispatched, .resolved, .accepted, .inProgress, .inProgress,
        .dispatched, .resolved, .inProgress,
    ]

    /// A request through the whole loop, with the detours its story holds.
    mutating func handle(_ run: inout Run, holdsOpen: Bool) {
        var story = self.story(run, holdsOpen: holdsOpen)
        run.holdsOpen = holdsOpen
        run.stall = holdsOpen ? .inProgress : stallTarget(run)
        if run.stall == .returned { story.returned = true }
        if run.stall == .registered {
            stallHere(&run)
            return
        }
        var route = self.route(run, story: story, excluding: nil)
        assess(&run, story: story, level: route?.level ?? .township)
        if story.withdrawal == .early { return withdraw(&run) }
        if story.escalation == .early {
            escalate(&run)
            route = self.route(run, story: story, excluding: nil)
            assess(&run, story: story, level: .county)
        }
        guard var dispatched = route else { return }
        dispatch(&run, dispatched)
        if story.returned {
            giveBack(&run, dispatched)
            if dice.chance(0.4) { assess(&run, story: story, level: dispatched.level) }
            if let next = self.route(run, story: story, excluding: dispatched.lead) { dispatched = next }
            dispatch(&run, dispatched)
        }
        if story.withdrawal == .dispatched { return withdraw(&run) }
        accept(&run, dispatched)
        progress(&run, count: dice.int(1...2))
        if story.escalation == .working {
            escalate(&run)
            if let next = self.route(run, story: story, excluding: dispatched.lead) {
                assess(&run, story: story, level: .county)
                dispatched = next
                dispatch(&run, dispatched)
                accept(&run, dispatched)
                progress(&run, count: 1)
            }
        }
        if story.withdrawal == .working { return withdraw(&run) }
        if story.extended { extend(&run) }
        if story.supervised { supervise(&run, after: span(Self.day, 4 * Self.day)) }
        if story.nudged { nudge(&run, after: span(2 * Self.hour, 2 * Self.day)) }
        if dice.chance(0.4) { progress(&run, count: 1) }
        resolve(&run, outcome: story.outcome, difficulty: story.difficulty)
        conclude(&run, story: story)
    }

    // MARK: Steps

    mutating func assess(_ run: inout Run, story: Story, level: RegionLevel) {
        let desk = self.desk(run, center: run.current.centerOrganisationID)
        let subject = self.subject(run.plan)
        let urgency = dice.chance(0.8) ? run.current.urgency : dice.pick(subject.urgencies)
        let difficulty = story.difficulty
        perform(&run, by: desk, after: span(10 * Self.minute, 5 * Self.hour)) { _ in
            .assess(categoryCode: subject.category, urgency: urgency, difficulty: difficulty, competentLevel: level)
        }
    }

    mutating func dispatch(_ run: inout Run, _ route: Route) {
        let desk = self.desk(run, center: run.current.centerOrganisationID)
        let delay =
            run.current.urgency == .urgent ? span(5 * Self.minute, Self.hour) : span(5 * Self.minute, 20 * Self.hour)
        perform(&run, by: desk, after: delay) { _ in
            .dispatch(lead: route.lead, assisting: route.assisting, whistle: route.whistle)
        }
    }

    mutating func giveBack(_ run: inout Run, _ route: Route) {
        guard let handler = handlers[route.lead] else { return }
        let reason = dice.pick(DemoCaseCatalogue.returnReasons)
        perform(&run, by: handler, after: span(Self.hour, 30 * Self.hour)) { _ in .giveBack(reason: reason) }
    }

    /// The lead accepts; each assisting organisation accepts, declines or lets it be.
    mutating func accept(_ run: inout Run, _ route: Route) {
        guard let handler = handlers[route.lead] else { return }
        let delay =
            run.current.urgency == .urgent ? span(5 * Self.minute, Self.hour) : span(10 * Self.minute, 20 * Self.hour)
        perform(&run, by: handler, after: delay) { _ in .accept }
        for organisation in route.assisting {
            guard let assistant = handlers[organisation] else { continue }
            let roll = dice.unit()
            if roll < 0.85 {
                perform(&run, by: assistant, after: span(10 * Self.minute, 10 * Self.hour)) { _ in .accept }
            } else if roll < 0.93 {
                perform(&run, by: assistant, after: span(Self.hour, Self.day)) { _ in
                    .giveBack(reason: "本单位不涉及相关职责，申请退出协办。")
                }
            }
        }
    }

    mutating func progress(_ run: inout Run, count: Int) {
        let subject = self.subject(run.plan)
        for _ in 0..<count {
            let delay = span(3 * Self.hour, 3 * Self.day)
            if let worker = self.worker(run), dice.chance(0.2) {
                let note = fresh(DemoCaseCatalogue.gridWorkerNotes, in: &run)
                perform(&run, by: worker, after: delay) { _ in .addProgress(note: note) }
            } else if let handler = lead(run) {
                if let citizen = citizen(run), dice.chance(0.06) {
                    // 待补充材料: the clocks pause until the citizen answers.
                    let asked = dice.pick(DemoCaseCatalogue.informationRequests)
                    perform(&run, by: handler, after: delay) { _ in .requestInformation(note: asked) }
                    let answer = dice.pick(DemoCaseCatalogue.informationAnswers)
                    perform(&run, by: citizen, after: span(2 * Self.hour, 3 * Self.day)) { _ in
                        .supplyInformation(note: answer)
                    }
                } else if !subject.agreements.isEmpty, dice.chance(0.25) {
                    // A mediation session adjourned to another day does not count on the escalation ladder.
                    let note = dice.pick(DemoCaseCatalogue.adjournedSessions)
                    perform(&run, by: handler, after: delay) { _ in
                        .recordSession(result: .adjourned, heldAt: nil, note: note)
                    }
                } else {
                    let note = run.scene.fill(fresh(subject.progress, in: &run))
                    perform(&run, by: handler, after: delay) { _ in .addProgress(note: note) }
                }
            }
        }
    }

    /// A note not yet written on this case, while there is one.
    mutating func fresh(_ notes: [String], in run: inout Run) -> String {
        let unused = notes.filter { !run.notes.contains($0) }
        let note = dice.pick(unused.isEmpty ? notes : unused)
        run.notes.insert(note)
        return note
    }

    mutating func extend(_ run: inout Run) {
        guard let handler = lead(run) else { return }
        let days = dice.int(3...15)
        let reason = dice.pick(DemoCaseCatalogue.extensionReasons)
        guard
            perform(
                &run, by: handler, after: span(Self.day, 4 * Self.day),
                { _ in
                    .requestExtension(workingDays: days, reason: reason)
                })
        else { return }
        let desk = self.desk(run, center: run.current.dispatcherOrganisationID)
        let approved = dice.chance(0.85)
        let note = approved ? (dice.chance(0.5) ? "同意延期。" : nil) : dice.pick(DemoCaseCatalogue.extensionRefusals)
        perform(&run, by: desk, after: span(Self.hour, Self.day)) { _ in
            .decideExtension(approved: approved, note: note)
        }
    }

    mutating func supervise(_ run: inout Run, after delay: TimeInterval) {
        let note = dice.pick(DemoCaseCatalogue.supervisionNotes)
        let days = Double(dice.int(2...5))
        let roll = dice.unit()
        let actor: Actor
        if roll < 0.4 {
            actor = directory.county.desk
        } else if roll < 0.7, let leader = self.leader(run) {
            actor = leader
        } else {
            actor = .system(name: "时限监控")
        }
        perform(&run, by: actor, after: delay) { at in .supervise(note: note, deadline: at + days * Self.day) }
    }

    mutating func nudge(_ run: inout Run, after delay: TimeInterval) {
        guard let leader = self.leader(run) else { return }
        let note = dice.chance(0.7) ? dice.pick(DemoCaseCatalogue.nudgeNotes) : nil
        perform(&run, by: leader, after: delay) { _ in .nudge(note: note) }
    }

    mutating func resolve(_ run: inout Run, outcome: Outcome, difficulty: Difficulty) {
        guard let handler = lead(run) else { return }
        let subject = self.subject(run.plan)
        let summary: String
        switch outcome {
        case .solved:
            summary = run.scene.fill(run.variant?.solution ?? dice.pick(subject.solutions))
        case .agreementReached:
            let terms = run.scene.fill(run.variant?.agreement ?? dice.pick(subject.agreements))
            let confirmation = dice.chance(0.25) ? "，并申请司法确认" : ""
            summary = "经调解，双方自愿达成协议：\(terms)，已签订人民调解协议书\(confirmation)。"
        case .partlySolved:
            summary = dice.pick(
                subject.nature == .service
                    ? DemoCaseCatalogue.partlyFixedSummaries : DemoCaseCatalogue.partlySolvedSummaries)
        case .guidedToLitigation:
            summary = dice.pick(DemoCaseCatalogue.litigationSummaries)
        case .notAdmissible:
            summary = dice.pick(
                subject.nature == .service
                    ? DemoCaseCatalogue.notOursSummaries : DemoCaseCatalogue.notAdmissibleSummaries)
        }
        let delay: TimeInterval =
            switch difficulty {
            case .simple: span(12 * Self.hour, 3 * Self.day)
            case .ordinary: span(Self.day, 6 * Self.day)
            case .complex: span(4 * Self.day, 15 * Self.day)
            case .major: span(8 * Self.day, 30 * Self.day)
            }
        if outcome == .agreementReached, run.current.parties.contains(where: { $0.name != nil }) {
            // 调解协议书: drafted from the case, signed, then the resolution; dated terms become fulfilment tasks.
            let terms = run.scene.fill(run.variant?.agreement ?? dice.pick(subject.agreements))
            var draft = AgreementDraft.from(run.current)
            let dated = dice.chance(0.5)
            perform(&run, by: handler, after: delay) { at in
                draft.terms = [
                    AgreementTerm(text: terms, method: nil, dueDate: dated ? at + 10 * Self.day : nil),
                    AgreementTerm(text: "双方就本纠纷再无其他争议。"),
                ]
                return .draftAgreement(draft)
            }
            perform(&run, by: handler, after: span(10 * Self.minute, 2 * Self.hour)) { _ in
                .signAgreement(signedAt: nil)
            }
            perform(&run, by: handler, after: span(5 * Self.minute, Self.hour)) { _ in
                .resolve(outcome: outcome, summary: summary)
            }
            if let citizen = citizen(run), dice.chance(0.6) {
                let score = dice.weighted([(5, 60), (4, 30), (3, 10)])
                perform(&run, by: citizen, after: span(Self.hour, 2 * Self.day)) { _ in
                    .rateMediation(party: nil, score: score, comment: score == 5 ? "调解员公道、耐心。" : nil)
                }
            }
            if dated, !run.stopped {
                let desk = coveringDesk(run)
                perform(&run, by: desk, after: span(10 * Self.day, 12 * Self.day)) { _ in
                    .checkTerm(term: 0, fulfilled: true, note: "回访核实：已按协议履行。")
                }
            }
            return
        }
        perform(&run, by: handler, after: delay) { _ in .resolve(outcome: outcome, summary: summary) }
    }

    mutating func satisfaction(after outcome: Outcome) -> Satisfaction {
        switch outcome {
        case .solved, .agreementReached:
            dice.weighted([(.satisfied, 84), (.basicallySatisfied, 12), (.dissatisfied, 4)])
        case .partlySolved:
            dice.weighted([(.satisfied, 55), (.basicallySatisfied, 33), (.dissatisfied, 12)])
        case .guidedToLitigation:
            dice.weighted([(.satisfied, 40), (.basicallySatisfied, 48), (.dissatisfied, 12)])
        case .notAdmissible:
            dice.weighted([(.satisfied, 35), (.basicallySatisfied, 50), (.dissatisfied, 15)])
        }
    }

    mutating func followUp(_ run: inout Run, _ satisfaction: Satisfaction) {
        let note = dice.pick(DemoCaseCatalogue.followUpNotes[satisfaction] ?? [""])
        var actor = coveringDesk(run)
        if run.plan.channel == .citizenReport, let citizen = self.citizen(run), dice.chance(0.5) {
            actor = citizen
        } else if let worker = self.worker(run), dice.chance(0.35) {
            actor = worker
        }
        perform(&run, by: actor, after: span(Self.day, 6 * Self.day)) { _ in
            .followUp(satisfaction: satisfaction, note: note)
        }
    }

    mutating func close(_ run: inout Run) {
        let desk = self.desk(run, center: run.current.centerOrganisationID)
        perform(&run, by: desk, after: span(10 * Self.minute, 2 * Self.day)) { _ in .close }
    }

    /// Follow-up and closing; a dissatisfied citizen sends it back for another round, and a settled dispute may
    /// flare up again months later.
    mutating func conclude(_ run: inout Run, story: Story) {
        guard !run.current.anonymous else { return close(&run) }
        let first = satisfaction(after: story.outcome)
        followUp(&run, first)
        if first == .dissatisfied {
            rework(&run, difficulty: story.difficulty)
        }
        close(&run)
        guard story.flareUp, !run.stopped else { return }
        let reason = dice.pick(DemoCaseCatalogue.flareUpReasons)
        let desk = coveringDesk(run)
        perform(&run, by: desk, after: span(15 * Self.day, 100 * Self.day)) { _ in .reopen(reason: reason) }
        rework(&run, difficulty: story.difficulty)
        close(&run)
    }

    /// Another round after a reopening: a note, a new resolution, a follow-up that is not dissatisfied.
    mutating func rework(_ run: inout Run, difficulty: Difficulty) {
        if let handler = lead(run) {
            let note = dice.pick(DemoCaseCatalogue.reworkNotes)
            perform(&run, by: handler, after: span(Self.day, 4 * Self.day)) { _ in .addProgress(note: note) }
        }
        let subject = self.subject(run.plan)
        let again: Outcome =
            subject.nature == .service || subject.agreements.isEmpty
            ? dice.weighted([(.solved, 75), (.partlySolved, 25)])
            : dice.weighted([(.solved, 45), (.agreementReached, 35), (.partlySolved, 20)])
        resolve(&run, outcome: again, difficulty: difficulty == .major ? .complex : difficulty)
        followUp(&run, dice.chance(0.6) ? .satisfied : .basicallySatisfied)
    }

    mutating func withdraw(_ run: inout Run) {
        let reason = dice.pick(DemoCaseCatalogue.withdrawReasons)
        var actor = coveringDesk(run)
        if let citizen = self.citizen(run), dice.chance(0.5) {
            actor = citizen
        } else if let worker = self.worker(run), dice.chance(0.3) {
            actor = worker
        }
        perform(&run, by: actor, after: span(2 * Self.hour, 3 * Self.day)) { _ in .withdraw(reason: reason) }
    }

    mutating func escalate(_ run: inout Run) {
        let county = directory.county.center
        guard run.current.centerOrganisationID != county else { return }
        let desk = self.desk(run, center: run.current.centerOrganisationID)
        let reason = dice.pick(DemoCaseCatalogue.escalationReasons)
        perform(&run, by: desk, after: span(Self.hour, 2 * Self.day)) { _ in
            .escalate(toCenter: county, reason: reason)
        }
    }

    // MARK: Routing

    /// Where the responsible center sends the case: the subject's township organisations or county ones (the
    /// county center also sends cases down to the township), with assisting organisations and a whistle when the
    /// story calls for joint handling.
    mutating func route(_ run: Run, story: Story, excluding excluded: Organisation.ID?) -> Route? {
        let subject = self.subject(run.plan)
        let township = self.township(run)
        let townshipScope = township.departments + [township.mediationCommittee].compactMap { $0 }
        let countyScope = directory.county.departments
        var townshipTokens = subject.townshipLeads
        var countyTokens = subject.countyLeads
        if run.plan.channel == .courtReferral {
            townshipTokens = [".mediation", "studio"] + townshipTokens
            countyTokens = ["committee", "county.mediation", "studio"] + countyTokens
        }
        var local = organisations(townshipTokens, among: townshipScope, type: subject.type)
        var upper = organisations(countyTokens, among: countyScope, type: subject.type)
        if local.isEmpty && upper.isEmpty {
            local = townshipScope.filter { handlers[$0] != nil }
            upper = countyScope.filter { handlers[$0] != nil }
        }
        if let excluded, local.count + upper.count > 1 {
            local.removeAll { $0 == excluded }
            upper.removeAll { $0 == excluded }
        }
        let atCounty = run.current.centerOrganisationID == directory.county.center
        let preferLocal = atCounty ? dice.chance(0.4) : dice.chance(0.65)
        let useLocal = !local.isEmpty && (upper.isEmpty || preferLocal)
        guard let lead = useLocal ? dice.pick(local) : (upper.isEmpty ? nil : dice.pick(upper)) else { return nil }

        var level: RegionLevel = useLocal ? .township : .county
        if atCounty { level = .county }
        if level == .township && lead == township.mediationCommittee && story.difficulty == .simple
            && dice.chance(0.3)
        {
            level = .village
        }

        var assisting: [Organisation.ID] = []
        var whistle: WhistleGrade?
        if story.joint {
            var tokens = subject.assisting
            switch run.plan.channel {
            case .courtReferral: tokens.append(".court")
            case .petition: tokens.append(".petition")
            case .police110: tokens.append(".police")
            default: break
            }
            var candidates = organisations(tokens, among: townshipScope + countyScope, type: subject.type)
            if directory.organisations.isEmpty {
                candidates = (townshipScope + countyScope).filter { handlers[$0] != nil }
            }
            candidates.removeAll { $0 == lead }
            assisting = Array(dice.shuffled(candidates).prefix(dice.int(1...2)))
            if !assisting.isEmpty && dice.chance(0.75) {
                if story.difficulty == .complex || story.difficulty == .major {
                    whistle = .hardCase
                } else if run.current.urgency == .urgent {
                    whistle = .emergency
                } else {
                    whistle = .quick
                }
            }
        }
        return Route(lead: lead, assisting: assisting, whistle: whistle, level: level)
    }

    /// The organisations among `scope` that have a handler and match one of the tokens, in token order: `.suffix`
    /// matches a key ending, `studio` a mediation studio with the specialty, `committee` a professional mediation
    /// committee with the specialty, anything else a whole key.
    func organisations(_ tokens: [String], among scope: [Organisation.ID], type: DisputeType?) -> [Organisation.ID] {
        var found: [Organisation.ID] = []
        for token in tokens {
            for id in scope where handlers[id] != nil && !found.contains(id) {
                guard let info = directory.organisations[id] else { continue }
                let matches: Bool
                switch token {
                case "studio":
                    matches = info.key.hasPrefix("studio.") && type.map(info.specialties.contains) == true
                case "committee":
                    matches = info.key.contains(".mediation.") && type.map(info.specialties.contains) == true
                default:
                    matches = token.hasPrefix(".") ? info.key.hasSuffix(token) : info.key == token
                }
                if matches { found.append(id) }
            }
        }
        return found
    }
}

// MARK: - Helpers

/// The blanks of one case's templates and what fills them.
struct DemoScene: Sendable {
    private var values: [String: String] = [:]

    subscript(key: String) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// The template with every `{name}` replaced by its value (unknown names by nothing).
    func fill(_ template: String) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += values[String(rest[rest.index(after: open)..<close])] ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

/// Seeded choices on top of `DeterministicRandom.next()`, with algorithms of our own so that the same seed gives the
/// same demo on every Swift version.
struct DemoDice {
    private var random: DeterministicRandom

    init(seed: UInt64) { random = DeterministicRandom(seed: seed) }

    /// Uniform in the range, by rejection sampling.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        let limit = UInt64.max - UInt64.max % span
        var value = random.next()
        while value >= limit { value = random.next() }
        return range.lowerBound + Int(value % span)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(random.next() >> 11) / 9_007_199_254_740_992 }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<Element>(_ elements: [Element]) -> Element { elements[int(0...(elements.count - 1))] }

    mutating func weighted<Element>(_ elements: [(Element, Int)]) -> Element {
        let total = elements.reduce(0) { $0 + max(0, $1.1) }
        guard total > 0 else { return elements[0].0 }
        var roll = int(0...(total - 1))
        for (element, weight) in elements where weight > 0 {
            if roll < weight { return element }
            roll -= weight
        }
        return elements[elements.count - 1].0
    }

    /// Fisher–Yates.
    mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        var index = result.count - 1
        while index > 0 {
            result.swapAt(index, int(0...index))
            index -= 1
        }
        return result
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(int(0...9))) })
    }
}
