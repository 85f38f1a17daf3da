import Foundation
import Hummingbird

/// Assets the app serves itself (government intranets are offline: nothing comes from a CDN): our stylesheets and
/// script, and Debian's Chart.js and Leaflet (`libjs-chart.js`, `libjs-leaflet`) when they are installed; pages
/// that use them stay usable without them.
struct StaticController {
    /// Where Debian installs the libraries the pages may use.
    static let vendorFiles: [String: (path: String, type: String)] = [
        Paths.chartScript: ("/usr/share/javascript/chart.js/chart.min.js", "text/javascript; charset=utf-8"),
        Paths.leafletScript: ("/usr/share/javascript/leaflet/leaflet.js", "text/javascript; charset=utf-8"),
        Paths.leafletStylesheet: ("/usr/share/javascript/leaflet/leaflet.css", "text/css; charset=utf-8"),
    ]

    /// The installed file behind a vendor path, or nil when the Debian package is missing.
    static func vendorFile(_ path: String) -> String? {
        guard let file = vendorFiles[path]?.path, FileManager.default.isReadableFile(atPath: file) else { return nil }
        return file
    }

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        serve(
            Paths.stylesheet, type: "text/css; charset=utf-8",
            Stylesheet.css + DashboardStylesheet.css + CitizenStylesheet.css + PeopleStylesheet.css
                + RiskStylesheet.css, on: router)
        serve(Paths.agreementStylesheet, type: "text/css; charset=utf-8", AgreementStylesheet.css, on: router)
        serve(Paths.appScript, type: "text/javascript; charset=utf-8", AppScript.js, on: router)
        for (path, file) in Self.vendorFiles {
            router.get(RouterPath(path)) { _, _ in
                guard let installed = Self.vendorFile(path),
                    let data = FileManager.default.contents(atPath: installed)
                else { throw HTTPError(.notFound) }
                return Response(
                    status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=86400"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
    }

    private func serve(_ path: String, type: String, _ text: String, on router: some RouterMethods<AppRequestContext>) {
        let body = ByteBuffer(string: text)
        router.get(RouterPath(path)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: body))
        }
    }
}
