import FengqiaoCore
import Hummingbird
import Plot

/// The shared page frame: language, phone-first viewport, stylesheet, header with the language switch.
struct Layout {
    let title: String
    let language: DisplayLanguage
    /// The path of this page, for the language switch link.
    let path: String
    /// Scripts that enhance the page (deferred; the page works without them), served by the app.
    var scripts: [String] = []
    /// Further stylesheets (e.g. Leaflet's).
    var stylesheets: [String] = []

    func render(@ComponentBuilder _ content: () -> any Component) -> String {
        let other: DisplayLanguage = language == .zhHans ? .en : .zhHans
        let main = content()
        let pageTitle = "\(title) · \(Strings.appName.text(language))"
        return HTML(
            .attribute(named: "lang", value: language.rawValue),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                Self.headTitle(pageTitle),
                .stylesheet(Paths.stylesheet),
                .forEach(stylesheets) { .stylesheet($0) },
                .forEach(scripts) { .script(.src($0), .defer()) }
            ),
            .body(
                .component(
                    Header {
                        Link(url: Paths.home) {
                            Span(Strings.appName.text(language)).class("brand")
                            Span(Strings.appTagline.text(language)).class("tagline")
                        }.class("home")
                        Link(
                            Strings.switchToOther.text(language),
                            url: Widgets.escapeAttribute(Paths.switchLanguage(path, to: other.rawValue))
                        )
                        .class("lang")
                        .attribute(named: "hreflang", value: other.rawValue)
                    }.class("site")
                ),
                .main(.component(main))
            )
        ).render()
    }

    /// Plot's `.title` also copies the title into two `<meta content>` attributes, raw, and titles carry data (a
    /// case number, a mediator's name): the same three elements, the attribute values escaped once (Plot escapes
    /// the `<title>` text itself).
    static func headTitle(_ title: String) -> Node<HTML.HeadContext> {
        let escaped = Widgets.escapeAttribute(title)
        return .group(
            .element(named: "title", text: title),
            .meta(.name("twitter:title"), .content(escaped)),
            .meta(.property("og:title"), .content(escaped)))
    }
}

/// An HTML page as a Hummingbird response.
struct HTMLPage: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    let html: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.response(status: status, html: html)
    }

    /// Plot renders the doctype itself.
    static func response(status: HTTPResponse.Status, html: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
