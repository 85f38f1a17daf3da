import Foundation
import Testing

@testable import FengqiaoCore

@Suite("Regions and boundaries")
struct RegionTests {
    @Test("each level sits under the next level up; grids may also nest in grids")
    func levelNesting() {
        #expect(RegionLevel.city.mayHaveParent(.province))
        #expect(RegionLevel.township.mayHaveParent(.county))
        #expect(RegionLevel.grid.mayHaveParent(.village))
        #expect(RegionLevel.grid.mayHaveParent(.grid))
        #expect(!RegionLevel.village.mayHaveParent(.county))
        #expect(!RegionLevel.county.mayHaveParent(.township))
        #expect(!RegionLevel.township.mayHaveParent(.township))
    }

    @Test("a region with a bad code, an empty name or negative households is refused with the reason")
    func validation() throws {
        let county = Region(
            id: 1, code: "339921", name: "清溪县", level: .county, parentID: nil, households: 0, boundary: nil)
        #expect(throws: RegionError.invalidCode("33 99")) {
            try NewRegion(code: "33 99", name: "x", level: .county, parentID: nil).validate(parent: nil)
        }
        #expect(throws: RegionError.invalidName) {
            try NewRegion(code: "1", name: "　 ", level: .county, parentID: nil).validate(parent: nil)
        }
        #expect(throws: RegionError.negativeHouseholds) {
            try NewRegion(code: "1", name: "甲", level: .county, parentID: nil, households: -1).validate(parent: nil)
        }
        #expect(throws: RegionError.parentNotFound) {
            try NewRegion(code: "1", name: "甲", level: .township, parentID: 7).validate(parent: nil)
        }
        try NewRegion(code: "339921101", name: "桃源镇", level: .township, parentID: 1).validate(parent: county)
    }

    @Test("errors explain themselves in Chinese and English")
    func errorMessages() {
        let error = RegionError.levelMismatch(child: .village, parent: .county)
        #expect(error.message.zh == "村（社区）不能直接隶属于县（区）。")
        #expect(error.message.en.contains("village"))
        #expect(error.code == "region.level_mismatch")
    }

    @Test("a polygon closes its ring, knows its inside, and round-trips through GeoJSON")
    func polygon() throws {
        let box = try GeoPolygon.rectangle(west: 120.2, south: 29.6, east: 120.3, north: 29.7)
        #expect(box.ring.count == 5 && box.ring.first == box.ring.last)
        #expect(box.contains(.init(longitude: 120.25, latitude: 29.65)))
        #expect(!box.contains(.init(longitude: 120.35, latitude: 29.65)))
        #expect(abs(box.centroid.longitude - 120.25) < 1e-9)
        let json = try JSONEncoder().encode(box)
        #expect(String(decoding: json, as: UTF8.self).contains("\"type\":\"Polygon\""))
        #expect(try JSONDecoder().decode(GeoPolygon.self, from: json) == box)
        #expect(throws: GeoPolygonError.tooFewPoints) { try GeoPolygon(ring: [.init(longitude: 1, latitude: 1)]) }
        #expect(throws: GeoPolygonError.outOfRange) {
            try GeoPolygon.rectangle(west: 200, south: 0, east: 201, north: 1)
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(GeoPolygon.self, from: Data(#"{"type":"Point","coordinates":[]}"#.utf8))
        }
    }
}
