import FengqiaoCore
import Foundation
import Hummingbird
import Plot

/// The way back from a case to the list it was opened from, and the confirmation an action leaves: the case page
/// links back to the list (its `back` parameter, or the list page that referred to it), and an action redirects to
/// `…?done=<action>&back=<list>` so the page says what was done.
enum ListReturn {
    /// The lists a case is opened from.
    static let lists = [
        Paths.cases, Paths.desk, Paths.inbox, Paths.grid, Paths.mediation, Paths.dashboard, Paths.workspace,
    ]

    /// `text` when it is one of the lists (path and query, this site's own), else nil.
    static func list(_ text: String?) -> String? {
        guard let text, let components = URLComponents(string: text) else { return nil }
        let path = components.path
        guard lists.contains(path), text.hasPrefix("/") || components.host != nil else { return nil }
        var local = URLComponents()
        local.path = path
        local.percentEncodedQuery = components.percentEncodedQuery
        return local.string
    }

    /// The list a case page was opened from: `back` in its query, else the referring page when that is a list.
    static func back(of request: Request) -> String? {
        list(request.uri.queryParameters.get("back")) ?? list(request.headers[.referer])
    }

    /// Where an action on a case page goes back to: the `back` the page itself was opened with (its address is the
    /// form's referrer).
    static func back(ofAction request: Request) -> String? {
        guard let referer = request.headers[.referer], let page = URLComponents(string: referer) else { return nil }
        return list(page.queryItems?.first { $0.name == "back" }?.value)
    }

    /// The case page after `action`, with the way back kept.
    static func caseFile(_ id: Case.ID, done action: CaseAction, back: String?) -> String {
        var components = URLComponents()
        components.path = Paths.caseFile(id)
        components.queryItems =
            [URLQueryItem(name: "done", value: action.rawValue)]
            + (back.map { [URLQueryItem(name: "back", value: $0)] } ?? [])
        return components.string ?? Paths.caseFile(id)
    }

    /// The confirmation and the way back, as a case page shows them under its title.
    static func component(notice: Localized?, back: String?, language: DisplayLanguage) -> any Component {
        Div {
            if let notice {
                Paragraph(notice.text(language)).class("notice").attribute(named: "role", value: "status")
                    .attribute(named: "id", value: "action-notice")
            }
            Link(ListStrings.backToList.text(language), url: Widgets.escapeAttribute(back ?? Paths.cases))
                .attribute(named: "id", value: "back-to-list")
        }.class("return")
    }
}
