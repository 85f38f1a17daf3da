import FengqiaoCore
import FengqiaoStore
import Logging

/// The dependencies every controller may use, built once from the configuration and the open database.
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
    public let scheduler: DeadlineScheduler
    /// Public intake, tracking and sign-in limits (in the database: across instances and restarts).
    let limits: AbuseLimits
    /// The time (`AppClock.system` unless a test fixes it).
    public let clock: AppClock
    /// The working calendar of the clocks (from the configuration).
    public var calendar: WorkingCalendar { configuration.calendar }

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
        self.cases = CaseRepository(database: database, calendar: configuration.calendar)
        self.accessLog = AccessLogRepository(database: database)
        self.sessions = SessionRepository(database: database)
        self.categories = CategoryRepository(database: database)
        self.files = FileRepository(database: database)
        self.timeLimits = TimeLimitRepository(database: database)
        self.open311Keys = Open311KeyRepository(database: database)
        self.scheduler = DeadlineScheduler(database: database, cases: cases)
        self.limits = AbuseLimits(counters: AbuseCounterRepository(database: database))
    }
}
