import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird

/// `/api/v1/regions` and `/api/v1/organisations`: the county's structure for administrators, within their
/// jurisdiction (`AdminScope`; a region or organisation outside it is answered 404, as one that does not exist).
/// `GET` lists and reads, `POST` adds, `PATCH` changes (a region: rename, households, boundary as GeoJSON, move under
/// another parent; an organisation: name, kind, region, phone, specialties), `POST …/retire` and `POST …/restore`.
/// Every other role is refused with 403. The rules and the access log are `StructureAdministration`'s, as for the
/// `/admin` pages.
struct StructureAPIController {
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let structure: StructureAdministration

    init(services: AppServices) {
        regions = services.regions
        organisations = services.organisations
        structure = StructureAdministration(services: services)
    }

    // MARK: Resources

    struct BoundaryResource: Codable, Sendable {
        let type: String
        let coordinates: [[[Double]]]

        init(_ polygon: GeoPolygon) {
            type = "Polygon"
            coordinates = [polygon.ring.map { [$0.longitude, $0.latitude] }]
        }
    }

    struct RegionResource: ResponseEncodable, Codable, Sendable {
        let code: String
        let name: String
        let level: RegionLevel
        let levelName: LocalizedText
        let parentCode: String?
        let households: Int
        let boundary: BoundaryResource?
        let retired: Bool
        let retiredAt: Date?
    }

    struct RegionList: ResponseEncodable {
        let items: [RegionResource]
    }

    struct RegionRequest: Decodable {
        let code: String
        let name: String
        let level: RegionLevel
        let parentCode: String
        let households: Int?
        let boundary: GeoJSONBoundary.JSONValue?
    }

    /// A region's change: absent fields stay; `boundary: null` removes the boundary.
    struct RegionPatch: Decodable {
        var name: String?
        var households: Int?
        var parentCode: String?
        var boundary: GeoJSONBoundary.JSONValue?
        var removeBoundary = false

        enum CodingKeys: String, CodingKey {
            case name, households, parentCode, boundary
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            households = try container.decodeIfPresent(Int.self, forKey: .households)
            parentCode = try container.decodeIfPresent(String.self, forKey: .parentCode)
            if container.contains(.boundary) {
                if try container.decodeNil(forKey: .boundary) {
                    removeBoundary = true
                } else {
                    boundary = try container.decode(GeoJSONBoundary.JSONValue.self, forKey: .boundary)
                }
            }
        }
    }

    struct OrganisationResource: ResponseEncodable, Codable, Sendable {
        let id: Int64
        let name: String
        let kind: OrganisationKind
        let kindName: LocalizedText
        let regionCode: String
        let specialties: [DisputeType]
        let phone: String?
        let retired: Bool
        let retiredAt: Date?
    }

    struct OrganisationList: ResponseEncodable {
        let items: [OrganisationResource]
    }

    struct OrganisationRequest: Decodable {
        let name: String
        let kind: OrganisationKind
        let regionCode: String
        let specialties: [DisputeType]?
        let phone: String?
    }

    struct OrganisationPatch: Decodable {
        let name: String?
        let kind: OrganisationKind?
        let regionCode: String?
        let specialties: [DisputeType]?
        /// An empty string removes the phone.
        let phone: String?
    }

    // MARK: Routes

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("regions") { request, context in
            let admin = try await administrator(context)
            let all = try StrictQuery(request.uri.queryParameters).boolean("retired") ?? false
            let codes = Dictionary(
                admin.scope.rows.map { ($0.region.id, $0.region.code) }, uniquingKeysWith: { a, _ in a })
            return RegionList(
                items: admin.scope.rows.filter { all || !$0.region.isRetired }.map {
                    Self.resource($0.region, parentCode: $0.region.parentID.flatMap { codes[$0] })
                })
        }
        group.post("regions") { request, context in
            let admin = try await administrator(context)
            let body = try await request.decodeBody(as: RegionRequest.self, context: context)
            let boundary = try body.boundary.map { value throws(GeoJSONError) in try GeoJSONBoundary.parse(value) }
            let region = try await structure.addRegion(
                code: body.code, name: body.name, level: body.level, parentCode: body.parentCode,
                households: body.households ?? 0, boundary: boundary, admin)
            return EditedResponse(status: .created, response: try await resource(region))
        }
        group.get("regions/:code") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await structure.region(try context.parameters.require("code"), admin))
        }
        group.patch("regions/:code") { request, context in
            let admin = try await administrator(context)
            let code = try context.parameters.require("code")
            let body = try await request.decodeBody(as: RegionPatch.self, context: context)
            var edit = StructureAdministration.RegionEdit(
                name: body.name, households: body.households, parentCode: body.parentCode)
            if body.removeBoundary {
                edit.boundary = .remove
            } else if let value = body.boundary {
                edit.boundary = .set(try GeoJSONBoundary.parse(value))
            }
            return try await resource(try await structure.editRegion(code, edit, admin))
        }
        group.post("regions/:code/retire") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await structure.retireRegion(try context.parameters.require("code"), admin))
        }
        group.post("regions/:code/restore") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await structure.restoreRegion(try context.parameters.require("code"), admin))
        }
        group.get("organisations") { request, context in
            let admin = try await administrator(context)
            let all = try StrictQuery(request.uri.queryParameters).boolean("retired") ?? false
            var items: [OrganisationResource] = []
            for root in admin.scope.roots {
                for organisation in try await organisations.list(inSubtreeOf: root.id, includeRetired: all) {
                    items.append(try await resource(organisation))
                }
            }
            return OrganisationList(items: items)
        }
        group.post("organisations") { request, context in
            let admin = try await administrator(context)
            let body = try await request.decodeBody(as: OrganisationRequest.self, context: context)
            let organisation = try await structure.addOrganisation(
                name: body.name, kind: body.kind, regionCode: body.regionCode, specialties: body.specialties ?? [],
                phone: body.phone.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 }, admin)
            return EditedResponse(status: .created, response: try await resource(organisation))
        }
        group.get("organisations/:id") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await structure.organisation(try organisationID(context), admin))
        }
        group.patch("organisations/:id") { request, context in
            let admin = try await administrator(context)
            let id = try organisationID(context)
            let body = try await request.decodeBody(as: OrganisationPatch.self, context: context)
            let organisation = try await structure.editOrganisation(
                id,
                .init(
                    name: body.name, kind: body.kind, regionCode: body.regionCode, specialties: body.specialties,
                    phone: body.phone),
                admin)
            return try await resource(organisation)
        }
        group.post("organisations/:id/retire") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await structure.retireOrganisation(try organisationID(context), admin))
        }
        group.post("organisations/:id/restore") { _, context in
            let admin = try await administrator(context)
            return try await resource(try await structure.restoreOrganisation(try organisationID(context), admin))
        }
    }

    // MARK: Helpers

    /// An administrator with their jurisdiction; any other role is refused (403).
    private func administrator(_ context: AppRequestContext) async throws -> StructureAdministration.Administrator {
        let identity = try context.requireIdentity()
        guard identity.user.holds(.admin) else { throw Self.forbidden }
        return .init(
            identity: identity, scope: try await AdminScope.load(for: identity, regions), now: context.now,
            requestID: context.requestID)
    }

    static let forbidden = APIError(
        status: .forbidden, code: "auth.forbidden",
        message: Localized(zh: "只有管理员可以管理区域和单位。", en: "Only administrators manage regions and organisations."))

    private func organisationID(_ context: AppRequestContext) throws -> Organisation.ID {
        guard let number = Int64(try context.parameters.require("id")) else { throw APIError.notFound }
        return Organisation.ID(number)
    }

    static func resource(_ region: Region, parentCode: String?) -> RegionResource {
        RegionResource(
            code: region.code, name: region.name, level: region.level, levelName: LocalizedText(region.level.name),
            parentCode: parentCode, households: region.households, boundary: region.boundary.map(BoundaryResource.init),
            retired: region.isRetired, retiredAt: region.retiredAt)
    }

    private func resource(_ region: Region) async throws -> RegionResource {
        var parentCode: String?
        if let parent = region.parentID { parentCode = try await regions.find(id: parent)?.code }
        return Self.resource(region, parentCode: parentCode)
    }

    private func resource(_ organisation: Organisation) async throws -> OrganisationResource {
        OrganisationResource(
            id: organisation.id.rawValue, name: organisation.name, kind: organisation.kind,
            kindName: LocalizedText(organisation.kind.name),
            regionCode: try await regions.find(id: organisation.regionID)?.code ?? "",
            specialties: organisation.specialties, phone: organisation.phone, retired: organisation.isRetired,
            retiredAt: organisation.retiredAt)
    }
}
