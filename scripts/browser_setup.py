"""Browser journey: 首次设置 and the first structure, as a new county's administrator meets them on an empty
production server of its own (the demo server of the other journeys is left alone).

Called from scripts/browser_test.py with its helpers (`h`: StepFailed).
"""

import json
import os
import tempfile

from serve_process import ServeProcess

PASSWORD = "Tonglu2027x"


class EmptyServer(ServeProcess):
    """A production server on a migrated database without users: it logs a setup code at start."""

    def __init__(self, binary):
        self.folder = tempfile.mkdtemp(prefix="fengqiao-setup-")
        env = {k: v for k, v in os.environ.items() if not k.startswith("FENGQIAO_")}
        env.update({
            "FENGQIAO_DATABASE_URL": f"sqlite:{os.path.join(self.folder, 'fq.sqlite')}",
            "FENGQIAO_MODE": "production", "FENGQIAO_SESSION_SECRET": os.urandom(32).hex(),
            "FENGQIAO_SCHEDULER": "false", "FENGQIAO_LOG_FORMAT": "json",
        })
        super().__init__(binary, env, self.folder, os.path.join(self.folder, "server.log"))

    def setup_code(self):
        with open(self.log_path, encoding="utf-8") as log:
            for line in log:
                if '"setupCode"' in line:
                    return json.loads(line)["setupCode"]
        return None


def journey(t, h):
    """An empty production server: the sign-in page points to 首次设置; a wrong setup code is refused; the code
    from the log sets up the county, its center and the first administrator, who signs in and adds a township."""
    import subprocess
    demo = t.server
    server = EmptyServer(demo.binary)
    subprocess.run([server.binary, "migrate"], env=server.env, cwd=server.folder, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server.start()
    t.server = server
    # Both servers are 127.0.0.1: their cookies (same names) must not meet.
    t.driver.delete_all_cookies()
    try:
        t.visit("sign-in before setup", "/login")
        with t.step("the sign-in page points to the first-run setup"):
            if "还没有任何用户" not in t.text("#signin-notice"):
                raise h.StepFailed(t.text("#signin-notice"))
            t.find("#signin-notice a[href='/setup']").click()
            t.wait_loaded()
        t.shot("setup form")
        fields = {"countyName": "桐庐县", "countyCode": "330122", "centerName": "桐庐县社会治理中心",
                  "displayName": "张伟", "username": "county.admin", "password": PASSWORD, "password2": PASSWORD}
        with t.step("a wrong setup code is refused and what was typed stays"):
            t.fill("setupCode", "AAAA-BBBB-CCCC-DDDD-EEEE")
            for name, value in fields.items():
                t.fill(name, value)
            t.submit(t.find("form[action='/setup']"))
            if "设置码不正确" not in t.text("#setup-problems"):
                raise h.StepFailed(t.text()[:300])
            if t.find("#field-countyName").get_attribute("value") != "桐庐县":
                raise h.StepFailed("the county's name was not kept")
        t.shot("setup refused")
        code = server.setup_code()
        with t.step("the code from the log sets the county up"):
            if not code:
                raise h.StepFailed("no setup code in the server's log")
            t.fill("setupCode", code)
            t.fill("password", PASSWORD)
            t.fill("password2", PASSWORD)
            t.submit(t.find("form[action='/setup']"))
            if "首次设置已完成" not in t.text("#signin-notice"):
                raise h.StepFailed(t.text()[:300])
        t.sign_in("county.admin", PASSWORD)
        t.visit("regions of the new county", "/admin/regions")
        with t.step("the administrator adds the first township"):
            t.choose("level", "township")
            t.choose("parent", "330122")
            t.fill("code", "330122101")
            t.fill("name", "城南街道")
            t.submit(t.find("form[action='/admin/regions']"))
            if "城南街道" not in t.text():
                raise h.StepFailed(t.text()[:300])
        t.shot("first township added")
        t.visit("setup gone", "/setup", shot=False)
        with t.step("the setup page is gone once set up"):
            if "首次设置" in t.text("h1"):
                raise h.StepFailed("the setup form is still offered")
    finally:
        t.driver.delete_all_cookies()
        t.server = demo
        server.stop()
