import FengqiaoCore
import FengqiaoStore
import Logging

/// Every dependency of the application, built once from the configuration and the open database. Only the
/// composition roots hold it: `buildRouter` hands each controller the repositories and settings it uses, and
/// `SchedulerService` and the commands take what they run from it.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let database: Database
    public let migrator: Migrator
    public let regions: RegionRepository
    public let organisations: OrganisationRepository
    public let users: UserRepository
    public let mediators: MediatorRepository
    public let tokens: TokenRepository
    public let cases: CaseRepository
    public let accessLog: AccessLogRepository
    public let sessions: SessionRepository
    public let categories: CategoryRepository
    public let files: FileRepository
    public let timeLimits: TimeLimitRepository
    public let open311Keys: Open311KeyRepository
    /// The settings administrators change on a page (the 红黑榜's ranking minimum).
    public let settings: SettingsRepository
    public let scheduler: DeadlineScheduler
    /// Public intake, tracking and sign-in limits (in the database: across instances and restarts).
    let limits: AbuseLimits
    /// The time (`AppClock.system` unless a test fixes it).
    public let clock: AppClock
    /// The working calendar of the clocks: the configured one with the years administrators uploaded laid over it,
    /// one reference every service reads at each computation (`LiveCalendar`). `loadCalendar()` reads the uploads at
    /// start-up; an upload through this process applies at once; the scheduler reloads at each poll.
    public let calendars: LiveCalendar
    /// The uploaded calendar years.
    public let calendarYears: CalendarRepository
    /// The working calendar in force now.
    public var calendar: WorkingCalendar { calendars.current }
    /// Recognises people and households across cases by keyed hashes (`PersonKey`).
    public let personKey: PersonKey
    /// Risk warnings and their visits (docs/RISK.md).
    public let risk: RiskStore
    /// This instance's hotspots, computed from the cases within the window (docs/HOTSPOTS.md).
    public let hotspots: HotspotCache
    /// bcrypt for this application's sign-ins and password changes, with its own admission limit (`PasswordHasher`).
    public let passwords: PasswordHasher

    public init(configuration: AppConfiguration, database: Database, clock: AppClock = .system) {
        self.configuration = configuration
        self.clock = clock
        self.database = database
        self.migrator = Migrator(database: database)
        self.regions = RegionRepository(database: database)
        self.organisations = OrganisationRepository(database: database)
        self.users = UserRepository(database: database)
        self.mediators = MediatorRepository(database: database)
        self.tokens = TokenRepository(database: database)
        self.calendars = LiveCalendar(configuration.calendar)
        self.calendarYears = CalendarRepository(database: database)
        let personKey = PersonKey(secret: configuration.personKeySecret ?? configuration.sessionSecret)
        self.personKey = personKey
        self.cases = CaseRepository(database: database, calendars: calendars, personKey: personKey)
        self.risk = RiskStore(database: database, calendars: calendars)
        self.accessLog = AccessLogRepository(database: database)
        self.sessions = SessionRepository(database: database)
        self.categories = CategoryRepository(database: database)
        self.files = FileRepository(database: database)
        self.timeLimits = TimeLimitRepository(database: database)
        self.open311Keys = Open311KeyRepository(database: database)
        self.settings = SettingsRepository(database: database)
        self.scheduler = DeadlineScheduler(database: database, cases: cases)
        self.limits = AbuseLimits(counters: AbuseCounterRepository(database: database))
        self.passwords = PasswordHasher()
        self.hotspots = HotspotCache(
            repository: HotspotRepository(database: database), regions: regions, personKey: personKey,
            parameters: HotspotParameters(window: Double(configuration.hotspotWindowHours) * 3600))
    }
}

extension AppServices {
    /// Lays the uploaded calendar years over the configured calendar (at start-up, and at each scheduler poll so
    /// that an upload through another instance reaches this one). A database not yet migrated has none: the
    /// configured calendar stays.
    public func loadCalendar() async throws {
        guard try await migrator.currentVersion() >= 21 else { return }
        try await calendars.reload(from: calendarYears)
    }

    /// What the controllers that run case actions hold: a `CaseActions` per request, at its time.
    var caseActions: CaseActionsFactory {
        CaseActionsFactory(
            cases: cases, organisations: organisations, accessLog: accessLog, calendars: calendars, files: files)
    }

    /// The CSV exporter over these repositories.
    var caseExporter: CaseExporter {
        CaseExporter(
            cases: cases, regions: regions, organisations: organisations, categories: categories,
            accessLog: accessLog, calendars: calendars, users: users, clock: clock)
    }
}

// The commands (`fengqiao import`, `fengqiao export`) hold `AppServices` as their composition root: these build the
// use cases they run from it.

extension CaseImporter {
    public init(services: AppServices) {
        self.init(regions: services.regions, caseActions: services.caseActions, clock: services.clock)
    }
}

extension CaseExporter {
    public init(services: AppServices) {
        self = services.caseExporter
    }
}
