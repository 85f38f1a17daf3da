import FengqiaoCore
import Foundation
import Plot

/// `/dashboard`: 一屏看全域 for a leader's jurisdiction, over one period of registration that every figure shares.
/// Compact (about two screens at 1366×768): a row of tiles, then panels side by side; long lists fold away
/// (`<details>`). Every figure links to the case list with the filters behind it (`Paths.cases`); a rate, which no
/// filter expresses, links to the list of its denominator. Everything is a table, a list or an SVG first, so the page
/// works without JavaScript and without Chart.js or Leaflet; when those are served, `app.js` draws the trend chart
/// and turns the grid map into a Leaflet map with its labels (the grids' own polygons, no map tiles: it works
/// offline).
struct DashboardPage {
    struct GridCell: Sendable {
        let code: String
        let name: String
        /// Registered in the period; of those, unresolved now.
        let cases: Int
        let open: Int
        let ring: [GeoPolygon.Point]
        let villageCode: String?
    }

    /// A village or community: its cases in the period, and the township it belongs to.
    struct Place: Sendable {
        let code: String
        let name: String
        let cases: Int
        let open: Int
        let township: String?
    }

    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    let jurisdiction: String
    let figures: DashboardFigures
    /// Cases of the period dispatched with each grade of whistle, as they stand.
    let whistles: [(grade: WhistleGrade, count: Int)]
    let categoryName: [String: String]
    /// The most overdue cases, at most a page of them.
    let overdue: [QueueRow]
    /// How many cases are overdue in all: the figure shown, whatever the list holds.
    let overdueTotal: Int
    let grids: [GridCell]
    let villages: [Place]
    let chartsAvailable: Bool
    let mapAvailable: Bool
    /// A refused date range: the message above the form, and the dates as typed.
    var rangeError: Localized? = nil
    /// The current hotspots of the jurisdiction (热点发现, docs/HOTSPOTS.md).
    var hotspots: [HotspotView] = []
    var typedFrom: String? = nil
    var typedTo: String? = nil
    /// Further panels (key persons by class and overdue visits).
    var panels: [any Component] = []

    private func t(_ text: Localized) -> String { text.text(language) }
    private var window: DashboardFigures.Window { figures.window }

    // MARK: Links

    private static let openStates = CaseState.allCases.filter(\.isUnresolved).map(\.rawValue)
    private static let resolvedStates = CaseState.allCases.filter(\.isResolved).map(\.rawValue)
    private static let overdueStates = CaseState.allCases.filter(\.isOpen).map(\.rawValue)

    /// The case list of the period with `filters` before the dates (states repeat: `state=a&state=b`).
    func casesLink(_ filters: [(String, String?)] = [], from: String? = nil, to: String? = nil) -> String {
        var pairs = filters
        pairs.append(("from", from ?? window.fromText))
        pairs.append(("to", to ?? window.toText))
        return Paths.cases(pairs)
    }

    private func states(_ states: [String]) -> [(String, String?)] { states.map { ("state", $0) } }

    /// The list behind a rate: its denominator's cases (resolved cases for 化解率 and 按期办结率, otherwise every
    /// case registered in the period).
    private func denominatorFilters(_ rateID: String) -> [(String, String?)] {
        [CoreRates.resolution.id, CoreRates.onTime.id].contains(rateID) ? states(Self.resolvedStates) : []
    }

    private func link(_ text: String, _ url: String, id: String? = nil) -> any Component {
        var link: any Component = Link(text, url: Widgets.escapeAttribute(url))
        if let id { link = link.attribute(named: "id", value: id) }
        return link
    }

    // MARK: Page

    /// The leader's risk panel (`RiskPanel`).
    var riskPanel: RiskPanel? = nil

    func render() -> String {
        let s = DashboardStrings.self
        var scripts: [String] = []
        if chartsAvailable { scripts.append(Paths.chartScript) }
        if mapAvailable { scripts.append(Paths.leafletScript) }
        scripts.append(Paths.appScript)
        let here = "\(Paths.dashboard)?from=\(window.fromText)&to=\(window.toText)"
        return Layout(
            title: t(WorkspaceStrings.navDashboard), language: language, path: here, scripts: scripts,
            stylesheets: mapAvailable ? [Paths.leafletStylesheet] : []
        ).render {
            nav.component(language)
            Div {
                H1("\(t(WorkspaceStrings.dashboardTitle))：\(jurisdiction)")
                rangeForm()
                Div {
                    tile(s.registered, figures.registered, casesLink(), id: "count-registered")
                    tile(s.open, figures.open, casesLink(states(Self.openStates)), id: "count-open")
                    tile(
                        s.overdue, overdueTotal, casesLink(states(Self.overdueStates) + [("overdue", "true")]),
                        id: "count-overdue")
                    for (grade, count) in whistles {
                        tile(
                            grade.name, count, casesLink([("whistle", grade.rawValue)]),
                            id: "count-whistle-\(grade.rawValue)")
                    }
                }.class("tiles").attribute(named: "aria-label", value: t(s.period(window.fromText, window.toText)))
                // prevention side by side: risk warnings, and the hotspots forming (short lines)
                Div {
                    if let riskPanel { riskPanel.component(language) }
                    HotspotComponents.panel(
                        hotspots, heading: HotspotStrings.dashboardPanel, id: "dashboard-hotspots", language,
                        compact: true)
                }.class("panels")
                Div {
                    Div {
                        H2(t(s.ratesHeading))
                        ratesTable()
                    }.class("panel")
                    Div {
                        H2(t(s.trendHeading))
                        trend()
                    }.class("panel")
                }.class("panels")
                Div {
                    Div {
                        H2(t(s.rankingRegions))
                        ranking(figures.regions, filter: "region", id: "ranking-regions")
                    }.class("panel")
                    Div {
                        H2(t(s.rankingOrganisations))
                        ranking(figures.organisations, filter: "organisation", id: "ranking-organisations")
                    }.class("panel")
                }.class("panels")
                Div {
                    Div {
                        H2(t(s.mapHeading))
                        gridMap()
                    }.class("panel")
                    Div {
                        H2(t(s.categoryHeading))
                        categories()
                        overdueSection()
                        // further panels (key persons) under the categories, where the map leaves room
                        for panel in panels { panel }
                    }.class("panel")
                }.class("panels")
            }.class("dash")
            Node<HTML.BodyContext>.raw(dataScript())
        }
    }

    private func rangeForm() -> any Component {
        let s = DashboardStrings.self
        return Div {
            if let rangeError {
                Paragraph(t(rangeError)).class("error").attribute(named: "role", value: "alert")
                    .attribute(named: "id", value: "range-error")
            }
            Form(url: Paths.dashboard, method: .get) {
                Label(t(s.from)) {
                    Input(type: .date, name: "from", value: Widgets.escapeAttribute(typedFrom ?? window.fromText))
                        .attribute(named: "id", value: "field-from")
                }
                Label(t(s.to)) {
                    Input(type: .date, name: "to", value: Widgets.escapeAttribute(typedTo ?? window.toText))
                        .attribute(named: "id", value: "field-to")
                }
                SubmitButton(t(s.show))
                Link(t(s.thisMonth), url: Paths.dashboard)
            }.class("range").attribute(named: "id", value: "range-form")
            Paragraph(t(s.period(window.fromText, window.toText)) + "（" + t(s.dateHint) + "）").class("note")
                .attribute(named: "id", value: "range-period")
        }
    }

    private func tile(_ label: Localized, _ value: Int, _ url: String, id: String) -> any Component {
        Element(name: "a") {
            Span("\(value)").class("figure").attribute(named: "id", value: id)
            Span(t(label)).class("label")
        }.class("tile").attribute(named: "href", value: Widgets.escapeAttribute(url))
    }

    private func percent(_ rate: Rate) -> String {
        guard let value = rate.value else { return "—" }
        guard let denominator = rate.denominator else { return "\(rate.numerator)" }
        return String(format: "%.1f%%（%d/%d）", value * 100, rate.numerator, denominator)
    }

    private func ratesTable() -> any Component {
        let s = DashboardStrings.self
        let previousFrom = DashboardFigures.dayText(window.previous.lowerBound)
        let previousTo = DashboardFigures.dayText(window.previous.upperBound.addingTimeInterval(-1))
        return Widgets.table(
            [t(s.rate), t(s.current), "\(t(s.previous))（\(previousFrom)–\(previousTo)）"],
            figures.rates.map { row -> [any Component] in
                let filters = denominatorFilters(row.current.id)
                return [
                    Text(t(row.current.definition.name)),
                    link(percent(row.current), casesLink(filters), id: "rate-\(row.current.id)"),
                    link(percent(row.previous), casesLink(filters, from: previousFrom, to: previousTo)),
                ]
            })
    }

    private func trend() -> any Component {
        let s = DashboardStrings.self
        return Div {
            Div {
                Element(name: "canvas") {}.attribute(named: "id", value: "trend-chart")
                    .attribute(named: "aria-label", value: t(s.trendHeading))
            }.class("chart-box")
            Element(name: "details") {
                Element(name: "summary") { Text(t(s.trendTable)) }
                Widgets.table(
                    [t(WorkspaceStrings.day), t(WorkspaceStrings.registered), t(WorkspaceStrings.resolvedCount)],
                    figures.trend.map { day -> [any Component] in
                        [
                            Text(day.date), link("\(day.registered)", casesLink(from: day.date, to: day.date)),
                            Text("\(day.resolved)"),
                        ]
                    })
            }.attribute(named: "id", value: "trend-table")
        }
    }

    private func categories() -> any Component {
        let rows = figures.byCategory.map { item -> [any Component] in
            [
                Text(item.code.map { categoryName[$0] ?? $0 } ?? t(WorkspaceStrings.unclassified)),
                link("\(item.count)", casesLink(item.code.map { [("category", $0)] } ?? [])),
            ]
        }
        let headers = [t(WorkspaceStrings.category), t(WorkspaceStrings.count)]
        return Div {
            if rows.isEmpty {
                Paragraph(t(WorkspaceStrings.queueEmpty)).class("note")
            } else {
                Widgets.table(headers, Array(rows.prefix(6)))
            }
            if rows.count > 6 {
                Element(name: "details") {
                    Element(name: "summary") { Text(t(DashboardStrings.moreCategories)) }
                    Widgets.table(headers, Array(rows.dropFirst(6)))
                }
            }
        }.attribute(named: "id", value: "by-category")
    }

    private func overdueSection() -> any Component {
        Element(name: "details") {
            Element(name: "summary") {
                Text("\(t(DashboardStrings.overdueList))（\(overdueTotal)）")
            }
            if overdueTotal > overdue.count {
                Paragraph(
                    t(
                        Localized(
                            zh: "下面列出最早到期的 \(overdue.count) 件，共 \(overdueTotal) 件超期。",
                            en:
                                "The \(overdue.count) longest overdue of \(overdueTotal) overdue cases are listed below."
                        )
                    )
                ).class("note").attribute(named: "id", value: "overdue-capped")
            }
            overdueList()
        }.attribute(named: "id", value: "overdue")
    }

    private func overdueList() -> any Component {
        if overdue.isEmpty { return Paragraph(t(WorkspaceStrings.queueEmpty)).class("note") }
        return List(overdue) { row in
            ListItem {
                Link("\(row.current.number) \(row.current.title)", url: Paths.caseFile(row.current.id))
                if let clock = row.clock {
                    Text(" ")
                    Widgets.level(clock.level, "\(t(clock.kind.name))：\(t(clock.text))")
                }
                Form(url: Paths.caseAction(row.current.id, CaseAction.nudge.rawValue), method: .post) {
                    Widgets.csrf(csrfToken)
                    Input(type: .hidden, name: "expectedVersion", value: "\(row.current.version)")
                    SubmitButton(t(CaseAction.nudge.name))
                }.class("inline nudge")
            }
        }.class("overdue").attribute(named: "id", value: "overdue-list")
    }

    // MARK: 红黑榜

    private func ranking(_ ranking: Ranking, filter: String, id: String) -> any Component {
        let s = DashboardStrings.self
        let headers = [
            "#", t(s.unit), t(s.volume), t(CoreRates.onTime.definition.name), t(CoreRates.closing.definition.name),
        ]
        func row(_ standing: DashboardFigures.Standing, place: Int, mark: Localized?) -> [any Component] {
            let unit = [(filter, standing.key as String?)]
            return [
                Text("\(mark.map { t($0) + " " } ?? "")\(place)"),
                link(standing.name, casesLink(unit)),
                link("\(standing.cases)", casesLink(unit)),
                link(percent(standing.onTime), casesLink(unit + states(Self.resolvedStates))),
                link(percent(standing.closing), casesLink(unit)),
            ]
        }
        let count = ranking.ranked.count
        let red = ranking.red.enumerated().map { row($1, place: $0 + 1, mark: s.redList) }
        let black = ranking.black.enumerated().map {
            row($1, place: count - ranking.black.count + $0 + 1, mark: s.blackList)
        }
        return Div {
            if ranking.ranked.isEmpty {
                Paragraph(t(s.noneRanked)).class("note")
            } else {
                Widgets.table(headers, red + black)
            }
            if ranking.belowMinimum > 0 {
                Paragraph(t(s.belowMinimum(ranking.belowMinimum, ranking.minimum))).class("note below-minimum")
            }
            if count > ranking.red.count + ranking.black.count {
                Element(name: "details") {
                    Element(name: "summary") { Text("\(t(s.fullRanking))（\(count)）") }
                    Widgets.table(
                        headers, ranking.ranked.enumerated().map { row($1, place: $0 + 1, mark: nil) })
                }.class("full-ranking")
            }
            Paragraph(t(s.rankingNote)).class("note")
        }.attribute(named: "id", value: id)
    }

    // MARK: The map

    /// The grids as an SVG (no JavaScript needed): each polygon coloured by its open cases and a link to its cases;
    /// each village named at the middle of its grids. A table of every village and grid follows, folded.
    private func gridMap() -> any Component {
        guard let map = MapProjection(grids.flatMap(\.ring)) else {
            return Paragraph(t(WorkspaceStrings.mapEmpty)).class("note")
        }
        var svg = map.open(label: t(DashboardStrings.mapHeading))
        for grid in grids {
            let title = Widgets.escapeAttribute("\(grid.name)：\(grid.cases)（\(t(DashboardStrings.open))\(grid.open)）")
            svg += "<a href=\"\(Widgets.escapeAttribute(casesLink([("region", grid.code)])))\">"
            svg +=
                "<polygon points=\"\(grid.ring.map(map.project).joined(separator: " "))\" fill=\"\(Self.colour(grid.open))\" "
            svg += "stroke=\"#52606d\" stroke-width=\"1\" data-grid=\"\(Widgets.escapeAttribute(grid.code))\">"
            svg += "<title>\(title)</title></polygon>"
            // The grid's count at its middle (the mean of its corners); its name is in the title and the table.
            if let (x, y) = map.middle(of: grid.ring) {
                svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" class=\"grid-label\">%d</text>", x, y, grid.cases)
            }
            svg += "</a>"
        }
        for village in villages {
            guard let centre = centre(of: village.code) else { continue }
            let (x, y) = map.xy(centre)
            svg += "<a href=\"\(Widgets.escapeAttribute(casesLink([("region", village.code)])))\">"
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" class=\"village-label\">", x, y)
            svg += "\(Widgets.escapeAttribute(village.name)) \(village.cases)</text></a>"
        }
        svg += "</svg>"
        return Div {
            Div { Node<HTML.BodyContext>.raw(svg) }.class("grid-map").attribute(named: "id", value: "grid-map")
            List(Self.legend) { item in
                ListItem {
                    Span("").class("swatch swatch-\(item.0)")
                    Text(" \(item.1.text(language))")
                }
            }.class("legend")
            Paragraph(t(DashboardStrings.mapNote)).class("note")
            placesTable()
        }
    }

    /// The middle of a village's grids (the mean of their corners): where its label goes.
    func centre(of villageCode: String) -> GeoPolygon.Point? {
        let points = grids.filter { $0.villageCode == villageCode }.flatMap(\.ring)
        guard !points.isEmpty else { return nil }
        let count = Double(points.count)
        return GeoPolygon.Point(
            longitude: points.map(\.longitude).reduce(0, +) / count,
            latitude: points.map(\.latitude).reduce(0, +) / count)
    }

    /// Every village (with its township) and its grids, each count a link to its cases: the map without a map.
    private func placesTable() -> any Component {
        let s = DashboardStrings.self
        var rows: [[any Component]] = []
        for village in villages {
            let name = [village.township, village.name].compactMap { $0 }.joined(separator: " ")
            rows.append([
                link(name, casesLink([("region", village.code)])),
                link("\(village.cases)", casesLink([("region", village.code)])),
                link("\(village.open)", casesLink([("region", village.code)] + states(Self.openStates))),
            ])
            for grid in grids where grid.villageCode == village.code {
                rows.append([
                    link("· \(grid.name)", casesLink([("region", grid.code)])),
                    link("\(grid.cases)", casesLink([("region", grid.code)])),
                    link("\(grid.open)", casesLink([("region", grid.code)] + states(Self.openStates))),
                ])
            }
        }
        return Element(name: "details") {
            Element(name: "summary") { Text(t(s.placesTable)) }
            Widgets.table([t(s.place), t(s.registered), t(s.open)], rows)
        }.attribute(named: "id", value: "places-table")
    }

    static let legend: [(Int, Localized)] = [
        (0, Localized(zh: "无在办", en: "none open")), (1, Localized(zh: "1–2件", en: "1–2 open")),
        (3, Localized(zh: "3–5件", en: "3–5 open")), (6, Localized(zh: "6件以上", en: "6 or more")),
    ]

    static func colour(_ open: Int) -> String {
        switch open {
        case 0: "#e8f5e9"
        case 1...2: "#fff3cd"
        case 3...5: "#ffcc80"
        default: "#ef9a9a"
        }
    }

    /// The figures for `app.js` as JSON in a non-executed script element (CSP allows only our own scripts).
    private func dataScript() -> String {
        struct Feature: Encodable {
            let code: String
            let name: String
            let cases: Int
            let url: String
            let colour: String
            let ring: [[Double]]
        }
        struct Label: Encodable {
            let label: String
            let url: String
            let centre: [Double]
        }
        struct Payload: Encodable {
            let trend: [String]
            let registered: [Int]
            let resolved: [Int]
            let labels: [String]
            let grids: [Feature]
            let villages: [Label]
        }
        let payload = Payload(
            trend: figures.trend.map(\.date), registered: figures.trend.map(\.registered),
            resolved: figures.trend.map(\.resolved),
            labels: [t(WorkspaceStrings.registered), t(WorkspaceStrings.resolvedCount)],
            grids: grids.map {
                Feature(
                    code: $0.code, name: $0.name, cases: $0.cases, url: casesLink([("region", $0.code)]),
                    colour: Self.colour($0.open), ring: $0.ring.map { [$0.latitude, $0.longitude] })
            },
            villages: villages.compactMap { village in
                centre(of: village.code).map {
                    Label(
                        label: "\(village.name) \(village.cases)", url: casesLink([("region", village.code)]),
                        centre: [$0.latitude, $0.longitude])
                }
            })
        let json = (try? JSONEncoder().encode(payload)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "<script type=\"application/json\" id=\"dashboard-data\">"
            + json.replacingOccurrences(of: "<", with: "\\u003c") + "</script>"
    }
}
