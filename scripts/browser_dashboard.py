"""The leader's screen (一屏看全域) in the browser, as the county's and a township's leaders see it at 1366×768:
the page fits about two screens, every figure links to the case list with its filters and the period, the map
labels its grids and villages and a click on a village opens its cases, the period form takes a date."""

from urllib.parse import parse_qs, quote, urlsplit

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

LAPTOP = (1366, 768)
# About two screens of 768 px: the page was 6,600 px before.
MAX_HEIGHT = 1700


def at_laptop_size(t):
    t.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": LAPTOP[0], "height": LAPTOP[1], "deviceScaleFactor": 1, "mobile": False})


def page_height(t):
    return t.driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")


def case_links(t):
    """The case-list links of the page, HTML and SVG (an SVG link's `href` property is not a string)."""
    return t.driver.execute_script(
        "return [...document.querySelectorAll(\"a[href*='/cases?']\")].map(a => a.getAttribute('href'))")


def journey_dashboard(t):
    """The county leader, then a township's, on a 1366×768 laptop."""
    for leader in ("county.leader", "taoyuan.leader"):
        t.sign_in(leader)
        t.visit(f"dashboard of {leader}", "/dashboard")
        try:
            at_laptop_size(t)
            t.driver.refresh()
            t.wait_loaded()
            WebDriverWait(t.driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-map, #grid-map"))
            print(f"  …  {leader}: the dashboard is {page_height(t)} px high at 1366 px", flush=True)
            t.check(f"{leader}: the screen fits about two screens at 1366×768",
                    lambda: page_height(t) <= MAX_HEIGHT,
                    lambda: f"the page is {page_height(t)} px high at 1366 px wide (at most {MAX_HEIGHT})")
            links = case_links(t)
            t.check(f"{leader}: every figure links to its cases, with the period",
                    lambda: len(links) > 30 and all(
                        "from" in parse_qs(urlsplit(href).query) and "to" in parse_qs(urlsplit(href).query)
                        for href in links),
                    lambda: f"{len(links)} links, without the period: "
                            f"{[h for h in links if 'from=' not in h][:3]}")
            t.check(f"{leader}: the tiles count and link the whistles",
                    lambda: all(t.find_all(f"a.tile[href*='whistle={grade}']")
                                for grade in ("quick", "emergency", "hardCase")))
            t.check(f"{leader}: the ranking shows each unit's volume or says why none is ranked",
                    lambda: all(t.find_all(f"#{side} td, #{side} p.note")
                                for side in ("ranking-regions", "ranking-organisations")))
            t.check(f"{leader}: without the map, a table of villages and grids",
                    lambda: t.driver.execute_script("return !!document.querySelector('#places-table table')"))
            if t.find_all("script[src$='leaflet.js']"):
                grids = len(t.find_all(".leaflet-map path.leaflet-interactive"))
                t.check(f"{leader}: every grid on the map has its label",
                        lambda: grids > 0 and len(t.find_all(".leaflet-tooltip.map-label.grid")) == grids,
                        lambda: f"{grids} grids, {len(t.find_all('.leaflet-tooltip.map-label.grid'))} labels")
                with t.step(f"{leader}: zoomed in, the grids show their names and counts"):
                    t.find(".leaflet-control-zoom-in").click()
                    WebDriverWait(t.driver, 15).until(lambda d: any(
                        label.is_displayed() for label in d.find_elements(By.CSS_SELECTOR, ".map-label.grid .grid-name")))
                    t.find(".leaflet-control-zoom-out").click()
                    WebDriverWait(t.driver, 15).until(
                        lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-map.zoomed-out"))
                villages = t.find_all(".village-marker .map-label.village")
                t.check(f"{leader}: the villages are named on the map", lambda: len(villages) > 0)
                with t.step(f"{leader}: a click on a village lists its cases"):
                    name = villages[0].text
                    t.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", villages[0])
                    villages[0].click()
                    WebDriverWait(t.driver, 15).until(lambda d: "/cases?" in d.current_url)
                    query = parse_qs(urlsplit(t.driver.current_url).query)
                    if not query.get("region") or not query.get("from"):
                        raise AssertionError(f"{name}: {t.driver.current_url}")
        finally:
            t.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        t.visit(f"dashboard of {leader} in a chosen period",
                "/dashboard?from=" + quote("2026年1月1日") + "&to=" + quote("2026年12月31日"), shot=False)
        t.check(f"{leader}: the period applies and its links carry it",
                lambda: "2026-01-01 至 2026-12-31" in t.text("#range-period")
                and "from=2026-01-01&to=2026-12-31" in t.find("a.tile").get_attribute("href")
                and all("from=" in href for href in case_links(t)),
                lambda: t.text("#range-period"))
        try:
            at_laptop_size(t)
            t.driver.refresh()
            t.wait_loaded()
            print(f"  …  {leader}: with a year's rankings the dashboard is {page_height(t)} px high", flush=True)
            t.check(f"{leader}: with a year's full rankings it still fits about two screens",
                    lambda: page_height(t) <= MAX_HEIGHT, lambda: f"{page_height(t)} px at 1366 px wide")
        finally:
            t.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        t.sign_out()
