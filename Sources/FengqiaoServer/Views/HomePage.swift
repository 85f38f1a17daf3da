import FengqiaoCore
import Plot

/// `/`: what the system is, where to sign in, where citizens report, and what the database holds.
struct HomePage {
    struct Coverage {
        let regions: Int
        let grids: Int
        let organisations: Int
        let mediators: Int
    }

    let language: DisplayLanguage
    let coverage: Coverage?

    func render() -> String {
        let t = { (text: Localized) in text.text(language) }
        return Layout(title: t(Strings.appTagline), language: language, path: Paths.home).render {
            H1(t(Strings.appTagline))
            Paragraph(t(Strings.homeLead)).class("lead")
            Paragraph(t(Strings.homeMotto)).class("motto")
            Div {
                Link(t(Strings.reportLink), url: Paths.report).class("button primary")
                Link(t(Strings.trackLink), url: Paths.track).class("button")
                Link(t(Strings.mediatorsLink), url: Paths.mediators).class("button")
                Link(t(Strings.signInLink), url: Paths.signIn).class("button")
            }.class("actions")
            if let coverage, coverage.regions > 0 {
                H2(t(Strings.coverageHeading))
                List {
                    ListItem { Text("\(coverage.regions) \(t(Strings.regionsLabel))") }
                    ListItem { Text("\(coverage.grids) \(t(Strings.gridsLabel))") }
                    ListItem { Text("\(coverage.organisations) \(t(Strings.organisationsLabel))") }
                    ListItem { Text("\(coverage.mediators) \(t(Strings.mediatorsLabel))") }
                }.class("coverage")
            } else {
                Paragraph(t(Strings.emptyDatabase)).class("note")
            }
            Paragraph {
                Link(t(Strings.metricsLink), url: Paths.metricsDefinitions)
            }.class("note")
        }
    }
}
