import FengqiaoCore
import FengqiaoStore
import Foundation
import Plot

/// `/admin/risk`: the 50 indicators grouped, each with its name, explanation, window, default and current weight as a
/// number field; the four thresholds; the care plan's intervals; and every version (current, scheduled, past).
struct AdminRiskPage {
    var frame: AdminFrame
    let history: RiskRuleHistory
    let now: Date
    /// The form as typed, after a refusal.
    let form: WebForm?
    let defaultDate: WorkingCalendar.CivilDate

    func render() -> String {
        let s = KeyPersonStrings.self
        let t = frame.t
        let model = history.model(at: now)
        let plan = history.carePlan(at: now)
        return frame.render(title: s.adminTitle, path: Paths.adminRisk) {
            Paragraph(t(s.adminBlurb)).class("note")
            Form(url: Paths.adminRisk, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("model")
                for group in RiskIndicator.Group.allCases {
                    H2(t(s.weights) + "：" + t(group.name))
                    Widgets.table(
                        [t(KeyPersonStrings.name), t(s.window), t(s.defaultWeight), t(s.currentWeight)],
                        RiskCatalogue.standard.filter { $0.group == group }.map { indicator in
                            let field = "weight-\(indicator.code)"
                            let value = form?[field] ?? String(model.weight(of: indicator))
                            return [
                                ComponentGroup {
                                    Element(name: "strong") { Text(t(indicator.name)) }
                                    Paragraph(t(indicator.explanation) + "（" + t(indicator.source.name) + "）")
                                        .class("note")
                                },
                                Text(String(indicator.windowDays)), Text(String(indicator.weight)),
                                Label(t(s.currentWeight)) {
                                    Input(type: .number, name: field, value: Widgets.escapeAttribute(value))
                                        .attribute(named: "id", value: "field-\(field)")
                                        .attribute(named: "min", value: "0").attribute(named: "max", value: "100")
                                },
                            ]
                        })
                }
                H2(t(s.thresholds))
                for grade in RiskGrade.allCases {
                    Widgets.textField(
                        grade.rawValue, label: t(grade.name), type: .number, required: true,
                        value: form?[grade.rawValue] ?? String(Self.threshold(model.thresholds, grade)))
                }
                effective()
                SubmitButton(t(s.saveModel))
            }.class("stacked").attribute(named: "id", value: "risk-model-form")
            Form(url: Paths.adminRisk, method: .post) {
                Widgets.csrf(frame.csrfToken)
                AdminFrame.action("care-plan")
                H2(t(s.carePlan))
                for personClass in KeyPersonClass.allCases.reversed() {
                    let field = "interval-\(personClass.rawValue)"
                    Widgets.textField(
                        field, label: t(personClass.name), type: .number, required: true,
                        value: form?[field] ?? String(KeyPersonStrings.intervalDays(plan.interval(for: personClass))))
                }
                effective()
                SubmitButton(t(s.saveCarePlan))
            }.class("stacked").attribute(named: "id", value: "care-plan-form")
            H2(t(s.versions))
            Widgets.table(
                [t(s.kind), t(s.version), t(s.effectiveFrom), t(s.createdBy), t(s.status), ""],
                history.versions.sorted { ($1.effectiveFrom, $1.id) < ($0.effectiveFrom, $0.id) }.map { version in
                    let status = version.status(at: now, among: history.versions)
                    let withdraw: any Component =
                        status == .scheduled
                        ? Form(url: Paths.adminRisk, method: .post) {
                            Widgets.csrf(frame.csrfToken)
                            AdminFrame.action("withdraw")
                            Input(type: .hidden, name: "version", value: String(version.id))
                            SubmitButton(t(s.withdraw))
                        } : Text("")
                    return [
                        Text(t(version.kind == .model ? s.modelKind : s.carePlanKind)),
                        Text(version.model.map { String($0.version) } ?? "—"),
                        Widgets.time(version.effectiveFrom), Text(version.createdBy ?? t(s.standard)),
                        Text(t(status.name)), withdraw,
                    ]
                })
        }
    }

    private func effective() -> any Component {
        let s = KeyPersonStrings.self
        return ComponentGroup {
            Widgets.textField(
                "effectiveFrom", label: frame.t(s.effectiveFrom), type: .date, required: true,
                value: form?["effectiveFrom"] ?? defaultDate.description)
            Paragraph(frame.t(s.effectiveHint)).class("note")
        }
    }

    static func threshold(_ thresholds: RiskThresholds, _ grade: RiskGrade) -> Int {
        switch grade {
        case .blue: thresholds.blue
        case .yellow: thresholds.yellow
        case .orange: thresholds.orange
        case .red: thresholds.red
        }
    }
}
