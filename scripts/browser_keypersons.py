"""Key persons in a real browser (a journey of scripts/browser_test.py): a grid worker opens the key-person visits due
on /grid, opens the overdue red person's file, records a visit from a phone and changes a class with its reason; a
county administrator changes an indicator's weight on /admin/risk for the next working day and withdraws it."""


class KeyPersonStepFailed(Exception):
    pass


def journey_keypersons(t):
    """A grid worker records a key-person visit; an administrator edits a weight."""
    t.sign_in("taoyuan.grid")
    t.visit("grid workspace with key-person visits", "/grid")
    with t.step("the grid's key-person visits are listed, the overdue one marked"):
        section = t.find("#key-person-visits")
        if "已超期" not in section.text:
            raise KeyPersonStepFailed(f"no overdue visit: {section.text[:200]!r}")
        link = section.find_element("css selector", "a")
        href = link.get_attribute("href")
    t.visit("key-person file", href[len(t.server.base_url):])
    with t.step("a visit recorded from the file: the next visit is due on time"):
        t.choose("outcome", "stabilised")
        t.fill("note", "入户走访，情绪平稳")
        t.submit(t.find("form#visit-form"))
        if "done=visit" not in t.driver.current_url or "已记录走访" not in t.text("#key-person-notice"):
            raise KeyPersonStepFailed(f"not recorded: {t.path()} {t.text('body')[:200]!r}")
        if "按期" not in t.text("#next-visit"):
            raise KeyPersonStepFailed(f"next visit not on time: {t.text('#next-visit')!r}")
    t.check_page()
    t.shot("key-person file after a visit")
    with t.step("a class change needs its reason and is written in the file"):
        t.choose("class", "yellow")
        t.fill("reason", "经心理疏导，情绪稳定，降为黄色")
        t.submit(t.find("form#class-form"))
        if "done=class" not in t.driver.current_url or "降为黄色" not in t.text("body"):
            raise KeyPersonStepFailed(f"not changed: {t.path()}")
    t.check_page()
    t.visit("key persons", "/key-persons")
    t.visit("register a key person", "/key-persons/new")
    with t.step("a person registered from the form, the justice office ticked as responsible beside the worker"):
        t.fill("name", "浏览器登记")
        t.fill("address", "桃源村五组3号")
        t.choose("class", "yellow")
        t.fill("reason", "多次扬言报复邻居")
        box = t.find("#responsible-choices input[value='taoyuan.dept']")
        if box.is_selected():
            raise KeyPersonStepFailed("the justice office is ticked before anyone ticked it")
        box.click()
        t.submit(t.find("form#key-person-form"))
        if "done=registered" not in t.driver.current_url:
            raise KeyPersonStepFailed(f"not registered: {t.path()} {t.text('body')[:300]!r}")
        staff = t.find("#staff-form")
        ticked = [b.get_attribute("value") for b in staff.find_elements("css selector", "input") if b.is_selected()]
        if sorted(ticked) != ["taoyuan.dept", "taoyuan.grid"]:
            raise KeyPersonStepFailed(f"responsible staff not kept: {ticked!r}")
    t.check_page()
    t.shot("key person registered")
    t.sign_out()
    t.sign_in("county.admin")
    t.visit("risk indicators and care plans", "/admin/risk")
    with t.step("an indicator's weight changed for the next working day, then withdrawn"):
        t.fill("weight-police-called", "30")
        t.submit(t.find("form#risk-model-form"))
        if "done=model" not in t.driver.current_url:
            raise KeyPersonStepFailed(f"not saved: {t.path()} {t.text('body')[:300]!r}")
        rows = [row for row in t.find_all("table tr") if "待生效" in row.text]
        if not rows:
            raise KeyPersonStepFailed("no scheduled version")
        t.submit(rows[0].find_element("css selector", "form"))
        if "done=withdrawn" not in t.driver.current_url:
            raise KeyPersonStepFailed(f"not withdrawn: {t.path()}")
    t.check_page()
    t.shot("risk administration")
    t.sign_out()
