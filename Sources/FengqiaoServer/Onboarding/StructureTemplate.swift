import FengqiaoCore
import Foundation

/// The downloadable template (docs/ONBOARDING.md): an `.xlsx` workbook with the five sheets' header rows and a
/// 说明 sheet (each column: required or not, an example, the words it accepts), and the same as a zip of CSV files
/// (UTF-8 with a byte-order mark, which Excel and WPS open correctly).
public enum StructureTemplate {
    static let xlsxName = "组织架构导入模板.xlsx"
    static let zipName = "组织架构导入模板-CSV.zip"

    static func notes() -> [[String]] {
        var rows: [[String]] = [
            ["说明"],
            ["每张表第一行为表头，请勿修改；从第二行起每行一条。代码、手机号请按文本填写。"],
            ["可反复导入：系统中已有的行（按区划代码、单位名称加区划、用户名、调解员姓名加单位识别）保持不变。"],
            ["先检查、后导入：有任何问题都不会导入，问题按表、行、列列出。新用户的一次性密码只显示一次。"],
            [],
            ["表", "列", "必填", "示例"],
        ]
        for sheet in StructureSheet.allCases {
            for column in sheet.columns {
                rows.append([sheet.title.zh, column.header, column.required ? "是" : "否", column.example])
            }
        }
        rows.append([])
        rows.append(["级别", "省、市、县（区）、乡镇（街道）、村（社区）"])
        rows.append(["类型", OrganisationKind.allCases.map(\.name.zh).joined(separator: "、")])
        rows.append(["角色", Role.allCases.map(\.name.zh).joined(separator: "、") + "（多个角色用顿号分隔）"])
        rows.append(["纠纷类型", DisputeType.allCases.map(\.name.zh).joined(separator: "、")])
        rows.append(["是否", "是 或 否"])
        return rows
    }

    static func worksheets() -> [Worksheet] {
        StructureSheet.allCases.map { sheet in
            Worksheet(name: sheet.title.zh, rows: [CSVTable.Row(line: 1, fields: sheet.columns.map(\.header))])
        }
            + [
                Worksheet(
                    name: "说明",
                    rows: notes().enumerated().map { CSVTable.Row(line: $0.offset + 1, fields: $0.element) })
            ]
    }

    public static func xlsx() throws -> Data {
        try XLSXWriter.write(worksheets())
    }

    public static func zip() throws -> Data {
        let bom = Data([0xEF, 0xBB, 0xBF])
        var files = StructureSheet.allCases.map { sheet in
            (name: sheet.title.zh + ".csv", data: bom + Data(CSVTable.row(sheet.columns.map(\.header)).utf8))
        }
        files.append(
            (name: "说明.csv", data: bom + Data(notes().map { CSVTable.row($0) }.joined().utf8)))
        return try XLSXWriter.zip(files)
    }
}
