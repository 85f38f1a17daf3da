"""Mediators administered in a real browser (a journey of scripts/browser_test.py): an administrator adds a mediator
with a photo on /admin/mediators, the card shows the photo in the public directory /mediators, and the user's page
asks before disabling (确认停用)."""

import base64
import os

from selenium.webdriver.support.select import Select


class PeopleStepFailed(Exception):
    pass


def _photo(t):
    """A small PNG, like a portrait taken on a phone."""
    path = os.path.join(t.server.workdir, "mediator.png")
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"))
    return path


def journey_people(t):
    """桃源镇's administrator adds a mediator with a photo; the directory shows the card with it; disabling a user
    first asks."""
    t.sign_in("taoyuan.admin")
    t.visit("the mediators", "/admin/mediators")
    name = "欧阳明月"
    with t.step("a mediator is added with a photo"):
        t.fill("name", name)
        organisation = next(o.get_attribute("value") for o in Select(t.find("select[name='organisation']")).options
                            if "调解委员会" in o.text)
        t.choose("organisation", organisation)
        t.find("#mediator-form input[name='specialties'][value='neighbour']").click()
        t.find("#mediator-form input[name='levels'][value='township']").click()
        t.find("#mediator-form input[name='goldMedal']").click()
        t.find("#mediator-form input[name='photo']").send_keys(_photo(t))
        t.submit(t.find("#mediator-form input[type=submit]"))
        if "/admin/mediators/" not in t.driver.current_url or "已新增调解员" not in t.text("#admin-note"):
            raise PeopleStepFailed(f"not added: {t.driver.current_url} {t.text('main')[:200]}")
    t.check_page()
    t.shot("admin-mediator")
    t.visit("the directory", "/mediators")
    with t.step("the directory shows the new card with its photo"):
        card = next((a for a in t.find_all("article.card") if name in a.text), None)
        if card is None:
            raise PeopleStepFailed("the new mediator is not in the directory")
        loaded = t.driver.execute_script(
            "const i = arguments[0].querySelector('img.mediator-photo'); return i ? i.naturalWidth : -1", card)
        if loaded <= 0:
            raise PeopleStepFailed(f"the photo did not load ({loaded})")
    t.visit("a user's page", "/admin/users/taoyuan.grid")
    with t.step("disabling asks first"):
        t.find("a[href='/admin/users/taoyuan.grid/disable']").click()
        t.wait_loaded()
        if "确认停用" not in t.text("h1") or "经办中的案件" not in t.text("main"):
            raise PeopleStepFailed(f"no confirmation: {t.text('main')[:200]}")
    t.check_page()
    t.shot("admin-user-disable")
    t.sign_out()
