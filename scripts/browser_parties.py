"""Browser journey: parties (当事人), mediation sessions and the agreement, as the desk and a mediator meet them.

Called from scripts/browser_test.py with its helpers (`h`: act, state_is, StepFailed, database_rows).
"""

from selenium.webdriver.common.by import By


def journey(t, h):
    """The desk registers a walk-in with only the reporter, adds the respondent and records the reporter as the
    applicant; the township's mediation committee accepts, records a session with its attendees and drafts the
    agreement, which lists both parties with their roles."""
    grid = h.database_rows(
        t, "SELECT r.code FROM regions r JOIN user_roles g ON g.jurisdiction_id = r.id "
           "JOIN users u ON u.id = g.user_id WHERE u.username = 'taoyuan.grid'")[0][0]

    t.sign_in("taoyuan.center")
    t.visit("intake for a dispute", "/desk/intake")
    with t.step("a walk-in dispute is registered with its reporter only"):
        t.choose("regionCode", grid)
        t.fill("title", "邻居加盖阳台挡光")
        t.fill("description", "张老汉反映邻居李四加盖阳台，挡住自家采光，双方争执多次。")
        t.fill("reporterName", "张老汉")
        t.fill("reporterPhone", "13700003333")
        t.submit(t.find("form#intake-form"))
        h.state_is(t, "已受理")
    case_path = t.path().split("?")[0]
    with t.step("a refused party form says which field is wrong"):
        h.act_refused(t, "edit-parties", role="respondent", name="李四", phone="12")
        if "电话" not in t.text("#action-error"):
            raise h.StepFailed(t.text("#action-error"))
    with t.step("the respondent is added"):
        h.act(t, "edit-parties", role="respondent", name="李四", phone="13900004444", address="桃源镇桃花村5组")
        if "被申请人 · 李四" not in t.text("#case-parties"):
            raise h.StepFailed(t.text("#case-parties"))
        if "添加当事人：被申请人 李*" not in t.text("#case-file"):
            raise h.StepFailed("the case file does not record the new party")
    with t.step("the reporter is recorded as the applicant"):
        details = t.find("#party-0")
        details.find_element(By.TAG_NAME, "summary").click()
        form = details.find_element(By.CSS_SELECTOR, "form")
        from selenium.webdriver.support.select import Select
        Select(form.find_element(By.CSS_SELECTOR, "select[name='role']")).select_by_value("applicant")
        t.submit(form)
        if "申请人 · 张老汉" not in t.text("#case-parties"):
            raise h.StepFailed(t.text("#case-parties"))
    t.shot("case-parties")
    with t.step("assessed and dispatched to the township's mediation committee"):
        h.act(t, "assess")
        h.act(t, "dispatch", lead="text:桃源镇人民调解委员会")
        h.state_is(t, "已派单")
    t.sign_out()

    t.sign_in("taoyuan.mediator")
    t.visit("the dispute at the committee", case_path)
    with t.step("the committee accepts"):
        h.act(t, "accept")
        h.state_is(t, "已接单")
    with t.step("a session is recorded with place, mode and attendees"):
        h.act(t, "record-session", result="adjourned", note="双方同意实地查看后再谈", place="桃花村村委会调解室",
              mode="backToBack", attendees="张老汉，当事人\n李四，当事人\n王律师，律师")
        sessions = t.text("#case-sessions")
        if "桃花村村委会调解室" not in sessions or "背对背" not in sessions or "王律师（律师）" not in sessions:
            raise h.StepFailed(sessions)
    with t.step("the agreement is drafted"):
        h.act(t, "draft-agreement", facts="李四加盖阳台挡住张老汉家采光，经调解双方同意如下。",
              term0="李四将阳台向后退让一米。")
    t.visit("the agreement lists both parties", case_path + "/agreement")
    t.check("申请人 and 被申请人 are printed", lambda: all(
        word in t.text("article.agreement") for word in ("张老汉", "李四", "申请人", "被申请人")),
        lambda: t.text("article.agreement")[:400])
    t.visit("back to the case", case_path, shot=False)
    t.sign_out()
