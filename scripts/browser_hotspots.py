"""Hotspots across channels (热点发现) in the browser, as the desk of 溪城街道 meets the demo's bus-line story: the desk
page shows the hotspot forming (149路), its page lists the cases from several channels and the three actions, and
the desk marks one case not related, which takes it out of the hotspot. Signs out at the end."""


def journey_hotspots(t):
    t.sign_in("xicheng.center")
    t.visit("desk with hotspots", "/desk")
    t.check("the desk sees the 149路 hotspot forming",
            lambda: "149路" in t.text("#desk-hotspots"),
            lambda: f"the panel says: {t.text('#desk-hotspots')[:200]!r}")
    link = t.find("#desk-hotspots li a").get_attribute("href")
    path = "/" + link.split("/", 3)[3]
    t.visit("hotspot list", "/hotspots")
    t.visit("the bus-line hotspot", path)
    t.check("its keywords name 149路 and 甘肃大剧院",
            lambda: "149路" in t.text("h1") and "甘肃大剧院" in t.text("h1"),
            lambda: f"the heading is {t.text('h1')!r}")
    t.check("its cases came through several channels",
            lambda: len(t.find_all("#hotspot-cases li")) >= 3 and "12345" in t.text("#hotspot-cases"))
    before = len(t.find_all("#hotspot-cases li"))
    with t.step("mark one case not related"):
        form = t.find("#hotspot-not-related")
        form.find_element("css selector", "input[name='caseId']").click()
        t.submit(form)
    t.check("the page confirms it and the case has left the hotspot",
            lambda: t.find_all("#hotspot-notice") and len(t.find_all("#hotspot-cases li")) == before - 1,
            lambda: f"{len(t.find_all('#hotspot-cases li'))} cases (were {before}); {t.text()[:200]!r}")
    t.shot("hotspot after not related")
    t.sign_out()
