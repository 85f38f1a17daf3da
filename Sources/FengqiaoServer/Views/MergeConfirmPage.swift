import FengqiaoCore
import Foundation
import Plot

/// The confirmation before 合并: which case ends and which one carries on, side by side, with one button that
/// merges and one that goes back. Merging is final, so it is never one unconfirmed click.
struct MergeConfirmPage {
    static let title = Localized(zh: "确认合并重复件", en: "Confirm merging a duplicate")
    static let intro = Localized(
        zh: "合并后，本件作为重复件结束办理，并入主案件；主案件继续办理，其办理结果同样告知本件反映人。合并不能撤销。",
        en: "Once merged, this case ends as a duplicate of the master case, which carries on; its result is told to "
            + "this case's reporter too. Merging cannot be undone.")
    static let duplicateHeading = Localized(zh: "本件（将结束办理）", en: "This case (ends)")
    static let masterHeading = Localized(zh: "主案件（继续办理）", en: "Master case (carries on)")
    static let confirm = Localized(zh: "确认合并", en: "Merge")
    static let back = Localized(zh: "返回，不合并", en: "Back, do not merge")

    let language: DisplayLanguage
    let csrfToken: String
    let nav: StaffNav
    let duplicate: Case
    let master: Case

    private func t(_ text: Localized) -> String { text.text(language) }

    func render() -> String {
        Layout(title: t(Self.title), language: language, path: Paths.caseFile(duplicate.id)).render {
            nav.component(language)
            H1(t(Self.title))
            Paragraph(t(Self.intro)).class("note").attribute(named: "id", value: "merge-intro")
            Div {
                card(duplicate, heading: Self.duplicateHeading, id: "merge-duplicate")
                card(master, heading: Self.masterHeading, id: "merge-master")
            }.class("merge-pair")
            Form(url: Paths.caseAction(duplicate.id, CaseAction.merge.rawValue), method: .post) {
                Widgets.csrf(csrfToken)
                Input(type: .hidden, name: "expectedVersion", value: "\(duplicate.version)")
                Input(type: .hidden, name: "master", value: "\(master.id)")
                Input(type: .hidden, name: "confirm", value: "yes")
                SubmitButton(t(Self.confirm))
                Link(t(Self.back), url: Paths.caseFile(duplicate.id)).class("button secondary")
            }.attribute(named: "id", value: "merge-confirm")
        }
    }

    private func card(_ shown: Case, heading: Localized, id: String) -> any Component {
        Div {
            H2(t(heading))
            Paragraph {
                Link(shown.number, url: Paths.caseFile(shown.id))
                Text(" · \(t(shown.state.name))")
            }
            Paragraph(shown.title).class("merge-title")
            Paragraph(String(shown.description.prefix(200))).class("note")
        }.class("merge-card").attribute(named: "id", value: id)
    }
}

/// The master case a merge form names (its number as users know it, or its internal id) could not be found among
/// the cases the reader may see.
struct MergeMasterNotFound: UserFacingError {
    let typed: String
    var code: String { "merge.master_not_found" }
    var kind: ErrorKind { .invalid }
    var message: Localized {
        Localized(
            zh: "找不到编号为“\(typed)”的案件，或您无权查看它。请填写主案件的编号。",
            en: "No case numbered \"\(typed)\" that you may see. Give the master case's number.")
    }
}
