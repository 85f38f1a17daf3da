import FengqiaoCore
import Foundation
import Plot

extension Paths {
    public static let adminImport = "/admin/import"
    public static let adminImportTemplateXLSX = "/admin/import/template.xlsx"
    public static let adminImportTemplateZip = "/admin/import/template.zip"
}

/// `/admin/import` (导入组织架构): the template, the upload, the check's report with every problem, the confirmation
/// and, once applied, the new users' one-time passwords (shown this once).
struct AdminImportPage {
    var frame: AdminFrame
    var outcome: StructureImporter.Outcome? = nil
    /// The upload, carried by the confirmation form (checked again in full before it is applied).
    var staged: String? = nil

    func render() -> String {
        let s = AdminImportStrings.self
        let t = frame.t
        return frame.render(title: s.title, path: Paths.adminImport) {
            if let outcome {
                report(outcome)
            }
            H2(t(s.templateHeading))
            Paragraph(t(s.templateBlurb)).class("note")
            List {
                ListItem { Link(t(s.templateXLSX), url: Paths.adminImportTemplateXLSX) }
                ListItem { Link(t(s.templateZip), url: Paths.adminImportTemplateZip) }
            }.attribute(named: "id", value: "import-templates")
            H2(t(s.uploadHeading))
            Paragraph(t(s.uploadBlurb)).class("note")
            Form(url: Paths.adminImport, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("check")
                Label(t(s.files)) {
                    Input(type: .file, name: "files")
                        .attribute(named: "multiple", value: "multiple")
                        .attribute(named: "accept", value: ".xlsx,.csv,.zip")
                        .attribute(named: "id", value: "field-files")
                }
                SubmitButton(t(s.check))
            }.class("stacked").attribute(named: "enctype", value: "multipart/form-data")
                .attribute(named: "id", value: "import-form")
        }
    }

    @ComponentBuilder
    func report(_ outcome: StructureImporter.Outcome) -> any Component {
        let s = AdminImportStrings.self
        let t = frame.t
        let plan = outcome.plan
        Paragraph(t(StructureReport.headline(outcome)))
            .class(plan.canApply ? "success" : "error")
            .attribute(named: "id", value: "import-result")
            .attribute(named: "role", value: plan.canApply ? "status" : "alert")
        if !outcome.accounts.isEmpty {
            H2(t(s.passwordsHeading))
            Paragraph(t(StructureReport.passwordsNote)).class("note")
            Div {
                Widgets.table(
                    [t(s.username), t(s.name), t(s.password)],
                    outcome.accounts.map { account -> [any Component] in
                        [
                            Element(name: "code") { Text(account.username) }.attribute(named: "translate", value: "no"),
                            Text(account.displayName),
                            Element(name: "code") { Text(account.password) }.attribute(named: "translate", value: "no"),
                        ]
                    })
            }.attribute(named: "id", value: "import-passwords")
        }
        if !plan.problems.isEmpty {
            H2(t(s.problemsHeading))
            Div { problems(plan.problems) }.attribute(named: "id", value: "import-problems")
        }
        if !plan.notices.isEmpty {
            H2(t(s.noticesHeading))
            Div { problems(plan.notices) }.attribute(named: "id", value: "import-notices")
        }
        if !outcome.applied && plan.canApply && !plan.changesNothing, let staged {
            Form(url: Paths.adminImport, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("apply")
                Input(type: .hidden, name: "staged", value: staged)
                SubmitButton(t(s.apply))
            }.class("stacked").attribute(named: "enctype", value: "multipart/form-data")
                .attribute(named: "id", value: "import-confirm")
        }
    }

    func problems(_ list: [StructureProblem]) -> any Component {
        let s = AdminImportStrings.self
        let t = frame.t
        return Widgets.table(
            [t(s.location), t(s.problem)],
            list.map { problem -> [any Component] in
                [
                    Span(t(problem.location)).attribute(named: "translate", value: "no"),
                    Span(t(problem.message)).attribute(named: "translate", value: "no"),
                ]
            })
    }
}

enum AdminImportStrings {
    static let title = Localized(zh: "导入组织架构", en: "Import the structure")
    static let blurb = Localized(
        zh: "从表格一次导入区划、网格、单位、用户和调解员。", en: "Regions, grids, organisations, users and mediators from a spreadsheet.")
    static let templateHeading = Localized(zh: "下载模板", en: "Templates")
    static let templateBlurb = Localized(
        zh: "模板有“区划”“网格”“组织”“用户”“调解员”五张表和一张说明。可用Excel或WPS填写后直接上传，也可另存为CSV。",
        en: "The template has five sheets (regions, grids, organisations, users, mediators) and notes. Fill it in with"
            + " Excel or WPS and upload it, or save each sheet as CSV.")
    static let templateXLSX = Localized(zh: "Excel模板", en: "Excel template (.xlsx)")
    static let templateZip = Localized(zh: "CSV模板（压缩包）", en: "CSV templates (zip)")
    static let uploadHeading = Localized(zh: "上传并检查", en: "Upload and check")
    static let uploadBlurb = Localized(
        zh: "可上传一个Excel工作簿，或按表命名的CSV文件（如“区划”表存为“区划”，Excel和WPS默认保存的编码都可以），或它们的压缩包。"
            + "先全部检查，没有问题才能确认导入；已在系统中的行保持不变，可放心重复导入。",
        en: "Upload one workbook (.xlsx), CSV files named after their sheet (UTF-8 or GB18030), or a zip of them."
            + " Everything is checked first; you confirm only when nothing is wrong. Rows already in the system are"
            + " left as they are.")
    static let files = Localized(zh: "选择文件", en: "Files")
    static let check = Localized(zh: "检查", en: "Check")
    static let apply = Localized(zh: "确认导入", en: "Import now")
    static let problemsHeading = Localized(zh: "问题（须改正）", en: "Problems (to correct)")
    static let noticesHeading = Localized(zh: "提示（不影响导入）", en: "Notes (do not stop the import)")
    static let passwordsHeading = Localized(zh: "新用户的一次性密码", en: "New users' one-time passwords")
    static let location = Localized(zh: "位置", en: "Where")
    static let problem = Localized(zh: "说明", en: "What")
    static let username = Localized(zh: "用户名", en: "Username")
    static let name = Localized(zh: "姓名", en: "Name")
    static let password = Localized(zh: "一次性密码", en: "One-time password")
    static let noFile = Localized(zh: "请选择要上传的文件。", en: "Choose the files to upload.")
    static let staleStage = Localized(
        zh: "确认的数据无法读取，请重新上传。", en: "The confirmed upload cannot be read; upload it again.")
}
