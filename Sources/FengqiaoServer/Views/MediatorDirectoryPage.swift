import FengqiaoCore
import Plot

/// A mediator as the directory shows them: the record and the name of their organisation.
struct MediatorCard: Sendable {
    let mediator: Mediator
    let organisationName: String
}

/// `/mediators`: the public directory (点单式调解), filtered by kind of dispute and township with a plain GET form;
/// each available mediator's card carries the 点单 form (tracking code and phone digits). No JavaScript.
struct MediatorDirectoryPage {
    let language: DisplayLanguage
    let csrfToken: String
    let specialty: DisputeType?
    /// The selected region's code, only when it names a region (it goes into links).
    let regionCode: String?
    let townships: [Region]
    let cards: [MediatorCard]

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        let path = Paths.mediators(specialty: specialty?.rawValue, region: regionCode)
        return Layout(title: t(Strings.mediatorsTitle), language: language, path: path).render {
            H1(t(Strings.mediatorsTitle))
            Paragraph(t(Strings.mediatorsLead)).class("lead")
            filterForm()
            Paragraph(t(Strings.mediatorsCount(cards.count))).class("note").attribute(named: "role", value: "status")
            if cards.isEmpty {
                Paragraph(t(Strings.mediatorsNone)).class("note")
            } else {
                List(cards) { card in
                    MediatorCardView(card: card, language: language, csrfToken: csrfToken).component()
                }.class("cards")
            }
        }
    }

    private func filterForm() -> any Component {
        Form(url: Paths.mediators, method: .get) {
            Label(t(Strings.mediatorsSpecialty)) {
                Element(name: "select") {
                    Widgets.option("", t(Strings.mediatorsAll), selected: specialty == nil)
                    for type in DisputeType.allCases {
                        Widgets.option(type.rawValue, t(type.name), selected: type == specialty)
                    }
                }.attribute(named: "name", value: "specialty")
            }
            Label(t(Strings.mediatorsRegion)) {
                Element(name: "select") {
                    Widgets.option("", t(Strings.mediatorsAll), selected: regionCode == nil)
                    for township in townships {
                        Widgets.option(township.code, township.name, selected: township.code == regionCode)
                    }
                }.attribute(named: "name", value: "region")
            }
            SubmitButton(t(Strings.mediatorsFilter))
        }.class("stacked filters")
    }
}

/// `/mediators/{id}`: one mediator's card with the 点单 form open; also where a refused 点单 says why.
struct MediatorPage {
    let language: DisplayLanguage
    let csrfToken: String
    let card: MediatorCard
    /// Why the last 点单 did not go through, if it did not.
    var problem: Localized?
    /// What the citizen typed, already normalised (tracking-code alphabet), to fill the form again.
    var code: String?

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        Layout(title: card.mediator.name, language: language, path: Paths.mediator(card.mediator.id)).render {
            H1(t(Strings.mediatorsTitle))
            if let problem {
                Div {
                    H2(t(Strings.mediatorChooseFailed))
                    BilingualMessage(problem, language: language).component()
                }.class("error").attribute(named: "role", value: "alert")
            }
            MediatorCardView(
                card: card, language: language, csrfToken: csrfToken, chooseOpen: true, code: code, linkName: false
            ).component()
            Paragraph { Link(t(Strings.mediatorBack), url: Paths.mediators) }
        }
    }
}

/// One card: who, where, what they take on, whether they take cases now, and the 点单 form when they do.
struct MediatorCardView {
    let card: MediatorCard
    let language: DisplayLanguage
    let csrfToken: String
    var chooseOpen = false
    var code: String?
    /// In the directory the name links to the mediator's own page.
    var linkName = true

    private func t(_ text: Localized) -> String { text.text(language) }

    func component() -> any Component {
        let mediator = card.mediator
        return Article {
            H2 {
                if linkName {
                    Link(mediator.name, url: Paths.mediator(mediator.id))
                } else {
                    Text(mediator.name)
                }
                if mediator.goldMedal {
                    Text(" ")
                    Span(t(Strings.mediatorGold)).class("badge gold")
                }
            }
            if mediator.photo != nil {
                Image(url: Paths.mediatorPhoto(mediator.id), description: Widgets.escapeAttribute(mediator.name)).class(
                    "mediator-photo")
            }
            Paragraph {
                Span(t(mediator.available ? Strings.mediatorAvailable : Strings.mediatorUnavailable))
                    .class(mediator.available ? "badge on" : "badge off")
            }
            Element(name: "dl") {
                entry(Strings.mediatorOrganisation, card.organisationName)
                entry(Strings.mediatorSpecialties, mediator.specialties.map { t($0.name) }.joined(separator: "、"))
                entry(Strings.mediatorLevels, mediator.levels.map { t($0.name) }.joined(separator: "、"))
                entry(Strings.mediatorLanguages, mediator.languages.joined(separator: "、"))
            }
            if !mediator.profile.isEmpty {
                Paragraph(mediator.profile).class("profile")
            }
            if mediator.available {
                chooseForm(mediator)
            }
        }.class("card")
    }

    @ComponentBuilder private func entry(_ label: Localized, _ value: String) -> any Component {
        Element(name: "dt") { Text(t(label)) }
        Element(name: "dd") { Text(value) }
    }

    private func chooseForm(_ mediator: Mediator) -> any Component {
        Element(name: "details") {
            Element(name: "summary") { Text(t(Strings.mediatorChoose)) }
            Form(url: Paths.chooseMediator(mediator.id), method: .post) {
                Widgets.csrf(csrfToken)
                Paragraph(t(Strings.mediatorChooseHelp)).class("note")
                Label(t(Strings.trackCode)) {
                    Input(type: .text, name: "code", value: code.map(Widgets.escapeAttribute), isRequired: true)
                        .attribute(named: "autocomplete", value: "off")
                }
                Label(t(Strings.trackPhone)) {
                    Input(type: .text, name: "phone", isRequired: true)
                        .attribute(named: "inputmode", value: "numeric").attribute(named: "maxlength", value: "4")
                        .attribute(named: "autocomplete", value: "off")
                }
                SubmitButton(t(Strings.mediatorChooseButton))
            }.class("stacked")
        }.class("choose").attribute(named: "open", value: nil, ignoreValueIfEmpty: !chooseOpen)
    }
}

/// A message in the page's language first and the other language after it, for refusals a citizen must understand
/// whichever language they read.
struct BilingualMessage {
    let text: Localized
    let language: DisplayLanguage

    init(_ text: Localized, language: DisplayLanguage) {
        self.text = text
        self.language = language
    }

    func component() -> any Component {
        let other: DisplayLanguage = language == .zhHans ? .en : .zhHans
        return Div {
            Paragraph(text.text(language))
            Paragraph(text.text(other)).class("other-language").attribute(named: "lang", value: other.rawValue)
        }.class("message")
    }
}
