import FengqiaoCore
import Foundation

/// Where the Open311 resources live, relative to the server (every link of the Open311 answers comes from here).
enum Open311Paths {
    static let base = "/open311/v2"
    static let specification = "http://wiki.open311.org/GeoReport_v2"
}

/// The services of GeoReport v2 are our category catalogue: `service_code` the category code, `service_name` its
/// name, `group` the governance domain (五事). A service definition lists the few extra questions a category asks.
enum Open311Services {
    /// One extra question of a service definition (`attribute[code]` when posting).
    struct Attribute: Sendable, Equatable {
        let code: String
        let description: Localized
        /// How the answer is used: the other party of a dispute becomes a party of the case (personal data, never
        /// published); anything else is added to the description.
        let becomesOtherParty: Bool
    }

    /// The other party of a dispute: a party of the case, masked like every party and never in Open311 output.
    static let otherParty = Attribute(
        code: "other_party_name",
        description: Localized(
            zh: "对方当事人姓名或单位名称（选填，不公开）",
            en: "Name of the other party, a person or a business (optional, never published)"),
        becomesOtherParty: true)

    /// Bus and coach complaints are about one line and stop: which one is what the department needs first.
    static let lineAndStop = Attribute(
        code: "line_and_stop",
        description: Localized(
            zh: "线路和站点，如“3路 溪城客运站”（选填）", en: "Line and stop, e.g. \"Line 3, Xicheng bus station\" (optional)"),
        becomesOtherParty: false)

    /// The extra questions of a category; empty when it has none (then `metadata` is false).
    static func attributes(of category: Category) -> [Attribute] {
        if category.disputeType != nil { return [otherParty] }
        if category.code == "livelihood.public-transport" { return [lineAndStop] }
        return []
    }

    static func name(of category: Category, _ language: DisplayLanguage) -> String {
        category.name.text(language)
    }

    /// Words to help people find the service: both names and the domain's names.
    static func keywords(of category: Category) -> String {
        var words = [category.name.zh, category.name.en, category.domain.name.zh, category.domain.name.en]
        if let dispute = category.disputeType { words.append(dispute.name.zh) }
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }.joined(separator: ",")
    }

    static func service(_ category: Category, _ language: DisplayLanguage) -> Open311Value {
        let description =
            category.disputeType != nil
            ? Localized(
                zh: "\(category.name.zh)：可申请调解，由最基层、最合适的单位按时限办理。",
                en: "\(category.name.en): mediation can be asked for; handled by the lowest competent level on time.")
            : Localized(
                zh: "\(category.domain.name.zh)·\(category.name.zh)：登记后交给最合适的单位按时限办理。",
                en: "\(category.domain.name.en), \(category.name.en): registered once and handled on time.")
        return .object([
            ("service_code", .text(category.code)),
            ("service_name", .text(name(of: category, language))),
            ("description", .text(description.text(language))),
            ("metadata", .boolean(!attributes(of: category).isEmpty)),
            ("type", .text("realtime")),
            ("keywords", .text(keywords(of: category))),
            ("group", .text(category.domain.name.text(language))),
        ])
    }

    static func list(_ categories: [Category], _ language: DisplayLanguage) -> Open311Document {
        Open311Document(
            root: "services", value: .array(element: "service", categories.map { service($0, language) }))
    }

    static func definition(_ category: Category, _ language: DisplayLanguage) -> Open311Document {
        let attributes = attributes(of: category).enumerated().map { index, attribute in
            Open311Value.object([
                ("variable", .boolean(true)),
                ("code", .text(attribute.code)),
                ("datatype", .text("string")),
                ("required", .boolean(false)),
                (
                    "datatype_description",
                    .text(Localized(zh: "文字，不超过50个字", en: "Text, at most 50 characters").text(language))
                ),
                ("order", .integer(index + 1)),
                ("description", .text(attribute.description.text(language))),
            ])
        }
        return Open311Document(
            root: "service_definition",
            value: .object([
                ("service_code", .text(category.code)),
                ("attributes", .array(element: "attribute", attributes)),
            ]))
    }
}
