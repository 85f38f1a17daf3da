import FengqiaoStore
import Hummingbird
import Logging
import OpenAPIHummingbird

/// Builds the whole web application from its configuration and an open database.
/// `serve` and the HTTP tests call this same function.
public func buildApplication(services: AppServices, logger: Logger) -> some ApplicationProtocol {
    buildApplication(services: services, logger: logger, chromium: { ChromiumPDF.locate() })
}

/// `chromium` finds the agreement PDF's renderer: tests may leave it out.
func buildApplication(
    services: AppServices, logger: Logger, chromium: @escaping @Sendable () -> ChromiumPDF?
) -> some ApplicationProtocol {
    let configuration = services.configuration
    return Application(
        router: buildRouter(services: services, logger: logger, chromium: chromium),
        configuration: .init(
            address: .hostname(configuration.hostname, port: configuration.port),
            serverName: "fengqiao"),
        services: configuration.scheduler ? [SchedulerService(services: services, logger: logger)] : [],
        logger: logger)
}

public func buildRouter(services: AppServices, logger: Logger) -> Router<AppRequestContext> {
    buildRouter(services: services, logger: logger, chromium: { ChromiumPDF.locate() })
}

func buildRouter(
    services: AppServices, logger: Logger, chromium: @escaping @Sendable () -> ChromiumPDF?
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // The request's time, read once before anything else.
    router.add(middleware: RequestClockMiddleware(clock: services.clock))
    // Then the client's address, as the abuse limits and the logs know it.
    router.add(middleware: ClientAddressMiddleware(trustedProxies: Set(services.configuration.trustedProxies)))
    // Then every request is counted and timed, and its log lines carry its id.
    let metrics = AppMetrics()
    router.add(middleware: MetricsMiddleware(metrics: metrics, logger: logger))
    // Outermost first: security headers go on every response, error pages included, and the error page
    // already knows the language.
    router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: services.configuration.behindTLS))
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: ErrorMiddleware(logger: logger))
    // Every controller gets the repositories and settings it uses, built here from `services`: nothing past this
    // point holds the whole bag.
    let configuration = services.configuration
    let calendars = services.calendars
    let caseActions = services.caseActions
    let actors = ActorFactory(regions: services.regions, organisations: services.organisations)
    // Public and static routes first: they never read a session.
    HealthController(
        database: services.database, migrator: services.migrator, cases: services.cases, calendars: services.calendars
    ).addRoutes(to: router)
    MetricsController(
        token: configuration.metricsToken, mode: configuration.mode,
        operations: OperationsRepository(database: services.database),
        outbox: OutboxRepository(database: services.database), metrics: metrics
    ).addRoutes(to: router)
    StaticController().addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)
    Open311Controller(
        categories: services.categories, cases: services.cases, regions: services.regions,
        organisations: services.organisations, open311Keys: services.open311Keys, users: services.users,
        actors: actors, caseActions: caseActions, calendars: calendars,
        hostname: configuration.hostname, port: configuration.port, logger: logger
    ).addRoutes(to: router)
    // The pages: the staff session (HummingbirdAuth authenticator); each controller puts the roles it serves on its
    // own route groups (`RoleRequirement.page`).
    let pages = router.group()
        .add(middleware: SessionAuthenticator(sessions: services.sessions, users: services.users, actors: actors))
    let hotspots = HotspotService(services: services, caseActions: caseActions)
    HotspotController(hotspots: hotspots, organisations: services.organisations, regions: services.regions)
        .addRoutes(to: pages)
    HomeController(regions: services.regions, organisations: services.organisations, mediators: services.mediators)
        .addRoutes(to: pages)
    SignInController(
        users: services.users, sessions: services.sessions, organisations: services.organisations,
        regions: services.regions, limits: services.limits, passwords: services.passwords,
        secureCookies: configuration.secureCookies
    ).addRoutes(to: pages)
    AccountController(users: services.users, sessions: services.sessions, passwords: services.passwords)
        .addRoutes(to: pages)
    SetupController(setup: FirstRunSetup(services: services), secureCookies: configuration.secureCookies)
        .addRoutes(to: pages)
    AgreementController(
        cases: services.cases, organisations: services.organisations, mediators: services.mediators,
        accessLog: services.accessLog, logger: logger, chromium: chromium
    ).addRoutes(to: pages)
    let trackingPass = TrackingPass(secret: configuration.sessionSecret, secure: configuration.secureCookies)
    let tracking = TrackingController(
        cases: services.cases, organisations: services.organisations, calendars: calendars, limits: services.limits,
        secureCookies: configuration.secureCookies, pass: trackingPass,
        outbox: OutboxRepository(database: services.database), files: services.files, logger: logger)
    tracking.addRoutes(to: pages)
    MediatorDirectoryController(
        regions: services.regions, mediators: services.mediators, organisations: services.organisations,
        tracking: tracking, secureCookies: configuration.secureCookies, logger: logger
    ).addRoutes(to: pages)
    CasePageController(
        cases: services.cases, files: services.files, regions: services.regions, organisations: services.organisations,
        mediators: services.mediators, categories: services.categories, calendars: calendars, caseActions: caseActions,
        riskDesk: services.riskDesk, keyPersons: KeyPersonRegister(services: services)
    ).addRoutes(to: pages)
    DeskController(
        cases: services.cases, regions: services.regions, categories: services.categories, calendars: calendars,
        caseActions: caseActions, hotspots: hotspots,
        keyPersons: KeyPersonPanels(register: KeyPersonRegister(services: services))
    ).addRoutes(to: pages)
    QueueController(
        cases: services.cases, mediators: services.mediators, regions: services.regions, calendars: calendars,
        keyPersons: KeyPersonPanels(register: KeyPersonRegister(services: services)), risk: services.risk
    ).addRoutes(to: pages)
    RiskController(desk: services.riskDesk).addRoutes(to: pages)
    CaseListController(
        cases: services.cases, regions: services.regions, organisations: services.organisations,
        categories: services.categories, calendars: calendars, caseActions: caseActions, exporter: services.caseExporter
    ).addRoutes(to: pages)
    DashboardController(
        regions: services.regions, organisations: services.organisations, cases: services.cases,
        categories: services.categories, settings: services.settings, calendars: calendars,
        keyPersons: KeyPersonPanels(register: KeyPersonRegister(services: services)), risk: services.risk,
        hotspots: hotspots
    ).addRoutes(to: pages)
    ReportController(
        regions: services.regions, cases: services.cases, categories: services.categories, files: services.files,
        calendars: calendars, limits: services.limits, secureCookies: configuration.secureCookies,
        caseActions: caseActions, tracking: tracking
    ).addRoutes(to: pages)
    QRCodeController(regions: services.regions).addRoutes(to: pages)
    AdminController(
        regions: services.regions, organisations: services.organisations, users: services.users,
        categories: services.categories, timeLimits: services.timeLimits, calendars: calendars,
        accessLog: services.accessLog, cases: services.cases, passwords: services.passwords
    ).addRoutes(to: pages)
    AdminSettingsController(regions: services.regions, users: services.users, settings: services.settings)
        .addRoutes(to: pages)
    AdminImportController(services: services).addRoutes(to: pages)
    AdminStructureController(services: services).addRoutes(to: pages)
    AdminPeopleController(people: services.people).addRoutes(to: pages)
    AdminRulesController(
        regions: services.regions, categories: services.categories, timeLimits: services.timeLimits,
        calendarYears: services.calendarYears, calendars: calendars, accessLog: services.accessLog
    ).addRoutes(to: pages)
    KeyPersonController(register: KeyPersonRegister(services: services)).addRoutes(to: pages)
    AdminRiskController(
        regions: services.regions, rules: RiskRuleRepository(database: services.database), calendars: calendars,
        accessLog: services.accessLog
    ).addRoutes(to: pages)
    // The JSON API: problem documents, the bearer token (HummingbirdAuth authenticator), any member of staff.
    let bearer = BearerAuthenticator(tokens: services.tokens, users: services.users, actors: actors)
    let api = router.group("api/v1")
        .add(middleware: APIErrorMiddleware(logger: logger))
        .add(middleware: bearer)
        .add(middleware: RoleRequirement.api)
    CaseAPIController(
        cases: services.cases, regions: services.regions, organisations: services.organisations,
        files: services.files, calendars: calendars, caseActions: caseActions
    ).addRoutes(to: api)
    ExportAPIController(
        cases: services.cases, regions: services.regions, organisations: services.organisations,
        accessLog: services.accessLog, calendars: calendars, caseActions: caseActions, exporter: services.caseExporter
    ).addRoutes(to: api)
    CategoryAPIController(categories: services.categories, regions: services.regions).addRoutes(to: api)
    StructureAPIController(services: services).addRoutes(to: api)
    MetricsAPIController(regions: services.regions, cases: services.cases).addRoutes(to: api)
    AccessLogAPIController(
        regions: services.regions, accessLog: services.accessLog, users: services.users, cases: services.cases
    ).addRoutes(to: api)
    FileAPIController(files: services.files, cases: services.cases).addRoutes(to: api)
    StructureImportAPIController(services: services).addRoutes(to: api)
    TimeLimitAPIController(
        timeLimits: services.timeLimits, accessLog: services.accessLog,
        charges: ChargeRepository(database: services.database),
        regions: services.regions, calendars: calendars, calendarFile: configuration.calendarFile
    ).addRoutes(to: api)
    RulesAPIController(
        timeLimits: services.timeLimits, calendarYears: services.calendarYears, calendars: calendars,
        accessLog: services.accessLog, regions: services.regions
    ).addRoutes(to: api)
    MediationAPIController(
        mediation: MediationRepository(database: services.database), mediators: services.mediators,
        regions: services.regions
    ).addRoutes(to: api)
    PeopleAPIController(people: services.people).addRoutes(to: api)
    KeyPersonAPIController(
        register: KeyPersonRegister(services: services), rules: RiskRuleRepository(database: services.database),
        calendars: calendars, regions: services.regions, accessLog: services.accessLog
    ).addRoutes(to: api)
    RiskAPIController(desk: services.riskDesk).addRoutes(to: api)
    HotspotAPIController(hotspots: hotspots).addRoutes(to: api)
    // The case actions, one operation each, as the contract's generated server protocol has them (its paths carry
    // the /api/v1 prefix themselves).
    let actions = router.group()
        .add(middleware: APIErrorMiddleware(logger: logger))
        .add(middleware: bearer)
        .add(middleware: RoleRequirement.api)
        .add(middleware: RequestScopeMiddleware())
    do {
        try CaseActionAPI(caseActions: caseActions).registerHandlers(on: actions)
    } catch {
        preconditionFailure("the contract's case actions could not be registered: \(error)")
    }
    return router
}
