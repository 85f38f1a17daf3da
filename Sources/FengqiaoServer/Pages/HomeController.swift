import FengqiaoCore
import Hummingbird

/// The public pages: home and the rate definitions.
struct HomeController {
    let services: AppServices

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Paths.home)) { _, context in
            HTMLPage(html: HomePage(language: context.language, coverage: try await coverage()).render())
        }
        router.get(RouterPath(Paths.metricsDefinitions)) { _, context in
            HTMLPage(html: MetricsDefinitionsPage(language: context.language).render())
        }
    }

    private func coverage() async throws -> HomePage.Coverage {
        HomePage.Coverage(
            regions: try await services.regions.count(),
            grids: try await services.regions.count(level: .grid),
            organisations: try await services.organisations.count(),
            mediators: try await services.mediators.count())
    }
}
