import Foundation
import Testing

@testable import FengqiaoCore

/// A region's boundary uploaded as GeoJSON (issue 16): what is accepted, and what each refusal says.
@Suite("GeoJSON boundaries")
struct GeoJSONBoundaryTests {
    static let ring = "[[120.0,29.0],[120.01,29.0],[120.01,29.01],[120.0,29.01],[120.0,29.0]]"

    @Test("a Polygon or a one-part MultiPolygon is read bare, in a Feature or in a one-feature FeatureCollection")
    func accepted() throws {
        let polygon = #"{"type":"Polygon","coordinates":[\#(Self.ring)]}"#
        let multi =
            #"{"type":"MultiPolygon","coordinates":[[\#(Self.ring),[[120.001,29.001],[120.002,29.001],[120.002,29.002],[120.001,29.001]]]]}"#
        let feature = #"{"type":"Feature","properties":{"name":"东门"},"geometry":\#(polygon)}"#
        let collection = #"{"type":"FeatureCollection","features":[\#(feature)]}"#
        let expected = try GeoPolygon.rectangle(west: 120.0, south: 29.0, east: 120.01, north: 29.01)
        for text in [polygon, multi, feature, collection] {
            #expect(try GeoJSONBoundary.parse(text) == expected, "\(text)")
        }
        // An open ring is closed; integers are numbers too.
        let open = #"{"type":"Polygon","coordinates":[[[120,29],[121,29],[121,30]]]}"#
        #expect(try GeoJSONBoundary.parse(open).ring.count == 4)
    }

    @Test("each refusal names what is wrong, in Chinese first")
    func refused() {
        let cases: [(String, GeoJSONError, String)] = [
            ("", .empty, "文件为空"),
            ("{not json", .notJSON, "JSON 格式错误"),
            ("[1,2]", .notAnObject, "最外层"),
            (#"{"coordinates":[]}"#, .missingType, "“type”"),
            (#"{"type":"LineString","coordinates":[[1,2],[3,4]]}"#, .unsupportedType("LineString"), "LineString"),
            (#"{"type":"FeatureCollection","features":[]}"#, .featureCount(0), "0 个要素"),
            (#"{"type":"Feature","geometry":null}"#, .missingField("geometry"), "“geometry”"),
            (
                #"{"type":"MultiPolygon","coordinates":[[\#(Self.ring)],[\#(Self.ring)]]}"#, .multipleParts(2),
                "2 个互不相连"
            ),
            (#"{"type":"Polygon","coordinates":[[[120,29],["a",29],[121,30]]]}"#, .malformedPoint(2), "第 2 个点"),
            (
                #"{"type":"Polygon","coordinates":[[[29,120],[30,121],[30,122]]]}"#,
                .pointOutOfRange(1, longitude: 29, latitude: 120), "经纬度写反"
            ),
            (#"{"type":"Polygon","coordinates":[[[120,29],[121,29],[120,29]]]}"#, .tooFewPoints, "3 个不同的点"),
            (#"{"type":"Polygon","coordinates":[]}"#, .malformedCoordinates, "“coordinates”"),
        ]
        for (text, error, words) in cases {
            #expect(throws: error, "\(text)") { try GeoJSONBoundary.parse(text) }
            #expect(error.message.zh.hasPrefix("边界文件有误："))
            #expect(error.message.zh.contains(words), "\(error.message.zh)")
        }
    }

    @Test("what depends on a region or organisation is listed, only what is there")
    func dependents() {
        let region = RegionDependents(openCases: 3, users: 2)
        #expect(region.listed.zh == "3 件未办结案件、2 名用户")
        #expect(StructureError.regionInUse(level: .grid, region).message.zh.hasPrefix("该网格仍有 3 件未办结案件、2 名用户，不能撤销"))
        #expect(RegionDependents().isEmpty && !region.isEmpty)
        #expect(OrganisationDependents(mediators: 1).listed.zh == "1 名调解员")
    }

    @Test("a region code and an organisation's phone are checked where onboarding can use them too")
    func validation() {
        #expect(throws: Never.self) { try NewRegion.validateCode("339921101201-01") }
        #expect(throws: RegionError.invalidCode("33 99")) { try NewRegion.validateCode("33 99") }
        #expect(throws: Never.self) { try NewOrganisation.validatePhone("（0571）8888-6666") }
        #expect(throws: OrganisationError.invalidPhone("12")) { try NewOrganisation.validatePhone("12") }
    }
}
