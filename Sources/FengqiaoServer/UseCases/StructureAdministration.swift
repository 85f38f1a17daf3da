import FengqiaoCore
import FengqiaoStore
import Foundation

/// An administrator's changes to the county's structure (regions and grids, organisations), the one path of the
/// `/admin` pages and the JSON API: each change limited to the administrator's jurisdiction (`AdminScope`: the
/// region changed, its new parent, an organisation's region old and new all lie in it), made by the repository in
/// one transaction, and written to the access log (`region.*`, `organisation.*`; `StructureLogText` tells them).
struct StructureAdministration: Sendable {
    let regions: RegionRepository
    let organisations: OrganisationRepository
    let accessLog: AccessLogRepository

    /// Who asks, within which regions, when, and the request (for the access log).
    struct Administrator: Sendable {
        let identity: Identity
        let scope: AdminScope
        let now: Date
        let requestID: String
    }

    /// A region or organisation outside the jurisdiction is answered as one that does not exist.
    static let notFound = APIError.notFound

    /// A change of a region: nil fields stay as they are.
    struct RegionEdit: Sendable {
        var name: String?
        var households: Int?
        var boundary: BoundaryChange?
        /// The code of the new parent.
        var parentCode: String?
    }

    // MARK: Regions

    /// The region with this code, if it lies in the jurisdiction.
    func region(_ code: String, _ admin: Administrator) async throws -> Region {
        guard let region = try await regions.find(code: code), admin.scope.contains(region.id) else {
            throw Self.notFound
        }
        return region
    }

    /// Adds a region under `parentCode`, which must lie in the jurisdiction.
    func addRegion(
        code: String, name: String, level: RegionLevel, parentCode: String, households: Int, boundary: GeoPolygon?,
        _ admin: Administrator
    ) async throws -> Region {
        guard let parent = try await regions.find(code: parentCode), admin.scope.contains(parent.id) else {
            throw AdminController.Refusal(
                code: "admin.outside_jurisdiction", message: AdminStrings.outsideJurisdiction)
        }
        let region = try await regions.create(
            NewRegion(
                code: code.trimmingWhitespace, name: name.trimmingWhitespace, level: level, parentID: parent.id,
                households: households, boundary: boundary))
        try await log(admin, "region.create", "region \(region.code); parent: \(parent.code)")
        return region
    }

    /// Renames, sets households or boundary, and moves (in that order, each its own transaction; a refused move
    /// leaves the other changes unmade because it is checked first).
    func editRegion(_ code: String, _ edit: RegionEdit, _ admin: Administrator) async throws -> Region {
        var region = try await region(code, admin)
        var parent: Region?
        if let parentCode = edit.parentCode {
            guard let found = try await regions.find(code: parentCode), admin.scope.contains(found.id) else {
                throw AdminController.Refusal(
                    code: "admin.outside_jurisdiction", message: AdminStrings.outsideJurisdiction)
            }
            if found.id != region.parentID { parent = found }
        }
        if let name = edit.name { try NewRegion.validateName(name) }
        if let households = edit.households, households < 0 { throw RegionError.negativeHouseholds }
        var changes: [String] = []
        var oldParentCode: String?
        if let id = region.parentID { oldParentCode = try await regions.find(id: id)?.code }
        if let parent {
            region = try await regions.move(region.id, under: parent.id)
            changes.append("parent: \(oldParentCode ?? "-") -> \(parent.code)")
        }
        let before = region
        if edit.name != nil || edit.households != nil || edit.boundary != nil {
            region = try await regions.update(
                region.id, name: edit.name, households: edit.households, boundary: edit.boundary)
        }
        if before.name != region.name { changes.append("name: \(before.name) -> \(region.name)") }
        if before.households != region.households {
            changes.append("households: \(before.households) -> \(region.households)")
        }
        switch edit.boundary {
        case .set?: changes.append("boundary: set")
        case .remove?: changes.append("boundary: removed")
        case nil: break
        }
        if !changes.isEmpty {
            try await log(admin, "region.update", "region \(region.code); " + changes.joined(separator: "; "))
        }
        return region
    }

    func retireRegion(_ code: String, _ admin: Administrator) async throws -> Region {
        let region = try await regions.retire(try await self.region(code, admin).id, at: admin.now)
        try await log(admin, "region.retire", "region \(region.code)")
        return region
    }

    func restoreRegion(_ code: String, _ admin: Administrator) async throws -> Region {
        let region = try await regions.restore(try await self.region(code, admin).id)
        try await log(admin, "region.restore", "region \(region.code)")
        return region
    }

    // MARK: Organisations

    /// The organisation, if its region lies in the jurisdiction.
    func organisation(_ id: Organisation.ID, _ admin: Administrator) async throws -> Organisation {
        guard let organisation = try await organisations.find(id: id), admin.scope.contains(organisation.regionID)
        else { throw Self.notFound }
        return organisation
    }

    /// The region (by code) an organisation is to belong to: in the jurisdiction and in use.
    private func organisationRegion(_ code: String, _ admin: Administrator) async throws -> Region {
        guard let region = try await regions.find(code: code), admin.scope.contains(region.id) else {
            throw AdminController.Refusal(code: "admin.outside_jurisdiction", message: AdminStrings.outsideJurisdiction)
        }
        return region
    }

    func addOrganisation(
        name: String, kind: OrganisationKind, regionCode: String, specialties: [DisputeType], phone: String?,
        _ admin: Administrator
    ) async throws -> Organisation {
        let region = try await organisationRegion(regionCode, admin)
        let organisation = try await organisations.create(
            NewOrganisation(
                name: name.trimmingWhitespace, kind: kind, regionID: region.id, specialties: specialties,
                phone: phone?.trimmingWhitespace))
        try await log(admin, "organisation.create", "organisation \(organisation.id); region: \(region.code)")
        return organisation
    }

    /// A change of an organisation: nil fields stay as they are; an empty phone removes it.
    struct OrganisationEdit: Sendable {
        var name: String?
        var kind: OrganisationKind?
        var regionCode: String?
        var specialties: [DisputeType]?
        var phone: String?
    }

    func editOrganisation(
        _ id: Organisation.ID, _ edit: OrganisationEdit, _ admin: Administrator
    ) async throws -> Organisation {
        let current = try await organisation(id, admin)
        var region = current.regionID
        var regionCode: String?
        if let code = edit.regionCode {
            let found = try await organisationRegion(code, admin)
            region = found.id
            regionCode = found.code
        }
        let phone = edit.phone.map { $0.trimmingWhitespace.isEmpty ? nil : $0.trimmingWhitespace } ?? current.phone
        let updated = try await organisations.update(
            id,
            to: NewOrganisation(
                name: edit.name?.trimmingWhitespace ?? current.name, kind: edit.kind ?? current.kind,
                regionID: region, specialties: edit.specialties ?? current.specialties, phone: phone))
        var changes: [String] = []
        if current.name != updated.name { changes.append("name: \(current.name) -> \(updated.name)") }
        if current.kind != updated.kind { changes.append("kind: \(current.kind.rawValue) -> \(updated.kind.rawValue)") }
        if current.regionID != updated.regionID, let regionCode { changes.append("region: -> \(regionCode)") }
        if current.phone != updated.phone { changes.append("phone: changed") }
        if current.specialties != updated.specialties {
            changes.append("specialties: \(updated.specialties.map(\.rawValue).joined(separator: ","))")
        }
        if !changes.isEmpty {
            try await log(
                admin, "organisation.update", "organisation \(updated.id); " + changes.joined(separator: "; "))
        }
        return updated
    }

    func retireOrganisation(_ id: Organisation.ID, _ admin: Administrator) async throws -> Organisation {
        let organisation = try await organisations.retire(try await self.organisation(id, admin).id, at: admin.now)
        try await log(admin, "organisation.retire", "organisation \(organisation.id)")
        return organisation
    }

    func restoreOrganisation(_ id: Organisation.ID, _ admin: Administrator) async throws -> Organisation {
        let organisation = try await organisations.restore(try await self.organisation(id, admin).id)
        try await log(admin, "organisation.restore", "organisation \(organisation.id)")
        return organisation
    }

    // MARK: The access log

    private func log(_ admin: Administrator, _ action: String, _ detail: String) async throws {
        try await accessLog.record(
            AccessLogRepository.Entry(
                at: admin.now, userID: admin.identity.user.id, username: admin.identity.user.username,
                action: action, caseID: nil, detail: detail, requestID: admin.requestID))
    }
}

extension StructureAdministration {
    init(services: AppServices) {
        self.init(regions: services.regions, organisations: services.organisations, accessLog: services.accessLog)
    }
}
