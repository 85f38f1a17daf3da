import FengqiaoCore
import FengqiaoStore

/// A small tree used by the repository tests: county → township → village → grid → sub-grid.
struct SmallTree {
    let county: Region
    let township: Region
    let otherTownship: Region
    let village: Region
    let grid: Region
    let subGrid: Region

    static func make(in database: Database) async throws -> SmallTree {
        let regions = RegionRepository(database: database)
        let county = try await regions.create(NewRegion(code: "331021", name: "清溪县", level: .county, parentID: nil))
        let township = try await regions.create(
            NewRegion(code: "331021101", name: "青溪镇", level: .township, parentID: county.id))
        let other = try await regions.create(
            NewRegion(code: "331021102", name: "白沙镇", level: .township, parentID: county.id))
        let village = try await regions.create(
            NewRegion(code: "331021101001", name: "上林村", level: .village, parentID: township.id, households: 420))
        let grid = try await regions.create(
            NewRegion(
                code: "331021101001-01", name: "第一网格", level: .grid, parentID: village.id, households: 120,
                boundary: try GeoPolygon.rectangle(west: 120.2, south: 29.6, east: 120.21, north: 29.61)))
        let subGrid = try await regions.create(
            NewRegion(code: "331021101001-01-1", name: "第一网格一组", level: .grid, parentID: grid.id, households: 40))
        return SmallTree(
            county: county, township: township, otherTownship: other, village: village, grid: grid, subGrid: subGrid)
    }
}
