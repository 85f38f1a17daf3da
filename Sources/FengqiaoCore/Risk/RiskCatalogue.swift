/// The standard catalogue of risk indicators: 30 the platform derives from cases (`RiskDetector`) and 20 that
/// visitors record. Weights are chosen so that the seeds' typical path to violence reaches red on its own: a
/// neighbour dispute (15) with the police already called (25) and a threat (40) makes 80, the red threshold of
/// `RiskThresholds.standard`. Administrators change weights and thresholds per county (`RiskModel`).
public enum RiskCatalogue {
    private static func auto(
        _ code: String, _ zh: String, _ en: String, _ weight: Int, days: Int, _ group: RiskIndicator.Group,
        _ explanationZh: String, _ explanationEn: String
    ) -> RiskIndicator {
        RiskIndicator(
            code, Localized(zh: zh, en: en), weight: weight, windowDays: days, source: .automatic, group: group,
            explanation: Localized(zh: explanationZh, en: explanationEn))
    }

    private static func visit(
        _ code: String, _ zh: String, _ en: String, _ weight: Int, days: Int = 365,
        _ explanationZh: String, _ explanationEn: String
    ) -> RiskIndicator {
        RiskIndicator(
            code, Localized(zh: zh, en: en), weight: weight, windowDays: days, source: .visit, group: .person,
            explanation: Localized(zh: explanationZh, en: explanationEn))
    }

    public static let standard: [RiskIndicator] = history + categories + words + handling + person

    static let history: [RiskIndicator] = [
        auto(
            "repeat-dispute", "同一当事人反复纠纷", "Repeat dispute between the same people", 20, days: 365, .history,
            "同一当事人一年内再次发生纠纷，矛盾没有真正化解。", "The same people are in dispute again within a year."),
        auto(
            "long-running", "长期纠纷", "Long-running dispute", 15, days: 365, .history,
            "纠纷持续60天以上仍未办结，积怨可能加深。", "Open for 60 days or more: resentment may deepen."),
        auto(
            "reopened", "重新办理", "Reopened", 10, days: 180, .history,
            "已办结的事项被重新办理，说明问题没有解决。", "A finished case was reopened: the problem was not solved."),
        auto(
            "flare-up", "矛盾反弹", "Flare-up", 20, days: 365, .history,
            "化解后矛盾再次出现（反弹）。", "The dispute flared up again after it was settled."),
        auto(
            "police-called", "已报警", "Police already called", 25, days: 180, .history,
            "事件经110联动转来，或反映中提到报警、派出所出警。",
            "Came from the 110 police link, or the report says the police were called."),
        auto(
            "petition", "已信访", "Petition lodged", 10, days: 365, .history,
            "当事人已通过信访渠道反映。", "A party has already petitioned."),
        auto(
            "court-referral", "诉前调解转入", "Referred by a court", 5, days: 365, .history,
            "纠纷已进入诉讼程序，由法院委派调解。", "The dispute is in court and was referred for mediation."),
        auto(
            "escalated", "已上报上级", "Escalated", 8, days: 180, .history,
            "基层未能化解，已上报上一级。", "Not settled locally: escalated to the next level."),
        auto(
            "many-parties", "多方当事人", "Many parties", 8, days: 365, .history,
            "涉及4方以上当事人，容易激化为群体性事件。", "Four or more parties: it may become a group incident."),
        auto(
            "repeat-reporter", "同一人反复反映", "The same person reports again and again", 10, days: 180,
            .history, "同一人半年内反映3次以上。", "The same person reported three or more times in six months."),
    ]

    static let categories: [RiskIndicator] = [
        auto(
            "category-neighbour", "邻里矛盾", "Neighbour conflict", 15, days: 180, .category,
            "邻里之间朝夕相处，小事容易积累成大矛盾。", "Neighbours meet daily: small things build up."),
        auto(
            "category-marriage-family", "婚姻家庭矛盾", "Marriage and family conflict", 20, days: 180, .category,
            "婚姻家庭纠纷是“民转刑”最常见的起因之一。", "Family disputes are among the commonest roots of violent crime."),
        auto(
            "category-homestead", "宅基地纠纷", "Homestead boundary dispute", 15, days: 180, .category,
            "宅基地、房前屋后界址之争常年难解。", "Boundary disputes over homesteads last for years."),
        auto(
            "category-land", "土地山林纠纷", "Land or forest dispute", 10, days: 180, .category,
            "承包地、山林权属之争关系生计。", "Land and forest rights are livelihoods."),
        auto(
            "category-unpaid-wages", "欠薪纠纷", "Unpaid wages", 15, days: 180, .category,
            "讨薪无果容易引发过激行为，年底尤甚。", "Unpaid wages can drive desperate acts, especially at year end."),
        auto(
            "category-demolition", "征地拆迁纠纷", "Demolition and resettlement", 15, days: 180, .category,
            "补偿安置争议牵涉全家利益。", "Compensation disputes touch a whole family's future."),
        auto(
            "category-debt", "债务合同纠纷", "Debt or contract dispute", 10, days: 180, .category,
            "欠款讨要不成可能引发冲突。", "Failed debt collection can lead to conflict."),
        auto(
            "category-medical", "医疗纠纷", "Medical dispute", 10, days: 180, .category,
            "医患矛盾情绪激烈。", "Medical disputes run high on emotion."),
        auto(
            "category-traffic", "交通事故纠纷", "Traffic accident dispute", 8, days: 180, .category,
            "赔偿争议可能升级。", "Compensation disputes may escalate."),
    ]

    static let words: [RiskIndicator] = [
        auto(
            "words-threat", "扬言威胁", "Threats", 40, days: 90, .words,
            "反映中出现“扬言”“报复”“弄死”“同归于尽”等威胁性言语。",
            "The report quotes threats: revenge, killing, dying together."),
        auto(
            "words-weapon", "涉及凶器", "Weapons", 40, days: 90, .words,
            "反映中提到刀、斧、棍棒、枪等凶器。", "The report mentions knives, axes, clubs or guns."),
        auto(
            "words-fire-poison", "放火投毒", "Fire or poison", 40, days: 90, .words,
            "反映中提到放火、汽油、农药、投毒等。", "The report mentions arson, petrol, pesticide or poison."),
        auto(
            "words-self-harm", "轻生言行", "Self-harm", 30, days: 90, .words,
            "反映中提到跳楼、喝药、不想活等轻生言行。", "The report mentions jumping, drinking poison, not wanting to live."),
        auto(
            "words-violence", "肢体冲突", "Physical violence", 25, days: 90, .words,
            "反映中提到殴打、动手、打伤等肢体冲突。", "The report mentions beating, fighting or injuries."),
        auto(
            "words-group", "聚集围堵", "Gathering and blocking", 15, days: 90, .words,
            "反映中提到聚集、围堵、堵路、拉横幅等群体性行为。",
            "The report mentions gatherings, blockades or banners."),
        auto(
            "words-agitation", "情绪激动", "Agitation", 10, days: 90, .words,
            "反映中提到情绪激动、失控、要去闹等。", "The report says someone is agitated or out of control."),
        auto(
            "words-vulnerable", "涉及弱势人员", "Vulnerable people involved", 5, days: 180, .words,
            "涉及老人、儿童、孕妇、残疾人等弱势人员。", "Old people, children, pregnant women or disabled people are involved."),
    ]

    static let handling: [RiskIndicator] = [
        auto(
            "overdue", "超期未办结", "Overdue", 10, days: 90, .handling,
            "事项已超过办理时限仍未办结。", "The case is past its time limit."),
        auto(
            "dissatisfied", "群众不满意", "Citizen dissatisfied", 10, days: 180, .handling,
            "回访时群众表示不满意。", "The citizen was dissatisfied at follow-up."),
        auto(
            "overdue-angry", "超期且群众不满", "Overdue and the citizen angry", 15, days: 90, .handling,
            "事项超期，且群众回访不满意或反映中情绪激动。",
            "Overdue, and the citizen is dissatisfied or agitated."),
        auto(
            "returned-often", "多次退单", "Returned again and again", 5, days: 90, .handling,
            "两次以上退单，责任单位不明。", "Returned twice or more: no one takes responsibility."),
        auto(
            "urgent", "急难事", "Urgent", 5, days: 30, .handling,
            "登记为“急难事马上办”。", "Registered as urgent (急难事)."),
        auto(
            "whistle", "已吹哨", "Whistle blown", 5, days: 90, .handling,
            "基层已“吹哨”请求部门报到。", "The grassroots blew the whistle for departments."),
    ]

    static let person: [RiskIndicator] = [
        visit(
            "visit-threatened", "当面扬言报复", "Threatened revenge in person", 40, days: 180,
            "走访中当事人当面扬言报复或伤害他人。", "On a visit a party threatened revenge or harm in person."),
        visit(
            "domestic-violence", "有家暴史", "History of domestic violence", 30,
            "本人有家庭暴力记录或告诫。", "Has a record or warning of domestic violence."),
        visit(
            "drinking", "酗酒", "Heavy drinking", 15, "长期酗酒，酒后易冲动。", "Drinks heavily and gets violent when drunk."),
        visit(
            "mental-illness", "严重精神障碍", "Severe mental disorder", 25,
            "在册严重精神障碍患者，或有明显精神异常。", "A registered severe mental disorder, or plainly disturbed."),
        visit(
            "released-prisoner", "刑满释放人员", "Released prisoner", 15,
            "刑满释放未满五年。", "Released from prison within five years."),
        visit(
            "community-correction", "社区矫正对象", "Under community correction", 10,
            "正在接受社区矫正。", "Serving a community correction order."),
        visit("drug-use", "有吸毒史", "Drug use", 20, "有吸毒记录。", "Has a record of drug use."),
        visit(
            "living-alone", "独居", "Living alone", 10, "独自生活，缺少家人照应。", "Lives alone without family."),
        visit("gambling", "赌博", "Gambling", 12, "有赌博行为，易负债。", "Gambles and falls into debt."),
        visit(
            "hardship", "生活困难", "Hardship", 8, "失业、低保或生活特别困难。", "Unemployed, on welfare or in great hardship."),
        visit("heavy-debt", "债务缠身", "Heavy debts", 12, "背负较重债务，被催讨。", "Burdened by debts and pressed for them."),
        visit(
            "returnee-family", "返乡人员家庭矛盾", "Returnee with family tension", 10,
            "外出务工返乡后家庭矛盾突出。", "Family tension after returning from work elsewhere."),
        visit(
            "left-behind", "留守老人儿童", "Left-behind old people or children", 5,
            "家中有留守老人或儿童，无人照看。", "Old people or children left behind at home."),
        visit(
            "paranoid", "性格偏执", "Paranoid temperament", 15,
            "性格偏执、钻牛角尖，认死理。", "Paranoid, fixed on a grievance."),
        visit(
            "recent-loss", "近期重大变故", "Recent major loss", 12, days: 180,
            "近期丧亲、离婚、失业、重病等变故。", "Recent bereavement, divorce, job loss or grave illness."),
        visit(
            "weapon-at-home", "家中存有危险物品", "Dangerous items at home", 20, days: 180,
            "家中存放管制刀具、农药、汽油等。", "Keeps knives, pesticide or petrol at home."),
        visit(
            "isolated", "社会交往少", "Socially isolated", 5, "与邻里亲友来往少，孤立。", "Little contact with neighbours or friends."),
        visit(
            "extreme-words", "言行偏激", "Extreme words or acts", 20, days: 180,
            "走访中言行偏激、情绪失控。", "Extreme words or acts on a visit."),
        visit(
            "custody-dispute", "抚养探视争议", "Custody or visiting dispute", 12,
            "离婚后子女抚养、探视争议激烈。", "Bitter dispute over children after divorce."),
        visit(
            "group-leader", "组织聚集苗头", "Organising a gathering", 15, days: 90,
            "有串联、组织聚集上访的苗头。", "Signs of organising others to gather or petition."),
    ]

    /// The catalogue entry of a code.
    public static func indicator(_ code: String, in catalogue: [RiskIndicator] = standard) -> RiskIndicator? {
        // the standard catalogue itself (the same storage, as every caller passes it): by code
        let isStandard = catalogue.withUnsafeBufferPointer { given in
            standard.withUnsafeBufferPointer { $0.baseAddress == given.baseAddress }
        }
        if isStandard { return byCode[code] }
        return catalogue.first { $0.code == code }
    }

    private static let byCode = Dictionary(standard.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
}
