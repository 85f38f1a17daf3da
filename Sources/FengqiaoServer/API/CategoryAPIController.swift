import FengqiaoCore
import FengqiaoStore
import Hummingbird

/// `/api/v1/categories`: the catalogue for every member of staff; administrators add and edit entries.
struct CategoryAPIController {
    let categories: CategoryRepository
    /// Whose county administrators may change the catalogue (`AdminScope.requireCountyAdministrator`).
    let regions: RegionRepository

    struct CategoryResource: Codable, Sendable {
        let code: String
        let domain: GovernanceDomain
        let domainName: LocalizedText
        let name: LocalizedText
        let disputeType: DisputeType?
        let active: Bool

        init(_ category: Category) {
            code = category.code
            domain = category.domain
            domainName = LocalizedText(category.domain.name)
            name = LocalizedText(category.name)
            disputeType = category.disputeType
            active = category.active
        }
    }

    struct CategoryList: ResponseEncodable {
        let items: [CategoryResource]
    }

    struct CategoryRequest: Decodable {
        let code: String
        let domain: GovernanceDomain
        let nameZh: String
        let nameEn: String?
        let disputeType: DisputeType?
        let active: Bool?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("categories") { request, context in
            _ = try context.requireIdentity()
            let all = try StrictQuery(request.uri.queryParameters).boolean("retired") ?? false
            return CategoryList(
                items: try await categories.list(includeRetired: all).map(CategoryResource.init))
        }
        group.post("categories") { request, context in
            try await AdminScope.requireCountyAdministrator(context, regions)
            let body = try await request.decodeBody(as: CategoryRequest.self, context: context)
            let category = Category(
                code: body.code, domain: body.domain, name: Localized(zh: body.nameZh, en: body.nameEn ?? body.nameZh),
                disputeType: body.disputeType, active: body.active ?? true)
            try await categories.save(category)
            return EditedResponse(status: .ok, response: CategoryResource(category))
        }
    }
}

extension CategoryAPIController.CategoryResource: ResponseEncodable {}
