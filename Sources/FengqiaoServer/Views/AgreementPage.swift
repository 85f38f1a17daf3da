import FengqiaoCore
import Foundation
import Plot

/// `/cases/{id}/agreement`: the mediation agreement (人民调解协议书) as a clean A4 page, laid out the way committees
/// write it: title and number, the parties with their identity details, the facts and the matters in dispute, the
/// agreed terms with how and by when each is fulfilled, the closing sentences, signature lines and the seal with the
/// date. The document is always in Chinese, as it is signed; in English the screen adds grey glosses that do not
/// print. A bar above it (versions, PDF, language, printing hint) is not printed either.
struct AgreementPage {
    enum Output {
        /// The page in the browser: linked stylesheets, the toolbar.
        case screen
        /// The copy headless Chromium prints: the stylesheet inlined (it reads a file, not the server), no toolbar.
        case pdf
    }

    struct Version: Equatable {
        let number: Int
        let signed: Bool
    }

    let language: DisplayLanguage
    let caseID: Case.ID
    let caseNumber: String
    /// As the reader may see it (`PersonalDataPolicy.view`): its parties masked unless `showsPersonalData`.
    let agreement: MediationAgreement
    /// Every version of the case's agreement, oldest first.
    let versions: [Version]
    /// The organisation that drafted it (the committee that seals it).
    let organisationName: String?
    let mediatorName: String?
    /// Clear personal data, or masked (张*, 138****1234).
    let showsPersonalData: Bool

    private func t(_ text: Localized) -> String { text.text(language) }

    func render(_ output: Output = .screen) -> String {
        let title = "\(Strings.agreementTitle.zh) \(caseNumber) · \(Strings.appName.text(language))"
        let head: Node<HTML.DocumentContext> =
            switch output {
            case .screen:
                .head(
                    .encoding(.utf8), .viewport(.accordingToDevice), Layout.headTitle(title),
                    .stylesheet(Paths.stylesheet), .stylesheet(Paths.agreementStylesheet))
            case .pdf:
                .head(.encoding(.utf8), Layout.headTitle(title), .style(AgreementStylesheet.css))
            }
        return HTML(
            .attribute(named: "lang", value: output == .pdf ? DisplayLanguage.zhHans.rawValue : language.rawValue),
            head,
            .body(
                .class("print"),
                .if(output == .screen, .component(toolbar())),
                .main(.class("sheet"), .component(document(glossed: output == .screen && language == .en)))
            )
        ).render()
    }

    // MARK: The toolbar (screen only)

    private func toolbar() -> any Component {
        let other: DisplayLanguage = language == .zhHans ? .en : .zhHans
        let here = Paths.agreement(caseID: caseID, version: agreement.version)
        return Navigation {
            Div {
                Link(t(Strings.backToWorkspace), url: Paths.workspace)
                Link(t(Strings.agreementPDF), url: Paths.agreementPDF(caseID: caseID, version: agreement.version))
                Link(Strings.switchToOther.text(language), url: Paths.switchLanguage(here, to: other.rawValue))
                    .attribute(named: "hreflang", value: other.rawValue)
            }.class("links")
            Paragraph {
                Text("\(t(Strings.agreementVersions))：")
                for version in versions {
                    let label =
                        "\(t(Strings.agreementVersion(version.number)))（\(t(version.signed ? Strings.agreementSigned : Strings.agreementUnsigned))）"
                    if version.number == agreement.version {
                        Element(name: "strong") { Text(label) }
                    } else {
                        Link(label, url: Paths.agreement(caseID: caseID, version: version.number))
                    }
                }
            }.class("versions")
            Paragraph(t(Strings.agreementPrintHint))
            if !showsPersonalData {
                Paragraph(t(Strings.agreementMasked)).class("note")
            }
            if language == .en {
                Paragraph(t(Strings.agreementChineseOnly)).class("note")
            }
        }.class("toolbar no-print")
    }

    // MARK: The document (always Chinese)

    private func document(glossed: Bool) -> any Component {
        let draft = agreement.draft
        let committee = organisationName ?? Strings.agreementCommittee.zh
        return Article {
            H1 {
                Text(Strings.agreementTitle.zh)
                gloss(Strings.agreementTitle, glossed)
            }
            Paragraph(
                "\(Strings.agreementNumber.zh)：\(caseNumber)（\(Strings.agreementVersion(agreement.version).zh)）"
            ).class("number")

            Element(name: "section") {
                heading(Strings.agreementParties, glossed)
                for (index, party) in draft.parties.enumerated() {
                    H3(Self.partyLabel(index))
                    Element(name: "dl") {
                        field(Strings.agreementName, party.name, glossed)
                        field(Strings.agreementPartyRole, party.role.name.zh, glossed)
                        field(Strings.agreementIDNumber, party.idNumber, glossed)
                        field(Strings.agreementAddress, party.address, glossed)
                        field(Strings.agreementPhone, party.phone, glossed)
                    }
                }
            }.class("parties")

            Element(name: "section") {
                heading(Strings.agreementFacts, glossed)
                for paragraph in Self.paragraphs(draft.facts) {
                    Paragraph(paragraph)
                }
            }.class("facts")

            Element(name: "section") {
                heading(Strings.agreementTerms, glossed, colon: true)
                List(Array(draft.terms.enumerated())) { _, term in
                    ListItem {
                        Text(term.text)
                        Span(
                            "（\(Strings.agreementMethod.zh)：\(term.method ?? Strings.agreementNotAgreed.zh)；"
                                + "\(Strings.agreementDue.zh)：\(term.dueDate.map { "\(Self.chinaDate($0))前" } ?? Strings.agreementNotAgreed.zh)）"
                        ).class("how")
                    }
                }.listStyle(.ordered)
            }.class("terms")

            Element(name: "section") {
                heading(Strings.agreementFulfilment, glossed)
                List(Array(draft.terms.enumerated())) { index, term in
                    ListItem(
                        "第\(Strings.chineseNumber(index + 1))项：\(term.method ?? "\(Strings.agreementMethod.zh)\(Strings.agreementNotAgreed.zh)")，"
                            + "\(Self.due(term.dueDate))。")
                }.class("plain")
            }.class("fulfilment")

            // The closing sentences, the signature lines and the seal print together, never a page apart.
            Div {
                Element(name: "section") {
                    Paragraph(Strings.agreementCopies(draft.parties.count + 1).zh)
                    Paragraph(Strings.agreementEffect.zh)
                    Paragraph(Strings.agreementBinding.zh)
                }.class("closing")

                Element(name: "section") {
                    for index in draft.parties.indices {
                        Paragraph {
                            Text("\(Self.partyLabel(index))\(Strings.agreementPartySignature.zh)：")
                            Span("").class("blank")
                        }
                    }
                    Paragraph {
                        Text(
                            "\(Strings.agreementMediator.zh)\(mediatorName.map { " \($0)" } ?? "")"
                                + "\(Strings.agreementMediatorSignature.zh)：")
                        Span("").class("blank")
                    }
                }.class("signatures")

                Div {
                    Paragraph("\(committee)\(Strings.agreementSeal.zh)")
                    Paragraph {
                        Text("\(Strings.agreementDate.zh)：")
                        if let signedAt = agreement.signedAt {
                            Text(Self.chinaDate(signedAt))
                        } else {
                            Span("").class("blank short")
                            Text("年")
                            Span("").class("blank short")
                            Text("月")
                            Span("").class("blank short")
                            Text("日")
                        }
                    }
                }.class("seal")
            }.class("ending")
        }.class("agreement").attribute(named: "lang", value: DisplayLanguage.zhHans.rawValue)
    }

    private func heading(_ text: Localized, _ glossed: Bool, colon: Bool = false) -> any Component {
        H2 {
            Text(text.zh + (colon ? "：" : ""))
            gloss(text, glossed)
        }
    }

    @ComponentBuilder private func gloss(_ text: Localized, _ glossed: Bool) -> any Component {
        if glossed {
            Span(text.en).class("gloss").attribute(named: "lang", value: DisplayLanguage.en.rawValue)
        }
    }

    /// A line of identity details; a detail nobody recorded is a blank to fill in by hand.
    @ComponentBuilder private func field(_ label: Localized, _ value: String?, _ glossed: Bool) -> any Component {
        Element(name: "dt") {
            Text(label.zh)
            gloss(label, glossed)
        }
        Element(name: "dd") {
            if let value, !value.isEmpty {
                Text(value)
            } else {
                Span("").class("blank")
            }
        }
    }

    /// 甲方、乙方、丙方… then 第11方.
    static func partyLabel(_ index: Int) -> String {
        let stems = Array("甲乙丙丁戊己庚辛壬癸")
        return index < stems.count ? "\(stems[index])方" : "第\(index + 1)方"
    }

    static func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    static func due(_ date: Date?) -> String {
        date.map { "\(chinaDate($0))前履行完毕" } ?? "\(Strings.agreementDue.zh)\(Strings.agreementNotAgreed.zh)"
    }

    /// "2026年3月5日", the day in China.
    static func chinaDate(_ date: Date) -> String {
        let day = ChinaTime.civilDate(date)
        return "\(day.year)年\(day.month)月\(day.day)日"
    }
}
