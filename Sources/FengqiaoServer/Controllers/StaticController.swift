import Hummingbird

/// Assets the app serves itself (government intranets are offline: nothing comes from a CDN).
struct StaticController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(Paths.stylesheet)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        router.get(RouterPath(Paths.agreementStylesheet)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: AgreementStylesheet.css)))
        }
    }
}
