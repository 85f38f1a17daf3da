import FengqiaoCore
import FengqiaoStore
import Foundation
import Hummingbird
import Plot
import QRCode

/// `/admin/qr`: every grid's QR code for administrators to print and post in the street or building ("扫码反映").
/// Each code opens the citizen report form with the grid filled in (`/r/{gridCode}`). The images are made by the
/// app itself (`QRCode`), as SVG or PNG: `/admin/qr/{gridCode}.svg`, `/admin/qr/{gridCode}.png`.
struct QRCodeController {
    let regions: RegionRepository

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let router = router.group().add(middleware: RoleRequirement.page(WorkspaceRoles.admin))
        router.get(RouterPath(Paths.adminQRCodes)) { request, context in
            let identity = try context.requireIdentity()
            let grids = try await grids(for: identity)
            let choices = PlaceChoices(regions: regions)
            var cards: [QRCodePage.Card] = []
            for grid in grids {
                cards.append(
                    QRCodePage.Card(
                        code: grid.code, label: try await choices.label(of: grid),
                        link: Self.publicLink(request, Paths.gridReportLink(grid.code))))
            }
            return HTMLPage(
                html: QRCodePage(
                    language: context.language,
                    nav: StaffNav(identity: identity, context: context, current: Paths.admin),
                    cards: cards
                ).render())
        }
        router.get(RouterPath(Paths.gridQRCodePattern)) { request, context in
            let identity = try context.requireIdentity()
            let file = try context.parameters.require("file")
            let format = file.hasSuffix(".png") ? "png" : file.hasSuffix(".svg") ? "svg" : ""
            guard !format.isEmpty else { throw HTTPError(.notFound) }
            let code = String(file.dropLast(4))
            guard let grid = try await grids(for: identity).first(where: { $0.code == code }) else {
                throw HTTPError(.notFound)
            }
            let qr = try QRCode.encode(Self.publicLink(request, Paths.gridReportLink(grid.code)), correction: .medium)
            if format == "png" {
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "image/png", .cacheControl: "private, max-age=3600",
                        .contentDisposition: "inline; filename=\"qr-\(grid.code).png\"",
                    ], body: .init(byteBuffer: ByteBuffer(bytes: qr.png(scale: 10, quietZone: 4))))
            }
            return Response(
                status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "private, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: qr.svg(moduleSize: 8, quietZone: 4))))
        }
    }

    /// The grids (and villages without grids) in the administrator's jurisdictions, in tree order.
    private func grids(for identity: Identity) async throws -> [Region] {
        var seen = Set<Region.ID>()
        var result: [Region] = []
        for grant in identity.user.grants where grant.role == .admin {
            let regions = try await self.regions.subtree(of: grant.jurisdictionID)
            let parents = Set(regions.compactMap(\.parentID))
            for region in regions
            where region.level == .grid || (region.level == .village && !parents.contains(region.id)) {
                if seen.insert(region.id).inserted { result.append(region) }
            }
        }
        return result
    }

    /// The address citizens' phones open: the host this page was asked for (the one the administrator reaches the
    /// server by), `https` when a proxy in front says so.
    static func publicLink(_ request: Request, _ path: String) -> String {
        let host = request.head.authority ?? "127.0.0.1"
        let scheme = request.headers[.init("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        return "\(scheme)://\(host)\(path)"
    }
}

/// The printable sheet of grid QR codes: one card per grid with its name and the address under the code.
struct QRCodePage {
    struct Card {
        let code: String
        let label: String
        let link: String
    }

    let language: DisplayLanguage
    let nav: StaffNav
    let cards: [Card]

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(QRStrings.title), language: language, path: Paths.adminQRCodes).render {
            nav.component(language)
            H1(t(QRStrings.title))
            Paragraph(t(QRStrings.lead)).class("note")
            List(cards) { card in
                ListItem {
                    Element(name: "img") {}
                        .attribute(
                            named: "src", value: Widgets.escapeAttribute(Paths.gridQRCode(card.code, format: "svg"))
                        )
                        .attribute(named: "alt", value: Widgets.escapeAttribute("\(t(QRStrings.alt))：\(card.label)"))
                        .attribute(named: "width", value: "180").attribute(named: "height", value: "180")
                    Paragraph(card.label).class("qr-label")
                    Paragraph(t(QRStrings.scan)).class("qr-scan")
                    Paragraph(card.link).class("qr-link").attribute(named: "translate", value: "no")
                    Paragraph {
                        Link("SVG", url: Widgets.escapeAttribute(Paths.gridQRCode(card.code, format: "svg")))
                        Text(" · ")
                        Link("PNG", url: Widgets.escapeAttribute(Paths.gridQRCode(card.code, format: "png")))
                    }.class("qr-downloads")
                }.class("qr-card")
            }.class("qr-sheet").attribute(named: "id", value: "qr-sheet")
        }
    }
}

enum QRStrings {
    static let title = Localized(zh: "网格二维码", en: "Grid QR codes")
    static let lead = Localized(
        zh: "打印后张贴在网格内的楼栋、路口和公告栏。群众扫码即可反映问题，地点自动填好。可下载 SVG（印刷）或 PNG。",
        en: "Print and post them in the grid's buildings, crossings and notice boards. Scanning opens the report form "
            + "with the place filled in. Download SVG (for print) or PNG.")
    static let alt = Localized(zh: "二维码", en: "QR code")
    static let scan = Localized(zh: "扫码反映问题 · 枫桥", en: "Scan to report a problem · Fengqiao")
}
