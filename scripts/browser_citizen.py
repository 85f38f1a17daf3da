"""The citizen's journey (issue 15): a report that asks for text messages, the messages at the fake SMS gateway,
the department's note meant for the citizen and the resolution summary on the tracking page, and the rating.
The journey takes the `t` Browser object of scripts/browser_test.py."""

import sys
import time

from fake_sms_gateway import FakeSMSGateway


def helpers():
    """The helpers of scripts/browser_test.py (run as the main program, or imported)."""
    return sys.modules.get("browser_test") or sys.modules["__main__"]


def deliver(t, gateway, wanted, timeout=30):
    """Runs `fengqiao worker --once` (subscribes the SMS gateway, delivers the outbox) until the gateway holds a
    message for each event in `wanted`, or fails."""
    deadline = time.monotonic() + timeout
    while True:
        t.server.run("worker", "--once")
        events = [m.get("event") for m in gateway.messages]
        if all(event in events for event in wanted):
            return
        if time.monotonic() > deadline:
            raise helpers().StepFailed(f"messages {wanted} expected at the gateway, got {events}")
        time.sleep(0.5)


def journey_citizen(t):
    """A citizen reports and asks for text messages; the fake gateway gets the 受理 message; the department notes
    progress for the citizen and resolves; the tracking page shows the note and the summary; the citizen rates."""
    h = helpers()
    act, database_rows, state_is, StepFailed = h.act, h.database_rows, h.state_is, h.StepFailed
    grid = database_rows(
        t, "SELECT r.code FROM regions r JOIN user_roles g ON g.jurisdiction_id = r.id "
           "JOIN users u ON u.id = g.user_id WHERE u.username = 'taoyuan.grid'")[0][0]
    gateway = FakeSMSGateway(token="browser-sms-token-0123456789")
    t.server.env["FENGQIAO_SMS_URL"] = gateway.url
    t.server.env["FENGQIAO_SMS_TOKEN"] = gateway.token
    try:
        t.server.run("worker", "--once")  # subscribes the gateway: the outbox writes its messages from now on

        t.visit("citizen report asking for text messages", f"/r/{grid}")
        with t.step("citizen reports with a phone and ticks 短信通知"):
            t.fill("description", "小区东门的下水道井盖松动，车辆经过响声很大，担心有人踩空。")
            t.fill("phone", "13912347777")
            t.find("input[name='sms']").click()
            t.submit(t.find("form#report-form"))
            if t.find_all("#report-error"):
                raise StepFailed(t.text("#report-error"))
        t.check_page()
        code = t.text("#tracking-code")
        number = t.text("#case-number").split("：")[-1].strip()
        t.check("the confirmation's address holds no phone digits", lambda: "7777" not in t.driver.current_url,
                lambda: t.driver.current_url)
        with t.step("the fake gateway got the 受理 message"):
            deliver(t, gateway, ["case.registered"])
            message = next(m for m in gateway.messages if m["event"] == "case.registered")
            if message["phone"] != "13912347777" or "已受理" not in message["text"] or code not in message["text"]:
                raise StepFailed(f"registration message {message!r}")

        t.sign_in("taoyuan.center")
        t.visit("triage queue", "/desk")
        with t.step("the desk assesses and dispatches"):
            t.submit(t.find(f"#triage-queue a[data-case-number='{number}']"))
            act(t, "assess")
            act(t, "dispatch", lead="text:桃源司法所")
            state_is(t, "已派单")
        t.sign_out()

        t.sign_in("taoyuan.dept")
        t.visit("department inbox", "/inbox")
        with t.step("the department accepts, tells the citizen its progress and resolves"):
            t.submit(t.find(f"#inbox-queue a[data-case-number='{number}']"))
            act(t, "accept")
            form = t.find("form#action-progress")
            details = form.find_element("xpath", "./ancestor::details")
            if details.get_attribute("open") is None:
                details.find_element("tag name", "summary").click()
            form.find_element("css selector", "input[name='photo']").send_keys(h.photo_file(t))
            act(t, "progress", note="已联系物业，明天上午更换井盖。")
            if "photo.png" not in t.text("main") or not t.find_all("img.thumbnail"):
                raise StepFailed("the photo added with the note is not on the case page")
            act(t, "resolve", outcome="solved", summary="物业已更换新井盖并加固，现场已清理。")
            state_is(t, "已办结")
        t.shot("citizen-case-resolved")
        t.sign_out()
        with t.step("the fake gateway got the dispatch and resolution messages"):
            deliver(t, gateway, ["case.dispatched", "case.resolved"])
            resolved = next(m for m in gateway.messages if m["event"] == "case.resolved")
            if "已办结" not in resolved["text"] or "评价" not in resolved["text"]:
                raise StepFailed(f"resolution message {resolved!r}")

        t.visit("citizen tracks the case", "/track")
        if not t.find_all("input[name='satisfaction']"):
            # The tracking cookie of the report has gone: prove the code and digits again, by POST.
            with t.step("citizen opens the case with code and digits"):
                t.fill("code", code)
                t.fill("phone", "7777")
                t.submit(t.find("main form"))
        t.check("the tracking page shows the department's note",
                lambda: "已联系物业，明天上午更换井盖。" in t.text("main"), lambda: t.text("main")[:400])
        t.check("the tracking page shows the resolution summary",
                lambda: "物业已更换新井盖并加固" in t.text("main"), lambda: t.text("main")[:400])
        t.check("the department's photo shows as a thumbnail on the tracking page",
                lambda: t.driver.execute_script(
                    "const i = document.querySelector('#result-photos img'); return !!i && i.naturalWidth > 0;"))
        t.check("no address on the page carries the phone digits",
                lambda: "7777" not in t.driver.current_url and "7777" not in t.driver.page_source)
        t.shot("citizen-tracking-result")
        with t.step("citizen rates the result"):
            t.find("input[name='satisfaction'][value='satisfied']").click()
            t.submit(t.find("input[name='satisfaction']").find_element("xpath", "./ancestor::form"))
            if "已回访" not in t.text("main"):
                raise StepFailed(t.text("main")[:300])
        t.shot("citizen-rated-result")
    finally:
        gateway.stop()
        t.server.env.pop("FENGQIAO_SMS_URL", None)
        t.server.env.pop("FENGQIAO_SMS_TOKEN", None)
