import FengqiaoCore
import Foundation

/// The words of an import's outcome, the same on the page, in the API's messages and on the command line.
public enum StructureReport {
    public static func headline(_ outcome: StructureImporter.Outcome) -> Localized {
        let plan = outcome.plan
        if outcome.applied {
            return Localized(zh: "已导入。" + plan.summary.zh, en: "Imported. " + plan.summary.en)
        }
        if !plan.canApply {
            return Localized(
                zh: "发现\(plan.problems.count)个问题，未导入任何内容：请改正后重新上传。",
                en: "\(plan.problems.count) problems found; nothing was imported. Correct them and upload again.")
        }
        if plan.changesNothing {
            return Localized(
                zh: "没有需要新增的内容：表中各行都已在系统中。" + plan.summary.zh,
                en: "Nothing to add: every row is already in the system. " + plan.summary.en)
        }
        return Localized(
            zh: "检查通过，尚未导入。" + plan.summary.zh, en: "Checked, not yet imported. " + plan.summary.en)
    }

    /// The one-time passwords' warning: shown once.
    public static let passwordsNote = Localized(
        zh: "以下是新用户的一次性密码，只显示这一次：请当面或电话告知本人，首次登录后须修改密码。",
        en:
            "The new users' one-time passwords, shown only this once: hand them over in person or by phone; each must choose a new password at first sign-in."
    )
}
