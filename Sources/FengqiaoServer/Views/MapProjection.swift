import FengqiaoCore
import Foundation

/// Longitude and latitude onto an SVG of a fixed width, north up, for the maps drawn on the server (the leader's
/// grid map, a hotspot's map): they work without JavaScript and without map tiles (government intranets are
/// offline). Nil when the points span no area.
struct MapProjection {
    let width = 1000.0
    let height: Double
    private let minX: Double
    private let maxX: Double
    private let minY: Double
    private let maxY: Double

    init?(_ points: [GeoPolygon.Point]) {
        guard let minX = points.map(\.longitude).min(), let maxX = points.map(\.longitude).max(),
            let minY = points.map(\.latitude).min(), let maxY = points.map(\.latitude).max(), maxX > minX,
            maxY > minY
        else { return nil }
        (self.minX, self.maxX, self.minY, self.maxY) = (minX, maxX, minY, maxY)
        height = (width * (maxY - minY) / (maxX - minX)).rounded()
    }

    func xy(_ p: GeoPolygon.Point) -> (x: Double, y: Double) {
        ((p.longitude - minX) / (maxX - minX) * width, (maxY - p.latitude) / (maxY - minY) * height)
    }

    /// "x,y" for a polygon's `points`.
    func project(_ p: GeoPolygon.Point) -> String {
        let (x, y) = xy(p)
        return String(format: "%.1f,%.1f", x, y)
    }

    /// The opening tag of the SVG, with its accessible name (escaped).
    func open(label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
            + "aria-label=\"\(Widgets.escapeAttribute(label))\">"
    }

    /// The middle of a ring (the mean of its corners), in SVG coordinates.
    func middle(of ring: [GeoPolygon.Point]) -> (x: Double, y: Double)? {
        guard !ring.isEmpty else { return nil }
        let corners = ring.map(xy)
        return (
            corners.map(\.x).reduce(0, +) / Double(corners.count), corners.map(\.y).reduce(0, +) / Double(corners.count)
        )
    }
}
