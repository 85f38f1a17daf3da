"""Risk visits in a real browser (a journey of scripts/browser_test.py): the grid worker finds the demo's red warning
(the seed story: a neighbour dispute, the police called, a threat) among the visits due on /grid, opens the visit on
a phone-sized page, records what was done and what the visit found without JavaScript, and the warning's page shows
the visit; the leader's dashboard shows the risk panel; the township's police station records its own visit from its
inbox."""


class RiskStepFailed(Exception):
    pass


def open_red_visit(t):
    """Opens the red warning's visit to record from the 走访任务 section (#risk-visits) of the page shown."""
    rows = [row for row in t.find_all("#risk-visits tr") if "红色预警" in row.text and "记录走访" in row.text]
    if not rows:
        raise RiskStepFailed(f"no red visit to record: {t.text('#risk-visits')[:300]!r}")
    t.submit(rows[0].find_element("css selector", "a"))


def journey_risk(t):
    """A grid worker records a risk visit from a phone."""
    t.sign_in("taoyuan.grid")
    t.visit("grid worker's visits due", "/grid")
    with t.step("the red warning's visit is listed under 走访任务 and opens"):
        open_red_visit(t)
    t.check_page()
    t.shot("risk visit form")
    with t.step("the visit is recorded: 心理疏导, a note, 酗酒 found"):
        t.find("input[name='outcome'][value='counselled']").click()
        t.fill("note", "上门与双方谈心，当事人情绪平稳。")
        t.find("input[name='indicators'][value='drinking']").click()
        t.submit(t.find("form.visit"))
        if "done=1" not in t.driver.current_url or "走访记录已保存" not in t.text("body"):
            raise RiskStepFailed(f"not saved: {t.path()} {t.text('body')[:300]!r}")
        if "心理疏导" not in t.text("body") or "酗酒" not in t.text("body"):
            raise RiskStepFailed("the recorded visit is not shown")
    t.check_page()
    t.shot("risk visit recorded")
    with t.step("the warning's page lists the fired indicators and the visit"):
        t.submit(t.find("a[href^='/risk/warnings/']"))
        body = t.text("body")
        for expected in ("触发的预警指标", "走访安排", "预警经过", "心理疏导"):
            if expected not in body:
                raise RiskStepFailed(f"{expected} missing on the warning page")
    t.check_page()
    t.shot("risk warning")
    t.sign_out()
    t.sign_in("taoyuan.leader")
    t.visit("leader's dashboard with the risk panel", "/dashboard")
    with t.step("the risk panel shows warnings by grade and the precision"):
        if "预警准确率" not in t.text("#risk-panel"):
            raise RiskStepFailed("no risk panel")
    t.visit("risk warnings", "/risk/warnings")
    t.sign_out()
    t.sign_in("taoyuan.police")
    t.visit("police station's inbox with its risk visits", "/inbox")
    with t.step("the police station's visit of the red warning is in its inbox and is recorded: 人员稳控"):
        open_red_visit(t)
        t.find("input[name='outcome'][value='stabilised']").click()
        t.fill("note", "民警上门训诫，双方表示不再动手。")
        t.submit(t.find("form.visit"))
        if "done=1" not in t.driver.current_url or "人员稳控" not in t.text("body"):
            raise RiskStepFailed(f"not saved: {t.path()} {t.text('body')[:300]!r}")
    t.check_page()
    t.shot("police visit recorded")
    t.sign_out()
