#!/usr/bin/env python3
"""Real-browser tests: headless Chromium driven by Selenium through the pages people use, with screenshots.

Run through scripts/browser-test.sh, which installs Chromium, chromedriver and the CJK fonts from Debian and
Selenium into .venv-browser/:

    scripts/browser-test.sh
    .venv-browser/bin/python scripts/browser_test.py --binary .build/debug/fengqiao --keep

The script starts its own server on a fresh SQLite database in a temporary folder (migrate, seed-demo, serve on a
free port of 127.0.0.1), then runs the journeys in order. Every rendered page gets a screenshot at phone width
(360 px) and desktop width (1280 px) in screenshots/ (NN-name-360.png, NN-name-1280.png), and at phone width it is
checked that nothing is cut off (no horizontal scrolling), that the page says lang="zh-Hans" (or the language
asked for) and that it shows Chinese text. A failure takes a FAIL-... screenshot, prints the server log's tail and
ends the run with exit code 1.

To add a journey: write `def journey_xxx(t):` using the helpers of `Browser` (visit, shot, sign_in, sign_out,
check, step, find, ...) and add it to JOURNEYS.
"""

import argparse
import base64
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never download a browser or a driver

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

import browser_parties  # noqa: E402
from browser_dashboard import journey_dashboard  # noqa: E402
from browser_structure import journey_structure  # noqa: E402
from browser_people import journey_people  # noqa: E402
from serve_process import DemoServer, ServerFailed  # noqa: E402
from browser_citizen import journey_citizen  # noqa: E402
from browser_keypersons import journey_keypersons  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCREENSHOTS = os.path.join(ROOT, "screenshots")
PASSWORD = "Fengqiao2026"  # every demo account's password
PHONE, DESKTOP = 360, 1280
MAX_SHOT_HEIGHT = 12000  # Chromium cannot capture much taller pages in one image
CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese pages speak Chinese: a word of Latin letters in a page's text (shown, or one click away in a folded
# section or a list of options) is a defect (an English word, an internal code such as livelihood.neighbour, an
# untranslated message) unless it is one of these: the product's name, the language switch, units, and names of
# formats. What users type or copy as it is (user names, URLs, paths, environment variables) is marked
# translate="no" by the page, and English kept on purpose (a category's English name) lang="en"; both are skipped.
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
LATIN_ALLOWED = {
    "Fengqiao", "English", "PDF", "CSV", "QR", "API", "ID", "SMS", "km", "KB", "MB", "GB", "Leaflet",
    "OpenStreetMap", "OpenAPI", "JSON", "GeoJSON", "FQ", "Open311", "GeoReport", "PNG", "SVG", "JPEG", "JPG", "WebP",
    "Excel", "WPS", "Chart", "Ctrl", "iCalendar", "ics",
}
# The page's text for the scan: every text node but those under translate="no", lang="en", scripts and styles, one
# line per block.
PAGE_TEXT_JS = """
const skip = el => el.closest('[translate="no"],[lang="en"],script,style,noscript,template');
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const lines = [];
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.nodeValue.trim();
  if (text && !skip(node.parentElement)) lines.push(text);
}
return lines.join('\\n');
"""


def say(zh, en):
    print(f"{zh} / {en}", flush=True)


class StepFailed(Exception):
    pass


# ---------------------------------------------------------------------------------------------------------------
# The server under test


class Server(DemoServer):
    """A fresh database in a temporary folder, the demo county loaded, one `fengqiao serve` on 127.0.0.1
    (development mode: the session cookie without Secure, the test speaks plain HTTP)."""

    def __init__(self, binary, cases, keep):
        self.cases = cases
        super().__init__(binary, keep, "fengqiao-browser-", {"FENGQIAO_LOG_LEVEL": "info"})
        self.users = {}  # username -> display name

    def run(self, *arguments, capture=False):
        with open(self.log_path, "ab") as log:
            log.write(f"$ fengqiao {' '.join(arguments)}\n".encode())
            log.flush()
            result = subprocess.run([self.binary, *arguments], env=self.env, cwd=self.workdir,
                                    stdout=subprocess.PIPE if capture else log, stderr=log)
        if result.returncode != 0:
            raise StepFailed(f"fengqiao {' '.join(arguments)} exited {result.returncode}")
        return result.stdout.decode("utf-8", "replace") if capture else ""

    def prepare(self):
        started = time.monotonic()
        self.run("migrate")
        self.run("seed-demo", "--cases", str(self.cases))
        for line in self.run("user", "list", capture=True).splitlines():
            fields = line.split("\t")
            if len(fields) >= 2:
                self.users[fields[0]] = fields[1]
        return time.monotonic() - started

    def start(self, timeout=120):
        try:
            super().start(timeout)
        except ServerFailed as error:
            raise StepFailed(str(error)) from error



# ---------------------------------------------------------------------------------------------------------------
# The browser and the helpers the journeys use

# The elements sticking out furthest to the right of the viewport, for a page that scrolls sideways.
WIDEST_JS = """
const width = arguments[0];
const found = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  // An element sticks out itself, or its own content (text, an unbreakable word) runs past its box.
  const visible = getComputedStyle(el).overflowX === 'visible';
  const reach = Math.max(r.right, visible ? r.left + el.scrollWidth : r.right);
  if (reach > width + 0.5) found.push({el, reach});
}
// The culprits, not their ancestors: drop an element when one of its descendants reaches as far.
const culprits = found.filter(f => !found.some(g => g !== f && f.el.contains(g.el) && g.reach >= f.reach - 1));
culprits.sort((a, b) => b.reach - a.reach);
return culprits.slice(0, 6).map(({el, reach}) => ({
  tag: el.tagName.toLowerCase(), cls: typeof el.className === 'string' ? el.className.trim() : '', id: el.id,
  right: Math.round(reach), width: Math.round(el.getBoundingClientRect().width),
  text: (el.innerText || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 60)}));
"""


class Browser:
    def __init__(self, server, chromium, chromedriver, pause):
        self.server = server
        self.pause = pause
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN",
                         "--hide-scrollbars", "--disable-gpu", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update",
                         f"--window-size={DESKTOP},900"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
        service = Service(chromedriver, log_output=os.path.join(server.workdir, "chromedriver.log"))
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_page_load_timeout(60)
        self.shots = 0
        self.steps = 0
        self.failures = 0
        self.journey = ""
        self.current_step = ""
        self.page_lang = "zh-Hans"

    def quit(self):
        with contextlib.suppress(Exception):
            self.driver.quit()

    # --- reporting

    def report(self, name, ok, detail=""):
        self.steps += 1
        mark = "OK  " if ok else "FAIL"
        url = self.path()
        print(f"  {mark} {self.journey}/{name:<34} {url}{('  — ' + detail) if detail else ''}", flush=True)

    @contextlib.contextmanager
    def step(self, name):
        """A named step: one line OK or FAIL; a failure stops the journey (and the run)."""
        self.current_step = name
        try:
            yield
        except Exception as error:
            self.failures += 1
            self.report(name, False, describe(error))
            error.reported = True
            raise
        self.report(name, True)

    def check(self, name, condition, detail=""):
        """One checked fact, its own step line; `condition` and `detail` may be callables, evaluated inside it."""
        with self.step(name):
            if not (condition() if callable(condition) else condition):
                raise StepFailed((detail() if callable(detail) else detail) or name)

    # --- navigation

    def url(self, path):
        return self.server.base_url + path

    def path(self):
        with contextlib.suppress(Exception):
            current = self.driver.current_url
            if current.startswith(self.server.base_url):
                return current[len(self.server.base_url):] or "/"
            return current
        return "?"

    def visit(self, name, path, lang="zh-Hans", shot=True):
        """Open a page, check it and take its screenshots (phone width checked for overflow)."""
        with self.step(f"visit {name}"):
            self.driver.get(self.url(path))
            self.wait_loaded()
            self.page_lang = lang
            self.check_page(lang)
        if shot:
            self.shot(name)

    def wait_loaded(self, timeout=30):
        WebDriverWait(self.driver, timeout).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def submit(self, form_or_button):
        """Click a submit button (or a form's first one) and wait for the next page."""
        element = form_or_button
        if element.tag_name == "form":
            element = element.find_element(By.CSS_SELECTOR, "button[type=submit],input[type=submit],button")
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()
        WebDriverWait(self.driver, 30).until(lambda d: is_gone(old))
        self.wait_loaded()

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, css="body"):
        return self.find(css).text

    def fill(self, name, value):
        field = self.find(f"[name='{name}']")
        field.clear()
        field.send_keys(value)
        return field

    def choose(self, name, value):
        Select(self.find(f"select[name='{name}']")).select_by_value(value)

    # --- page checks

    def check_page(self, lang="zh-Hans"):
        """The page speaks the expected language, shows Chinese (for zh-Hans) and is not an error page."""
        actual = self.driver.execute_script("return document.documentElement.getAttribute('lang')")
        if actual != lang:
            raise StepFailed(f'<html lang="{actual}">, expected "{lang}"')
        body = self.text()
        if not body.strip():
            raise StepFailed("the page shows no text")
        if lang == "zh-Hans" and len(CJK.findall(body)) < 4:
            raise StepFailed(f"no visible Chinese text: {body[:120]!r}")
        if lang == "zh-Hans":
            foreign = latin_words(self.driver.execute_script(PAGE_TEXT_JS))
            if foreign and os.environ.get("FENGQIAO_LATIN_SURVEY"):
                print(f"    LATIN {self.path()}: " + "; ".join(foreign[:12]), flush=True)
            elif foreign:
                raise StepFailed("English words or codes on a Chinese page: " + "; ".join(foreign[:8]))
        title = self.driver.title
        if not title.strip():
            raise StepFailed("the page has no <title>")

    def no_overflow(self):
        """Nothing wider than the window: no sideways scrolling at phone width."""
        scroll_width, inner_width = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        if scroll_width <= inner_width and inner_width <= PHONE:
            return None
        widest = self.driver.execute_script(WIDEST_JS, PHONE)
        lines = [f"<{w['tag']}{'.' + w['cls'].replace(' ', '.') if w['cls'] else ''}{'#' + w['id'] if w['id'] else ''}>"
                 f" reaches {w['right']} px, box {w['width']} px, “{w['text']}”" for w in widest]
        return (f"the page is {scroll_width} px wide at {PHONE} px (scrollWidth {scroll_width}, innerWidth "
                f"{inner_width}); sticking out: "
                + ("; ".join(lines) or "(none found)"))

    # --- screenshots

    def _capture(self, width, file_name, mobile):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": mobile})
        height = self.driver.execute_script(
            "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
        height = max(200, min(int(height), MAX_SHOT_HEIGHT))
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        overflow = self.no_overflow() if width == PHONE else None
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
        with open(os.path.join(SCREENSHOTS, file_name), "wb") as f:
            f.write(base64.b64decode(data))
        return overflow

    def shot(self, name, check=True):
        """Screenshots of the current page at 360 px and 1280 px; at 360 px nothing may stick out sideways."""
        self.shots += 1
        stem = f"{self.shots:02d}-{slug(name)}"
        overflow = None
        try:
            overflow = self._capture(PHONE, f"{stem}-{PHONE}.png", mobile=True)
            self._capture(DESKTOP, f"{stem}-{DESKTOP}.png", mobile=False)
        finally:
            with contextlib.suppress(Exception):
                self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        if check:
            with self.step(f"fits {PHONE}px: {name}"):
                if overflow:
                    raise StepFailed(overflow)
        if self.pause:
            time.sleep(self.pause)

    def failure_shot(self, journey, step):
        with contextlib.suppress(Exception):
            stem = f"FAIL-{slug(journey)}-{slug(step)}"
            self._capture(PHONE, f"{stem}-{PHONE}.png", mobile=True)
            self._capture(DESKTOP, f"{stem}-{DESKTOP}.png", mobile=False)
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            return stem
        return None

    # --- staff sign-in

    def sign_in(self, username, password=PASSWORD, shot=False):
        """Sign in through the /login form; lands on /workspace. A session left by an earlier journey is dropped first
        (only the session: a citizen's tracking cookie stays), so that a journey never depends on how the one before
        it ended."""
        self.driver.delete_cookie("fq_session")
        self.visit("login", "/login", shot=shot)
        with self.step(f"sign in {username}"):
            self.fill("username", username)
            self.fill("password", password)
            self.submit(self.find("form[action='/login']"))
            if not self.driver.current_url.split("?")[0].endswith("/workspace"):
                raise StepFailed(f"not signed in: {self.text()[:200]!r}")
            self.check_page(self.page_lang)

    def sign_out(self):
        """The sign-out button of the page header or workspace; afterwards /workspace sends to /login."""
        with self.step("sign out"):
            self.submit(self.find("form[action='/logout']"))
            self.driver.get(self.url("/workspace"))
            self.wait_loaded()
            if not self.driver.current_url.split("?")[0].endswith("/login"):
                raise StepFailed("still signed in after signing out")


def latin_words(text):
    """The Latin-letter words of a page's visible text outside LATIN_ALLOWED, each with a little context."""
    found = []
    for line in text.splitlines():
        for match in LATIN_WORD.finditer(line):
            word = match.group(0)
            if word in LATIN_ALLOWED:
                continue
            found.append(f"{word!r} in {line.strip()[:60]!r}")
    return found


def is_gone(element):
    """True once `element` has left the document (the next page replaced it).

    Chromedriver usually says so with StaleElementReferenceException, but while the old document is being torn
    down it can instead answer with an inspector error ("Node with given id does not belong to the document"),
    which Selenium's own staleness_of does not treat as stale: that made a sign-in step fail at random in CI."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        message = error.msg or ""
        if "does not belong to the document" in message or "No node with given id" in message:
            return True
        raise


def slug(text):
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "page"


def describe(error):
    if isinstance(error, StepFailed):
        return str(error)
    if isinstance(error, WebDriverException):
        return f"{type(error).__name__}: {(error.msg or '').splitlines()[0] if error.msg else ''}"
    return f"{type(error).__name__}: {error}"


# ---------------------------------------------------------------------------------------------------------------
# The journeys, run in this order


def journey_public(t):
    """The public pages and the first staff sign-in."""
    t.visit("home", "/")
    t.check("home names the platform", lambda: "枫桥" in t.text("header") and "基层社会治理" in t.text("h1"))
    t.check("home links to every public page",
            lambda: all(t.find_all(f"main a[href='{p}']") for p in ("/report", "/track", "/mediators", "/login")))

    with t.step("switch to English"):
        t.find("header a.lang").click()
        t.wait_loaded()
        t.check_page("en")
        if "lang=en" not in t.driver.current_url or "One-stop" not in t.text("h1"):
            raise StepFailed(f"English page expected, h1: {t.text('h1')!r}")
    t.shot("home-en")
    with t.step("English is remembered"):
        t.driver.get(t.url("/track"))
        t.wait_loaded()
        t.check_page("en")
    with t.step("switch back to Chinese"):
        t.find("header a.lang").click()
        t.wait_loaded()
        t.check_page("zh-Hans")

    t.visit("mediators", "/mediators")
    total = len(t.find_all("ul.cards .card"))
    t.check("directory lists mediators", lambda: total > 0 and f"共 {total} 名调解员" in t.text("main"),
            lambda: f"{total} cards, status: {t.text('[role=status]')!r}")
    with t.step("filter by township"):
        region = Select(t.find("select[name='region']"))
        townships = [o for o in region.options if o.get_attribute("value")]
        if not townships:
            raise StepFailed("no township to filter by")
        chosen = townships[0].get_attribute("value")
        name = townships[0].text
        region.select_by_value(chosen)
        t.submit(t.find("form.filters"))
        if f"region={chosen}" not in t.driver.current_url:
            raise StepFailed(f"the filter did not reach the URL: {t.driver.current_url}")
        filtered = len(t.find_all("ul.cards .card"))
        if not 0 < filtered <= total:
            raise StepFailed(f"{filtered} cards for {name} (of {total})")
        if Select(t.find("select[name='region']")).first_selected_option.get_attribute("value") != chosen:
            raise StepFailed("the chosen township is not kept in the form")
    t.shot("mediators-filtered")
    with t.step("filter by specialty too"):
        specialty = Select(t.find("select[name='specialty']"))
        options = [o.get_attribute("value") for o in specialty.options if o.get_attribute("value")]
        specialty.select_by_value(options[0])
        t.submit(t.find("form.filters"))
        t.check_page()
        status = t.text("[role=status]")
        if "名调解员" not in status:
            raise StepFailed(f"no count line: {status!r}")

    t.visit("track", "/track")
    with t.step("track a wrong code"):
        t.fill("code", "ZZZZ-ZZZZ")
        t.fill("phone", "0000")
        t.submit(t.find("main form"))
        alert = t.find("[role=alert]").text
        if "没有找到" not in alert:
            raise StepFailed(f"not-found message expected, got {alert!r}")
    t.shot("track-not-found")

    t.sign_in("xicheng.center", shot=True)
    name = t.server.users.get("xicheng.center", "")
    t.check("workspace greets by name", lambda: name and name in t.text("h1"),
            lambda: f"h1 {t.text('h1')!r}, display name {name!r}")
    t.check("workspace lists the role", lambda: "溪城" in t.text("main"), lambda: t.text("main")[:200])
    t.shot("workspace")
    t.sign_out()

    with t.step("wrong password is refused"):
        t.driver.get(t.url("/login"))
        t.wait_loaded()
        t.fill("username", "xicheng.center")
        t.fill("password", "wrong-password")
        t.submit(t.find("form[action='/login']"))
        alert = t.find("[role=alert]").text
        if "不正确" not in alert:
            raise StepFailed(f"refusal expected, got {alert!r}")
    t.shot("login-refused")


def database_rows(t, query, *parameters):
    """Rows from the server's own SQLite file (read-only): for facts of the demo county the pages do not show."""
    import sqlite3
    connection = sqlite3.connect(f"file:{os.path.join(t.server.workdir, 'fq.sqlite')}?mode=ro", uri=True)
    try:
        return connection.execute(query, parameters).fetchall()
    finally:
        connection.close()


def photo_file(t):
    """A small PNG to attach, like a phone photo."""
    photo = os.path.join(t.server.workdir, "photo.png")
    if not os.path.exists(photo):
        with open(photo, "wb") as f:
            f.write(base64.b64decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"))
    return photo


def dashboard_figures(t):
    """The leader dashboard's count of cases registered (this month) and of cases resolved today (trend table)."""
    today = int(t.text("#count-registered"))
    rows = t.find_all("#trend-table tbody tr")
    resolved = int(rows[-1].find_elements(By.TAG_NAME, "td")[2].get_attribute("textContent")) if rows else 0
    return today, resolved


def state_is(t, name):
    badge = t.text("#case-status")
    if name not in badge:
        raise StepFailed(f"state {name} expected, the page says {badge!r}")


def act(t, action, **fields):
    """Fill one action form of a case page (selects by value, or by visible text with `text:` prefix) and send it."""
    fill_action(t, action, **fields)
    if t.find_all("#action-error"):
        raise StepFailed(f"{action} refused: {t.text('#action-error')}")


def act_refused(t, action, **fields):
    """Like `act`, for a form that must be refused: the page comes back with the reason."""
    fill_action(t, action, **fields)
    if not t.find_all("#action-error"):
        raise StepFailed(f"{action} was not refused")


def fill_action(t, action, **fields):
    form = t.find(f"form#action-{action}")
    details = form.find_element(By.XPATH, "./ancestor::details")
    if details.get_attribute("open") is None:
        details.find_element(By.TAG_NAME, "summary").click()
    for name, value in fields.items():
        field = form.find_element(By.CSS_SELECTOR, f"[name='{name}']")
        if field.tag_name == "select":
            select = Select(field)
            if value.startswith("text:"):
                wanted = value[5:]
                option = next((o for o in select.options if wanted in o.text), None)
                if option is None:
                    raise StepFailed(f"no {name} option containing {wanted!r}")
                select.select_by_visible_text(option.text)
            else:
                select.select_by_value(value)
        else:
            field.clear()
            field.send_keys(value)
    t.submit(form)


def journey_closed_loop(t):
    """A citizen reports through a grid's QR link and tracks the case; the desk triages and dispatches; the
    department accepts and resolves; the citizen rates; the leader's dashboard shows the change."""
    grid = database_rows(
        t, "SELECT r.code FROM regions r JOIN user_roles g ON g.jurisdiction_id = r.id "
           "JOIN users u ON u.id = g.user_id WHERE u.username = 'taoyuan.grid'")[0][0]

    t.sign_in("taoyuan.leader")
    t.visit("dashboard before", "/dashboard")
    before = dashboard_figures(t)
    t.sign_out()

    t.visit("citizen report (QR link)", f"/r/{grid}")
    t.check("the QR link fills in the place", lambda: "桃源" in t.text("#report-place"), lambda: t.text("main")[:200])
    photo = photo_file(t)
    with t.step("citizen submits a report with a photo"):
        t.fill("description", "村口路灯坏了一个星期，晚上孩子放学看不清路，请尽快修理。")
        t.find("input[name='photo']").send_keys(photo)
        t.fill("phone", "13912348888")
        t.submit(t.find("form#report-form"))
        if t.find_all("#report-error"):
            raise StepFailed(t.text("#report-error"))
    t.check_page()
    code = t.text("#tracking-code")
    number = t.text("#case-number").split("：")[-1].strip()
    t.check("the confirmation gives a tracking code", lambda: len(code) == 10, lambda: f"code {code!r}")
    t.shot("report-confirmation")
    track = t.find("#track-link").get_attribute("href")[len(t.server.base_url):]
    t.visit("citizen tracks the case", track)
    t.check("tracking says registered, in plain words", lambda: "已受理" in t.text("main"))

    t.sign_in("taoyuan.center")
    t.visit("triage queue", "/desk")
    with t.step("the new case is in the triage queue"):
        t.submit(t.find(f"#triage-queue a[data-case-number='{number}']"))
        state_is(t, "已受理")
    t.shot("case-registered")
    t.check("the case file holds the photo", lambda: "photo.png" in t.text("main"))
    with t.step("assess"):
        act(t, "assess")
        state_is(t, "已研判")
    with t.step("dispatch to the justice office"):
        act(t, "dispatch", lead="text:桃源司法所")
        state_is(t, "已派单")
    t.shot("case-dispatched")
    t.sign_out()

    t.sign_in("taoyuan.dept")
    t.visit("department inbox", "/inbox")
    with t.step("the case waits in the inbox"):
        t.submit(t.find(f"#inbox-queue a[data-case-number='{number}']"))
    with t.step("accept"):
        act(t, "accept")
        state_is(t, "已接单")
    with t.step("resolve with an outcome"):
        act(t, "resolve", outcome="solved", summary="已联系供电所更换路灯，当晚恢复照明。")
        state_is(t, "已办结")
    t.shot("case-resolved")
    t.visit("my cases", "/inbox")
    t.sign_out()

    t.visit("citizen sees the result", track)
    with t.step("citizen rates the result"):
        t.find("input[name='satisfaction'][value='satisfied']").click()
        t.submit(t.find("input[name='satisfaction']").find_element(By.XPATH, "./ancestor::form"))
        if "满意" not in t.text("main") or "已回访" not in t.text("main"):
            raise StepFailed(t.text("main")[:300])
    t.shot("citizen-rated")

    t.sign_in("taoyuan.leader")
    t.visit("dashboard after", "/dashboard")
    after = dashboard_figures(t)
    t.check("the dashboard counts the new case and its resolution",
            lambda: after[0] == before[0] + 1 and after[1] == before[1] + 1,
            lambda: f"registered today {before[0]} → {after[0]}, resolved today {before[1]} → {after[1]}")
    t.sign_out()


def journey_workspaces(t):
    """Every role's own workspace: the grid worker's 随手拍, the desk's intake with live duplicate suggestions, the
    mediator's mediations, the leader's chart, map and 拍一拍, the administrator's pages and QR codes."""
    grid = database_rows(
        t, "SELECT r.code FROM regions r JOIN user_roles g ON g.jurisdiction_id = r.id "
           "JOIN users u ON u.id = g.user_id WHERE u.username = 'taoyuan.grid'")[0][0]

    t.sign_in("taoyuan.grid")
    t.visit("grid worker's grid", "/grid")
    with t.step("随手拍 with a photo"):
        t.submit(t.find("a[href='/grid/report']"))
        t.check_page()
    t.shot("grid-report-form")
    with t.step("the grid worker's report is registered"):
        t.choose("regionCode", grid)
        t.fill("description", "巡查发现村道旁有人倾倒建筑垃圾，约两车。")
        t.find("input[name='photo']").send_keys(photo_file(t))
        t.submit(t.find("form#report-form"))
        state_is(t, "已受理")
        if "网格员上报" not in t.text("main"):
            raise StepFailed("the channel should be the grid worker's")
    t.shot("grid-report-registered")
    t.sign_out()

    t.sign_in("taoyuan.center")
    t.visit("intake form", "/desk/intake")
    with t.step("duplicates are suggested while typing"):
        t.choose("regionCode", grid)
        t.fill("title", "村道旁倾倒建筑垃圾")
        t.fill("description", "村民来电：村道旁有人倾倒建筑垃圾，有两车")
        WebDriverWait(t.driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#duplicate-suggestions li"))
        if "建筑垃圾" not in t.text("#duplicate-suggestions"):
            raise StepFailed(t.text("#duplicate-suggestions"))
    t.shot("intake-duplicates", check=True)
    with t.step("the walk-in is registered and its page lists the duplicate"):
        t.fill("reporterName", "王大伯")
        t.fill("reporterPhone", "13700002222")
        t.submit(t.find("form#intake-form"))
        state_is(t, "已受理")
        if "可能重复" not in t.text("main"):
            raise StepFailed("no possible duplicates on the new case's page")
    t.shot("case-with-duplicate")
    t.sign_out()

    t.sign_in("taoyuan.mediator")
    t.visit("mediator's mediations", "/mediation")
    mediations = t.find_all("#my-mediations a[data-case-number]")
    if mediations:
        with t.step("open a mediation"):
            t.submit(mediations[0])
            t.check_page()
        t.shot("mediation-case")
    t.sign_out()

    t.sign_in("taoyuan.leader")
    t.visit("leader dashboard", "/dashboard")
    t.check("the trend is drawn by Chart.js (served by the app)",
            lambda: t.find_all(".chart-box.drawn canvas"), lambda: "no drawn chart")
    t.check("the grid map is a Leaflet map of the grids' polygons",
            lambda: t.find_all(".leaflet-map path.leaflet-interactive"), lambda: "no Leaflet polygons")
    t.driver.execute_script("document.getElementById('overdue').open = true")
    overdue = t.find_all("#overdue-list form.nudge")
    if overdue:
        with t.step("拍一拍 reaches the case"):
            t.submit(overdue[0])
            if "领导已过问" not in t.text("#case-file"):
                raise StepFailed("no nudge in the case file")
        t.shot("case-nudged")
    t.sign_out()

    t.sign_in("taoyuan.admin")
    t.visit("grid QR codes", "/admin/qr")
    t.check("every grid has its QR code image", lambda: t.driver.execute_script(
        "return [...document.querySelectorAll('#qr-sheet img')].every(i => i.complete && i.naturalWidth > 0)"
        " && document.querySelectorAll('#qr-sheet img').length > 0"))
    for name, path in (("admin index", "/admin"), ("admin regions", "/admin/regions"),
                       ("admin organisations", "/admin/organisations"), ("admin users", "/admin/users"),
                       ("admin categories", "/admin/categories"), ("admin time limits", "/admin/time-limits"),
                       ("admin calendar", "/admin/calendar"), ("admin access log", "/admin/access-log")):
        t.visit(name, path)
    t.sign_out()


def journey_parties(t):
    browser_parties.journey(t, sys.modules[__name__])


from browser_lists import journey_lists  # noqa: E402
from browser_onboard import journey_onboard  # noqa: E402
from browser_rules import journey_rules  # noqa: E402
from browser_risk import journey_risk  # noqa: E402
from browser_hotspots import journey_hotspots  # noqa: E402


def journey_setup(t):
    """首次设置 on an empty production server of its own, then the administrator's first township."""
    import browser_setup
    browser_setup.journey(t, sys.modules[__name__])

JOURNEYS = [
    journey_public, journey_closed_loop, journey_workspaces, journey_lists, journey_dashboard, journey_parties,
    journey_citizen, journey_onboard, journey_structure, journey_people, journey_rules, journey_risk,
    journey_hotspots, journey_setup, journey_keypersons,
]


# ---------------------------------------------------------------------------------------------------------------


def find_executable(candidates):
    for candidate in candidates:
        path = shutil.which(candidate) if not os.path.isabs(candidate) else candidate
        if path and os.access(path, os.X_OK):
            return path
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/debug/fengqiao")
    parser.add_argument("--cases", type=int, default=200, help="demo cases to seed (seed-demo --cases)")
    parser.add_argument("--chromium", default=None, help="browser binary (default /usr/bin/chromium)")
    parser.add_argument("--chromedriver", default=None, help="driver binary (default /usr/bin/chromedriver)")
    parser.add_argument("--only", action="append", help="run only this journey (name without journey_)")
    parser.add_argument("--pause", type=float, default=0, help="seconds to wait after each screenshot")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, logs)")
    args = parser.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        say(f"找不到可执行文件 {binary}", f"no executable at {binary}")
        return 1
    chromium = args.chromium or find_executable(["/usr/bin/chromium", "chromium"])
    chromedriver = args.chromedriver or find_executable(["/usr/bin/chromedriver", "chromedriver"])
    if not chromium or not chromedriver:
        say("缺少 Chromium 或 chromedriver（运行 scripts/browser-test.sh 安装）",
            "Chromium or chromedriver missing (scripts/browser-test.sh installs them)")
        return 1
    journeys = [j for j in JOURNEYS if not args.only or j.__name__.removeprefix("journey_") in args.only]

    os.makedirs(SCREENSHOTS, exist_ok=True)
    for old in os.listdir(SCREENSHOTS):
        if old.endswith(".png"):
            os.remove(os.path.join(SCREENSHOTS, old))

    # SIGTERM (a CI timeout) ends the run through the same clean-up as a failure.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    started = time.monotonic()
    server = Server(binary, args.cases, args.keep)
    browser = None
    ok = False
    failed_journey = None
    try:
        say(f"浏览器测试：目录 {server.workdir}", f"browser test: folder {server.workdir}")
        seconds = server.prepare()
        say(f"  数据库已就绪（迁移 + 演示数据 {args.cases} 件案件，{seconds:.0f} 秒）",
            f"  database ready (migrate + demo data with {args.cases} cases, {seconds:.0f} s)")
        server.start()
        say(f"  服务已启动 {server.base_url}", f"  server up at {server.base_url}")
        browser = Browser(server, chromium, chromedriver, args.pause)
        version = browser.driver.capabilities.get("browserVersion", "?")
        say(f"  浏览器 Chromium {version}", f"  browser Chromium {version} ({chromium})")
        for journey in journeys:
            name = journey.__name__.removeprefix("journey_")
            browser.journey = name
            print(f"\n— {name}: {(journey.__doc__ or '').strip()}", flush=True)
            try:
                journey(browser)
            except Exception as error:
                failed_journey = name
                step = browser.current_step
                if not getattr(error, "reported", False):
                    step = f"after {browser.current_step or 'start'}"
                    browser.failures += 1
                    browser.report(f"({step})", False, describe(error))
                stem = browser.failure_shot(name, step)
                if not isinstance(error, (StepFailed, WebDriverException)):
                    traceback.print_exc()
                if stem:
                    print(f"  失败截图 / failure screenshot: screenshots/{stem}-{PHONE}.png, -{DESKTOP}.png")
                break
        ok = failed_journey is None
    except Exception as error:  # the server or the browser did not come up
        print(f"\n失败 / FAILED: {describe(error)}", file=sys.stderr)
        if not isinstance(error, (StepFailed, WebDriverException)):
            traceback.print_exc()
    finally:
        if browser:
            browser.quit()
        server.stop()
        elapsed = time.monotonic() - started
        print()
        say("浏览器测试结果", "browser test summary")
        if browser:
            print(f"  步骤 steps: {browser.steps}, 失败 failed: {browser.failures}, "
                  f"截图 screenshots: {browser.shots} pages × 2 widths in {os.path.relpath(SCREENSHOTS)}/")
        print(f"  用时 elapsed: {elapsed:.0f} s")
        if not ok:
            tail = server.log_tail(6000)
            print("--- server log (tail) ---\n" + tail, file=sys.stderr)
            say(f"失败：{failed_journey or '准备阶段'}", f"FAILED: {failed_journey or 'setup'}")
        else:
            say("通过", "PASSED")
        server.cleanup(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
