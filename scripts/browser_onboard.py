"""Onboarding from a spreadsheet in the browser (docs/ONBOARDING.md): the county's administrator downloads nothing,
uploads a CSV file of two new grids and a grid worker, sees the check's report, confirms, and is shown the new
account's one-time password once."""

import os
import tempfile

from selenium.webdriver.common.by import By  # noqa: E402

GRIDS = ("网格代码,网格名称,所属村（社区）代码\r\n"
         "339921101201-81,浏览器测试网格一,339921101201\r\n"
         "339921101201-82,浏览器测试网格二,339921101201\r\n")
USERS = ("用户名,姓名,手机,角色,所属单位,管辖区划代码\r\n"
         "browser.grid,浏览器网格员,13905769999,网格员,桃源镇综治中心,339921101201-81\r\n")


def journey_onboard(t):
    """county.admin: /admin/import, check (GB18030 and UTF-8 files), confirm, the one-time password."""
    folder = tempfile.mkdtemp(prefix="fengqiao-onboard-")
    grids = os.path.join(folder, "网格.csv")
    users = os.path.join(folder, "用户.csv")
    with open(grids, "wb") as handle:
        handle.write(GRIDS.encode("gb18030"))
    with open(users, "wb") as handle:
        handle.write(b"\xef\xbb\xbf" + USERS.encode("utf-8"))
    t.sign_in("county.admin")
    t.visit("structure import", "/admin/import")
    with t.step("upload and check"):
        t.find("#field-files").send_keys(grids + "\n" + users)
        t.submit(t.find("#import-form"))
        t.check_page()
    t.check("the check passes and asks to confirm", lambda: t.find_all("#import-confirm"),
            lambda: t.text("#import-result"))
    t.shot("structure-import-checked")
    with t.step("confirm"):
        t.submit(t.find("#import-confirm"))
        t.check_page()
    t.check("the new account's one-time password is shown",
            lambda: "browser.grid" in t.text("#import-passwords"), lambda: t.text("body")[:300])
    t.shot("structure-import-done")
    t.sign_out()
