import FengqiaoCore
import Foundation

/// The words of the demo cases: categories, subjects (one per kind of matter, with titles, descriptions, progress
/// notes and outcomes as templates), consultations, names and places.
///
/// Templates name their blanks in braces: `{人}` the reporter, `{对方}` the other party, `{村}` the village or
/// community, `{地点}` the compound or village group, `{公司}` an employer, `{金额}` an amount… `DemoScene` fills them.
enum DemoCaseCatalogue {
    enum Setting: Sendable {
        case urban
        case rural
        case anywhere
    }

    /// Which outcomes a matter can have: a dispute is mediated, a service request is fixed.
    enum Nature: Sendable {
        case dispute
        case service
        case mixed
    }

    struct Subject: Sendable {
        var key: String
        var category: String
        var type: DisputeType?
        var setting: Setting
        var nature: Nature
        var weight: Int
        var channels: [Channel]
        var urgencies: [Urgency]
        var difficulties: [Difficulty]
        /// Yuan, for `{金额}`.
        var amounts: ClosedRange<Int>
        /// The other party is a person (`{对方}`).
        var otherPerson: Bool
        /// The other party is an organisation: the blank that names it (`公司`, `物业`…).
        var otherOrganisation: String?
        var anonymousAllowed: Bool
        /// Where the township center sends it: key suffixes of township organisations (`.justice`), `studio` for a
        /// mediation studio with the matching specialty.
        var townshipLeads: [String]
        /// County organisations by key; `committee` for a professional mediation committee with the specialty.
        var countyLeads: [String]
        var assisting: [String]
        var variants: [Variant]
        var progress: [String]
        /// The terms of a mediation agreement, for `agreementReached`.
        var agreements: [String]
        /// What was done, for `solved`.
        var solutions: [String]
    }

    /// One way a subject is reported: a title and a description that belong together, and what settles it when it
    /// needs words of its own. A description starting "110警情：", "法院委派：" or "网格员" is for that channel only.
    struct Variant: Sendable {
        var title: String
        var description: String
        var solution: String?
        var agreement: String?

        init(_ title: String, _ description: String, solution: String? = nil, agreement: String? = nil) {
            self.title = title
            self.description = description
            self.solution = solution
            self.agreement = agreement
        }

        /// The channel a description is written for, when it is written for one.
        var channel: Channel? {
            if description.hasPrefix("110警情：") { return .police110 }
            if description.hasPrefix("法院委派：") { return .courtReferral }
            if description.hasPrefix("网格员") { return .gridWorker }
            return nil
        }

        /// Found by the grid worker on patrol: the grid worker is the reporter.
        var foundByGridWorker: Bool { description.hasPrefix("网格员巡查") || description.hasPrefix("网格员入户") }
    }

    struct Consultation: Sendable {
        var category: String
        var titles: [String]
        var descriptions: [String]
        var answers: [String]
    }

    /// The demo uses the product's own catalogue, so every demo case is filed under a category the store accepts.
    static let categories: [DemoCategory] = CategoryCatalogue.defaults.map {
        DemoCategory(code: $0.code, domain: $0.domain.name, name: $0.name)
    }

    // MARK: Subjects

    static let subjects: [Subject] = [
        Subject(
            key: "wages", category: "livelihood.unpaid-wages", type: .unpaidWages, setting: .anywhere, nature: .dispute,
            weight: 8,
            channels: [
                .hotline12345, .window, .gridWorker, .citizenReport, .police110, .courtReferral, .petition,
                .videoIntake,
                .departmentReferral,
            ],
            urgencies: [.urgent, .distressing, .distressing, .troublesome, .worrying],
            difficulties: [.simple, .ordinary, .ordinary, .complex, .major], amounts: 8_000...260_000,
            otherPerson: true, otherOrganisation: "公司", anonymousAllowed: false,
            townshipLeads: [".justice", ".mediation"],
            countyLeads: ["county.labour", "committee", "studio"], assisting: ["county.labour", ".justice", ".police"],
            variants: [
                Variant(
                    "{公司}拖欠{人数}名工人工资约{金额}元",
                    "反映人{人}称，其与{人数}名工友自{年}年起在{公司}承建的{地点}项目务工，工程完工后仍有工资约{金额}元未结清。"
                        + "多次找包工头{对方}讨要，对方以工程款未到位为由推脱，工友们情绪较大，请求帮助追讨。"),
                Variant(
                    "{公司}连续{月数}个月未发工资",
                    "反映人{人}在{公司}上班，公司已连续{月数}个月未发工资，老板{对方}电话不接，厂门紧闭，"
                        + "共涉及员工{人数}人，欠薪约{金额}元。"),
                Variant(
                    "包工头{对方}拖欠木工工资{金额}元",
                    "反映人{人}称，去年在{镇}一处自建房工地做木工，包工头{对方}承诺完工结算，至今拖欠{金额}元，"
                        + "本人家庭困难，急需这笔钱给孩子交学费。"),
                Variant(
                    "{人数}名工人在{公司}门口聚集讨薪",
                    "110警情：{公司}门口有{人数}名工人聚集讨要工资，情绪激动，民警到场维持秩序，初步了解拖欠工资约{金额}元，"
                        + "建议转调解组织跟进。"),
                Variant(
                    "劳务报酬纠纷诉前调解",
                    "法院委派：当事人{人}与{对方}劳务合同纠纷，诉请支付劳务报酬{金额}元，经当事人同意委派诉前调解。"),
            ],
            progress: [
                "已电话联系{对方}核实欠薪情况，对方承认欠款，称等待工程款到位。",
                "会同劳动保障监察大队约谈{公司}负责人，责令限期清偿。",
                "组织劳资双方面对面调解一次，双方就支付时间分歧较大，约定三日后再次调解。",
                "已核对工人考勤记录和工资清单，确认欠薪金额。",
            ],
            agreements: ["{对方}同意于十五日内分两期支付拖欠的{金额}元", "{对方}当场支付欠款的一半，余款于月底前付清"],
            solutions: ["经约谈督促，拖欠的{金额}元已全额支付到工人账户，工人确认收到。"]),
        Subject(
            key: "noise", category: "livelihood.neighbour", type: .neighbour, setting: .urban, nature: .dispute,
            weight: 7,
            channels: [.hotline12345, .citizenReport, .window, .gridWorker, .police110, .videoIntake],
            urgencies: [.troublesome, .troublesome, .troublesome, .worrying],
            difficulties: [.simple, .simple, .ordinary],
            amounts: 500...3_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: true,
            townshipLeads: [".mediation", ".justice", ".police"], countyLeads: ["county.mediation"],
            assisting: [".police"],
            variants: [
                Variant(
                    "{小区}{幢}幢楼上住户夜间噪音扰民",
                    "反映人{人}住{小区}{幢}幢{单元}单元{室}室，称楼上住户经常在{时间}拖动桌椅、走路声音很大，"
                        + "家中老人和孩子无法正常休息。已多次上门沟通无果，双方还发生过口角，希望社区出面协调。"),
                Variant(
                    "邻居家狗整夜吠叫扰民",
                    "反映人{人}称同楼住户{对方}家饲养的大型犬每天夜间吠叫，持续近{月数}个月，多次沟通未改善，请求处理。",
                    agreement: "{对方}同意夜间将狗关在室内并加装隔音门，双方握手言和"),
                Variant(
                    "{小区}{幢}幢有住户深夜唱歌打麻将",
                    "反映人{人}称{小区}{幢}幢有住户连续多日在{时间}聚众打麻将、唱歌，噪音很大，邻居意见很大。"),
                Variant(
                    "{小区}楼上楼下因噪音发生争执",
                    "110警情：{小区}{幢}幢两户居民因楼上噪音问题发生争执，民警到场劝开，双方同意由社区调解。"),
            ],
            progress: [
                "社区网格员已上门了解情况，向双方宣传噪声污染防治法相关规定。",
                "组织双方在社区调解室面对面协商，{对方}表示愿意配合整改。",
                "已请社区民警一同上门，对噪音制造方进行劝导。",
            ],
            agreements: ["{对方}承诺每晚十点后不再发出噪音并铺设隔音地垫，双方握手言和"],
            solutions: ["经社区、民警上门劝导，噪音问题已消除，反映人确认近期未再受干扰。"]),
        Subject(
            key: "neighbourRural", category: "livelihood.neighbour", type: .neighbour, setting: .rural,
            nature: .dispute,
            weight: 6, channels: [.gridWorker, .window, .hotline12345, .police110, .videoIntake, .petition],
            urgencies: [.troublesome, .troublesome, .worrying, .urgent], difficulties: [.simple, .ordinary, .ordinary],
            amounts: 500...5_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".mediation", ".justice", "studio"], countyLeads: [], assisting: [".justice", ".police"],
            variants: [
                Variant(
                    "与邻居因排水沟被填发生纠纷",
                    "反映人{人}（{村}村民）称，邻居{对方}建房时将两家之间的排水沟填平，每逢下雨自家院子积水严重，"
                        + "多次协商未果，双方已发生争吵。",
                    solution: "经村调委会调解，{对方}已重新挖通排水沟，积水问题解决。",
                    agreement: "{对方}同意三日内重新疏通排水沟，双方约定今后共同维护"),
                Variant(
                    "邻居在共用通道堆放杂物阻碍通行",
                    "反映人{人}称邻居{对方}长期在两家共用的通道上堆放柴草和建材，三轮车无法通行，老人出入不便，要求清除。",
                    solution: "经村调委会调解，通道杂物已清理完毕，双方关系缓和。",
                    agreement: "{对方}同意三日内清除通道杂物，今后不再占用共用通道"),
                Variant(
                    "邻居家竹林越界遮挡农田采光",
                    "反映人{人}称{对方}家竹林越过界址向自家承包地蔓延，遮挡庄稼，要求对方砍伐越界竹子，对方不同意。",
                    solution: "越界竹子已由{对方}砍除，双方确认界址。",
                    agreement: "{对方}同意在冬季砍除越界竹子，并挖沟阻断竹鞭"),
                Variant(
                    "{村}两户村民因鸡鸭进菜地发生争吵",
                    "网格员反映：{村}村民{人}与{对方}因对方家鸡鸭多次进入自家菜地啄食蔬菜发生争吵，险些动手，网格员现场劝开。",
                    solution: "{对方}已将鸡鸭圈养，双方关系缓和。",
                    agreement: "{对方}同意将鸡鸭圈养并赔偿菜苗损失，双方和好"),
            ],
            progress: [
                "村调委会和网格员到现场查看情况，拍照取证。", "请老党员、乡贤参与调解，分别做双方思想工作。",
                "组织双方在村调解室背对背调解，{对方}态度有所松动。",
            ],
            agreements: ["双方各让一步，约定今后共同维护，握手言和"], solutions: ["经村调委会调解，双方关系缓和，纠纷化解。"]),
        Subject(
            key: "homestead", category: "agriculture.homestead", type: .homestead, setting: .rural, nature: .dispute,
            weight: 5, channels: [.window, .gridWorker, .hotline12345, .petition, .videoIntake, .courtReferral],
            urgencies: [.troublesome, .distressing, .worrying], difficulties: [.ordinary, .complex, .complex, .major],
            amounts: 5_000...80_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".justice", ".mediation", "studio"], countyLeads: ["county.resources"],
            assisting: ["county.resources", ".justice"],
            variants: [
                Variant(
                    "与邻居{对方}宅基地边界争议",
                    "反映人{人}称，邻居{对方}翻建房屋时地基越过两家原有界址约{米}米，占用了自家宅基地，"
                        + "双方拿出的老证件记载不一致，多次争吵，请求调解。"),
                Variant(
                    "邻居砌围墙移动宅基地界桩",
                    "反映人{人}称其家与{对方}家宅基地相邻，{年}年对方砌围墙时移动了界桩，现在对方准备建房，"
                        + "担心以后说不清，请求尽快确权。"),
                Variant(
                    "{村}宅基地界址纠纷，双方发生推搡",
                    "网格员反映：{村}村民{人}与{对方}两户因宅基地界址问题积怨多年，近日{对方}动工建房，双方发生推搡，"
                        + "村里多次调解未果，存在矛盾激化风险。"),
            ],
            progress: [
                "已调取两户宅基地使用权证及确权档案。", "会同自然资源所到现场测量，确认越界面积。",
                "组织双方在{镇}调解室面对面调解，请乡贤参与说和。", "向双方释明民法典相邻关系规定，双方情绪趋于平稳。",
            ],
            agreements: ["{对方}同意按测量结果退回越界部分、拆除越界墙体，反映人给予适当补偿"],
            solutions: ["经现场测量重新埋设界桩，双方确认界址，纠纷化解。"]),
        Subject(
            key: "landRent", category: "agriculture.land-transfer-rent", type: .landTransferRent, setting: .rural,
            nature: .dispute, weight: 4,
            channels: [.window, .hotline12345, .petition, .gridWorker, .videoIntake, .departmentReferral],
            urgencies: [.distressing, .troublesome, .worrying], difficulties: [.ordinary, .complex, .complex],
            amounts: 20_000...300_000, otherPerson: true, otherOrganisation: "农企", anonymousAllowed: false,
            townshipLeads: [".justice", ".mediation", "studio"], countyLeads: ["county.agriculture"],
            assisting: ["county.agriculture", ".justice"],
            variants: [
                Variant(
                    "{农企}拖欠{村}{户数}户村民土地流转租金",
                    "反映人{人}代表{村}{户数}户村民反映，{年}年村里将{亩}亩承包地流转给{农企}种植苗木，合同约定每年底支付租金，"
                        + "但对方已拖欠两年租金共计约{金额}元，负责人{对方}一直推说经营困难。"),
                Variant(
                    "流转土地租金两年未付，村民要求解约",
                    "反映人{人}称{农企}流转了{村}{亩}亩土地，连续两年未付流转费，村民要求收回土地，"
                        + "企业负责人{对方}称地上苗木还未出售，不同意解约。"),
                Variant(
                    "土地流转租金调整引发争议",
                    "反映人{人}称原流转合同约定的租金多年未调整，部分村民要求提高租金，{农企}负责人{对方}不同意，双方僵持。",
                    agreement: "双方同意自下一年度起租金上调一成，此后每五年协商调整一次"),
            ],
            progress: [
                "已约谈{农企}负责人{对方}，核对流转合同及租金支付凭证。", "会同农业农村部门审查流转合同条款。",
                "召开村民代表、村两委和企业三方协调会。",
            ],
            agreements: ["{农企}同意年底前付清拖欠租金{金额}元，今后租金每年六月底前支付"],
            solutions: ["经协调，{农企}已将所欠流转租金支付到村集体账户，由村里分发到户。"]),
        Subject(
            key: "land", category: "agriculture.land", type: .land, setting: .rural, nature: .dispute, weight: 3,
            channels: [.window, .gridWorker, .hotline12345, .petition, .videoIntake, .courtReferral],
            urgencies: [.troublesome, .worrying, .distressing], difficulties: [.ordinary, .ordinary, .complex],
            amounts: 2_000...50_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".justice", ".mediation", "studio"],
            countyLeads: ["county.resources", "county.agriculture"],
            assisting: ["county.agriculture", ".justice"],
            variants: [
                Variant(
                    "承包地界址争议",
                    "反映人{人}称，自家{亩}亩承包地与{对方}家相邻，对方耕种时逐年向自家地里挖占，现已占用约{米}米宽，"
                        + "双方多次争吵。"),
                Variant(
                    "兄弟间承包地分割纠纷",
                    "反映人{人}称父母去世后，其与兄弟{对方}就父母名下承包地的耕种分割产生分歧，兄弟间已多年不来往，请求调解。",
                    agreement: "兄弟双方同意按人口平均分割父母名下承包地，并到村里办理变更登记"),
                Variant(
                    "{村}承包田被邻户占用",
                    "反映人{人}称外出务工期间自家承包田被{对方}占用种植，回来后要求归还被拒。",
                    agreement: "{对方}同意在本季作物收割后归还承包田，并支付占用期间的补偿"),
            ],
            progress: [
                "已调取土地承包经营权证及二轮延包台账。", "村调委会陪同双方到田间现场指认界址。",
                "组织双方及家庭成员召开协调会，做通长辈工作。",
            ],
            agreements: ["双方同意按承包经营权证重新划定地界，{对方}归还占用部分"],
            solutions: ["经核对承包台账重新确认地界，占用部分已归还。"]),
        Subject(
            key: "forest", category: "agriculture.forest", type: .forest, setting: .rural, nature: .dispute, weight: 2,
            channels: [.window, .gridWorker, .petition, .hotline12345],
            urgencies: [.troublesome, .distressing, .urgent], difficulties: [.ordinary, .complex, .complex, .major],
            amounts: 3_000...60_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".justice", "studio"], countyLeads: ["county.resources"],
            assisting: ["county.resources", ".police"],
            variants: [
                Variant(
                    "邻居越界砍伐自家承包山林",
                    "反映人{人}称，其家承包的{亩}亩山林与{对方}家相邻，对方近日越界砍伐杉木十余株，双方对山林界线认识不一，"
                        + "请求处理。"),
                Variant(
                    "{村}与邻村山林界线纠纷",
                    "反映人{人}称，{村}与邻村交界处一片山林权属不清，邻村村民{对方}等人近期上山砍伐，两村群众情绪激动，"
                        + "存在冲突风险。",
                    agreement: "两村同意以林权证四至为准重新勘定界线，争议林地暂由两村共同管护"),
            ],
            progress: ["已调取林权证及山林界线图。", "会同林业站、村干部上山勘界。", "派出所民警到场维持秩序，防止矛盾激化。"],
            agreements: ["双方同意以林权证四至为准重新勘定界线，{对方}对越界砍伐的林木作价赔偿"],
            solutions: ["经勘界确认权属，越界砍伐的林木已作价赔偿，纠纷化解。"]),
        Subject(
            key: "propertyFee", category: "livelihood.property-management", type: .propertyManagement, setting: .urban,
            nature: .dispute, weight: 5,
            channels: [.hotline12345, .citizenReport, .window, .courtReferral, .videoIntake, .departmentReferral],
            urgencies: [.troublesome, .troublesome, .worrying], difficulties: [.simple, .ordinary, .complex],
            amounts: 3_000...90_000, otherPerson: false, otherOrganisation: "物业", anonymousAllowed: false,
            townshipLeads: [".mediation", ".justice"], countyLeads: ["committee", "county.housing"],
            assisting: ["county.housing"],
            variants: [
                Variant(
                    "{物业}以欠物业费为由停用业主门禁",
                    "反映人{人}住{小区}{幢}幢，称因对物业服务不满拖欠了一年物业费，{物业}近日停用了其门禁卡，"
                        + "家中老人出入困难，认为物业做法不妥。",
                    solution: "经社区协调，{物业}已恢复门禁使用，反映人补交了物业费。"),
                Variant(
                    "{小区}业主与物业因服务质量和欠费矛盾激化",
                    "反映人{人}称，{小区}多户业主因小区卫生差、停车乱拒交物业费，{物业}称累计欠费约{金额}元，"
                        + "准备起诉业主，业主要求先整改再交费，请求调解。",
                    solution: "经社区协调，{物业}公示了服务整改清单，业主陆续补交物业费。"),
                Variant(
                    "{小区}物业费上涨未经业主大会同意",
                    "反映人{人}称{物业}近日张贴通知将物业费从每平方米1.2元上调至1.8元，未经业主大会表决，业主普遍不认可。",
                    solution: "经住建部门核查，{物业}已撤回涨价通知，维持原收费标准。",
                    agreement: "{物业}同意暂缓调价，待业主大会表决后再执行"),
                Variant(
                    "物业服务合同纠纷诉前调解",
                    "法院委派：{物业}诉业主{人}物业服务合同纠纷，诉请支付物业费{金额}元，经当事人同意委派诉前调解。"),
            ],
            progress: [
                "已约谈{物业}项目经理，了解收费及服务情况。", "组织业主代表、物业公司、社区三方恳谈会。",
                "住建部门已核查物业收费备案情况。",
            ],
            agreements: ["{物业}限期整改服务问题，业主同意分期补交物业费"],
            solutions: ["经社区协调，物业与业主达成谅解，欠费问题解决。"]),
        Subject(
            key: "elevator", category: "livelihood.property-management", type: .propertyManagement, setting: .urban,
            nature: .service, weight: 4, channels: [.hotline12345, .citizenReport, .window, .gridWorker],
            urgencies: [.urgent, .worrying, .worrying], difficulties: [.simple, .ordinary], amounts: 1_000...20_000,
            otherPerson: false, otherOrganisation: "物业", anonymousAllowed: true, townshipLeads: [],
            countyLeads: ["county.housing", "county.market"], assisting: ["county.market", "committee"],
            variants: [
                Variant(
                    "{小区}{幢}幢电梯频繁故障",
                    "反映人{人}称{小区}{幢}幢电梯近一个月内停运{人数}次，前天还发生困人事件，报修后迟迟不修，"
                        + "楼里老人很多，出行困难。",
                    solution: "维保单位已更换电梯控制主板，经检测恢复正常运行。"),
                Variant(
                    "{小区}地下车库漏水物业不处理",
                    "反映人{人}称{小区}地下车库顶板漏水严重，车辆被污水浸泡，多次报修{物业}均未处理。",
                    solution: "{物业}已完成车库顶板防水维修，漏水问题解决。"),
            ],
            progress: ["已联系{物业}安排维修单位现场检修。", "住建部门已督促{物业}落实维修责任。"], agreements: [],
            solutions: ["{物业}已完成维修，反映人确认问题解决。"]),
        Subject(
            key: "bus", category: "livelihood.public-transport", type: nil, setting: .anywhere, nature: .service,
            weight: 3,
            channels: [.hotline12345, .citizenReport, .window, .videoIntake, .departmentReferral, .gridWorker],
            urgencies: [.hoped, .hoped, .worrying], difficulties: [.simple, .ordinary], amounts: 100...1_000,
            otherPerson: false, otherOrganisation: nil, anonymousAllowed: true, townshipLeads: [],
            countyLeads: ["county.transport"], assisting: [],
            variants: [
                Variant(
                    "{线路}公交早高峰间隔太长",
                    "反映人{人}称每天早上七点到八点在{站}等{线路}公交，间隔经常超过四十分钟，车上拥挤上不去，"
                        + "学生和上班族常常迟到，希望增加早高峰班次。"),
                Variant(
                    "{线路}公交{站}候车时间过长",
                    "反映人{人}反映{线路}公交在{站}经常到点不来，早晚高峰等车时间长，询问能否调整发车间隔。"),
                Variant(
                    "建议{线路}公交早高峰加密班次",
                    "反映人{人}称{站}附近{线路}公交高峰时段班次少、间隔长，站台候车人员拥挤，存在安全隐患，建议加密班次。"),
            ],
            progress: ["已将诉求转公交公司，核实{线路}早高峰实际发车间隔。", "交通运输部门组织公交公司研究调整{线路}排班方案。"],
            agreements: [],
            solutions: ["公交公司已将{线路}早高峰发车间隔由四十分钟缩短至十五分钟，并在{站}增派车辆。"]),
        Subject(
            key: "factory", category: "environment.pollution", type: .environment, setting: .anywhere, nature: .mixed,
            weight: 4, channels: [.hotline12345, .citizenReport, .gridWorker, .window, .petition, .departmentReferral],
            urgencies: [.urgent, .distressing, .troublesome], difficulties: [.ordinary, .ordinary, .complex],
            amounts: 10_000...200_000, otherPerson: false, otherOrganisation: "污染企业", anonymousAllowed: true,
            townshipLeads: [], countyLeads: ["county.ecology"], assisting: ["county.emergency", ".police"],
            variants: [
                Variant(
                    "{污染企业}夜间排放刺鼻气味",
                    "反映人{人}称{污染企业}经常在夜间排放刺鼻废气，附近居民晚上不敢开窗，有老人出现咳嗽、头晕，怀疑企业偷排。"),
                Variant(
                    "{污染企业}污水直排{河}",
                    "反映人{人}称发现{污染企业}通过暗管向{河}排放污水，河水发黑发臭，有死鱼漂浮。",
                    solution: "经执法检查，已封堵{污染企业}暗管并立案查处，河道已清理。"),
                Variant(
                    "{村}附近工厂粉尘污染严重",
                    "反映人{人}称{村}附近的{污染企业}生产时粉尘很大，周边农作物和晾晒衣物上落满灰尘，多次向企业反映无果。",
                    agreement: "{污染企业}同意限期完成除尘设施改造，并对周边受影响农户给予补偿"),
            ],
            progress: [
                "生态环境执法人员已到现场检查并取样送检。", "已责令{污染企业}停产整改，完善污染防治设施。",
                "组织企业与周边居民代表座谈。",
            ],
            agreements: ["{污染企业}同意限期整改并对周边受影响住户给予补偿"],
            solutions: ["经执法检查，{污染企业}已完成环保设施整改，经监测排放达标。"]),
        Subject(
            key: "oilSmoke", category: "environment.pollution", type: .environment, setting: .urban, nature: .mixed,
            weight: 3, channels: [.citizenReport, .hotline12345, .gridWorker, .window],
            urgencies: [.troublesome, .worrying], difficulties: [.simple, .ordinary], amounts: 1_000...10_000,
            otherPerson: true, otherOrganisation: "餐馆", anonymousAllowed: true, townshipLeads: [".mediation"],
            countyLeads: ["county.ecology", "county.market"], assisting: ["county.market"],
            variants: [
                Variant(
                    "楼下{餐馆}油烟直排扰民",
                    "反映人{人}住{小区}{幢}幢二楼，称楼下{餐馆}油烟未经净化直接排放，油烟顺着窗户进屋，夏天无法开窗，"
                        + "多次与店主{对方}沟通未整改。"),
                Variant(
                    "{小区}临街{餐馆}油烟噪音扰民",
                    "反映人{人}称{小区}临街的{餐馆}每晚营业到凌晨，油烟和噪音扰民，店主{对方}不听劝阻。",
                    solution: "{餐馆}已安装油烟净化器并调整营业时间，油烟噪音问题解决。"),
            ],
            progress: ["已到现场查看排烟管道走向。", "责令{餐馆}限期加装油烟净化器并改造排烟管道。"],
            agreements: ["{餐馆}同意十日内加装油烟净化装置，排烟口改至楼顶"],
            solutions: ["{餐馆}已安装油烟净化器，排烟管道改至楼顶，油烟问题解决。"]),
        Subject(
            key: "burning", category: "environment.pollution", type: .environment, setting: .rural, nature: .service,
            weight: 2, channels: [.gridWorker, .citizenReport, .hotline12345], urgencies: [.worrying, .urgent],
            difficulties: [.simple], amounts: 100...1_000, otherPerson: false, otherOrganisation: nil,
            anonymousAllowed: true, townshipLeads: [".police"], countyLeads: ["county.ecology"], assisting: [],
            variants: [
                Variant(
                    "{村}有人焚烧垃圾和秸秆",
                    "反映人{人}称{村}附近田间经常有人焚烧秸秆和生活垃圾，浓烟很大，影响附近居民生活和道路行车安全。"),
                Variant(
                    "{地点}露天焚烧废旧塑料",
                    "网格员巡查发现：{地点}有村民露天焚烧废旧塑料，浓烟刺鼻，已现场劝阻，需相关部门跟进处理。"),
            ],
            progress: ["已到现场劝阻并扑灭明火。", "村里已在田间增设禁烧宣传牌并安排巡查。"], agreements: [],
            solutions: ["已清理焚烧现场，对当事人进行批评教育，加强巡查后未再发现焚烧现象。"]),
        Subject(
            key: "marriage", category: "livelihood.marriage-family", type: .marriageFamily, setting: .anywhere,
            nature: .dispute, weight: 4,
            channels: [.window, .hotline12345, .police110, .gridWorker, .videoIntake, .courtReferral],
            urgencies: [.troublesome, .distressing, .urgent], difficulties: [.simple, .ordinary, .ordinary, .complex],
            amounts: 10_000...200_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".mediation", ".justice", "studio"], countyLeads: ["committee", "county.women"],
            assisting: ["county.women", ".police"],
            variants: [
                Variant(
                    "夫妻感情不和，妻子要求调解",
                    "反映人{人}称，与丈夫{对方}结婚{年数}年，近年因丈夫沉迷打牌、不顾家庭经常争吵，昨晚争吵中对方摔砸家中物品，"
                        + "自己很害怕，请求帮助调解。",
                    agreement: "双方同意互相谅解、共同承担家庭责任，{对方}承诺不再打牌并按月交家用"),
                Variant(
                    "夫妻因家庭琐事多次争吵，请求调解",
                    "反映人{人}称与妻子{对方}因照顾老人和孩子上学问题多次争吵，妻子已回娘家一个月，希望组织调解挽回婚姻。",
                    agreement: "双方约定共同分担照顾老人和接送孩子的责任，{对方}同意回家共同生活"),
                Variant(
                    "离婚后子女探视问题纠纷",
                    "反映人{人}与前夫{对方}离婚后，孩子随前夫生活，对方近半年以各种理由拒绝其探视孩子，请求帮助。",
                    solution: "经调解，{对方}同意恢复探视，反映人已按约定接孩子团聚。",
                    agreement: "双方约定每月第一、三周的周末由反映人接孩子探视"),
                Variant(
                    "夫妻吵架引发家庭纠纷",
                    "110警情：{地点}一户居民夫妻因家庭琐事激烈争吵，妻子{人}报警称丈夫{对方}摔砸物品，民警到场后双方情绪平复，"
                        + "建议转调解组织跟进。",
                    agreement: "双方同意互相谅解，{对方}承诺不再摔砸物品，遇事先沟通"),
            ],
            progress: [
                "妇联执委和调解员分别与双方谈心，了解矛盾症结。", "组织双方及双方父母召开家庭会议。",
                "已对反映人开展家庭暴力风险评估，告知人身安全保护令申请途径。",
            ],
            agreements: ["双方同意互相谅解、共同承担家庭责任"],
            solutions: ["经调解双方重归于好，社区将定期回访关注家庭情况。"]),
        Subject(
            key: "elderly", category: "livelihood.marriage-family", type: .marriageFamily, setting: .anywhere,
            nature: .dispute, weight: 3, channels: [.window, .gridWorker, .hotline12345, .videoIntake],
            urgencies: [.distressing, .troublesome, .worrying], difficulties: [.simple, .ordinary, .complex],
            amounts: 20_000...100_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".mediation", ".justice"], countyLeads: ["committee", "county.women"],
            assisting: ["county.women"],
            variants: [
                Variant(
                    "子女不履行赡养义务",
                    "反映人{人}今年{岁}岁，老伴去世后独自生活，儿子{对方}在城里工作，已经一年多没给生活费，"
                        + "自己有高血压需要长期吃药，生活困难。",
                    agreement: "{对方}同意每月支付赡养费八百元，并每月回家看望一次"),
                Variant(
                    "兄弟姐妹相互推诿赡养老母亲",
                    "网格员反映：{村}{岁}岁老人{人}有三个子女，子女们因赡养费分摊问题互相推诿，大儿子{对方}拒绝出钱，"
                        + "老人目前无人照料。",
                    agreement: "子女们约定轮流照顾老人，每人每月支付赡养费五百元"),
                Variant(
                    "老人要求儿子归还养老钱",
                    "反映人{人}称儿子{对方}借走其养老积蓄{金额}元做生意，至今不还，老人生活无着落。",
                    solution: "{对方}已归还老人养老钱，网格员定期上门探望老人。",
                    agreement: "{对方}同意分期归还老人养老钱{金额}元"),
            ],
            progress: [
                "调解员上门看望老人，了解生活状况。", "分别联系各子女，宣讲民法典赡养义务相关规定。",
                "召开家庭会议，商定赡养方案。",
            ],
            agreements: ["子女们约定共同承担赡养义务"], solutions: ["子女已按约定履行赡养义务，网格员定期上门探望老人。"]),
        Subject(
            key: "traffic", category: "safety.traffic-accident", type: .trafficAccident, setting: .anywhere,
            nature: .dispute, weight: 5, channels: [.police110, .courtReferral, .window, .hotline12345, .videoIntake],
            urgencies: [.troublesome, .distressing, .urgent], difficulties: [.ordinary, .ordinary, .complex],
            amounts: 5_000...120_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".police"], countyLeads: ["committee"], assisting: [".police", "committee"],
            variants: [
                Variant(
                    "{车}与电动自行车相撞赔偿纠纷",
                    "反映人{人}称，{月份}月在{路}骑电动自行车时被{对方}驾驶的{车}撞伤，交警认定对方负主要责任，"
                        + "住院花费医疗费约{金额}元，对方只垫付了一部分，剩余赔偿迟迟谈不拢。"),
                Variant(
                    "{路}两车剐蹭维修费争执",
                    "110警情：{路}发生一起两车剐蹭事故，{人}与{对方}就维修费用发生争执，无人受伤，民警到场后建议双方调解。",
                    solution: "经民警现场调解，双方就车辆维修费用达成一致并当场结清。",
                    agreement: "{对方}承担车辆维修费用{金额}元，双方不再追究"),
                Variant(
                    "机动车交通事故责任纠纷诉前调解",
                    "法院委派：当事人{人}与{对方}机动车交通事故责任纠纷，标的额{金额}元，经当事人同意委派诉前调解。"),
            ],
            progress: ["已调取交警事故认定书及医疗费票据。", "联系保险公司理赔员参与调解，核定赔偿项目。", "组织双方及保险公司三方调解。"],
            agreements: ["{对方}及保险公司一次性赔偿反映人医疗费、误工费等共计{金额}元"],
            solutions: ["保险公司已按核定金额理赔到位，反映人确认收到赔偿。"]),
        Subject(
            key: "medical", category: "livelihood.medical", type: .medical, setting: .anywhere, nature: .dispute,
            weight: 2, channels: [.window, .hotline12345, .petition, .courtReferral, .videoIntake],
            urgencies: [.distressing, .distressing, .urgent], difficulties: [.complex, .complex, .major],
            amounts: 30_000...500_000, otherPerson: false, otherOrganisation: "医院", anonymousAllowed: false,
            townshipLeads: [], countyLeads: ["committee"], assisting: [".justice"],
            variants: [
                Variant(
                    "{医院}手术后出现并发症，家属要求赔偿",
                    "反映人{人}称，其父亲在{医院}接受手术后出现严重感染，二次手术花费{金额}元，家属认为医院存在过错，"
                        + "要求赔偿，医院不认可。"),
                Variant(
                    "患者在{医院}去世，家属对诊疗有异议",
                    "反映人{人}称其母亲在{医院}住院期间病情突然恶化去世，家属对抢救过程有异议，情绪激动。"),
                Variant(
                    "对{医院}误诊提出异议",
                    "反映人{人}称在{医院}就诊时被诊断为普通胃炎，后在上级医院确诊为其他疾病，耽误治疗，要求医院说明并赔偿。"),
            ],
            progress: ["医调委已封存病历，告知双方医疗损害鉴定程序。", "组织医患双方在医调委调解室进行调解。", "已委托医学会开展医疗损害鉴定。"],
            agreements: ["{医院}一次性补偿患者家属{金额}元，双方不再就此事发生争议"],
            solutions: ["经医调委调解，医院就沟通不到位致歉并减免部分医疗费用，家属表示接受。"]),
        Subject(
            key: "prepaid", category: "livelihood.consumer", type: .consumer, setting: .urban, nature: .mixed,
            weight: 3, channels: [.hotline12345, .citizenReport, .window, .departmentReferral, .courtReferral],
            urgencies: [.troublesome, .worrying, .distressing], difficulties: [.ordinary, .complex],
            amounts: 2_000...30_000, otherPerson: true, otherOrganisation: "店", anonymousAllowed: false,
            townshipLeads: [".mediation"], countyLeads: ["county.market"], assisting: [".police", "county.market"],
            variants: [
                Variant(
                    "{店}突然关门，预付卡无法退费",
                    "反映人{人}称在{店}办理预付卡充值{金额}元，尚未消费完，商家近日突然关门停业，老板{对方}联系不上，"
                        + "涉及会员{人数}人。"),
                Variant(
                    "{店}拒不退还剩余课时费用",
                    "反映人{人}称在{店}为孩子报了一年的课程，学了两个月因搬家要求退费，负责人{对方}以合同约定为由拒绝退还。"),
            ],
            progress: ["市场监管部门已约谈经营者{对方}。", "已登记受影响消费者名单及金额。", "组织消费者代表与商家协商退费方案。"],
            agreements: ["{店}同意按未消费金额分三期退还消费者预付款"],
            solutions: ["经市场监管部门协调，商家已退还反映人剩余预付款。"]),
        Subject(
            key: "goods", category: "livelihood.consumer", type: .consumer, setting: .anywhere, nature: .mixed,
            weight: 3, channels: [.hotline12345, .citizenReport, .window, .departmentReferral],
            urgencies: [.worrying, .troublesome], difficulties: [.simple, .ordinary], amounts: 500...8_000,
            otherPerson: false, otherOrganisation: "车行", anonymousAllowed: false, townshipLeads: [],
            countyLeads: ["county.market"], assisting: [],
            variants: [
                Variant(
                    "新买的电动车电池鼓包，商家拒绝退换",
                    "反映人{人}称，{月份}月在{车行}购买电动自行车一辆，使用不到一个月电池鼓包无法充电，商家以人为损坏为由拒绝退换。"),
                Variant(
                    "{车行}销售的电动车刹车失灵拒不退换",
                    "反映人{人}称在{车行}花{金额}元购买的电动车多次出现刹车失灵，商家只同意维修，不同意退换。"),
            ],
            progress: ["已联系商家核实购买凭证和产品质量情况。", "市场监管所组织消费者与商家现场调解。"],
            agreements: ["{车行}同意为反映人更换新车并承担检测费用"], solutions: ["经调解，{车行}已为反映人办理退货退款。"]),
        Subject(
            key: "road", category: "livelihood.infrastructure", type: nil, setting: .anywhere, nature: .service,
            weight: 4,
            channels: [.citizenReport, .gridWorker, .hotline12345, .window], urgencies: [.worrying, .urgent, .hoped],
            difficulties: [.simple, .simple, .ordinary], amounts: 100...1_000, otherPerson: false,
            otherOrganisation: nil, anonymousAllowed: true, townshipLeads: [],
            countyLeads: ["county.transport", "county.housing"], assisting: [],
            variants: [
                Variant(
                    "{路}路面坑洼积水",
                    "反映人{人}称{路}靠近{地点}的路段路面坑洼严重，下雨后积水，已有电动车骑行人摔倒，请尽快修补。"),
                Variant(
                    "{路}井盖缺失存在安全隐患",
                    "网格员巡查发现：{路}一处窨井盖缺失，已设置临时警示，需尽快补装。", solution: "已补装井盖并撤除临时警示。"),
                Variant(
                    "{路}部分路段塌陷",
                    "反映人{人}称{路}因连日降雨部分路基塌陷，车辆通行危险，附近居民出行受影响。",
                    solution: "养护单位已完成塌陷路段路基加固和路面修复，恢复正常通行。"),
            ],
            progress: ["已安排养护单位现场查看并设置警示标志。", "已纳入道路养护计划，待天气好转后施工。"], agreements: [],
            solutions: ["养护单位已完成路面修补，恢复正常通行。"]),
        Subject(
            key: "lights", category: "livelihood.infrastructure", type: nil, setting: .anywhere, nature: .service,
            weight: 4, channels: [.citizenReport, .gridWorker, .hotline12345],
            urgencies: [.worrying, .hoped, .worrying],
            difficulties: [.simple], amounts: 100...1_000, otherPerson: false, otherOrganisation: nil,
            anonymousAllowed: true, townshipLeads: [], countyLeads: ["county.housing"], assisting: [],
            variants: [
                Variant(
                    "{地点}路灯不亮", "反映人{人}称{地点}附近的路灯已经坏了半个多月，晚上一片漆黑，老人和孩子出行不安全。"),
                Variant("{路}一排路灯晚上不亮", "网格员巡查发现：夜间{路}约{人数}盏路灯不亮，影响夜间通行安全。"),
            ],
            progress: ["已通知路灯维护单位现场排查线路故障。"], agreements: [],
            solutions: ["维护单位已更换损坏灯具和电缆，路灯恢复照明。"]),
        Subject(
            key: "decoration", category: "livelihood.contract", type: .contract, setting: .urban, nature: .dispute,
            weight: 2, channels: [.window, .hotline12345, .courtReferral, .citizenReport],
            urgencies: [.troublesome, .worrying], difficulties: [.ordinary, .complex], amounts: 20_000...300_000,
            otherPerson: false, otherOrganisation: "装修公司", anonymousAllowed: false,
            townshipLeads: [".mediation", ".justice"], countyLeads: ["county.market", "studio"],
            assisting: ["county.market"],
            variants: [
                Variant(
                    "装修工程质量问题与{装修公司}发生纠纷",
                    "反映人{人}称，委托{装修公司}装修新房，合同价{金额}元，入住后发现墙面开裂、卫生间漏水，"
                        + "公司拒绝返修，却要求支付尾款。",
                    solution: "经调解，{装修公司}已完成返修，反映人验收后支付了尾款。",
                    agreement: "{装修公司}负责返修质量问题，反映人在返修验收后支付尾款"),
                Variant(
                    "装修公司拖延工期拒绝退还定金",
                    "反映人{人}称与{装修公司}签订装修合同并交纳定金，对方拖延三个月仍未开工，要求退还定金被拒。",
                    solution: "经调解，{装修公司}已退还定金。", agreement: "{装修公司}同意解除合同并于七日内退还定金"),
            ],
            progress: ["已查看装修合同及现场照片。", "组织双方协商，邀请第三方评估。"], agreements: [],
            solutions: ["经调解，双方纠纷化解。"]),
        Subject(
            key: "loan", category: "livelihood.contract", type: .contract, setting: .anywhere, nature: .dispute,
            weight: 2, channels: [.courtReferral, .window, .hotline12345, .videoIntake],
            urgencies: [.troublesome, .worrying], difficulties: [.simple, .ordinary], amounts: 10_000...300_000,
            otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".justice", ".mediation"], countyLeads: ["county.mediation", "studio"], assisting: [],
            variants: [
                Variant(
                    "朋友借款{金额}元逾期不还",
                    "反映人{人}称，{年}年借给朋友{对方}{金额}元，约定一年归还，到期后对方以各种理由拖延，现在电话也不接。"),
                Variant(
                    "民间借贷纠纷诉前调解",
                    "法院委派：当事人{人}与{对方}民间借贷纠纷，标的额{金额}元，经当事人同意委派诉前调解。"),
            ],
            progress: ["调解员已分别联系双方，核对借条及转账记录。", "组织双方调解，对方承认借款事实。"],
            agreements: ["{对方}同意分六期归还借款{金额}元，每月底前支付"], solutions: ["{对方}已一次性归还借款。"]),
        Subject(
            key: "demolition", category: "safety.demolition", type: .demolition, setting: .anywhere,
            nature: .dispute, weight: 2, channels: [.petition, .window, .videoIntake, .hotline12345],
            urgencies: [.distressing, .distressing, .troublesome], difficulties: [.complex, .complex, .major],
            amounts: 200_000...1_500_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".petition", ".justice"], countyLeads: ["county.housing", "county.petition"],
            assisting: ["county.housing", "county.resources", ".petition"],
            variants: [
                Variant(
                    "征迁补偿款分配争议",
                    "反映人{人}称，{村}因道路建设征收其家老宅，兄弟{对方}认为老宅应由其继承，双方对补偿款{金额}元的分配争执不下。",
                    agreement: "兄弟双方同意按各自对老宅的出资比例分配补偿款"),
                Variant(
                    "对房屋征收评估价格有异议",
                    "反映人{人}对其房屋征收评估结果有异议，认为评估价格明显低于周边市场价，多次到{镇}反映。",
                    solution: "经复核，补充计算了附属物补偿，反映人认可补偿结果。",
                    agreement: "征收部门同意委托第三方重新评估，反映人同意按重新评估结果签约"),
                Variant(
                    "{村}征地后安置房分配纠纷",
                    "反映人{人}称{村}征地后安置房分配方案不够公开透明，{户数}户村民存在异议，近日有多名村民聚集。",
                    solution: "镇村两级已公开安置房分配方案和选房顺序，村民异议已逐户答复。"),
            ],
            progress: ["已调取征收补偿协议及评估报告。", "征迁指挥部工作人员向反映人解释补偿政策。", "组织相关各方召开协调会。"],
            agreements: ["各方同意按公开的补偿方案执行"], solutions: ["经政策解释和复核，反映人认可处理结果。"]),
        Subject(
            key: "publicOrder", category: "safety.public-order", type: .publicOrder, setting: .anywhere,
            nature: .dispute, weight: 3, channels: [.police110, .gridWorker, .hotline12345, .window],
            urgencies: [.urgent, .troublesome, .distressing], difficulties: [.simple, .ordinary],
            amounts: 500...5_000, otherPerson: true, otherOrganisation: nil, anonymousAllowed: false,
            townshipLeads: [".police"], countyLeads: [], assisting: [".justice", ".mediation"],
            variants: [
                Variant(
                    "酒后滋事引发推搡",
                    "110警情：{地点}{人}与{对方}酒后因琐事发生争执并相互推搡，一人轻微受伤，民警到场后控制现场，双方同意调解。"),
                Variant(
                    "因停车问题发生口角并动手",
                    "反映人{人}称，因{对方}长期占用其门前车位，双方发生口角，对方动手推搡，要求对方赔礼道歉并赔偿医药费。"),
            ],
            progress: ["民警已对双方进行询问，固定证据。", "派出所调解室组织双方调解，{对方}同意赔礼道歉。"],
            agreements: ["{对方}向反映人赔礼道歉并赔偿医药费{金额}元"],
            solutions: ["经民警批评教育，双方握手言和，承诺不再发生冲突。"]),
        Subject(
            key: "siteNoise", category: "production.construction", type: .construction, setting: .urban,
            nature: .service,
            weight: 2, channels: [.hotline12345, .citizenReport, .gridWorker], urgencies: [.troublesome, .worrying],
            difficulties: [.simple, .ordinary], amounts: 1_000...10_000, otherPerson: false,
            otherOrganisation: "施工单位", anonymousAllowed: true, townshipLeads: [],
            countyLeads: ["county.housing", "county.ecology"], assisting: ["county.ecology"],
            variants: [
                Variant(
                    "{地点}附近工地夜间施工噪音扰民",
                    "反映人{人}称{地点}旁边{施工单位}的工地每天施工到夜里十一点以后，机械噪音很大，附近居民无法休息，"
                        + "询问是否办理了夜间施工许可。",
                    solution: "{施工单位}已停止夜间施工，并落实降噪措施。"),
                Variant(
                    "{路}工地渣土车抛洒、扬尘严重",
                    "反映人{人}称{路}上{施工单位}工地的渣土车进出频繁，沿路抛洒泥土，扬尘严重。",
                    solution: "{施工单位}已落实车辆冲洗和密闭运输，道路已清扫干净。"),
            ],
            progress: ["住建部门已到工地检查。", "责令施工单位落实围挡、冲洗和降噪措施。"], agreements: [],
            solutions: ["施工单位已整改到位。"]),
        Subject(
            key: "projectPayment", category: "production.construction", type: .construction, setting: .anywhere,
            nature: .dispute, weight: 1, channels: [.window, .petition, .courtReferral, .departmentReferral],
            urgencies: [.distressing, .troublesome], difficulties: [.ordinary, .complex], amounts: 50_000...800_000,
            otherPerson: true, otherOrganisation: "施工单位", anonymousAllowed: false, townshipLeads: [".justice"],
            countyLeads: ["county.housing", "studio", "county.mediation"], assisting: ["county.labour"],
            variants: [
                Variant(
                    "{施工单位}拖欠分包工程款",
                    "反映人{人}称其承包了{施工单位}在{地点}的附属工程，工程已验收，项目经理{对方}拖欠工程款{金额}元，"
                        + "导致其无法支付工人工资。"),
                Variant(
                    "建设工程施工合同纠纷诉前调解",
                    "法院委派：当事人{人}与{施工单位}建设工程施工合同纠纷，诉请支付工程款{金额}元，经当事人同意委派诉前调解。"),
            ],
            progress: ["已核对工程合同及验收结算单。", "组织发包方与承包方对账。"],
            agreements: ["{施工单位}同意分两期支付拖欠工程款{金额}元，优先用于支付工人工资"], solutions: ["发包方已支付所欠工程款。"]),
        Subject(
            key: "hazard", category: "production.workplace-hazard", type: nil, setting: .anywhere, nature: .service,
            weight: 3,
            channels: [.gridWorker, .citizenReport, .hotline12345], urgencies: [.urgent, .worrying, .urgent],
            difficulties: [.simple, .ordinary], amounts: 100...1_000, otherPerson: false, otherOrganisation: nil,
            anonymousAllowed: true, townshipLeads: [".police"], countyLeads: ["county.emergency", "county.housing"],
            assisting: [".police"],
            variants: [
                Variant(
                    "{小区}楼道内电动车违规充电",
                    "网格员巡查发现：{小区}{幢}幢楼道内有多辆电动车飞线充电，存在严重火灾隐患，已现场劝导，需相关部门联合整治。",
                    solution: "已清理楼道电动车并设置集中充电点，隐患消除。"),
                Variant(
                    "{地点}消防通道被车辆堵塞",
                    "反映人{人}称{地点}消防通道长期被私家车占用，一旦发生火情消防车无法进入。",
                    solution: "已清理占道车辆并施划禁停标线，消防通道恢复畅通。"),
                Variant(
                    "{地点}独居老人家中燃气软管老化",
                    "网格员入户走访发现：{地点}一户独居老人家中燃气软管老化开裂，存在泄漏风险。",
                    solution: "燃气公司已免费为老人更换燃气软管并加装报警器。"),
            ],
            progress: ["已会同派出所、物业开展联合检查。", "已张贴整改通知，督促限期整改。"], agreements: [],
            solutions: ["隐患已整改到位，网格员复查确认。"]),
    ]

    // MARK: Consultations

    static let consultations: [Consultation] = [
        Consultation(
            category: "livelihood.unpaid-wages", titles: ["咨询被拖欠工资如何申请劳动仲裁"],
            descriptions: ["反映人{人}询问公司拖欠工资{月数}个月，应如何申请劳动仲裁，需要准备哪些材料。"],
            answers: [
                "已告知反映人可向县劳动人事争议仲裁委员会申请仲裁，需携带身份证、劳动合同或工资条、考勤记录等证据材料，"
                    + "仲裁不收费；经济困难的可到司法所申请法律援助。"
            ]),
        Consultation(
            category: "livelihood.marriage-family", titles: ["咨询离婚时财产分割和孩子抚养问题"],
            descriptions: ["反映人{人}询问协议离婚时夫妻共同财产如何分割，孩子抚养权如何确定。"],
            answers: ["已向反映人解释民法典婚姻家庭编关于共同财产分割和子女抚养的规定，建议先行协商，协商不成可申请人民调解或向法院起诉。"]),
        Consultation(
            category: "agriculture.homestead", titles: ["咨询宅基地翻建房屋需要办理哪些手续"],
            descriptions: ["反映人{人}家住{村}，老房子年久失修，想原址翻建，询问需要办理哪些审批手续。"],
            answers: ["已告知需向村委会提出申请，经村民代表会议讨论后报镇自然资源所审核，取得乡村建设规划许可证后方可动工。"]),
        Consultation(
            category: "livelihood.property-management", titles: ["咨询物业费收费标准是否合理"],
            descriptions: ["反映人{人}住{小区}，询问物业费收费标准由谁确定，物业公司能否自行涨价。"],
            answers: ["已告知物业服务收费标准应在物业服务合同中约定并向住建部门备案，调价须经业主大会表决，可向社区和住建部门反映。"]),
        Consultation(
            category: "safety.traffic-accident", titles: ["咨询交通事故赔偿项目和标准"],
            descriptions: ["反映人{人}日前发生交通事故受轻伤，询问可以向对方主张哪些赔偿。"],
            answers: ["已告知赔偿项目包括医疗费、误工费、护理费、交通费等，可依据交警责任认定向对方及保险公司主张，也可申请交通事故纠纷人民调解，调解不收费。"]),
        Consultation(
            category: "agriculture.land-transfer-rent", titles: ["咨询土地流转合同如何签订"],
            descriptions: ["反映人{人}准备将自家{亩}亩承包地流转给种植大户，询问合同应注意哪些事项。"],
            answers: ["已告知土地流转应签订书面合同，明确流转期限、租金及支付方式、土地用途等，可到镇农业服务中心领取示范合同文本并办理备案。"]),
        Consultation(
            category: "livelihood.contract", titles: ["咨询申请法律援助的条件"],
            descriptions: ["反映人{人}被人欠款{金额}元，想起诉但请不起律师，询问能否申请法律援助。"],
            answers: ["已告知经济困难的公民在追索劳动报酬、赡养费等事项上可申请法律援助，需提交身份证明和经济困难说明，可到司法所或县法律援助中心申请。"]),
        Consultation(
            category: "livelihood.public-transport", titles: ["咨询{线路}公交首末班时间"],
            descriptions: ["反映人{人}询问{线路}公交的首末班时间及在{站}的大致到站时间。"],
            answers: ["已告知{线路}公交首班6:00、末班19:30，高峰时段约15分钟一班，实时到站信息可关注县公交公司公众号查询。"]),
        Consultation(
            category: "livelihood.consumer", titles: ["咨询预付卡商家关门后如何维权"],
            descriptions: ["反映人{人}在{店}办的预付卡还有余额，商家可能要关门，询问如何维权。"],
            answers: ["已告知可保留充值凭证向市场监管部门投诉，涉及人数较多、经营者失联的可向公安机关报案，也可通过诉讼主张退款。"]),
    ]

    // MARK: Words the scenes are made of

    static let returnReasons: [String] = [
        "经核实，该事项不属于本单位职责范围，请中心重新派单。",
        "该事项涉及的主体不在本单位辖区，建议改派属地单位办理。",
        "诉求内容与本单位职能不符，退回重新研判。",
    ]
    static let escalationReasons: [String] = [
        "涉及多个县级部门职责，镇街层面难以协调，提请县矛调中心统筹化解。",
        "经镇级多次调解未果，按“三二一”工作法上报县级。",
        "涉及金额较大、人数较多，存在群体性风险，上报县级统筹处置。",
    ]
    static let extensionReasons: [String] = [
        "需等待鉴定结果，申请延期办理。",
        "需调取历史档案资料，申请延期。",
        "当事人在外务工，暂无法组织调解，申请延期。",
        "需协调多家单位现场勘查，申请延期。",
    ]
    static let extensionRefusals: [String] = ["延期理由不充分，请按期办结。", "该件群众关注度高，不同意延期，请加快办理。"]
    static let supervisionNotes: [String] = [
        "该件已超过办理时限，请加快办理并于期限前反馈。",
        "群众多次来电催办，请承办单位高度重视，尽快办理。",
        "领导包案督办：请牵头单位会同协办单位限期化解。",
    ]
    static let nudgeNotes: [String] = ["请抓紧办理，注意与当事人保持沟通。", "这件事群众很关心，请尽快给个说法。"]
    static let withdrawReasons: [String] = [
        "双方已自行协商解决，反映人申请撤回。",
        "反映人表示已通过诉讼途径解决，申请撤回。",
        "反映人表示问题已自行消除，不再需要处理。",
    ]
    static let flareUpReasons: [String] = [
        "协议履行期满后对方未按约履行，纠纷反弹，重新办理。",
        "问题再次出现，反映人再次来电，重新启动办理。",
    ]
    static let reworkNotes: [String] = [
        "重新办理：再次上门与当事人沟通，研究解决方案。",
        "重新办理：约请双方再次调解，逐项核对诉求。",
    ]
    static let gridWorkerNotes: [String] = [
        "网格员上门走访，向当事人了解最新情况并做好情绪疏导。",
        "网格员到现场复核，拍照记录现场情况。",
    ]
    static let partlySolvedSummaries: [String] = [
        "经协调，反映人的主要诉求已解决；其余诉求因涉及历史遗留问题暂无法解决，已向反映人做好解释说明。",
        "经调解，双方就部分事项达成一致并已履行，其余分歧已告知反映人可通过其他途径解决。",
    ]
    static let partlyFixedSummaries: [String] = [
        "已完成应急处置，问题暂时缓解；彻底解决需纳入明年改造计划，已向反映人解释说明。",
        "已处理反映的主要问题，其余部分涉及产权单位，已督促其限期整改并告知反映人。",
    ]
    static let notOursSummaries: [String] = [
        "经核实，该设施属于小区产权单位自管范围，已告知反映人联系物业或产权单位处理。",
        "经核实，该事项已由相关单位另案处理，已向反映人解释说明。",
    ]
    static let litigationSummaries: [String] = [
        "经多次调解，双方分歧较大未能达成一致，已告知当事人可依法向人民法院提起诉讼，并提供法律援助申请指引。",
        "调解不成，已引导当事人通过诉讼途径解决，并告知诉讼费用缓减免政策。",
    ]
    static let notAdmissibleSummaries: [String] = [
        "经核实，该事项已进入诉讼程序，依法不予受理，已向反映人解释说明。",
        "经核实，该诉求不属于本平台受理范围，已告知反映人通过相应法定途径解决。",
    ]
    static let followUpNotes: [Satisfaction: [String]] = [
        .satisfied: ["回访反映人，对处理结果表示满意。", "电话回访，反映人对办理过程和结果都很满意。"],
        .basicallySatisfied: ["回访反映人，表示基本满意，希望今后加强巡查。", "回访反映人，对结果基本认可，对办理时长有意见。"],
        .dissatisfied: ["回访反映人，表示问题未彻底解决，不满意，要求重新办理。", "反映人对处理结果不认可，要求重办。"],
    ]

    static let surnames: [String] = [
        "王", "陈", "张", "李", "周", "徐", "吴", "金", "杨", "黄", "朱", "赵", "何", "孙", "俞", "沈", "钱", "楼",
        "蒋", "郑", "胡", "林", "马", "宣", "骆", "袁", "许", "潘", "冯", "叶", "方", "丁", "傅", "应", "屠", "章",
        "寿", "邵", "陆", "汪", "施", "姚", "严", "洪", "鲁", "倪", "葛", "范", "刘", "高",
    ]
    static let givenNames: [String] = [
        "建国", "建华", "国平", "志强", "志明", "海涛", "永刚", "卫东", "文斌", "晓东", "立新", "荣华", "金水",
        "国良", "水根", "伟民", "家豪", "俊杰", "浩然", "德明", "长青", "振华", "学军", "春生", "伟", "强", "军",
        "斌", "杰", "涛", "峰", "秀英", "桂英", "丽华", "红梅", "海燕", "春燕", "玉兰", "美娟", "彩凤", "月娥",
        "建芬", "素芳", "雅琴", "丽萍", "晓敏", "婷婷", "佳怡", "雪芬", "亚萍", "美玲", "慧娟", "巧云", "敏", "静",
        "芳", "燕", "丹",
    ]
    static let mobilePrefixes: [String] = [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "177", "180", "181", "182", "183", "186", "187", "188", "189", "199",
    ]
    static let tradeNames: [String] = [
        "宏达", "鑫源", "恒通", "华盛", "金泰", "永丰", "博远", "众诚", "天成", "隆兴", "瑞丰", "新锐", "嘉禾", "顺发",
        "利民", "兴旺", "锦程", "德信",
    ]
    static let employers: [String] = ["建筑工程有限公司", "服装厂", "五金加工厂", "物流有限公司", "电子科技有限公司", "纺织有限公司"]
    static let farms: [String] = ["农业开发有限公司", "家庭农场", "苗木专业合作社", "生态农业有限公司"]
    static let polluters: [String] = ["化工有限公司", "印染厂", "塑料制品厂", "石材加工厂", "铸造厂"]
    static let shops: [String] = ["健身会所", "美容美发店", "教育培训中心", "游泳馆", "洗车行"]
    static let restaurants: [String] = ["饭店", "烧烤店", "小吃店", "火锅店"]
    static let hospitals: [String] = ["清溪县人民医院", "清溪县中医院", "临江市第二人民医院清溪分院"]
    static let vehicles: [String] = ["小轿车", "货车", "三轮车", "摩托车", "面包车"]
    static let nightTimes: [String] = ["深夜十一点以后", "凌晨一点左右", "半夜十二点", "凌晨两三点"]
    static let urbanRoads: [String] = [
        "文昌路", "府前街", "学士路", "锦绣大道", "望江路", "湖滨路", "东湖大道", "新安路", "阳光路", "南门街",
    ]
    static let busLines: [String] = ["3路", "5路", "8路", "11路", "K2路", "101路", "203路", "15路", "6路", "21路"]
    static let busStops: [String] = ["人民医院站", "客运中心站", "东湖公园站", "实验中学站", "县政府站", "火车站", "农贸市场站"]
    static let numerals: [String] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// What a handler asks the citizen for (待补充材料).
    static let informationRequests = [
        "请补充现场照片和具体位置（门牌号或附近标志物）。",
        "请提供相关合同或收据的照片。",
        "请补充对方当事人的联系方式或住址。",
        "请说明问题开始出现的时间和频率。",
    ]

    /// What citizens answer.
    static let informationAnswers = [
        "已补充：问题在每天晚上九点后最严重，位置在3号楼东侧。",
        "已上传合同照片，付款记录在微信转账截图中。",
        "对方住在同村二组，电话已告知网格员。",
        "从上个月中旬开始，几乎每天都有。",
    ]

    /// Notes of mediation sessions adjourned to another day (休会).
    static let adjournedSessions = [
        "第一次调解会：双方陈述各自诉求，分歧较大，约定下周再谈。",
        "背对背调解：分别做双方工作，一方需与家人商量，休会。",
        "现场调解：邀请村老干部参加，双方同意先测量边界再议。",
    ]
}

/// Chinese names for handlers and grid workers who are not users: deterministic, never the same twice.
struct DemoNamePool {
    private var dice = DemoDice(seed: 0x4E41_4D45_504F_4F4C)
    private var used: Set<String> = []

    mutating func next() -> String {
        while true {
            let name = dice.pick(DemoCaseCatalogue.surnames) + dice.pick(DemoCaseCatalogue.givenNames)
            if used.insert(name).inserted || used.count > 2_000 { return name }
        }
    }
}
