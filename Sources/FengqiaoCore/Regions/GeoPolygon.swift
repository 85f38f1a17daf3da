/// A simple polygon boundary in WGS-84 (longitude, latitude), stored and exchanged as GeoJSON.
/// One outer ring; the first and last point are the same (GeoJSON's closed ring).
public struct GeoPolygon: Sendable, Hashable, Codable {
    public struct Point: Sendable, Hashable, Codable {
        public var longitude: Double
        public var latitude: Double
        public init(longitude: Double, latitude: Double) {
            self.longitude = longitude
            self.latitude = latitude
        }
    }

    public private(set) var ring: [Point]

    /// Builds a polygon from its corners; closes the ring if it is open.
    public init(ring: [Point]) throws(GeoPolygonError) {
        var ring = ring
        if let first = ring.first, ring.last != first { ring.append(first) }
        guard ring.count >= 4 else { throw .tooFewPoints }
        for point in ring {
            guard (-180...180).contains(point.longitude), (-90...90).contains(point.latitude) else {
                throw .outOfRange
            }
        }
        self.ring = ring
    }

    /// An axis-aligned rectangle: enough for demo grids.
    public static func rectangle(
        west: Double, south: Double, east: Double, north: Double
    ) throws(GeoPolygonError)
        -> GeoPolygon
    {
        try GeoPolygon(ring: [
            Point(longitude: west, latitude: south), Point(longitude: east, latitude: south),
            Point(longitude: east, latitude: north), Point(longitude: west, latitude: north),
        ])
    }

    /// The mean of the ring's distinct corners: good enough to place a label or a marker.
    public var centroid: Point {
        let corners = ring.dropLast()
        let n = Double(corners.count)
        return Point(
            longitude: corners.map(\.longitude).reduce(0, +) / n,
            latitude: corners.map(\.latitude).reduce(0, +) / n)
    }

    /// Ray casting: whether the point lies inside the ring.
    public func contains(_ p: Point) -> Bool {
        var inside = false
        var j = ring.count - 2
        for i in 0..<(ring.count - 1) {
            let a = ring[i]
            let b = ring[j]
            if (a.latitude > p.latitude) != (b.latitude > p.latitude) {
                let x =
                    (b.longitude - a.longitude) * (p.latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude
                if p.longitude < x { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    // MARK: GeoJSON

    private struct GeoJSON: Codable {
        var type: String
        var coordinates: [[[Double]]]
    }

    public func encode(to encoder: any Encoder) throws {
        try GeoJSON(type: "Polygon", coordinates: [ring.map { [$0.longitude, $0.latitude] }]).encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        let json = try GeoJSON(from: decoder)
        guard json.type == "Polygon", let outer = json.coordinates.first,
            outer.allSatisfy({ $0.count >= 2 })
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a GeoJSON Polygon"))
        }
        try self.init(ring: outer.map { Point(longitude: $0[0], latitude: $0[1]) })
    }
}

public enum GeoPolygonError: UserFacingError, Equatable {
    case tooFewPoints
    case outOfRange

    public var code: String {
        switch self {
        case .tooFewPoints: "geo.too_few_points"
        case .outOfRange: "geo.out_of_range"
        }
    }

    public var message: Localized {
        switch self {
        case .tooFewPoints:
            Localized(zh: "边界至少需要3个不同的点。", en: "A boundary needs at least 3 distinct points.")
        case .outOfRange:
            Localized(zh: "坐标超出经纬度范围。", en: "A coordinate is outside the longitude/latitude range.")
        }
    }
}
