"""The staff lists in a real browser (a journey of scripts/browser_test.py): the case list as cards on a phone and a
table on a desktop, its filters, its true total and its CSV export of exactly the filtered list, bulk 研判 and 派单
with the result summary and the way back, and the confirmation an action on a case page ends with."""

import datetime
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select


class ListStepFailed(Exception):
    pass


def _display(t, css):
    return t.driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? getComputedStyle(e).display : null", css)


def _at_width(t, width, mobile):
    t.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": mobile})


def _total(t):
    match = re.search(r"共 (\d+) 件", t.text("#list-total"))
    if not match:
        raise ListStepFailed(f"no total on the list: {t.text('#list-total')!r}")
    return int(match.group(1))


def _register(t, grid, title):
    t.visit(f"intake form ({title})", "/desk/intake", shot=False)
    t.choose("regionCode", grid)
    t.fill("title", title)
    t.fill("description", f"{title}，群众来访反映，请尽快处理。")
    t.fill("reporterName", "李阿姨")
    t.fill("reporterPhone", "13700003333")
    t.submit(t.find("form#intake-form"))
    return t.driver.current_url.rstrip("/").split("/")[-1].split("?")[0]


def journey_lists(t):
    """The desk's case list: cards on a phone, a table on a desktop; filter, export exactly the list, bulk 研判 and
    派单 with a result summary and the way back; a case action ends with its confirmation."""
    t.sign_in("taoyuan.center")
    t.visit("intake form", "/desk/intake", shot=False)
    grid = next(o.get_attribute("value") for o in Select(t.find("select[name='regionCode']")).options
                if o.get_attribute("value"))
    with t.step("two walk-ins registered at the desk"):
        ids = [_register(t, grid, "小区楼道堆放杂物"), _register(t, grid, "夜间施工噪音扰民")]
        if not all(i.isdigit() for i in ids):
            raise ListStepFailed(f"no case ids after registering: {ids}")

    t.visit("case list", "/cases")
    with t.step("a phone shows each case as a card, a desktop as a table"):
        _at_width(t, 360, True)
        phone = (_display(t, "#case-list thead"), _display(t, "#case-list tbody tr"))
        _at_width(t, 1280, False)
        desktop = (_display(t, "#case-list thead"), _display(t, "#case-list tbody tr"))
        t.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        if phone != ("none", "grid") or desktop != ("table-header-group", "table-row"):
            raise ListStepFailed(f"phone {phone}, desktop {desktop}")

    with t.step("the state filter narrows the list and says its true total"):
        everything = _total(t)
        t.find("#case-filters input[name='state'][value='registered']").click()
        t.find("#case-filters input[name='q']").send_keys("扰民")
        t.submit(t.find("#case-filters input[type=submit]"))
        if "state=registered" not in t.driver.current_url:
            raise ListStepFailed(f"the filter did not reach the URL: {t.driver.current_url}")
        filtered = _total(t)
        if not 1 <= filtered < everything:
            raise ListStepFailed(f"{filtered} of {everything} after filtering")
        shown = [a.get_attribute("data-case-number") for a in t.find_all("#case-list a[data-case-number]")]
    t.shot("case-list-filtered")

    with t.step("the export holds exactly the filtered list"):
        href = t.find("#list-export").get_attribute("href")
        if "/cases.csv?" not in href or "state=registered" not in href:
            raise ListStepFailed(f"export link {href}")
        text = t.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('ERR ' + e))",
            href)
        rows = [line for line in text.split("\r\n")[1:] if line.strip()]
        if len(rows) != filtered or any(number not in text for number in shown):
            raise ListStepFailed(f"{len(rows)} rows exported, {filtered} listed")

    t.visit("registered cases", "/cases?state=registered&sort=newest&limit=50")
    with t.step("bulk 研判 of the two walk-ins"):
        for case_id in ids:
            t.find(f"#case-list input[name='case'][value='{case_id}']").click()
        form = t.find("form#bulk")
        for name, value in (("urgency", "troublesome"), ("difficulty", "ordinary"), ("competentLevel", "township")):
            Select(form.find_element(By.CSS_SELECTOR, f"select[name='{name}']")).select_by_value(value)
        Select(form.find_element(By.CSS_SELECTOR, "select[name='categoryCode']")).select_by_index(1)
        t.submit(form.find_element(By.CSS_SELECTOR, "button[value='assess']"))
        if "已处理 2 件" not in t.text("#bulk-summary"):
            raise ListStepFailed(t.text("#bulk-summary"))
    t.shot("bulk-assess-result")

    with t.step("the way back leads to the list it came from"):
        t.submit(t.find("#back-to-list"))
        if "state=registered" not in t.driver.current_url:
            raise ListStepFailed(f"back at {t.driver.current_url}")

    t.visit("assessed cases", "/cases?state=assessed&sort=newest&limit=50")
    with t.step("bulk 派单 to the police station"):
        for case_id in ids:
            t.find(f"#case-list input[name='case'][value='{case_id}']").click()
        form = t.find("form#bulk")
        lead = Select(form.find_element(By.CSS_SELECTOR, "select[name='lead']"))
        option = next((o for o in lead.options if "派出所" in o.text), None)
        if option is None:
            raise ListStepFailed("no police station to dispatch to")
        lead.select_by_visible_text(option.text)
        t.submit(form.find_element(By.CSS_SELECTOR, "button[value='dispatch']"))
        if "已处理 2 件" not in t.text("#bulk-summary"):
            raise ListStepFailed(t.text("#bulk-summary"))
    t.shot("bulk-dispatch-result")

    with t.step("a case action (督办) ends with its confirmation and the way back"):
        t.driver.get(t.url(f"/cases/{ids[0]}?back=/cases%3Fstate%3Ddispatched"))
        t.wait_loaded()
        form = t.find("form#action-supervise")
        details = form.find_element(By.XPATH, "./ancestor::details")
        if details.get_attribute("open") is None:
            details.find_element(By.TAG_NAME, "summary").click()
        form.find_element(By.CSS_SELECTOR, "[name='note']").send_keys("请按时限办理。")
        due = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
        t.driver.execute_script(
            "arguments[0].value = arguments[1]", form.find_element(By.CSS_SELECTOR, "[name='deadline']"), due)
        t.submit(form)
        if t.find_all("#action-error"):
            raise ListStepFailed(t.text("#action-error"))
        if "已完成" not in t.text("#action-notice"):
            raise ListStepFailed("no confirmation after the action")
        if "state=dispatched" not in t.find("#back-to-list").get_attribute("href"):
            raise ListStepFailed("the way back is not the list the case was opened from")
    t.shot("case-after-action")

    for name, path in (("desk queue", "/desk"), ("users list", "/admin/users?role=gridWorker")):
        if path.startswith("/admin"):
            t.sign_out()
            t.sign_in("taoyuan.admin")
        t.visit(name, path)
    t.sign_out()
