import FengqiaoCore
import FengqiaoStore
import Hummingbird

/// The public pages: home and the rate definitions.
struct HomeController {
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let mediators: MediatorRepository

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
            regions: try await regions.count(),
            grids: try await regions.count(level: .grid),
            organisations: try await organisations.count(),
            mediators: try await mediators.count())
    }
}
