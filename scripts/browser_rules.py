"""The rules of the clocks in a real browser (a journey of scripts/browser_test.py): a county administrator saves a
new version of the standard time-limit policy for the next working day, sees it scheduled and withdraws it; then
uploads next year's working calendar as iCalendar, checks the preview, saves it and sees the year view mark it."""

import os
import tempfile

# MADE-UP FIXTURE: a fictitious 2099 calendar for the test, not an official holiday schedule. 2099-01-03 is a Saturday.
FICTITIOUS_ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20990101\r
DTEND;VALUE=DATE:20990103\r
SUMMARY:元旦（休）\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20990103\r
SUMMARY:元旦补班\r
END:VEVENT\r
END:VCALENDAR\r
"""


class RulesStepFailed(Exception):
    pass


def journey_rules(t):
    """Time limits versioned with an effective date, and next year's calendar uploaded from the web."""
    t.sign_in("county.admin")
    t.visit("time limits", "/admin/time-limits")
    t.visit("policy form", "/admin/time-limits/policy?code=standard")
    with t.step("a new version of the standard policy for the next working day"):
        t.fill("finishAmount", "6")
        t.submit(t.find("form#policy-form"))
        if "done=policy-saved" not in t.driver.current_url:
            raise RulesStepFailed(f"not saved: {t.path()} {t.text('body')[:200]!r}")
    t.check_page()
    t.shot("time limits with a scheduled version")
    with t.step("the version is listed as scheduled and withdrawn"):
        rows = [row for row in t.find_all("#version-list tr") if "待生效" in row.text]
        if not rows:
            raise RulesStepFailed("no scheduled version in the list")
        t.submit(rows[0].find_element("css selector", "form"))
        if "done=withdrawn" not in t.driver.current_url or "已撤回" not in t.text("#version-list"):
            raise RulesStepFailed(f"not withdrawn: {t.path()}")
    t.visit("ladder form", "/admin/time-limits/ladder?code=three-level")
    t.visit("calendar", "/admin/calendar")
    path = os.path.join(tempfile.mkdtemp(prefix="fengqiao-calendar-"), "2099.ics")
    with open(path, "w", encoding="utf-8") as file:
        file.write(FICTITIOUS_ICS)
    with t.step("an iCalendar file is previewed: holidays and 调休 working days per year"):
        t.find("input[name='file']").send_keys(path)
        t.submit(t.find("form#calendar-upload"))
        if "2099年：放假2天，调休上班1天" not in t.text("#calendar-preview"):
            raise RulesStepFailed(f"no preview: {t.text('body')[:300]!r}")
    t.check_page()
    t.shot("calendar upload preview")
    with t.step("saved, the year view marks the holidays and the make-up working day"):
        t.submit(t.find("#calendar-preview form"))
        if "done=calendar-saved" not in t.driver.current_url:
            raise RulesStepFailed(f"not saved: {t.path()}")
        holidays = t.find_all("#calendar-2099 td.holiday")
        workdays = t.find_all("#calendar-2099 td.workday")
        if len(holidays) != 2 or len(workdays) != 1:
            raise RulesStepFailed(f"{len(holidays)} holidays and {len(workdays)} make-up days marked")
    t.check_page()
    t.shot("calendar year view 2099")
    t.sign_out()
