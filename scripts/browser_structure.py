"""Administering the county's structure in a real browser (a journey of scripts/browser_test.py, issue 16): a grid
renamed on its own page, an empty grid added and retired (it stays in the tree, marked), an organisation's phone
edited, and the access log telling each change in Chinese."""

from selenium.webdriver.support.select import Select


class StructureStepFailed(Exception):
    pass


def _note(t):
    notes = t.find_all("#admin-note")
    return notes[0].text if notes else ""


def journey_structure(t):
    """taoyuan.admin renames a grid, adds an empty grid and retires it, edits an organisation's phone."""
    t.sign_in("taoyuan.admin")
    t.visit("region tree", "/admin/regions", shot=False)
    grids = [a.get_attribute("href") for a in t.find_all("#region-tree a") if "-" in a.get_attribute("href")]
    with t.step("the tree links each grid to its page"):
        if not grids:
            raise StructureStepFailed("no grid links in the region tree")
    grid_path = "/" + grids[0].split("/", 3)[3]
    t.visit("a grid's page", grid_path)
    with t.step("the grid renamed"):
        t.fill("name", "东门网格")
        t.submit(t.find("form#region-edit"))
        if "已保存" not in _note(t) or "东门网格" not in t.text():
            raise StructureStepFailed(f"not saved: {t.text()[:200]!r}")

    t.visit("region tree again", "/admin/regions", shot=False)
    village = next(o.get_attribute("value") for o in Select(t.find("select[name='parent']")).options
                   if o.get_attribute("value") and "-" not in o.get_attribute("value")
                   and len(o.get_attribute("value")) > 9)
    code = f"{village}-98"
    with t.step("an empty grid added"):
        t.choose("parent", village)
        t.choose("level", "grid")
        t.fill("code", code)
        t.fill("name", "临时网格")
        t.submit(t.find("form#region-form"))
        if "已添加区域" not in _note(t):
            raise StructureStepFailed(f"not added: {t.text()[:200]!r}")
    t.visit("the empty grid's page", f"/admin/regions/{code}", shot=False)
    with t.step("the empty grid retired"):
        t.submit(t.find("form#region-retire"))
        if "已撤销" not in _note(t):
            raise StructureStepFailed(f"not retired: {t.text()[:200]!r}")
    t.visit("region tree with a retired grid", "/admin/regions", shot=False)
    t.check("the retired grid stays in the tree, marked", lambda: "临时网格（已撤销）" in t.text("#region-tree"))

    t.visit("organisations", "/admin/organisations", shot=False)
    link = t.find("#organisation-list a").get_attribute("href")
    t.visit("an organisation's page", "/" + link.split("/", 3)[3])
    with t.step("the organisation's phone edited"):
        t.fill("phone", "0571-8888 6666")
        t.submit(t.find("form#organisation-edit"))
        if "已保存" not in _note(t):
            raise StructureStepFailed(f"not saved: {t.text()[:200]!r}")
    t.visit("access log", "/admin/access-log", shot=False)
    t.check("the access log tells the changes in Chinese",
            lambda: all(words in t.text() for words in ["修改区域", "添加区域", "撤销区域", "修改单位"]))
    t.sign_out()
