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
    // Public and static routes first: they never read a session.
    HealthController(services: services).addRoutes(to: router)
    MetricsController(services: services, metrics: metrics).addRoutes(to: router)
    StaticController().addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)
    Open311Controller(services: services, logger: logger).addRoutes(to: router)
    // The pages: the staff session (HummingbirdAuth authenticator); each controller puts the roles it serves on its
    // own route groups (`RoleRequirement.page`).
    let actors = ActorFactory(regions: services.regions)
    let pages = router.group()
        .add(middleware: SessionAuthenticator(sessions: services.sessions, users: services.users, actors: actors))
    HomeController(services: services).addRoutes(to: pages)
    SignInController(services: services).addRoutes(to: pages)
    AgreementController(services: services, logger: logger, chromium: chromium).addRoutes(to: pages)
    TrackingController(services: services, logger: logger).addRoutes(to: pages)
    MediatorDirectoryController(services: services, logger: logger).addRoutes(to: pages)
    CasePageController(services: services).addRoutes(to: pages)
    DeskController(services: services).addRoutes(to: pages)
    QueueController(services: services).addRoutes(to: pages)
    DashboardController(services: services).addRoutes(to: pages)
    ReportController(services: services).addRoutes(to: pages)
    QRCodeController(services: services).addRoutes(to: pages)
    AdminController(services: services).addRoutes(to: pages)
    // The JSON API: problem documents, the bearer token (HummingbirdAuth authenticator), any member of staff.
    let bearer = BearerAuthenticator(tokens: services.tokens, users: services.users, actors: actors)
    let api = router.group("api/v1")
        .add(middleware: APIErrorMiddleware(logger: logger))
        .add(middleware: bearer)
        .add(middleware: RoleRequirement.api)
    CaseAPIController(services: services).addRoutes(to: api)
    ExportAPIController(services: services).addRoutes(to: api)
    CategoryAPIController(services: services).addRoutes(to: api)
    MetricsAPIController(services: services).addRoutes(to: api)
    AccessLogAPIController(services: services).addRoutes(to: api)
    FileAPIController(services: services).addRoutes(to: api)
    TimeLimitAPIController(services: services).addRoutes(to: api)
    MediationAPIController(services: services).addRoutes(to: api)
    // The case actions, one operation each, as the contract's generated server protocol has them (its paths carry
    // the /api/v1 prefix themselves).
    let actions = router.group()
        .add(middleware: APIErrorMiddleware(logger: logger))
        .add(middleware: bearer)
        .add(middleware: RoleRequirement.api)
        .add(middleware: RequestScopeMiddleware())
    do {
        try CaseActionAPI(services: services).registerHandlers(on: actions)
    } catch {
        preconditionFailure("the contract's case actions could not be registered: \(error)")
    }
    return router
}
