import FengqiaoCore
import Hummingbird
import Plot

/// What a user sees when a request fails: a plain sentence and the request id, never the internal error.
enum ErrorPage {
    static func response(
        status: HTTPResponse.Status, context: AppRequestContext, title named: Localized? = nil
    )
        -> Response
    {
        let language = context.language
        let t = { (text: Localized) in text.text(language) }
        let title = named ?? defaultTitle(status)
        let html = Layout(title: t(title), language: language, path: Paths.home).render {
            H1(t(title))
            Paragraph("\(t(Strings.requestIDLabel))：\(context.requestID)").class("request-id")
            Paragraph(t(Strings.errorHelp))
            Link(t(Strings.backHome), url: Paths.home).class("button")
        }
        return HTMLPage.response(status: status, html: html)
    }

    private static func defaultTitle(_ status: HTTPResponse.Status) -> Localized {
        switch status.code {
        case 404: Strings.notFound
        case 500...: Strings.serverError
        default: Strings.requestFailed
        }
    }
}
