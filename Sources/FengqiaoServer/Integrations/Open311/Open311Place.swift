import FengqiaoCore
import FengqiaoStore
import Foundation

/// Where a posted request is: the grid whose boundary holds `lat`/`long` (else the smallest region that does, else
/// a grid whose centre is within 2 km), the region named by `region_code` (our extension), or, with only an
/// `address_string`, the smallest region whose name the address contains (else the county: the center places it).
/// Anything outside the county is refused with 400.
struct Open311Place: Sendable {
    struct Resolved: Sendable {
        let region: Region
        let address: String?
        let latitude: Double?
        let longitude: Double?
    }

    /// How far from a grid's centre a point outside every boundary may be and still belong to that grid.
    static let nearestGridDistance: Double = 2_000

    let regions: RegionRepository
    let county: Region?

    func resolve(
        latitude: String?, longitude: String?, address: String?, regionCode: String?, addressID: String?
    ) async throws -> Resolved {
        guard let county else {
            throw Open311Error(
                .badRequest, Localized(zh: "请提供 jurisdiction_id。", en: "jurisdiction_id was not provided."))
        }
        let regions = try await self.regions.subtree(of: county.id)
        if latitude != nil || longitude != nil {
            guard let latitudeText = latitude, let longitudeText = longitude, let lat = Double(latitudeText),
                let long = Double(longitudeText), (-90...90).contains(lat), (-180...180).contains(long)
            else {
                throw Open311Error(
                    .badRequest,
                    Localized(
                        zh: "lat 和 long 须同时提供，为 WGS84 十进制度数。",
                        en: "lat and long must both be given, in WGS84 decimal degrees."))
            }
            guard let region = Self.region(containing: lat, long, in: regions) else {
                throw Open311Error(
                    .badRequest,
                    Localized(
                        zh: "该位置（\(lat), \(long)）不在本辖区内。",
                        en: "The location (\(lat), \(long)) is outside this jurisdiction."))
            }
            return Resolved(region: region, address: address, latitude: lat, longitude: long)
        }
        if let regionCode {
            guard let region = regions.first(where: { $0.code == regionCode }) else {
                throw Open311Error(
                    .badRequest,
                    Localized(
                        zh: "region_code“\(regionCode)”不是本辖区的区划或网格代码。",
                        en: "region_code \(regionCode) is not a region or grid of this jurisdiction."))
            }
            return Resolved(region: region, address: address, latitude: nil, longitude: nil)
        }
        if let address {
            return Resolved(
                region: Self.region(named: address, in: regions) ?? county, address: address, latitude: nil,
                longitude: nil)
        }
        throw Open311Error(
            .badRequest,
            addressID != nil
                ? Localized(
                    zh: "不支持 address_id，请提供 lat/long、address_string 或 region_code。",
                    en: "address_id is not supported: send lat and long, address_string or region_code.")
                : Localized(
                    zh: "请提供位置：lat/long、address_string 或 region_code。",
                    en: "A location is required: lat and long, address_string or region_code."))
    }

    /// The deepest region whose boundary holds the point, else the grid whose centre is nearest (within 2 km).
    static func region(containing latitude: Double, _ longitude: Double, in regions: [Region]) -> Region? {
        let point = GeoPolygon.Point(longitude: longitude, latitude: latitude)
        if let inside = regions.filter({ $0.boundary?.contains(point) == true }).max(by: {
            $0.level.depth < $1.level.depth
        }) {
            return inside
        }
        let grids = regions.compactMap { region -> (Region, Double)? in
            guard region.level == .grid, let centre = region.boundary?.centroid else { return nil }
            return (region, distance(point, centre))
        }
        guard let nearest = grids.min(by: { $0.1 < $1.1 }), nearest.1 <= nearestGridDistance else { return nil }
        return nearest.0
    }

    /// The deepest region whose name the address contains (names of two characters or more).
    static func region(named address: String, in regions: [Region]) -> Region? {
        regions.filter { $0.name.count >= 2 && address.contains($0.name) }.max { $0.level.depth < $1.level.depth }
    }

    /// Great-circle distance in metres.
    static func distance(_ a: GeoPolygon.Point, _ b: GeoPolygon.Point) -> Double {
        let radius = 6_371_000.0
        let phi1 = a.latitude * .pi / 180
        let phi2 = b.latitude * .pi / 180
        let dPhi = phi2 - phi1
        let dLambda = (b.longitude - a.longitude) * .pi / 180
        let h = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
        return 2 * radius * asin(min(1, sqrt(h)))
    }
}
