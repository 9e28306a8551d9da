"""The whole workshop day in a real browser, as people do it (issue 11, acceptance 12).

A facilitator (1280×720, the projector's size) and three fellows (laptops at 1280×900, one on a 390 px
phone for the join) in separate browser contexts, a new workshop created beside the installed demo.
Three tests in order share one app and one story: the morning (workshop, codes, joins, personas, a
same-Kommune conflict, the reveal), the afternoon (presenter, Themenbörse, Programm, Themenrunde,
Mitnehmen) and the end (exports; every text typed by anyone is in the YAML files and the Dokumentation).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from browser_helpers import click_alone, open_page, serious_accessibility_problems, settle, wait_until
from conftest import DEMO, RunningApp
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from werkstatt import texts
from werkstatt.model import STAGES
from werkstatt.store import WorkshopFolder

PIN = "8642"
TITLE = "Fellowtag Frühjahr 2027"
SLUG = "fellowtag-fruehjahr-2027"
PLACE = "Tagungshaus Mühlenhof"
KOMMUNEN = {  # slug: name; the fourth Kommune sends nobody today
    "stadt-quellbach": "Stadt Quellbach",
    "gemeinde-tannwald": "Gemeinde Tannwald",
    "landkreis-ostermoor": "Landkreis Ostermoor",
    "stadt-weidenfels": "Stadt Weidenfels",
}
LAN = "http://192.168.1.20:8501"  # printed on the cards; no request ever goes there
MAIN = '[data-testid="stMain"]'


@dataclass
class Fellow:
    kommune: str
    page: Page
    persona: str = ""

    @property
    def name(self) -> str:
        return KOMMUNEN[self.kommune]


@dataclass
class Day:
    """What the story carries from one test to the next: the people, their codes and every text typed."""

    app: RunningApp
    browser: Browser
    contexts: list[BrowserContext] = field(default_factory=list)
    facilitator: Page | None = None
    fellows: dict[str, Fellow] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    typed: list[str] = field(default_factory=list)

    @property
    def folder(self) -> WorkshopFolder:
        return WorkshopFolder(self.app.personas_root / SLUG)

    def context(self, width: int, height: int) -> BrowserContext:
        context = self.browser.new_context(viewport={"width": width, "height": height}, locale="de-DE")
        self.contexts.append(context)
        return context

    def new_page(self, context: BrowserContext) -> Page:
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # the wizard asks before leaving unsaved text
        return page


@pytest.fixture(scope="module")
def whole_day(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("whole-day") / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    running = RunningApp(root, WERKSTATT_PIN=PIN)
    day = Day(running, browser)
    yield day
    for context in day.contexts:
        context.close()
    running.stop()


# --- small steps -------------------------------------------------------------------------------------------


def type_into(day: Day, field, text: str, confirm: str = "Tab") -> None:  # a Locator
    """Type as a person does (one click, then the keys) and remember the text for the final check."""
    field.click()
    field.fill(text)
    field.press(confirm)
    day.typed.append(text)
    settle(field.page)


def unlock(page: Page) -> None:
    page.get_by_label(texts.PIN_LABEL).fill(PIN)
    page.get_by_role("button", name=texts.PIN_SUBMIT).click()
    settle(page)
    expect(page.get_by_label(texts.PIN_LABEL)).to_have_count(0)


def workshop_line(page: Page):
    return page.get_by_text(texts.WORKSHOP_SHOWN.format(title=TITLE), exact=True)


def no_axe_problems(page: Page, where: str) -> None:
    problems = serious_accessibility_problems(page)
    assert problems == [], f"{where}: {problems}"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def create_workshop(day: Day) -> None:
    page = day.facilitator
    open_page(page, day.app.url + "/anlegen")
    unlock(page)
    type_into(day, page.get_by_label(texts.SETUP_WORKSHOP_TITLE, exact=True), TITLE)
    date = page.get_by_label(texts.SETUP_DATE, exact=True)
    date.get_by_role("spinbutton").first.click()  # day, month and year are segments of one field
    page.keyboard.type("14032027")
    page.keyboard.press("Tab")
    type_into(day, page.get_by_label(texts.SETUP_PLACE, exact=True), PLACE)
    settle(page)
    # An own topic in the free row after the six defaults
    page.get_by_label("Thema 7: Kurzname").click()
    page.keyboard.type("ehrenamt")
    page.keyboard.press("Tab")
    settle(page)
    page.get_by_label("Thema 7: Bezeichnung").click()
    page.keyboard.type("Ehrenamt und Vereine")
    page.keyboard.press("Tab")
    settle(page)
    for row, name in enumerate(KOMMUNEN.values(), start=1):
        field = page.get_by_label(f"Kommune {row}: Name")
        field.click()
        page.keyboard.type(name)
        page.keyboard.press("Tab")
        settle(page)
    expect(page.get_by_label("Kommune 5: Name")).to_be_visible()
    day.typed += ["Ehrenamt und Vereine", *KOMMUNEN.values()]
    no_axe_problems(page, "Workshop anlegen")
    page.get_by_role("button", name=texts.SETUP_CREATE).click()
    settle(page)
    expect(page.get_by_text(f"Workshop „{TITLE}“ ist angelegt.", exact=False)).to_be_visible(timeout=20_000)
    workshop = day.folder.workshop()
    assert workshop.title == TITLE and workshop.place == PLACE and str(workshop.date) == "2027-03-14"
    assert [k.name for k in workshop.kommunen] == list(KOMMUNEN.values())
    assert [k.slug for k in workshop.kommunen] == list(KOMMUNEN)
    assert workshop.topic_label("ehrenamt") == "Ehrenamt und Vereine"


def make_codes(day: Day) -> None:
    page = day.facilitator
    page.get_by_role("link", name=texts.NAV_ACCESS).last.click()
    settle(page)
    expect(workshop_line(page)).to_be_visible()
    assert f"workshop={SLUG}" in page.url
    expect(page.get_by_text(texts.ACCESS_NONE)).to_be_visible()
    address = page.get_by_role("textbox", name=texts.ACCESS_ADDRESS)
    address.fill(LAN)
    address.press("Enter")
    settle(page)
    page.get_by_role("button", name=texts.ACCESS_GENERATE).click()
    settle(page)
    expect(page.get_by_text(texts.ACCESS_ACTIVE.format(count=4))).to_be_visible()
    table = page.locator("table.pw-codes")
    expect(table).to_be_visible()
    for slug, name in KOMMUNEN.items():
        row = table.locator("tr").filter(has=page.get_by_role("rowheader", name=name, exact=True))
        code = row.locator(".pw-code").inner_text().strip()
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
        link = row.locator("td").nth(1).inner_text().strip()
        assert link.startswith(LAN) and f"workshop={SLUG}" in link and code in link, link
        day.codes[slug], day.links[slug] = code, link
    assert len(set(day.codes.values())) == 4
    no_axe_problems(page, "Zugang")


def join_by_link(day: Day, kommune: str) -> Fellow:
    page = day.new_page(day.context(1280, 900))
    # The card's link names the LAN address; the same path and query on this test's server.
    open_page(page, day.app.url + "/" + day.links[kommune].removeprefix(LAN).lstrip("/"))
    return landed(day, Fellow(kommune, page))


def join_by_typing(day: Day, kommune: str, width: int, height: int) -> Fellow:
    page = day.new_page(day.context(width, height))
    open_page(page, day.app.url)
    field = page.get_by_label(texts.JOIN_CODE)
    expect(field).to_be_visible()
    box = field.bounding_box()
    assert box["y"] + box["height"] <= height, "the code field is the first thing on the start page"
    expect(page.get_by_role("combobox")).to_have_count(0)  # no list of workshops or Kommunen
    field.fill(day.codes[kommune].lower().replace("-", " "))  # as people type what is on the card
    page.get_by_role("button", name=texts.JOIN_SUBMIT).click()
    settle(page)
    return landed(day, Fellow(kommune, page))


def landed(day: Day, fellow: Fellow) -> Fellow:
    """In the new workshop, on the own persona, with nothing of the demo or another Kommune."""
    page = fellow.page
    expect(page.get_by_role("heading", name=f"{texts.WIZ_PAGE_TITLE}: {fellow.name}")).to_be_visible()
    expect(workshop_line(page)).to_be_visible()
    assert f"workshop={SLUG}" in page.url, page.url
    body = page.locator("body").inner_text()
    assert "Demo" not in body
    assert not [n for s, n in KOMMUNEN.items() if s != fellow.kommune and n in body]
    expect(page.get_by_role("combobox", name=texts.START_KOMMUNE)).to_have_count(0)
    day.fellows[fellow.kommune] = fellow
    return fellow


def next_step(page: Page) -> None:
    """Weiter, then wait for the next step itself: the page may not have begun its rerun when the click returns."""
    current = page.get_by_role("radio", checked=True).first.get_attribute("value")
    page.get_by_role("button", name=texts.WIZ_NEXT).click()
    expect(page.get_by_role("radio", name=re.compile(rf"^{int(current) + 2}\. "))).to_be_checked(timeout=15_000)
    settle(page)


def go_to_step(page: Page, step: str) -> None:
    page.get_by_role("radio", name=step, exact=True).check(force=True)
    expect(page.get_by_role("radio", name=step, exact=True)).to_be_checked(timeout=15_000)
    settle(page)


def open_list(page: Page, box, option: str):  # Locators
    """Open a select box's list and return the option; a click that only focused the box is helped by a key."""
    choice = page.get_by_role("option", name=option, exact=True)
    for attempt in range(4):
        box.click() if attempt % 2 == 0 else box.press("ArrowDown")
        try:
            choice.wait_for(timeout=3_000)
            return choice
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            settle(page)
    return choice


def choose(page: Page, label: str, option: str) -> None:
    """Pick one option of a select box and wait until the box shows it (a click during a rerun can be lost)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    for _ in range(3):
        open_list(page, box, option).click()
        settle(page)
        if box.input_value() == option:
            return
    expect(box).to_have_value(option)


def choose_topic(page: Page, label: str, topic: str) -> None:
    """One topic in a multiselect (the step shows one entry list with one such field per entry)."""
    chip = page.get_by_role("button", name=f"{topic} entfernen")
    for _ in range(3):
        open_list(page, page.get_by_role("combobox", name=label, exact=True), topic).click()
        page.keyboard.press("Escape")
        settle(page)
        if chip.count():
            break
    expect(chip).to_be_visible()


def fill_entry(day: Day, page: Page, singular: str, number: int, text: str, topic: str) -> None:
    if page.get_by_label(f"{singular} {number}", exact=True).count() == 0:
        page.get_by_role("button", name=f"{singular} hinzufügen").click()
        settle(page)
    type_into(day, page.get_by_label(f"{singular} {number}", exact=True), text, confirm="Control+Enter")
    settle(page)
    choose_topic(page, f"Themen zu {singular} {number}", topic)


def write_persona(day: Day, fellow: Fellow, name: str, words: dict[str, str]) -> None:
    """Name, quote, story, one stage, an obstacle with a topic, a success, a driver – and save."""
    page = fellow.page
    fellow.persona = name
    type_into(day, page.get_by_role("textbox", name=texts.WIZ_NAME, exact=True), name)
    type_into(day, page.get_by_role("textbox", name=texts.WIZ_ROLE, exact=True), words["role"])
    settle(page)
    next_step(page)
    type_into(day, page.get_by_role("textbox", name=texts.WIZ_QUOTE, exact=True), words["quote"], confirm="Enter")
    settle(page)
    type_into(
        day, page.get_by_role("textbox", name=texts.WIZ_STORY, exact=True), words["story"], confirm="Control+Enter"
    )
    settle(page)
    next_step(page)
    choose(page, texts.WIZ_STAGE.format(topic="Beteiligung in der Kinder- und Jugendhilfe"), f"2 – {STAGES[2]}")
    type_into(
        day,
        page.get_by_label(texts.WIZ_NOTE.format(topic="Beteiligung in der Kinder- und Jugendhilfe")),
        words["note"],
        confirm="Enter",
    )
    settle(page)
    next_step(page)
    fill_entry(day, page, "Stolperstein", 1, words["obstacle"], "Beteiligung in der Kinder- und Jugendhilfe")
    next_step(page)
    fill_entry(day, page, "Erfolg", 1, words["success"], "Kooperation und Vernetzung")
    next_step(page)
    fill_entry(day, page, "Antrieb", 1, words["driver"], "Ehrenamt und Vereine")
    click_alone(page.get_by_role("button", name=texts.WIZ_SAVE))
    settle(page)
    expect(page.get_by_text(re.compile(r"Alle Änderungen sind gespeichert \(Stand \d+"))).to_be_visible()


PERSONAS = {
    "stadt-quellbach": (
        "Greta Lindqvist",
        {
            "role": "Jugendhilfeplanerin in Teilzeit",
            "quote": "Wir planen für Jugendliche, aber selten mit ihnen",
            "story": "Greta plant seit vier Jahren allein. Der Jugendhilfeausschuss fragt nach Zahlen, die es "
            "nicht gibt. Beteiligung geschieht einmal im Jahr auf dem Stadtfest.",
            "note": "Stadtfest-Befragung jedes Frühjahr",
            "obstacle": "Beteiligungsformate enden nach dem Modellprojekt ohne Anschluss",
            "success": "Runder Tisch mit den freien Trägern trifft sich verlässlich",
            "driver": "Sportvereine wollen Jugendräume mitgestalten",
        },
    ),
    "gemeinde-tannwald": (
        "Ole Brandtner",
        {
            "role": "Sachgebietsleiter Jugend und Soziales",
            "quote": "Bei uns kennt jeder jeden, nur die Jugendlichen kennt keiner",
            "story": "Ole verantwortet Kita, Schule und Jugend zugleich. Die Gemeinde hat keinen eigenen "
            "Jugendpfleger mehr, seit die Kreisumlage gestiegen ist.",
            "note": "Jugendforum ruht seit zwei Jahren",
            "obstacle": "Niemand hat Zeit, Rückmeldungen an die Jugendlichen zu schreiben",
            "success": "Ferienpass gemeinsam mit drei Nachbargemeinden",
            "driver": "Freiwillige Feuerwehr bietet ihre Räume an",
        },
    ),
    "landkreis-ostermoor": (
        "Ivana Sommerfeld",
        {
            "role": "Koordinatorin Jugendhilfeplanung im Kreisjugendamt",
            "quote": "Die Daten liegen in zwölf Schubladen",
            "story": "Ivana koordiniert zwölf Gemeinden mit eigenen Zuständigkeiten. Der Kreistag erwartet einen "
            "Teilplan Beteiligung bis zum Herbst.",
            "note": "Kreisjugendring befragt Schulen",
            "obstacle": "Gemeinden melden Angebote in unterschiedlichen Tabellen",
            "success": "Sozialraumkonferenzen in allen vier Regionen",
            "driver": "Landesförderung für Beteiligungsstrukturen ab Januar",
        },
    ),
}


# --- the story ---------------------------------------------------------------------------------------------


def test_morning_workshop_codes_joins_personas_conflict_and_reveal(whole_day: Day) -> None:
    day = whole_day
    day.facilitator = day.new_page(day.context(1280, 720))

    # 1. The facilitator creates the workshop beside the demo.
    create_workshop(day)
    # 2. … and makes codes for the cards, with the address the room's laptops can reach.
    make_codes(day)

    # 3. Fellow A by the card's link, B on a phone and C on a laptop by typing the code.
    a = join_by_link(day, "stadt-quellbach")
    b = join_by_typing(day, "gemeinde-tannwald", 390, 844)
    no_axe_problems(b.page, "wizard on a phone")
    b.page.set_viewport_size({"width": 1280, "height": 900})  # B writes on the laptop beside the phone
    c = join_by_typing(day, "landkreis-ostermoor", 1280, 900)

    # 4. Each fellow writes a persona.
    for fellow in (a, b, c):
        name, words = PERSONAS[fellow.kommune]
        write_persona(day, fellow, name, words)
        saved = day.folder.persona(fellow.kommune).persona
        assert saved.profile.name == name and saved.profile.quote == words["quote"]

    # 5. Two laptops of Quellbach at once: one edits obstacle 1, the other adds an obstacle and saves first.
    second = join_by_link(day, "stadt-quellbach").page  # the same card, a second laptop
    day.fellows["stadt-quellbach"] = a  # the first laptop stays Quellbach's fellow for the day
    go_to_step(second, "4. Stolpersteine")
    edited = "Beteiligungsformate enden nach dem Modellprojekt, weil keine Stelle sie weiterführt"
    type_into(day, second.get_by_label("Stolperstein 1", exact=True), edited, confirm="Control+Enter")
    day.typed.remove(PERSONAS["stadt-quellbach"][1]["obstacle"])  # replaced on purpose: not expected at the end
    settle(second)
    expect(second.get_by_text(texts.WIZ_UNSAVED)).to_be_visible()

    go_to_step(a.page, "4. Stolpersteine")
    added = "Der Jugendhilfeausschuss tagt nur viermal im Jahr"
    fill_entry(day, a.page, "Stolperstein", 2, added, "Personal und Ressourcen")
    click_alone(a.page.get_by_role("button", name=texts.WIZ_SAVE))
    settle(a.page)
    expect(a.page.get_by_text(re.compile(r"Alle Änderungen sind gespeichert"))).to_be_visible()
    revision = day.folder.persona("stadt-quellbach").persona.revision
    # The second laptop learns of it while typing (the status line checks every 3 s).
    expect(second.get_by_text(f"neuere Fassung gespeichert (Stand {revision}", exact=False)).to_be_visible(
        timeout=15_000
    )
    click_alone(second.get_by_role("button", name=texts.WIZ_SAVE))
    settle(second)
    expect(second.get_by_text(texts.WIZ_CONFLICT_TITLE)).to_be_visible()
    second.get_by_role("button", name=texts.WIZ_CONFLICT_MERGE).click()
    settle(second)
    expect(second.get_by_text(texts.WIZ_CONFLICT_TITLE)).to_have_count(0)
    expect(second.get_by_text(re.compile(r"Alle Änderungen sind gespeichert"))).to_be_visible()
    merged = yaml.safe_load((day.folder.path / "stadt-quellbach.yaml").read_text("utf-8"))
    assert [o["text"] for o in merged["obstacles"]] == [edited, added]
    assert merged["revision"] == revision + 1
    # … and the first laptop learns of the merged version instead of saying „gespeichert“.
    expect(a.page.get_by_text(f"neuere Fassung gespeichert (Stand {revision + 1}", exact=False)).to_be_visible(
        timeout=15_000
    )
    a.page.get_by_role("button", name=texts.WIZ_NEWER_LOAD).click()
    expect(a.page.get_by_text(f"Alle Änderungen sind gespeichert (Stand {revision + 1},", exact=False)).to_be_visible()
    settle(a.page)
    expect(a.page.get_by_label("Stolperstein 1", exact=True)).to_have_count(1)
    expect(a.page.get_by_label("Stolperstein 1", exact=True)).to_have_value(edited)
    expect(a.page.get_by_label("Stolperstein 2", exact=True)).to_have_value(added)
    second.context.close()
    day.contexts.remove(second.context)

    # 6. Before the reveal Tannwald sees only its own persona; after it, the others without a reload.
    overview = b.page
    overview.get_by_role("link", name=texts.NAV_OVERVIEW, exact=True).click()
    settle(overview)
    expect(overview.get_by_text(texts.JOIN_NOT_REVEALED)).to_be_visible()
    expect(workshop_line(overview)).to_be_visible()
    body = overview.locator("body").inner_text()
    for fellow in (a, c):
        assert fellow.persona not in body and fellow.name not in body
    # Its help button speaks German too (Streamlit labels it "Help for …").
    expect(day.facilitator.get_by_role("button", name=f"Hilfe zu {texts.ACCESS_REVEAL}")).to_be_visible()
    reveal = day.facilitator.get_by_role("switch", name=texts.ACCESS_REVEAL)
    reveal.check(force=True)
    settle(day.facilitator)
    assert wait_until(lambda: day.folder.access()["revealed"])
    for fellow in (a, c):
        expect(overview.get_by_text(fellow.persona).first).to_be_visible(timeout=15_000)
    expect(overview.get_by_text(texts.JOIN_NOT_REVEALED)).to_have_count(0)
    no_axe_problems(overview, "Alle Personas after the reveal")


def navigate(page: Page, title: str) -> None:
    """A click in the sidebar: the session (and so the join or the unlock) stays."""
    page.get_by_role("link", name=title, exact=True).click()
    settle(page)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    settle(page)


def slide_footer(page: Page) -> str:
    footer = page.locator(".st-key-pw-projector-footer")
    expect(footer).to_be_visible()
    return footer.inner_text()


def press_and_wait_for_new_slide(page: Page, key: str) -> str:
    before = slide_footer(page)
    page.keyboard.press(key)
    page.wait_for_function(
        "before => { const f = document.querySelector('.st-key-pw-projector-footer');"
        " return f && f.innerText !== before; }",
        arg=before,
        timeout=15_000,
    )
    settle(page)
    return slide_footer(page)


def add_idea(day: Day, fellow: Fellow, title: str, description: str) -> None:
    page = fellow.page
    type_into(day, page.get_by_label(texts.MARKET_FIELD_TITLE, exact=True), title)
    type_into(day, page.get_by_label(texts.MARKET_FIELD_DESCRIPTION, exact=True), description, confirm="Control+Enter")
    expect(page.get_by_text(texts.MARKET_SUBMITTED.format(title=title))).to_be_visible()


def idea_card(page: Page, title: str):
    """The bordered card of one idea in the list (the innermost container holding its title)."""
    return (
        page.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]')
        .filter(has=page.get_by_text(title, exact=True))
        .filter(has=page.get_by_role("button", name=texts.MARKET_VOTE))
        .last
    )


def test_afternoon_presenter_market_programme_board_and_takeaways(whole_day: Day) -> None:
    day = whole_day
    assert day.facilitator is not None and len(day.fellows) == 3, "runs after the morning"
    a, b, c = (day.fellows[k] for k in ("stadt-quellbach", "gemeinde-tannwald", "landkreis-ostermoor"))
    facilitator = day.facilitator

    # 7. The presenter in a new tab of the facilitator's browser: no PIN asked, the same workshop.
    present = day.new_page(facilitator.context)
    open_page(present, day.app.url + "/praesentation")
    expect(present.get_by_label(texts.PIN_LABEL)).to_have_count(0)
    assert f"workshop={SLUG}" in present.url
    first = slide_footer(present)
    assert TITLE in first
    expect(present.locator(MAIN)).to_contain_text(a.persona)
    seen = [first]
    for _ in range(8):  # PageDown (a clicker) until the next persona is on the screen
        seen.append(press_and_wait_for_new_slide(present, "PageDown"))
        if b.persona in present.locator(MAIN).inner_text():
            break
    expect(present.locator(MAIN)).to_contain_text(b.persona)
    assert len(set(seen)) == len(seen), seen  # every key press showed another slide
    assert press_and_wait_for_new_slide(present, "ArrowLeft") == seen[-2]
    assert press_and_wait_for_new_slide(present, "ArrowRight") == seen[-1]
    no_axe_problems(present, "Präsentation")
    present.close()

    # 8. Themenbörse: two fellows bring ideas, the others see them; dots, a fourth one refused.
    for fellow in (a, b, c):
        navigate(fellow.page, texts.NAV_MARKET)
        expect(workshop_line(fellow.page)).to_be_visible()
    idea_a = (
        "Beteiligung nach dem Modellprojekt verstetigen",
        "Wie bleibt ein Jugendbeirat, wenn die Förderung endet?",
    )
    idea_b = ("Jugendbeteiligung dauerhaft sichern", "Rückmeldungen an Jugendliche ohne eigene Stelle organisieren.")
    add_idea(day, a, *idea_a)
    add_idea(day, b, *idea_b)
    expect(c.page.get_by_text(idea_a[0], exact=True)).to_be_visible(timeout=10_000)
    expect(c.page.get_by_text(idea_b[0], exact=True)).to_be_visible(timeout=10_000)
    vote = idea_card(c.page, idea_a[0]).get_by_role("button", name=texts.MARKET_VOTE)
    for left in (2, 1, 0):
        vote.click()
        settle(c.page)
        expect(c.page.get_by_text(f"{c.name} hat noch {left} von 3 Punkten.")).to_be_visible()
    expect(vote).to_be_disabled()  # the fourth dot is refused
    expect(idea_card(c.page, idea_b[0]).get_by_role("button", name=texts.MARKET_VOTE)).to_be_disabled()
    idea_card(a.page, idea_b[0]).get_by_role("button", name=texts.MARKET_VOTE).click()
    settle(a.page)
    expect(a.page.get_by_text(f"{a.name} hat noch 2 von 3 Punkten.")).to_be_visible()
    market = day.folder.market()
    assert {i.title: i.votes for i in market.ideas} == {
        idea_a[0]: {"landkreis-ostermoor": 3},
        idea_b[0]: {"stadt-quellbach": 1},
    }
    no_axe_problems(c.page, "Themenbörse (fellow)")

    # The facilitator merges B's idea into A's (B's description kept) and takes A's into the programme.
    navigate(facilitator, texts.NAV_MARKET)
    facilitator.get_by_text(texts.MARKET_FACILITATION).click()
    settle(facilitator)
    choose(facilitator, texts.MARKET_MERGE_SOURCE, f"{idea_b[0]} (1)")
    choose(facilitator, texts.MARKET_MERGE_TARGET, f"{idea_a[0]} (3)")
    facilitator.get_by_role("button", name=texts.MARKET_MERGE).click()
    settle(facilitator)
    expect(facilitator.get_by_text(texts.MARKET_MERGED)).to_be_visible()
    merged = next(i for i in day.folder.market().ideas if i.title == idea_a[0])
    assert idea_a[1] in merged.description and idea_b[1] in merged.description
    assert merged.dots == 4
    choose(facilitator, texts.DOC_COL_IDEA, f"{idea_a[0]} (4)")
    choose(facilitator, texts.MARKET_MARK, "aufgenommen")
    facilitator.get_by_role("button", name=texts.MARKET_MARK_SAVE).click()
    settle(facilitator)
    assert wait_until(lambda: day.folder.market().ideas[0].status == "aufgenommen")
    expect(b.page.get_by_text(texts.MARKET_MERGED_INTO.format(title=idea_a[0]))).to_be_visible(timeout=10_000)

    # 9. Programm: a block typed as people type times, a round from the idea.
    navigate(facilitator, texts.NAV_AGENDA)
    expect(workshop_line(facilitator)).to_be_visible()
    facilitator.get_by_label(texts.AGENDA_START).fill("9.30")
    facilitator.get_by_label(texts.AGENDA_END).fill("10.45")
    block = "Themenrunden am Vormittag"
    type_into(day, facilitator.get_by_label(texts.AGENDA_SLOT_TITLE), block, confirm="Enter")
    expect(facilitator.get_by_text(f"09:30–10:45 · {block}").first).to_be_visible()
    choose(facilitator, texts.AGENDA_GROUP_IDEA, f"{idea_a[0]} (aufgenommen, 4)")
    type_into(day, facilitator.get_by_label(texts.AGENDA_GROUP_ROOM, exact=True), "Saal Mühlrad")
    facilitator.get_by_role("button", name=texts.AGENDA_GROUP_SUBMIT).click()
    settle(facilitator)
    expect(facilitator.get_by_role("link", name=texts.AGENDA_OPEN_BOARD)).to_be_visible()
    agenda = day.folder.agenda()
    assert [(s.start, s.end, s.title) for s in agenda.slots] == [("09:30", "10:45", block)]
    assert [g.title for g in agenda.slots[0].groups] == [idea_a[0]]
    round_id = agenda.slots[0].groups[0].id
    no_axe_problems(facilitator, "Programm")

    # 10. Themenrunde: two fellows write at the same moment; the facilitator edits one entry and moves one.
    entry_a = "In Quellbach fehlt nach dem Modellprojekt eine Ansprechperson"
    entry_b = "Tannwald: Rückmeldungen schreibt jetzt der Jugendring"
    for fellow, question, words in ((a, 1, entry_a), (b, 2, entry_b)):
        navigate(fellow.page, texts.NAV_BOARD)
        expect(fellow.page.locator(".pw-board")).to_contain_text(idea_a[0])
        radio = fellow.page.get_by_role("radio", name=re.compile(rf"^{question}\. "))
        for _ in range(3):  # a click during the page's first rerun can be lost: until the choice shows
            radio.check(force=True)
            settle(fellow.page)
            if radio.is_checked():
                break
        fellow.page.get_by_label(texts.BOARD_TEXT, exact=True).fill(words)
        day.typed.append(words)
    for fellow in (a, b):  # both at once: a click does not wait for the server's answer
        fellow.page.get_by_role("button", name=texts.BOARD_SUBMIT).click(no_wait_after=True)
    for fellow in (a, b):
        expect(fellow.page.get_by_text(texts.BOARD_ADDED)).to_be_visible()
    assert wait_until(lambda: {e.text for e in day.folder.board(round_id).entries} >= {entry_a, entry_b})
    written = {(e.text, e.question, e.kommune) for e in day.folder.board(round_id).entries if not e.source}
    assert written == {(entry_a, 1, "stadt-quellbach"), (entry_b, 2, "gemeinde-tannwald")}
    no_axe_problems(b.page, "Themenrunde (fellow)")

    navigate(facilitator, texts.NAV_BOARD)
    facilitator.get_by_text(texts.BOARD_EDIT_MODE).click()
    settle(facilitator)
    edited_entry = "In Quellbach fehlt nach dem Modellprojekt eine feste Ansprechperson im Jugendamt"
    card = facilitator.locator('[data-testid="stHorizontalBlock"]').filter(has_text=entry_a).last
    card.get_by_role("button", name=texts.BOARD_EDIT).click()
    editor = facilitator.get_by_label(texts.BOARD_EDIT_TEXT).locator("visible=true")
    expect(editor).to_have_value(entry_a)  # the field opens with the entry's words
    editor.fill(edited_entry)
    day.typed[day.typed.index(entry_a)] = edited_entry  # the fellow's words, corrected on purpose
    facilitator.get_by_role("button", name=texts.BOARD_EDIT_SAVE).locator("visible=true").click()
    settle(facilitator)
    assert wait_until(lambda: edited_entry in {e.text for e in day.folder.board(round_id).entries})
    card = facilitator.locator('[data-testid="stHorizontalBlock"]').filter(has_text=entry_b).last
    card.get_by_role("button", name=texts.BOARD_EDIT).click()
    expect(facilitator.get_by_label(texts.BOARD_EDIT_TEXT).locator("visible=true")).to_have_value(entry_b)
    facilitator.get_by_label(texts.BOARD_MOVE_TO).locator("visible=true").click()
    facilitator.get_by_role("option", name=re.compile(r"^4\. ")).click()
    facilitator.get_by_role("button", name=texts.BOARD_EDIT_SAVE).locator("visible=true").click()
    settle(facilitator)
    expect(facilitator.get_by_text("Bitte einen Text")).to_have_count(0)
    assert wait_until(lambda: [e.question for e in day.folder.board(round_id).entries if e.text == entry_b] == [4])
    board_texts = [e.text for e in day.folder.board(round_id).entries]
    assert entry_a not in board_texts and board_texts.count(edited_entry) == 1

    # 11. Mitnehmen: each fellow notes what to try and whom to call.
    takeaways = {
        a.kommune: ("Feste Ansprechperson nach dem Vorbild von Tannwald", "Gespräch mit der Amtsleitung", b.name),
        b.kommune: ("Jugendring für Rückmeldungen gewinnen", "Anruf beim Kreisjugendring", c.name),
        c.kommune: ("Einheitliche Angebotstabelle für alle Gemeinden", "Vorlage im Kreistag", a.name),
    }
    for fellow in (a, b, c):
        what, step, contact = takeaways[fellow.kommune]
        page = fellow.page
        navigate(page, texts.NAV_TAKEAWAYS)
        expect(workshop_line(page)).to_be_visible()
        page.get_by_label(texts.TAKEAWAYS_TEXT).last.fill(what)
        page.get_by_label(texts.TAKEAWAYS_NEXT).last.fill(step)
        day.typed += [what, step]
        page.get_by_label(texts.TAKEAWAYS_CONTACTS).last.click()
        page.get_by_role("option", name=contact, exact=True).click()
        page.keyboard.press("Escape")
        page.get_by_role("button", name=texts.TAKEAWAYS_ADD).last.click()
        settle(page)
        expect(page.get_by_text(texts.TAKEAWAYS_SAVED)).to_be_visible()
        expect(page.get_by_label(texts.TAKEAWAYS_TEXT).last).to_have_value("")
    no_axe_problems(c.page, "Mitnehmen")
    saved = {
        k: [(t.text, t.next_step, t.contacts) for t in items] for k, items in day.folder.takeaways().kommunen.items()
    }
    assert saved == {k: [(w, s, [slug_of(n)])] for k, (w, s, n) in takeaways.items()}


def slug_of(name: str) -> str:
    return next(slug for slug, n in KOMMUNEN.items() if n == name)


NAMES_OF_PEOPLE = [n for name, _ in PERSONAS.values() for n in (name, *name.split())]
NAMES_OF_KOMMUNEN = [n for name in KOMMUNEN.values() for n in (name, name.split()[-1])]


def squeeze(text: str) -> str:
    """Text compared without white space, hyphens or soft hyphens: PDF lines break and hyphenate anywhere."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def strings_in(value) -> list[str]:  # parsed YAML
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def texts_of(member: str, data: bytes, tmp: Path) -> list[str]:
    """What a person could read in one file of the ZIP: its bytes as text, a PDF's text, a workbook's sheets."""
    found = [data.decode("utf-8", "replace")]
    if member.endswith(".pdf"):
        path = tmp / "member.pdf"
        path.write_bytes(data)
        found.append(pdf_text(path))
        found.append(subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout)
    if member.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            found += [book.read(name).decode("utf-8", "replace") for name in book.namelist()]
    return found


def download(page: Page, name: str, tmp: Path) -> Path:
    button = page.get_by_role("button", name=re.compile(rf"^{re.escape(name)} herunterladen"))
    with page.expect_download(timeout=60_000) as info:
        button.click()
    target = tmp / name
    info.value.save_as(target)
    return target


def test_end_exports_and_nothing_typed_is_missing(whole_day: Day, tmp_path: Path) -> None:
    day = whole_day
    assert day.facilitator is not None and len(day.typed) > 30, "runs after the morning and the afternoon"
    facilitator = day.facilitator

    # 12. Everything exported, named and then pseudonymised: two ZIPs with their own names.
    navigate(facilitator, texts.NAV_EXPORT)
    expect(workshop_line(facilitator)).to_be_visible()
    facilitator.get_by_role("button", name=texts.EXPORT_ALL).click()
    settle(facilitator)
    named_zip = f"Persona-Werkstatt-{SLUG}.zip"
    expect(facilitator.get_by_role("button", name=re.compile(rf"^{re.escape(named_zip)} herunterladen"))).to_be_visible(
        timeout=240_000
    )
    named = download(facilitator, named_zip, tmp_path)
    facilitator.get_by_label(texts.EXPORT_ANONYMOUS).check(force=True)
    settle(facilitator)
    facilitator.get_by_role("button", name=texts.EXPORT_ALL).click()
    settle(facilitator)
    anonymous_button = facilitator.get_by_role(
        "button", name=re.compile(r"^Persona-Werkstatt-.*-anonym\.zip herunterladen")
    )
    expect(anonymous_button).to_be_visible(timeout=240_000)
    anonymous_name = re.search(r"(Persona-Werkstatt-\S+-anonym\.zip)", anonymous_button.inner_text()).group(1)
    assert anonymous_name != named_zip
    anonymous = download(facilitator, anonymous_name, tmp_path)
    assert zipfile.is_zipfile(named) and named.stat().st_size > 0  # the named ZIP was not overwritten
    no_axe_problems(facilitator, "Export")

    with zipfile.ZipFile(anonymous) as archive:
        members = archive.namelist()
        assert any(m.endswith(".pdf") for m in members), members
        leaks = []
        for member in members:
            for text in [member, *texts_of(member, archive.read(member), tmp_path)]:
                lowered = text.lower()
                leaks += [(member, n) for n in NAMES_OF_PEOPLE + NAMES_OF_KOMMUNEN if n.lower() in lowered]
        assert not leaks, sorted(set(leaks))[:10]

    # 13. Every text anyone typed today is in the files and in the Dokumentation.
    on_disk = []
    for path in day.folder.path.rglob("*.yaml"):
        if ".entwuerfe" not in path.parts and ".verlauf" not in path.parts:
            on_disk += strings_in(yaml.safe_load(path.read_text("utf-8")))
    missing_in_files = [t for t in day.typed if not any(t in s for s in on_disk)]
    assert not missing_in_files, missing_in_files
    with zipfile.ZipFile(named) as archive:
        documentation = next(m for m in archive.namelist() if m.endswith("Dokumentation.pdf"))
        (tmp_path / "Dokumentation.pdf").write_bytes(archive.read(documentation))
    # Read in layout order and in drawing order: where a short line stands beside another block (a persona's role
    # beside the portrait), pdftotext's layout order can interleave the two, depending on how long the neighbour
    # is (a revision number, a time). A text counts as printed when it reads in one piece in either order.
    pdf = tmp_path / "Dokumentation.pdf"
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    printed = squeeze(pdf_text(pdf)) + "\n" + squeeze(raw)
    missing_in_print = [t for t in day.typed if squeeze(t) not in printed]
    assert not missing_in_print, missing_in_print
