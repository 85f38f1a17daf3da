import FengqiaoCore
import Plot

/// `/report`: where citizens will report online; until then, how to report by the other channels.
struct ReportPage {
    let language: DisplayLanguage

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(Strings.reportTitle), language: language, path: Paths.report).render {
            H1(t(Strings.reportTitle))
            Paragraph(t(Strings.reportNotYet))
            Link(t(Strings.backHome), url: Paths.home).class("button")
        }
    }
}
