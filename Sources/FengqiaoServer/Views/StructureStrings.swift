import FengqiaoCore

/// The strings of the pages that edit, move and retire regions and organisations (`/admin/regions/{code}`,
/// `/admin/organisations/{id}`).
enum StructureStrings {
    static let regionTitle = Localized(zh: "编辑区域", en: "Edit region")
    static let organisationTitle = Localized(zh: "编辑单位", en: "Edit organisation")
    static let backToRegions = Localized(zh: "返回区域与网格", en: "Back to regions and grids")
    static let backToOrganisations = Localized(zh: "返回单位", en: "Back to organisations")
    static let details = Localized(zh: "名称与户数", en: "Name and households")
    static let save = Localized(zh: "保存", en: "Save")
    static let move = Localized(zh: "调整上级区域", en: "Move under another parent")
    static let moveNote = Localized(
        zh: "整个区域连同其下级一起调整。仍有未办结案件时不能调整；已办结的案件仍按原区域统计。",
        en:
            "The region moves with everything below it. Refused while open cases lie in it; closed cases keep counting where they were handled."
    )
    static let newParent = Localized(zh: "新的上级区域", en: "New parent region")
    static let moveButton = Localized(zh: "调整", en: "Move")
    static let noParents = Localized(
        zh: "管辖范围内没有其他可作为上级的区域。", en: "No other region in your jurisdiction can be its parent.")
    static let boundary = Localized(zh: "边界", en: "Boundary")
    static let boundaryNote = Localized(
        zh: "上传从地图软件导出的边界文件（一个多边形，可以是单个要素），或把文件内容粘贴在下面；坐标为经纬度。",
        en:
            "Upload a GeoJSON file (a Polygon or MultiPolygon, bare or in a Feature or a one-feature FeatureCollection), or paste it below. WGS-84 longitude and latitude."
    )
    static let boundaryFile = Localized(zh: "边界文件", en: "Boundary file")
    static let boundaryText = Localized(zh: "或粘贴边界内容", en: "Or paste it")
    static let uploadBoundary = Localized(zh: "上传边界", en: "Upload boundary")
    static let removeBoundary = Localized(zh: "删除边界", en: "Remove boundary")
    static let boundaryMissing = Localized(
        zh: "请选择边界文件或粘贴边界内容。", en: "Choose a boundary file or paste its content.")
    static func boundaryPoints(_ count: Int) -> Localized {
        Localized(zh: "已有边界，共 \(count) 个点。", en: "Boundary of \(count) points.")
    }
    static let noBoundary = Localized(zh: "尚无边界。", en: "No boundary yet.")
    static let retire = Localized(zh: "撤销", en: "Retire")
    static let retireRegionNote = Localized(
        zh: "撤销后不再出现在受理、二维码和各类选择列表中，已有案件仍显示该区域。仍有未办结案件、用户、单位或下级区域时不能撤销。",
        en:
            "A retired region leaves intake, QR sheets and pick-lists; old cases still name it. Refused while open cases, users, organisations or regions below depend on it."
    )
    static let retireOrganisationNote = Localized(
        zh: "撤销后不再出现在派单、调解员名录和各类选择列表中，已有案件仍显示该单位。仍有未办结案件、用户或调解员时不能撤销。",
        en:
            "A retired organisation leaves dispatch, the directory and pick-lists; old cases still name it. Refused while open cases, users or mediators depend on it."
    )
    static let retireButton = Localized(zh: "撤销", en: "Retire")
    static let restoreButton = Localized(zh: "恢复使用", en: "Restore")
    static let retired = Localized(zh: "已撤销", en: "Retired")
    static let inUse = Localized(zh: "使用中", en: "In use")
    static let dependsNow = Localized(zh: "目前仍依赖它的：", en: "Depending on it now: ")
    static let nothingDepends = Localized(zh: "目前没有依赖它的案件、用户或单位。", en: "Nothing depends on it now.")
    static let edit = Localized(zh: "编辑", en: "Edit")
    static let status = Localized(zh: "状态", en: "Status")
    static let kindNote = Localized(
        zh: "单位类型和所属区域决定它的层级与派单范围；仍有未办结案件时不能更改。",
        en:
            "Kind and region decide its level and what it is dispatched; they cannot change while open cases are with it."
    )

    enum Note: String, CaseIterable {
        case saved
        case moved
        case boundarySet = "boundary-set"
        case boundaryRemoved = "boundary-removed"
        case retired
        case restored

        var text: Localized {
            switch self {
            case .saved: Localized(zh: "已保存。", en: "Saved.")
            case .moved: Localized(zh: "已调整上级区域。", en: "Moved.")
            case .boundarySet: Localized(zh: "已更新边界。", en: "Boundary saved.")
            case .boundaryRemoved: Localized(zh: "已删除边界。", en: "Boundary removed.")
            case .retired: Localized(zh: "已撤销。", en: "Retired.")
            case .restored: Localized(zh: "已恢复使用。", en: "Restored.")
            }
        }
    }
}

/// The access log's entries of structure changes in words (`AccessLogText` asks here first).
enum StructureLogText {
    static func action(_ code: String) -> Localized? {
        switch code {
        case "region.create": Localized(zh: "添加区域", en: "Added a region")
        case "region.update": Localized(zh: "修改区域", en: "Changed a region")
        case "region.retire": Localized(zh: "撤销区域", en: "Retired a region")
        case "region.restore": Localized(zh: "恢复区域", en: "Restored a region")
        case "organisation.create": Localized(zh: "添加单位", en: "Added an organisation")
        case "organisation.update": Localized(zh: "修改单位", en: "Changed an organisation")
        case "organisation.retire": Localized(zh: "撤销单位", en: "Retired an organisation")
        case "organisation.restore": Localized(zh: "恢复单位", en: "Restored an organisation")
        default: nil
        }
    }

    /// "region 331021101001-01; name: 第一网格 -> 东门网格; households: 300 -> 320" in Chinese: each part named, the
    /// values as typed (codes and names marked translate="no").
    static func detail(_ text: String) -> String? {
        let parts = text.components(separatedBy: "; ")
        guard let head = parts.first,
            let match = head.firstMatch(of: /^(region|organisation) (\S+)$/)
        else { return nil }
        var words = [(match.1 == "region" ? "区域 " : "单位编号 ") + String(match.2)]
        for part in parts.dropFirst() {
            guard let colon = part.range(of: ": ") else { return nil }
            let key = part[..<colon.lowerBound]
            let value = String(part[colon.upperBound...]).replacingOccurrences(of: " -> ", with: " → ")
            let label: String
            switch key {
            case "name": label = "名称"
            case "households": label = "户数"
            case "boundary": label = "边界"
            case "parent": label = "上级区域"
            case "region": label = "所属区域"
            case "kind": label = "类型"
            case "phone": label = "电话"
            case "specialties": label = "专长"
            default: return nil
            }
            let shown: String
            switch value {
            case _ where key == "specialties":
                shown = value.split(separator: ",").map { DisputeType(rawValue: String($0))?.name.zh ?? String($0) }
                    .joined(separator: "、")
            case "set": shown = "已更新"
            case "removed": shown = "已删除"
            case "changed": shown = "已修改"
            default:
                shown = OrganisationKind.allCases.reduce(value) {
                    $0.replacingOccurrences(of: $1.rawValue, with: $1.name.zh)
                }
            }
            words.append("\(label)：\(shown)")
        }
        return words.joined(separator: "；")
    }
}
