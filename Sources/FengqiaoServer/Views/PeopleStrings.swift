import FengqiaoCore
import Foundation

/// The text of the user and mediator administration pages, zh-Hans first, English second.
enum PeopleStrings {
    // MARK: A user

    static func userTitle(_ name: String) -> Localized { Localized(zh: "用户：\(name)", en: "User: \(name)") }
    static let details = Localized(zh: "基本信息", en: "Details")
    static let saveDetails = Localized(zh: "保存基本信息", en: "Save details")
    static let grants = Localized(zh: "角色授权", en: "Role grants")
    static let grantsNote = Localized(
        zh: "一个用户可有多个角色，每个角色对应一个单位和一个管辖区域。修改后，该用户下一次操作即按新角色生效。",
        en: "A user may hold several roles, each for one organisation and one jurisdiction. The change takes effect "
            + "at the user's next request.")
    static let removeGrant = Localized(zh: "取消该角色", en: "Remove this role")
    static let addGrant = Localized(zh: "增加角色", en: "Add a role")
    static let addGrantButton = Localized(zh: "增加", en: "Add")
    static let account = Localized(zh: "账号", en: "Account")
    static let disableLink = Localized(zh: "停用账号…", en: "Disable the account…")
    static let edit = Localized(zh: "编辑", en: "Edit")
    static let mediatorCard = Localized(zh: "调解员名片", en: "Mediator card")
    static let openCard = Localized(zh: "查看名片", en: "Open the card")
    static let makeCard = Localized(zh: "为其建立调解员名片", en: "Make their mediator card")
    static let noCardYet = Localized(
        zh: "该用户有调解员角色，但在调解员名录中还没有名片：群众看不到，也无法点单。",
        en: "This user holds the mediator role but has no card in the directory: citizens cannot see or choose them.")

    // MARK: Disabling

    static func disableTitle(_ name: String) -> Localized {
        Localized(zh: "确认停用 \(name)？", en: "Disable \(name)?")
    }
    static let disableExplained = Localized(
        zh: "停用后，该用户的所有登录会话和接口令牌立即失效，不能再登录；其经办中的案件仍由所在单位继续办理，不会丢失。"
            + "以后可以重新启用。",
        en: "Once disabled, all of the user's sessions and API tokens end at once and they cannot sign in; the cases "
            + "they work on stay with their organisation. The account can be enabled again later.")
    static let confirmDisable = Localized(zh: "确认停用", en: "Disable")
    static let cancel = Localized(zh: "取消", en: "Cancel")

    // MARK: Mediators

    static let mediatorsTitle = Localized(zh: "调解员", en: "Mediators")
    static let mediatorsBlurb = Localized(
        zh: "调解员名录：新增、修改、退出，照片、擅长领域与账号关联。",
        en: "The mediator directory: add, edit and retire; photos, specialties and linked accounts.")
    static let mediatorsNote = Localized(
        zh: "这里的名片就是群众在“调解员名录”中看到并点单的调解员。关联账号后，该调解员登录即可看到对其点单的案件。",
        en: "These cards are the mediators citizens see and choose in the directory. Linked to an account, the "
            + "mediator sees the cases that chose them when signed in.")
    static func mediatorTitle(_ name: String) -> Localized {
        Localized(zh: "调解员：\(name)", en: "Mediator: \(name)")
    }
    static let name = Localized(zh: "姓名", en: "Name")
    static let levels = Localized(zh: "服务层级", en: "Levels served")
    static let languages = Localized(zh: "语言", en: "Languages")
    static let languagesHint = Localized(
        zh: "多种语言用顿号或逗号分开，如：普通话、温州话。", en: "Separate several languages with commas.")
    static let gold = Localized(zh: "金牌调解员", en: "Gold-medal mediator")
    static let available = Localized(zh: "接受点单", en: "Taking cases")
    static let notAvailable = Localized(zh: "暂不接单", en: "Not taking cases")
    static let profile = Localized(zh: "个人简介", en: "Profile")
    static let photo = Localized(zh: "照片", en: "Photo")
    static let photoHint = Localized(
        zh: "JPEG、PNG 或 WebP 图片，不超过10MB；不选则保留原照片。",
        en: "A JPEG, PNG or WebP image of at most 10 MB; leave empty to keep the current photo.")
    static let removePhoto = Localized(zh: "删除照片", en: "Remove the photo")
    static let linkedAccount = Localized(zh: "关联账号（用户名）", en: "Linked account (username)")
    static let linkedAccountHint = Localized(
        zh: "该账号须在同一调解组织有调解员角色。留空则不关联。",
        en: "The account must hold the mediator role at the same organisation. Leave empty for none.")
    static let addMediator = Localized(zh: "新增调解员", en: "Add a mediator")
    static let addMediatorButton = Localized(zh: "新增", en: "Add")
    static let saveMediator = Localized(zh: "保存", en: "Save")
    static let inService = Localized(zh: "在册", en: "In service")
    static let retired = Localized(zh: "已退出", en: "Retired")
    static let retire = Localized(zh: "退出名录", en: "Retire")
    static let retireExplained = Localized(
        zh: "退出后，该调解员不再出现在调解员名录和点单选项中；已参与的案件仍保留其姓名。",
        en: "Once retired, the mediator leaves the directory and the 点单 choices; their past cases keep their name.")
    static let reinstate = Localized(zh: "恢复", en: "Reinstate")
    static let createAccount = Localized(zh: "为其开通账号", en: "Open an account for them")
    static let createAccountHint = Localized(
        zh: "新账号有该调解组织的调解员角色，使用一次性密码首次登录后须自行设置密码。",
        en: "The new account holds the mediator role at the card's organisation; it signs in first with a one-time "
            + "password and must then choose its own.")
    static let createAccountButton = Localized(zh: "开通账号", en: "Open the account")
    static let accountOpened = Localized(zh: "已开通账号", en: "Account opened")
    static let none = Localized(zh: "无", en: "None")
    static let openDirectory = Localized(zh: "在名录中查看", en: "See it in the directory")

    /// Where a new mediator account goes on to: the add form of `/admin/mediators`, filled in for it.
    static func cardForNewAccount(_ username: String) -> String {
        "\(Paths.adminMediators)?account=\(username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            + "&done=\(Note.accountAdded.rawValue)"
    }

    static let organisationRequired = Localized(zh: "所在调解组织", en: "Organisation")

    /// The note of the change just made (`?done=`).
    enum Note: String, CaseIterable {
        case saved
        case grantAdded = "grant-added"
        case grantRemoved = "grant-removed"
        case disabled
        case enabled
        case mediatorAdded = "mediator-added"
        case mediatorSaved = "mediator-saved"
        case mediatorRetired = "mediator-retired"
        case mediatorReinstated = "mediator-reinstated"
        case photoRemoved = "photo-removed"
        case accountAdded = "account-added"

        var text: Localized {
            switch self {
            case .saved: Localized(zh: "已保存。", en: "Saved.")
            case .grantAdded:
                Localized(zh: "已增加角色，该用户下一次操作即生效。", en: "Role added; it applies from the user's next request.")
            case .grantRemoved:
                Localized(zh: "已取消该角色，立即生效。", en: "Role removed; it stops working at once.")
            case .disabled:
                Localized(zh: "已停用该账号，其会话和令牌均已失效。", en: "Account disabled; its sessions and tokens have ended.")
            case .enabled: Localized(zh: "已启用该账号。", en: "Account enabled.")
            case .mediatorAdded: Localized(zh: "已新增调解员，已出现在调解员名录中。", en: "Mediator added to the directory.")
            case .mediatorSaved: Localized(zh: "已保存调解员名片。", en: "Mediator card saved.")
            case .mediatorRetired:
                Localized(zh: "该调解员已退出名录。", en: "The mediator has left the directory.")
            case .mediatorReinstated: Localized(zh: "该调解员已恢复到名录中。", en: "The mediator is back in the directory.")
            case .photoRemoved: Localized(zh: "已删除照片。", en: "Photo removed.")
            case .accountAdded:
                Localized(
                    zh: "已添加调解员账号。请在下面为其建立调解员名片，群众才能在名录中看到并点单。",
                    en: "Mediator account added. Make their card below so that citizens can find and choose them.")
            }
        }
    }
}
