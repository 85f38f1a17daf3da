import FengqiaoCore
import Foundation
import Plot

extension Paths {
    /// 热点发现: the current hotspots in the reader's jurisdiction.
    static let hotspots = "/hotspots"
    static func hotspot(_ id: some CustomStringConvertible) -> String { "/hotspots/\(id)" }
    static func hotspotAction(_ id: some CustomStringConvertible, _ action: String) -> String {
        "/hotspots/\(id)/\(action)"
    }
    static let hotspotsAPI = "/api/v1/hotspots"
}

/// Pieces shared by the hotspot pages and panels.
enum HotspotComponents {
    /// Keywords are the reporters' words (149路, 甘肃大剧院): user data, never translated.
    static func keywords(_ words: [String]) -> any Component {
        Span(words.joined(separator: "、")).class("hotspot-keywords").attribute(named: "translate", value: "no")
    }

    static func channels(_ channels: [Channel], _ language: DisplayLanguage) -> String {
        channels.map { $0.name.text(language) }.joined(separator: "、")
    }

    /// One hotspot as a card: keywords, size, channels, places, times, state, link.
    static func card(_ view: HotspotView, _ language: DisplayLanguage) -> any Component {
        let s = HotspotStrings.self
        func t(_ text: Localized) -> String { text.text(language) }
        return Div {
            H3 {
                Link(url: Paths.hotspot(view.id)) { keywords(view.hotspot.keywords) }
            }
            Paragraph {
                Text("\(t(s.size))：\(t(s.count(view.hotspot.size))) · \(t(s.reporters))：\(view.hotspot.reporterCount)")
                Text(" · \(t(s.state))：\(t(view.state.name))")
            }
            Paragraph("\(t(s.channels))：\(channels(view.channels, language))")
            Paragraph {
                Text("\(t(s.places))：")
                Span(view.places.joined(separator: "；")).attribute(named: "translate", value: "no")
            }
            Paragraph {
                Text("\(t(s.first))：")
                Widgets.time(view.firstReported)
                Text(" · \(t(s.last))：")
                Widgets.time(view.lastReported)
            }.class("note")
        }.class("hotspot-card").attribute(named: "id", value: "hotspot-\(view.id)")
    }

    /// The panel the desk and the leader's screen show: one line per hotspot, newest first (at most five), and a
    /// link to all — short, so that the leader's screen keeps its height.
    /// `compact` (the leader's screen, beside the risk panel): keywords, size and state only, the link to every
    /// hotspot in the heading.
    static func panel(
        _ views: [HotspotView], heading: Localized, id: String, _ language: DisplayLanguage, compact: Bool = false
    )
        -> any Component
    {
        let s = HotspotStrings.self
        func t(_ text: Localized) -> String { text.text(language) }
        return Element(name: "section") {
            if compact {
                H2 {
                    Text(t(heading) + " ")
                    Link(t(s.allHotspots), url: Paths.hotspots).class("more")
                }
            } else {
                H2(t(heading))
            }
            if views.isEmpty {
                Paragraph(t(s.none)).class("note")
            } else {
                Element(name: "ul") {
                    for view in views.prefix(compact ? 3 : 5) {
                        Element(name: "li") {
                            // The leader's compact panel names a hotspot by its first three keywords, on one line;
                            // its page has them all.
                            Link(url: Paths.hotspot(view.id)) {
                                keywords(compact ? Array(view.hotspot.keywords.prefix(3)) : view.hotspot.keywords)
                            }
                            if compact {
                                Text(" · \(t(s.count(view.hotspot.size))) · \(t(view.state.name))")
                            } else {
                                Text(" · \(t(s.count(view.hotspot.size))) · \(channels(view.channels, language))")
                                Text(" · \(t(view.state.name)) · ")
                                Widgets.time(view.lastReported)
                            }
                        }.attribute(named: "id", value: "panel-hotspot-\(view.id)")
                    }
                }
            }
            if !compact { Paragraph { Link(t(s.allHotspots), url: Paths.hotspots) } }
        }.class("hotspot-panel").attribute(named: "id", value: id)
    }
}

/// `/hotspots`: the current hotspots in the reader's jurisdiction, newest report first.
struct HotspotListPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let views: [HotspotView]

    func render() -> String {
        let s = HotspotStrings.self
        return Layout(title: s.title.text(language), language: language, path: Paths.hotspots).render {
            nav.component(language)
            H1(s.title.text(language))
            Paragraph(s.intro.text(language)).class("note")
            Div {
                if views.isEmpty { Paragraph(s.none.text(language)) }
                for view in views { HotspotComponents.card(view, language) }
            }.attribute(named: "id", value: "hotspot-list")
        }
    }
}

/// `/hotspots/{id}`: one hotspot, its cases and the three actions (forms that work without JavaScript).
/// Where a hotspot's cases are: the grids of the villages they came from, those holding cases filled and counted,
/// and a dot for each case whose reporter gave a location (its number in the dot's title). Drawn on the server as an
/// SVG (no JavaScript, no map tiles); nothing when the villages have no drawn grids and no case has a location.
struct HotspotMap {
    struct Grid {
        let code: String
        let name: String
        let ring: [GeoPolygon.Point]
        /// The hotspot's visible cases registered in the grid.
        let cases: Int
    }

    struct Dot {
        let number: String
        let point: GeoPolygon.Point
    }

    let grids: [Grid]
    let dots: [Dot]

    func component(_ language: DisplayLanguage) -> any Component {
        let s = HotspotStrings.self
        guard let map = MapProjection(grids.flatMap(\.ring) + dots.map(\.point)) else {
            return Paragraph(s.mapEmpty.text(language)).class("note").attribute(named: "id", value: "hotspot-map")
        }
        var svg = map.open(label: s.mapHeading.text(language))
        for grid in grids {
            let title = Widgets.escapeAttribute("\(grid.name)：\(s.count(grid.cases).text(language))")
            svg += "<polygon points=\"\(grid.ring.map(map.project).joined(separator: " "))\" "
            svg += "fill=\"\(grid.cases > 0 ? "#f8b4b4" : "#f5f7fa")\" stroke=\"#52606d\" stroke-width=\"1\" "
            svg += "data-grid=\"\(Widgets.escapeAttribute(grid.code))\"><title>\(title)</title></polygon>"
            if grid.cases > 0, let (x, y) = map.middle(of: grid.ring) {
                svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" class=\"grid-label\">%d</text>", x, y, grid.cases)
            }
        }
        for dot in dots {
            let (x, y) = map.xy(dot.point)
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"#b42318\" ", x, y)
            svg += "stroke=\"#fff\" stroke-width=\"2\"><title>\(Widgets.escapeAttribute(dot.number))</title></circle>"
        }
        svg += "</svg>"
        return Element(name: "section") {
            H2(s.mapHeading.text(language))
            Div { Node<HTML.BodyContext>.raw(svg) }.class("grid-map")
            Paragraph(s.mapNote.text(language)).class("note")
        }.attribute(named: "id", value: "hotspot-map")
    }
}

struct HotspotPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    let view: HotspotView
    /// Where its open cases may be dispatched; empty for a reader who may not act.
    let organisations: [Organisation]
    let mayAct: Bool
    var notice: [Localized] = []
    var error: Localized? = nil
    /// Where its cases are (`HotspotMap`).
    var map: HotspotMap? = nil

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        let s = HotspotStrings.self
        return Layout(title: t(s.title), language: language, path: Paths.hotspot(view.id)).render {
            nav.component(language)
            H1 {
                Text(t(s.title) + "：")
                HotspotComponents.keywords(view.hotspot.keywords)
            }
            for line in notice {
                Paragraph(t(line)).class("notice").attribute(named: "role", value: "status")
                    .attribute(named: "id", value: "hotspot-notice")
            }
            if let error {
                Paragraph(t(error)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "hotspot-error")
            }
            HotspotComponents.card(view, language)
            H2(t(s.cases))
            Element(name: "ul") {
                for current in view.cases {
                    Element(name: "li") {
                        Link(current.number, url: Paths.caseFile(current.id))
                        Text(" · \(t(current.channel.name)) · \(t(current.state.name)) · ")
                        Widgets.time(current.createdAt)
                        Paragraph(current.title).attribute(named: "translate", value: "no")
                    }.attribute(named: "id", value: "hotspot-case-\(current.id)")
                }
            }.class("hotspot-cases").attribute(named: "id", value: "hotspot-cases")
            if view.hiddenCount > 0 { Paragraph(t(s.hidden(view.hiddenCount))).class("note") }
            if let map { map.component(language) }
            if mayAct { actions }
            if !view.actions.isEmpty {
                H2(t(s.history))
                Element(name: "ul") {
                    for action in view.actions {
                        Element(name: "li") {
                            Widgets.time(action.at)
                            Text(" · \(t(s.actionText(action)))")
                            Span(" · \(action.username)").attribute(named: "translate", value: "no")
                        }
                    }
                }.attribute(named: "id", value: "hotspot-history")
            }
        }
    }

    @ComponentBuilder private var actions: some Component {
        let s = HotspotStrings.self
        let cases = view.cases.map { ("\($0.id)", "\($0.number) · \(String($0.title.prefix(30)))") }
        Element(name: "section") {
            H2(t(s.mergeHeading))
            Paragraph(t(s.mergeHelp)).class("note")
            Form(url: Paths.hotspotAction(view.id, "merge"), method: .get) {
                Widgets.select("lead", label: t(s.leadCase), options: cases, blank: t(s.choose), required: true)
                SubmitButton(t(s.mergeButton))
            }.class("stacked").attribute(named: "id", value: "hotspot-merge")
        }
        Element(name: "section") {
            H2(t(s.dispatchHeading))
            Paragraph(t(s.dispatchHelp)).class("note")
            Form(url: Paths.hotspotAction(view.id, "dispatch"), method: .post) {
                Widgets.csrf(csrfToken)
                Widgets.select(
                    "organisationId", label: t(s.organisation),
                    options: organisations.map { ("\($0.id)", $0.name) }, blank: t(s.choose), required: true)
                Widgets.textArea("note", label: t(s.note), required: false)
                SubmitButton(t(s.dispatchButton))
            }.class("stacked").attribute(named: "id", value: "hotspot-dispatch")
        }
        Element(name: "section") {
            H2(t(s.notRelatedHeading))
            Paragraph(t(s.notRelatedHelp)).class("note")
            Form(url: Paths.hotspotAction(view.id, "not-related"), method: .post) {
                Widgets.csrf(csrfToken)
                for (value, text) in cases {
                    Label(text) {
                        Input(type: .checkbox, name: "caseId", value: value)
                    }.class("choice").attribute(named: "translate", value: "no")
                }
                SubmitButton(t(s.notRelatedButton))
            }.class("stacked").attribute(named: "id", value: "hotspot-not-related")
        }
    }
}

/// The confirmation before merging a hotspot: the lead case and the cases that end, one button that merges.
struct HotspotMergeConfirmPage {
    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    let view: HotspotView
    let lead: Case

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        let s = HotspotStrings.self
        return Layout(title: t(s.mergeConfirmTitle), language: language, path: Paths.hotspot(view.id)).render {
            nav.component(language)
            H1(t(s.mergeConfirmTitle))
            Paragraph(t(s.mergeConfirmIntro)).class("note")
            H2(t(s.leadCase))
            Paragraph {
                Link(lead.number, url: Paths.caseFile(lead.id))
                Span(" · \(lead.title)").attribute(named: "translate", value: "no")
            }.attribute(named: "id", value: "merge-lead")
            Element(name: "ul") {
                for current in view.cases where current.id != lead.id {
                    Element(name: "li") {
                        Link(current.number, url: Paths.caseFile(current.id))
                        Span(" · \(current.title)").attribute(named: "translate", value: "no")
                    }
                }
            }.attribute(named: "id", value: "merge-duplicates")
            Form(url: Paths.hotspotAction(view.id, "merge"), method: .post) {
                Widgets.csrf(csrfToken)
                Input(type: .hidden, name: "lead", value: "\(lead.id)")
                Input(type: .hidden, name: "confirm", value: "yes")
                SubmitButton(t(s.mergeConfirm))
                Link(t(s.back), url: Paths.hotspot(view.id)).class("button secondary")
            }.attribute(named: "id", value: "hotspot-merge-confirm")
        }
    }
}
