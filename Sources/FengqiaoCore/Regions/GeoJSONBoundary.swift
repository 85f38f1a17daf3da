import Foundation

/// A region's boundary read from an uploaded GeoJSON file (what GIS tools and online map editors export): a
/// `Polygon` or a `MultiPolygon` geometry, bare or inside a `Feature` or a `FeatureCollection` of one feature.
/// The platform stores one outer ring (`GeoPolygon`, what the dashboard's map draws and places markers in): a
/// `MultiPolygon` must have one part; holes (inner rings) are dropped. Every refusal names what is wrong, in Chinese
/// first.
public enum GeoJSONBoundary {
    /// The largest file read (a village's outline is a few kilobytes; 2 MB leaves room for detailed ones).
    public static let maximumBytes = 2_000_000
    /// The most corners of one ring.
    public static let maximumPoints = 20_000

    public static func parse(_ data: Data) throws(GeoJSONError) -> GeoPolygon {
        guard !data.isEmpty else { throw .empty }
        guard data.count <= maximumBytes else { throw .tooLarge }
        let object: JSONValue
        do {
            object = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .notJSON
        }
        return try geometry(in: object)
    }

    /// The boundary in a JSON value already read (a field of an API request).
    public static func parse(_ value: JSONValue) throws(GeoJSONError) -> GeoPolygon {
        try geometry(in: value)
    }

    public static func parse(_ text: String) throws(GeoJSONError) -> GeoPolygon {
        try parse(Data(text.utf8))
    }

    /// Any JSON value: the file is read as it is, so that a wrong shape is told apart from a wrong syntax.
    public indirect enum JSONValue: Decodable, Sendable, Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([String: JSONValue])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([JSONValue].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: JSONValue].self))
            }
        }

        var array: [JSONValue]? {
            if case .array(let value) = self { return value }
            return nil
        }

        var number: Double? {
            if case .number(let value) = self { return value }
            return nil
        }
    }

    private static func geometry(in object: JSONValue) throws(GeoJSONError) -> GeoPolygon {
        guard case .object(let dictionary) = object else { throw .notAnObject }
        guard case .string(let type) = dictionary["type"] else { throw .missingType }
        switch type {
        case "FeatureCollection":
            guard let features = dictionary["features"]?.array else { throw .missingField("features") }
            guard features.count == 1 else { throw .featureCount(features.count) }
            return try geometry(in: features[0])
        case "Feature":
            guard let geometry = dictionary["geometry"], case .object = geometry else {
                throw .missingField("geometry")
            }
            return try self.geometry(in: geometry)
        case "Polygon":
            guard let rings = dictionary["coordinates"]?.array else { throw .missingField("coordinates") }
            return try polygon(rings)
        case "MultiPolygon":
            guard let parts = dictionary["coordinates"]?.array else { throw .missingField("coordinates") }
            guard parts.count == 1 else { throw .multipleParts(parts.count) }
            guard let rings = parts[0].array else { throw .malformedCoordinates }
            return try polygon(rings)
        default:
            throw .unsupportedType(type)
        }
    }

    private static func polygon(_ rings: [JSONValue]) throws(GeoJSONError) -> GeoPolygon {
        guard let outer = rings.first?.array, !outer.isEmpty else { throw .malformedCoordinates }
        guard outer.count <= maximumPoints else { throw .tooManyPoints }
        var points: [GeoPolygon.Point] = []
        for (index, item) in outer.enumerated() {
            guard let pair = item.array, pair.count >= 2, let longitude = pair[0].number,
                let latitude = pair[1].number
            else { throw .malformedPoint(index + 1) }
            guard (-180...180).contains(longitude), (-90...90).contains(latitude) else {
                throw .pointOutOfRange(index + 1, longitude: longitude, latitude: latitude)
            }
            points.append(GeoPolygon.Point(longitude: longitude, latitude: latitude))
        }
        // Distinct corners: a ring of 4 points of which 2 repeat is a line.
        guard Set(points.map { "\($0.longitude),\($0.latitude)" }).count >= 3 else { throw .tooFewPoints }
        do {
            return try GeoPolygon(ring: points)
        } catch .tooFewPoints {
            throw .tooFewPoints
        } catch {
            throw .pointOutOfRange(0, longitude: 0, latitude: 0)
        }
    }
}

public enum GeoJSONError: UserFacingError, Equatable {
    case empty
    case tooLarge
    case notJSON
    case notAnObject
    case missingType
    case missingField(String)
    case unsupportedType(String)
    case featureCount(Int)
    case multipleParts(Int)
    case malformedCoordinates
    case malformedPoint(Int)
    case pointOutOfRange(Int, longitude: Double, latitude: Double)
    case tooFewPoints
    case tooManyPoints

    public var code: String { "geojson.invalid" }

    public var message: Localized {
        let prefix = Localized(zh: "边界文件有误：", en: "The boundary file is not usable: ")
        let detail: Localized
        switch self {
        case .empty:
            detail = Localized(zh: "文件为空。", en: "the file is empty.")
        case .tooLarge:
            detail = Localized(zh: "文件超过 2 MB。", en: "the file is larger than 2 MB.")
        case .notJSON:
            detail = Localized(zh: "不是有效的 GeoJSON（JSON 格式错误）。", en: "it is not valid GeoJSON (not JSON).")
        case .notAnObject:
            detail = Localized(zh: "最外层应是一个对象（{…}）。", en: "the top level must be an object ({…}).")
        case .missingType:
            detail = Localized(zh: "缺少“type”字段。", en: "the \"type\" field is missing.")
        case .missingField(let field):
            detail = Localized(zh: "缺少“\(field)”字段。", en: "the \"\(field)\" field is missing.")
        case .unsupportedType(let type):
            detail = Localized(
                zh: "几何类型“\(type)”不能作为边界，只接受 Polygon（多边形）或 MultiPolygon（多面）。",
                en: "geometry type \"\(type)\" cannot be a boundary: only Polygon or MultiPolygon.")
        case .featureCount(let count):
            detail = Localized(
                zh: "要素集合（FeatureCollection）中有 \(count) 个要素，应正好 1 个（一个区域一个边界）。",
                en: "the FeatureCollection has \(count) features; exactly 1 is needed (one boundary per region).")
        case .multipleParts(let count):
            detail = Localized(
                zh: "MultiPolygon 由 \(count) 个互不相连的部分组成，目前只支持 1 个部分。",
                en: "the MultiPolygon has \(count) separate parts; only 1 is supported.")
        case .malformedCoordinates:
            detail = Localized(
                zh: "“coordinates”应是由点组成的环：[[[经度, 纬度], …]]。",
                en: "\"coordinates\" must be rings of points: [[[longitude, latitude], …]].")
        case .malformedPoint(let index):
            detail = Localized(
                zh: "第 \(index) 个点不是 [经度, 纬度] 两个数字。", en: "point \(index) is not [longitude, latitude].")
        case .pointOutOfRange(let index, let longitude, let latitude):
            detail = Localized(
                zh: "第 \(index) 个点（\(longitude), \(latitude)）超出范围：经度应在 -180 到 180 之间，纬度在 -90 到 90 之间（是否把经纬度写反了？）。",
                en: "point \(index) (\(longitude), \(latitude)) is out of range: longitude -180…180, latitude -90…90.")
        case .tooFewPoints:
            detail = Localized(zh: "边界至少需要 3 个不同的点。", en: "a boundary needs at least 3 distinct points.")
        case .tooManyPoints:
            detail = Localized(zh: "边界超过 20000 个点，请先简化。", en: "more than 20000 points: simplify it first.")
        }
        return Localized(zh: prefix.zh + detail.zh, en: prefix.en + detail.en)
    }
}
