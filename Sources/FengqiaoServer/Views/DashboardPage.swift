import FengqiaoCore
import Foundation
import Plot

/// `/dashboard`: 一屏看全域 for a leader's jurisdiction. Everything is a table or an SVG first, so the page works
/// without JavaScript and without Chart.js or Leaflet; when those are served, `app.js` draws the trend chart and
/// turns the grid map into a Leaflet map (the grids' own polygons, no map tiles: it works offline).
struct DashboardPage {
    struct GridCell: Sendable {
        let code: String
        let name: String
        let open: Int
        let ring: [GeoPolygon.Point]
    }

    let language: DisplayLanguage
    let nav: StaffNav
    let csrfToken: String
    let jurisdiction: String
    let figures: DashboardFigures
    let categoryName: [String: String]
    /// The most overdue cases, at most a page of them.
    let overdue: [QueueRow]
    /// How many cases are overdue in all: the figure shown, whatever the list holds.
    let overdueTotal: Int
    let grids: [GridCell]
    let chartsAvailable: Bool
    let mapAvailable: Bool

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        let s = WorkspaceStrings.self
        var scripts: [String] = []
        if chartsAvailable { scripts.append(Paths.chartScript) }
        if mapAvailable { scripts.append(Paths.leafletScript) }
        scripts.append(Paths.appScript)
        return Layout(
            title: t(s.navDashboard), language: language, path: Paths.dashboard, scripts: scripts,
            stylesheets: mapAvailable ? [Paths.leafletStylesheet] : []
        ).render {
            nav.component(language)
            H1("\(t(s.dashboardTitle))：\(jurisdiction)")
            Div {
                tile(s.countToday, "\(figures.today)", id: "count-today")
                tile(s.countMonth, "\(figures.thisMonth)", id: "count-month")
                tile(s.countOpen, "\(figures.open)", id: "count-open")
                tile(s.overdueHeading, "\(overdueTotal)", id: "count-overdue")
            }.class("tiles")
            H2(t(s.ratesHeading))
            Widgets.table(
                [t(s.rateColumn), t(s.thisMonth), t(s.lastMonth)],
                figures.rates.map { row -> [any Component] in
                    [Text(t(row.current.definition.name)), Text(percent(row.current)), Text(percent(row.previous))]
                })
            H2(t(s.trendHeading))
            Div {
                Element(name: "canvas") {}.attribute(named: "id", value: "trend-chart")
                    .attribute(named: "aria-label", value: t(s.trendHeading))
            }.class("chart-box")
            Element(name: "details") {
                Element(name: "summary") { Text(t(s.trendTable)) }
                Widgets.table(
                    [t(s.day), t(s.registered), t(s.resolvedCount)],
                    figures.trend.map { [Text($0.date), Text("\($0.registered)"), Text("\($0.resolved)")] })
            }.flag("open", !chartsAvailable).attribute(named: "id", value: "trend-table")
            H2(t(s.byCategoryHeading))
            Widgets.table(
                [t(s.category), t(s.count)],
                figures.byCategory.prefix(12).map { item -> [any Component] in
                    [
                        Text(item.code.map { categoryName[$0] ?? $0 } ?? t(s.unclassified)),
                        Text("\(item.count)"),
                    ]
                })
            H2("\(t(s.overdueHeading))（\(overdueTotal)）")
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
            H2(t(s.rankingRegions))
            ranking(figures.regions, id: "ranking-regions")
            H2(t(s.rankingOrganisations))
            ranking(figures.organisations, id: "ranking-organisations")
            H2(t(s.mapHeading))
            gridMap()
            Node<HTML.BodyContext>.raw(dataScript())
        }
    }

    private func tile(_ label: Localized, _ value: String, id: String) -> any Component {
        Div {
            Span(value).class("figure").attribute(named: "id", value: id)
            Span(t(label)).class("label")
        }.class("tile")
    }

    private func percent(_ rate: Rate) -> String {
        guard let value = rate.value else { return "—" }
        if rate.denominator == nil { return "\(rate.numerator)" }
        return String(format: "%.1f%%（%d/%d）", value * 100, rate.numerator, rate.denominator ?? 0)
    }

    private func overdueList() -> any Component {
        let s = WorkspaceStrings.self
        if overdue.isEmpty { return Paragraph(t(s.queueEmpty)).class("note") }
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

    private func ranking(_ standings: [DashboardFigures.Standing], id: String) -> any Component {
        let s = WorkspaceStrings.self
        func share(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        let count = standings.count
        return Div {
            Widgets.table(
                [
                    "#", t(s.unit), t(s.count), t(s.countOpen), t(CoreRates.closing.definition.name),
                    t(CoreRates.onTime.definition.name), t(CoreRates.returns.definition.name),
                ],
                standings.enumerated().map { index, standing -> [any Component] in
                    let mark =
                        count <= 3 ? "" : index < 3 ? t(s.redList) : index >= count - 3 ? t(s.blackList) : ""
                    return [
                        Text("\(mark)\(index + 1)"), Text(standing.name), Text("\(standing.cases)"),
                        Text("\(standing.open)"), Text(share(standing.closing)), Text(share(standing.onTime)),
                        Text(share(standing.returns)),
                    ]
                })
            Paragraph(t(s.rankingNote)).class("note")
        }.attribute(named: "id", value: id)
    }

    /// The grids as an SVG (no JavaScript needed): each polygon coloured by its open cases, named in its title.
    private func gridMap() -> any Component {
        let points = grids.flatMap(\.ring)
        guard let minX = points.map(\.longitude).min(), let maxX = points.map(\.longitude).max(),
            let minY = points.map(\.latitude).min(), let maxY = points.map(\.latitude).max(), maxX > minX,
            maxY > minY
        else { return Paragraph(t(WorkspaceStrings.mapEmpty)).class("note") }
        let width = 1000.0
        let height = (width * (maxY - minY) / (maxX - minX)).rounded()
        func project(_ p: GeoPolygon.Point) -> String {
            let x = (p.longitude - minX) / (maxX - minX) * width
            let y = (maxY - p.latitude) / (maxY - minY) * height
            return String(format: "%.1f,%.1f", x, y)
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
        svg += "role=\"img\" aria-label=\"\(Widgets.escapeAttribute(t(WorkspaceStrings.mapHeading)))\">"
        for grid in grids {
            let title = Widgets.escapeAttribute("\(grid.name)：\(grid.open)")
            svg +=
                "<polygon points=\"\(grid.ring.map(project).joined(separator: " "))\" fill=\"\(Self.colour(grid.open))\" "
            svg += "stroke=\"#52606d\" stroke-width=\"1\" data-grid=\"\(Widgets.escapeAttribute(grid.code))\">"
            svg += "<title>\(title)</title></polygon>"
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
        }
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
            let open: Int
            let colour: String
            let ring: [[Double]]
        }
        struct Payload: Encodable {
            let trend: [String]
            let registered: [Int]
            let resolved: [Int]
            let labels: [String]
            let grids: [Feature]
        }
        let payload = Payload(
            trend: figures.trend.map(\.date), registered: figures.trend.map(\.registered),
            resolved: figures.trend.map(\.resolved),
            labels: [t(WorkspaceStrings.registered), t(WorkspaceStrings.resolvedCount)],
            grids: grids.map {
                Feature(
                    code: $0.code, name: $0.name, open: $0.open, colour: Self.colour($0.open),
                    ring: $0.ring.map { [$0.latitude, $0.longitude] })
            })
        let json = (try? JSONEncoder().encode(payload)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "<script type=\"application/json\" id=\"dashboard-data\">"
            + json.replacingOccurrences(of: "<", with: "\\u003c") + "</script>"
    }
}
