"""Access in a real browser: the demo beside a second workshop with join codes and a PIN hash file.

A fellow joins by the card's link or by typing the code and sees nothing of another Kommune on any
page until the reveal; the facilitator's unlock survives a reload and a new tab; a tampered token
does not.
"""

from __future__ import annotations

import contextlib
import shutil

import pytest
from browser_helpers import open_page, settle
from conftest import DEMO, RunningApp
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from werkstatt import texts
from werkstatt.access import TOKEN_COOKIE, write_pin_file
from werkstatt.store import WorkshopFolder

PIN = "5791"
SLUG = "fellowtag-herbst"
TITLE = "Fellowtag Herbst 2027"
CODES = {"lindenau": "ABCD-EFGH", "neustrand": "JKMN-PQRS", "rheinfurt": "TUVW-XY23"}


@pytest.fixture(scope="module")
def access_app(tmp_path_factory):
    """The installed demo (no codes) and a second workshop whose Kommunen join by code."""
    root = tmp_path_factory.mktemp("access") / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    shutil.copytree(DEMO, root / SLUG)
    description = root / SLUG / "workshop.yaml"
    description.write_text(
        description.read_text("utf-8").replace('title: "K360-Fellowtag (Demo)"', f'title: "{TITLE}"'), "utf-8"
    )
    WorkshopFolder(root / SLUG).set_codes(CODES)
    write_pin_file(root, PIN)  # the PIN lives in no environment
    running = RunningApp(root)
    yield running
    running.stop()


def new_page(browser, width: int = 1280, height: int = 900) -> Page:
    return browser.new_context(viewport={"width": width, "height": height}, locale="de-DE").new_page()


def workshop_line(page: Page):
    return page.get_by_text(f"Workshop: {TITLE}", exact=True)


def test_card_links_and_typed_codes_land_in_their_workshop(access_app, browser) -> None:
    """The blocker: ``/?code=…`` landed in the demo with a Kommune select box."""
    page = new_page(browser)
    try:
        for link in (f"/?workshop={SLUG}&code={CODES['neustrand']}", f"/?code={CODES['neustrand'].lower()}"):
            open_page(page, access_app.url + link)
            expect(page.get_by_role("heading", name="Persona bearbeiten: Stadt Neustrand")).to_be_visible()
            expect(workshop_line(page)).to_be_visible()
            assert f"workshop={SLUG}" in page.url
            expect(page.get_by_text("K360-Fellowtag (Demo)")).to_have_count(0)

        open_page(page, access_app.url + f"/?workshop={SLUG}&code=WXYZ-2345")  # wrong code
        expect(page.get_by_text("Diesen Zugangscode gibt es nicht")).to_be_visible()
        body = page.locator("body").inner_text()
        assert TITLE not in body and "Demo" not in body and "Stadt Lindenau" not in body
    finally:
        page.context.close()


def test_on_a_phone_the_code_field_comes_first_and_a_typed_code_finds_its_workshop(access_app, browser) -> None:
    phone = new_page(browser, 390, 844)
    try:
        open_page(phone, access_app.url)
        field = phone.get_by_label(texts.JOIN_CODE)
        expect(field).to_be_visible()
        field_box = field.bounding_box()
        intro_box = phone.get_by_text(texts.APP_TAGLINE).bounding_box()
        assert field_box["y"] < intro_box["y"] and field_box["y"] + field_box["height"] < 844  # above the fold
        expect(phone.get_by_role("combobox")).to_have_count(0)  # no list of workshops or Kommunen
        field.fill("tuvw xy23")
        phone.get_by_role("button", name=texts.JOIN_SUBMIT).click()
        settle(phone)
        expect(phone.get_by_role("heading", name="Persona bearbeiten: Stadt Rheinfurt")).to_be_visible()
        expect(workshop_line(phone)).to_be_visible()
    finally:
        phone.context.close()


def others_secrets(own: str) -> list[str]:
    """Names and texts of every other Kommune of the workshop: none may reach the fellow before the reveal."""
    folder = WorkshopFolder(DEMO)
    workshop = folder.workshop()
    secrets = [k.name for k in workshop.kommunen if k.slug != own]
    for result in folder.personas():
        if result.ok and result.slug != own:
            persona = result.persona
            secrets += [persona.profile.name, persona.profile.quote]
            secrets += [entry.text for entry in persona.obstacles[:2]]
    return [s for s in secrets if s]


FELLOW_PAGES = {  # navigation title: address
    texts.NAV_START: "",
    texts.NAV_WIZARD: "persona",
    texts.NAV_OVERVIEW: "personas",
    texts.NAV_COMPARE: "vergleich",
    texts.NAV_MATRIX: "matrix",
    texts.NAV_CONNECTIONS: "verbindendes",
    texts.NAV_PARTNERS: "lernpartner",
    texts.NAV_PRESENTER: "praesentation",
    texts.NAV_MARKET: "themenboerse",
    texts.NAV_AGENDA: "programm",
    texts.NAV_BOARD: "themenrunde",
    texts.NAV_TAKEAWAYS: "mitnehmen",
    texts.NAV_GROUP: "gruppe",
    texts.NAV_EXPORT: "export",
    texts.NAV_ACCESS: "zugang",
    texts.NAV_SETUP: "anlegen",
}
MAIN = '[data-testid="stMain"]'


def navigate(page: Page, title: str, path: str) -> str:
    """Click a navigation link (the session, and so the join, stays) and return the new page's text."""
    before = page.locator(MAIN).inner_text()
    page.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(lambda url: url.split("?")[0].rstrip("/").endswith(f"/{path}".rstrip("/")) or not path)
    # The new page's first drawing; two pages that only say "after the reveal" may look alike.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            f"before => document.querySelector('{MAIN}').innerText !== before", arg=before, timeout=8_000
        )
    settle(page)
    return page.locator("body").inner_text()


def test_before_the_reveal_a_fellow_sees_nothing_of_another_kommune_on_any_page(access_app, browser) -> None:
    folder = WorkshopFolder(access_app.personas_root / SLUG)
    assert folder.access()["revealed"] is False
    fellow = new_page(browser)
    secrets = others_secrets("lindenau")
    day_dir = access_app.personas_root / SLUG / "tag"

    def day_files() -> dict:
        return {p: p.read_bytes() for p in day_dir.rglob("*.yaml")}

    before = day_files()
    try:
        open_page(fellow, access_app.url + f"/?workshop={SLUG}&code={CODES['lindenau']}")
        expect(fellow.get_by_role("heading", name="Persona bearbeiten: Stadt Lindenau")).to_be_visible()
        for title, path in FELLOW_PAGES.items():
            body = navigate(fellow, title, path)
            leaked = [s for s in secrets if s in body]
            assert not leaked, f"{title}: {leaked[:3]}"
        assert day_files() == before  # nothing written for the fellow either (the board's column 1)

        # The reveal: the open page shows the others by itself, without a reload.
        navigate(fellow, texts.NAV_OVERVIEW, "personas")
        expect(fellow.get_by_text(texts.JOIN_NOT_REVEALED)).to_be_visible()
        folder.set_revealed(True)
        expect(fellow.locator(".pw-card").first).to_be_visible(timeout=20_000)
        expect(fellow.get_by_text("Stadt Neustrand").first).to_be_visible()
    finally:
        folder.set_revealed(False)
        fellow.context.close()


def unlock(page: Page) -> None:
    page.get_by_label(texts.PIN_LABEL).fill(PIN)
    page.get_by_role("button", name=texts.PIN_SUBMIT).click()
    settle(page)


def test_the_facilitator_stays_unlocked_in_this_browser_and_keeps_the_workshop(access_app, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="de-DE")
    facilitator = context.new_page()
    stranger = new_page(browser)
    try:
        open_page(facilitator, access_app.url + "/zugang")
        unlock(facilitator)
        # Two workshops and none named: the facilitator chooses, never silently the demo.
        facilitator.get_by_label(texts.WORKSHOP_CHOOSE).click()
        facilitator.get_by_role("option", name=TITLE).click()
        settle(facilitator)
        expect(facilitator.get_by_text("Zugangscodes sind aktiv für 3 Kommunen.")).to_be_visible()
        assert f"workshop={SLUG}" in facilitator.url

        token = next(c["value"] for c in context.cookies() if c["name"] == TOKEN_COOKIE)
        assert PIN not in token and token.startswith("v1.")

        facilitator.reload()  # a reload keeps the workshop and stays unlocked
        settle(facilitator)
        expect(workshop_line(facilitator)).to_be_visible()
        expect(facilitator.get_by_text("Zugangscodes sind aktiv für 3 Kommunen.")).to_be_visible()
        expect(facilitator.get_by_label(texts.PIN_LABEL)).to_have_count(0)

        second_tab = context.new_page()  # a new tab of the same browser, even without ?workshop= in it
        open_page(second_tab, access_app.url + "/gruppe")
        expect(second_tab.get_by_label(texts.PIN_LABEL)).to_have_count(0)
        expect(workshop_line(second_tab)).to_be_visible()
        expect(second_tab.get_by_label(texts.WORKSHOP_CHOOSE)).to_have_count(0)
        assert f"workshop={SLUG}" in second_tab.url

        # The address on the cards: never the loopback address the facilitator's browser uses.
        address = facilitator.get_by_role("textbox", name=texts.ACCESS_ADDRESS)
        assert "127.0.0.1" not in address.input_value() and "localhost" not in address.input_value()
        address.fill(access_app.url)
        address.press("Enter")
        settle(facilitator)
        expect(facilitator.get_by_text("zeigt auf diesen Rechner selbst")).to_be_visible()

        # Another browser with a forged or altered token is asked for the PIN.
        expires, mac = token.split(".")[1:]
        for forged in (f"v1.{int(expires) + 3600}.{mac}", f"v1.{expires}.{'0' * len(mac)}"):
            stranger.context.add_cookies([{"name": TOKEN_COOKIE, "value": forged, "url": access_app.url}])
            open_page(stranger, access_app.url + f"/zugang?workshop={SLUG}")
            expect(stranger.get_by_label(texts.PIN_LABEL)).to_be_visible()
            expect(stranger.get_by_text("Zugangscodes sind aktiv")).to_have_count(0)
    finally:
        context.close()
        stranger.context.close()
