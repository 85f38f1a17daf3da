#!/usr/bin/env python3
"""Writes the sample county of docs/ONBOARDING.md (青溪县: 2 townships, 4 villages, 10 grids, 6 organisations,
8 users, 4 mediators) as Chinese Excel saves it: 青溪县组织架构.xlsx (shared strings; phone numbers and codes stored
as numbers, as happens when they are typed into a cell) and csv-gb18030/*.csv (GB18030, Excel's default "CSV").
Needs openpyxl (pip install openpyxl); the files it writes are committed, so nobody else needs to run it."""
import csv, io, os, re, zipfile
from xml.sax.saxutils import escape
from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))

SHEETS = {
    "区划": [["代码", "名称", "级别", "上级代码", "户数"],
           [330599, "青溪县", "县", "", 52000],
           [330599101, "溪口镇", "乡镇", 330599, 8600],
           [330599102, "青山街道", "街道", 330599, 12400],
           [330599101001, "溪口村", "村", 330599101, 1300],
           [330599101002, "上塘村", "村", 330599101, 900],
           [330599102001, "青山社区", "社区", 330599102, 2100],
           [330599102002, "东门社区", "社区", 330599102, 1600]],
    "网格": [["网格代码", "网格名称", "所属村（社区）代码", "户数"],
           ["330599101001-01", "溪口村第一网格", 330599101001, 450],
           ["330599101001-02", "溪口村第二网格", 330599101001, 430],
           ["330599101001-03", "溪口村第三网格", 330599101001, 420],
           ["330599101002-01", "上塘村第一网格", 330599101002, 460],
           ["330599101002-02", "上塘村第二网格", 330599101002, 440],
           ["330599102001-01", "青山社区第一网格", 330599102001, 700],
           ["330599102001-02", "青山社区第二网格", 330599102001, 720],
           ["330599102001-03", "青山社区第三网格", 330599102001, 680],
           ["330599102002-01", "东门社区第一网格", 330599102002, 800],
           ["330599102002-02", "东门社区第二网格", 330599102002, 800]],
    "组织": [["单位名称", "类型", "所在区划代码", "擅长纠纷类型", "电话"],
           ["青溪县社会治理中心", "综治中心", 330599, "", "0576-86001234"],
           ["青溪县司法局", "职能部门", 330599, "", "0576-86002345"],
           ["溪口镇综治中心", "综治中心", 330599101, "", "0576-86101234"],
           ["青山街道综治中心", "综治中心", 330599102, "", "0576-86201234"],
           ["溪口派出所", "派出所", 330599101, "", "0576-86103110"],
           ["溪口镇人民调解委员会", "调解委员会", 330599101, "邻里纠纷、婚姻家庭纠纷、土地纠纷", "0576-86105678"]],
    "用户": [["用户名", "姓名", "手机", "角色", "所属单位", "单位所在区划代码", "管辖区划代码"],
           ["qx.admin", "陈立新", 13905760001, "系统管理员", "青溪县社会治理中心", "", 330599],
           ["qx.staff", "林晓燕", 13905760002, "中心工作人员", "青溪县社会治理中心", "", 330599],
           ["qx.leader", "周国平", 13905760003, "领导", "青溪县社会治理中心", "", 330599],
           ["xk.staff", "王海燕", 13905760004, "中心工作人员", "溪口镇综治中心", "", 330599101],
           ["qs.staff", "李志强", 13905760005, "中心工作人员", "青山街道综治中心", "", 330599102],
           ["sfj.handler", "赵敏", 13905760006, "部门承办人", "青溪县司法局", "", 330599],
           ["xk.grid01", "钱小明", 13905760007, "网格员", "溪口镇综治中心", "", "330599101001-01"],
           ["xk.wang", "王建国", 13905760008, "调解员", "溪口镇人民调解委员会", "", 330599101]],
    "调解员": [["姓名", "所属单位", "单位所在区划代码", "擅长纠纷类型", "服务层级", "语言", "金牌调解员", "接受案件", "简介", "账号用户名"],
            ["王建国", "溪口镇人民调解委员会", "", "邻里纠纷、土地纠纷", "村（社区）、乡镇（街道）", "普通话、台州话", "是", "是", "从事人民调解二十年，熟悉山林土地政策。", "xk.wang"],
            ["孙秀英", "溪口镇人民调解委员会", "", "婚姻家庭纠纷", "村（社区）", "普通话", "否", "是", "妇联执委，擅长家事调解。", ""],
            ["吴德明", "溪口镇人民调解委员会", "", "土地纠纷、宅基地纠纷", "乡镇（街道）", "台州话", "否", "是", "退休村支书。", ""],
            ["郑丽华", "溪口镇人民调解委员会", "", "消费纠纷、合同纠纷", "乡镇（街道）", "普通话", "否", "否", "律师志愿者，每周二坐班。", ""]],
}

NOTES = [["说明"], ["本工作簿有五张表：区划、网格、组织、用户、调解员；第一行为表头，请勿修改表头。"],
         ["详细规则见 docs/ONBOARDING.md。"]]

def main():
    book = Workbook()
    book.remove(book.active)
    for name, rows in SHEETS.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([None if value == "" else value for value in row])
    notes = book.create_sheet("说明")
    for row in NOTES:
        notes.append(row)
    path = os.path.join(HERE, "青溪县组织架构.xlsx")
    book.save(path)
    share_strings(path)
    folder = os.path.join(HERE, "csv-gb18030")
    os.makedirs(folder, exist_ok=True)
    for name, rows in SHEETS.items():
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        with open(os.path.join(folder, name + ".csv"), "wb") as handle:
            handle.write(out.getvalue().encode("gb18030"))

def share_strings(path):
    """openpyxl writes inline strings; Excel writes a shared-string table: rewrite the workbook as Excel would."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    strings, index = [], {}
    def shared(match):
        text = match.group(2)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return '<c r="%s" t="s"><v>%d</v></c>' % (match.group(1), index[text])
    pattern = re.compile(r'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>(.*?)</t></is></c>')
    for name in list(parts):
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = pattern.sub(shared, parts[name].decode("utf-8")).encode("utf-8")
    parts["xl/sharedStrings.xml"] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
        % (len(strings), len(strings), "".join("<si><t>%s</t></si>" % s for s in strings))).encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace("</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sharedStrings+xml"/></Types>').encode("utf-8")
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>",
        '<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>').encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

if __name__ == "__main__":
    main()
