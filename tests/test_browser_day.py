"""The afternoon in a real browser: three fellows vote and write on the board while the facilitator watches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser_helpers import open_page, serious_accessibility_problems, settle, wait_until
from conftest import DEMO, RunningApp
from playwright.sync_api import Page, expect

from werkstatt import day
from werkstatt.store import WorkshopFolder

CODES = {"lindenau": "ABCD-EFGH", "neustrand": "JKMN-PQRS", "rheinfurt": "TUVW-XY23"}
PIN = "2468"


@pytest.fixture(scope="module")
def day_app(tmp_path_factory):
    """The demo workshop with an empty day, join codes for three Kommunen and a facilitator PIN."""
    root = tmp_path_factory.mktemp("day") / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    shutil.rmtree(root / "fellowtag-demo" / day.DAY_DIR)
    folder = WorkshopFolder(root / "fellowtag-demo")
    folder.set_codes(CODES)
    folder.set_revealed(True)
    running = RunningApp(root, WERKSTATT_PIN=PIN)
    yield running
    running.stop()


def fellow_page(browser, app: RunningApp, kommune: str, path: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE").new_page()
    open_page(page, f"{app.url}/{path}?workshop=fellowtag-demo&code={CODES[kommune]}")
    return page


def unlock(page: Page) -> None:
    page.get_by_label("Moderations-PIN").fill(PIN)
    page.get_by_role("button", name="Entsperren").click()
    settle(page)


def test_three_fellows_vote_and_fill_the_board_while_the_facilitator_watches(day_app, browser) -> None:
    folder = WorkshopFolder(day_app.personas_root / "fellowtag-demo")
    lindenau = fellow_page(browser, day_app, "lindenau", "themenboerse")
    neustrand = fellow_page(browser, day_app, "neustrand", "themenboerse")
    rheinfurt = fellow_page(browser, day_app, "rheinfurt", "themenboerse")
    facilitator = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="de-DE").new_page()
    try:
        # Lindenau brings an idea, the others see it without reloading.
        expect(lindenau.get_by_text("Sie machen mit für Stadt Lindenau.")).to_be_visible()
        lindenau.get_by_label("Titel der Idee").fill("Beteiligung verstetigen <b>sofort</b>")
        lindenau.get_by_label("Kurze Beschreibung (worum geht es, was möchten Sie wissen?)").fill(
            "Aus der Umfrage eine feste Struktur machen."
        )
        lindenau.get_by_role("button", name="Idee einreichen").click()
        settle(lindenau)
        expect(
            lindenau.get_by_text("Ihre Idee „Beteiligung verstetigen <b>sofort</b>“ steht in der Börse.")
        ).to_be_visible()
        assert serious_accessibility_problems(lindenau) == []
        expect(neustrand.get_by_text("Beteiligung verstetigen <b>sofort</b>")).to_be_visible(timeout=8_000)

        # The facilitator watches the market.
        open_page(facilitator, f"{day_app.url}/themenboerse?workshop=fellowtag-demo")
        facilitator.get_by_text("Moderation: Punkte, Markieren, Zusammenlegen").click()  # the PIN form
        unlock(facilitator)
        expect(facilitator.get_by_text("0 Punkte")).to_be_visible()

        # Neustrand puts all three dots on it and supports it; Rheinfurt puts one.
        vote = neustrand.get_by_role("button", name="Punkt setzen")
        for left in (2, 1, 0):  # one click at a time, as people click: each dot shows before the next
            vote.click()
            settle(neustrand)
            expect(neustrand.get_by_text(f"Stadt Neustrand hat noch {left} von 3 Punkten.")).to_be_visible()
        expect(vote).to_be_disabled()
        neustrand.get_by_role("button", name="Betrifft uns auch").click()
        rheinfurt.get_by_role("button", name="Punkt setzen").click()
        settle(rheinfurt)
        expect(rheinfurt.get_by_text("Stadt Rheinfurt hat noch 2 von 3 Punkten.")).to_be_visible()
        expect(facilitator.get_by_text("4 Punkte")).to_be_visible(timeout=8_000)
        expect(facilitator.get_by_text("Betrifft auch: Stadt Neustrand")).to_be_visible(timeout=8_000)
        assert folder.market().ideas[0].votes == {"neustrand": 3, "rheinfurt": 1}

        # The facilitator takes it into the programme: a slot, a group from the idea, presented by Neustrand.
        facilitator.get_by_role("link", name="Programm").click()  # in the same session: the PIN holds
        settle(facilitator)
        facilitator.get_by_label("Beginn (Uhrzeit)").fill("11.15")  # as people type times
        facilitator.get_by_label("Ende (Uhrzeit)").fill("1230")
        facilitator.get_by_label("Bezeichnung (z. B. Themenrunde 1, Mittagspause)").fill("Themenrunden 1")
        facilitator.get_by_role("button", name="Zeitblock anlegen").click()
        settle(facilitator)
        expect(facilitator.get_by_text("11:15–12:30 · Themenrunden 1").first).to_be_visible()
        facilitator.get_by_label("Aus der Themenbörse").click()
        facilitator.get_by_role("option", name="Beteiligung verstetigen").click()
        facilitator.get_by_label("Raum", exact=True).fill("Elbe")
        facilitator.get_by_role("button", name="Runde anlegen").click()
        settle(facilitator)
        expect(facilitator.get_by_role("link", name="Zur Themenrunde")).to_be_visible()
        assert serious_accessibility_problems(facilitator) == []

        # The projector shows the board; column 1 already holds the matching persona obstacles.
        facilitator.get_by_role("link", name="Zur Themenrunde").click()
        settle(facilitator)
        facilitator.get_by_text("Projektor-Ansicht", exact=True).click()
        settle(facilitator)
        board = facilitator.locator(".pw-board")
        expect(board).to_be_visible()
        expect(board).to_contain_text("Beteiligung bleibt bei einer einmaligen Jugendumfrage stehen")
        assert serious_accessibility_problems(facilitator) == []

        # Two fellows write from their laptops; the projector shows it within seconds.
        open_page(neustrand, f"{day_app.url}/themenrunde?workshop=fellowtag-demo&code={CODES['neustrand']}")
        neustrand.get_by_role("radio", name="2. Wie wurde es in anderen Kommunen bereits gelöst?").check(force=True)
        neustrand.get_by_label("Ihr Beitrag").fill("Jugendforum mit eigenem Budget seit 2023.")
        neustrand.get_by_role("button", name="Beitrag hinzufügen").click()
        settle(neustrand)
        expect(neustrand.get_by_text("Ihr Beitrag steht auf der Tafel.")).to_be_visible()
        open_page(rheinfurt, f"{day_app.url}/themenrunde?workshop=fellowtag-demo&code={CODES['rheinfurt']}")
        question = rheinfurt.get_by_role("radio", name="3. Was hat gut funktioniert – und was weniger?")
        less = rheinfurt.get_by_role("radio", name="weniger gut – mit der Lehre daraus")
        for _ in range(3):  # a click during the sign-in's rerun can be lost: click until the page shows the choice
            question.check(force=True)
            settle(rheinfurt)
            if less.count():
                break
        less.check(force=True)
        rheinfurt.get_by_label("Ihr Beitrag").fill("Online-Umfrage ohne Rückmeldung. Lehre: Ergebnisse zeigen.")
        rheinfurt.get_by_role("button", name="Beitrag hinzufügen").click()
        settle(rheinfurt)
        assert serious_accessibility_problems(rheinfurt) == []
        expect(board).to_contain_text("Jugendforum mit eigenem Budget seit 2023.", timeout=6_000)
        expect(board).to_contain_text("hat weniger funktioniert", timeout=6_000)
        expect(board).to_contain_text("Online-Umfrage ohne Rückmeldung. Lehre: Ergebnisse zeigen.")
        expect(board).to_contain_text("Stadt Rheinfurt")

        # The facilitator hides the first entry; it leaves the projector and stays in the file.
        facilitator.keyboard.press("Escape")  # the projector view shows no controls; Esc leaves it
        settle(facilitator)
        facilitator.get_by_text("Beiträge bearbeiten").click()
        settle(facilitator)
        hide = facilitator.get_by_role("button", name="Ausblenden").first
        expect(hide).to_be_enabled()
        hide.click()
        settle(facilitator)
        assert wait_until(lambda: folder.board("runde-1").entries[0].hidden)
        expect(facilitator.get_by_role("button", name="Wieder zeigen")).to_be_visible()
        entries = folder.board("runde-1").entries
        assert entries[0].hidden and entries[0].source  # the first pre-filled obstacle
        written = {(e.question, e.kind, e.kommune) for e in entries if not e.source}
        assert written == {(2, "", "neustrand"), (3, "weniger", "rheinfurt")}
        facilitator.get_by_text("Beiträge bearbeiten").click()
        settle(facilitator)
        expect(facilitator.locator(".pw-board")).not_to_contain_text(entries[0].text)

        # Editing again later: the editor opens with the entry's words, and a move keeps them.
        facilitator.get_by_text("Beiträge bearbeiten").click()
        settle(facilitator)
        words = "Jugendforum mit eigenem Budget seit 2023."
        card = facilitator.locator('[data-testid="stHorizontalBlock"]').filter(has_text=words).last
        card.get_by_role("button", name="Bearbeiten").click()
        editor = facilitator.get_by_label("Text des Beitrags").locator("visible=true")
        expect(editor).to_have_value(words)
        facilitator.get_by_label("Verschieben nach").locator("visible=true").click()
        facilitator.get_by_role("option", name="4. Was können wir übertragen bzw. wovon können wir lernen?").click()
        facilitator.get_by_role("button", name="Änderung speichern").locator("visible=true").click()
        settle(facilitator)
        assert wait_until(lambda: [e.question for e in folder.board("runde-1").entries if e.text == words] == [4])
        expect(facilitator.get_by_text("Bitte einen Text")).to_have_count(0)
    finally:
        for page in (lindenau, neustrand, rheinfurt, facilitator):
            page.context.close()


def test_takeaways_show_on_the_persona_page_and_as_pdf(day_app, browser) -> None:
    page = fellow_page(browser, day_app, "lindenau", "mitnehmen")
    try:
        page.get_by_label("Was wir ausprobieren").last.fill("Jugendforum nach dem Muster von Neustrand")
        page.get_by_label("Nächster konkreter Schritt").last.fill("Termin mit dem Jugendamt im Januar")
        page.get_by_label("Mit wem wir Kontakt aufnehmen").last.click()
        page.get_by_role("option", name="Stadt Neustrand").click()
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Vorhaben hinzufügen").last.click()
        settle(page)
        expect(page.get_by_text("Gespeichert.")).to_be_visible()
        # The form for the next item starts empty: no words and no contacts of the item just saved.
        expect(page.get_by_label("Was wir ausprobieren").last).to_have_value("")
        expect(page.get_by_label("Nächster konkreter Schritt").last).to_have_value("")
        new_form = page.locator('[data-testid="stForm"]').last
        expect(new_form.get_by_text("Stadt Neustrand")).to_have_count(0)
        assert serious_accessibility_problems(page) == []
        page.get_by_role("button", name="Mitnehmen-PDF erstellen").click()
        with page.expect_download(timeout=60_000) as download_info:
            page.get_by_role("button", name="Meine Mitnehmen-Seite als PDF").click()
        import subprocess

        text = subprocess.run(
            ["pdftotext", download_info.value.path(), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Mitnehmen: Stadt Lindenau" in text and "Kontakt: Stadt Neustrand" in text
        open_page(page, f"{day_app.url}/personas")
        expect(page.get_by_text("Das nimmt Stadt Lindenau mit")).to_be_visible()
        expect(page.get_by_text("Nächster Schritt: Termin mit dem Jugendamt im Januar")).to_be_visible()
    finally:
        page.context.close()


@pytest.mark.parametrize("path", ["themenboerse", "programm", "themenrunde", "mitnehmen"])
def test_day_pages_pass_axe_on_the_demo(app, page: Page, path: str) -> None:
    open_page(page, f"{app.url}/{path}")
    expect(page.get_by_role("heading").first).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert serious_accessibility_problems(page) == []


def test_a_broken_market_file_is_named_and_the_rest_keeps_working(tmp_path: Path, page: Page) -> None:
    root = tmp_path / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    market = root / "fellowtag-demo" / day.DAY_DIR / day.MARKET_FILE
    market.write_text(market.read_text("utf-8").replace("status: aufgenommen", "status: fertig", 1), "utf-8")
    running = RunningApp(root)
    try:
        open_page(page, f"{running.url}/themenboerse")
        expect(page.get_by_text("themenboerse.yaml › ideas[0].status")).to_be_visible()
        open_page(page, f"{running.url}/programm")
        expect(page.get_by_text("Themenrunden 1").first).to_be_visible()
    finally:
        running.stop()


def test_workshop_setup_takes_typing_after_one_click(day_app, browser) -> None:
    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="de-DE").new_page()
    created = day_app.personas_root / "fellowtag-winter"
    try:
        open_page(page, f"{day_app.url}/anlegen")
        unlock(page)
        page.get_by_label("Titel", exact=True).fill("Fellowtag Winter")
        for label, typed in (
            ("Thema 1: Nr.", "9"),
            ("Thema 7: Nr.", "0"),
            ("Thema 7: Kurzname", "recht"),
            ("Thema 7: Bezeichnung", "Recht"),
        ):
            page.get_by_label(label).click()  # one click, then typing, as in any form
            page.keyboard.type(typed)
            page.keyboard.press("Tab")
            settle(page)
        expect(page.get_by_label("Thema 8: Kurzname")).to_be_visible()  # the next free row
        page.get_by_label("Kommune 1: Name").click()
        page.keyboard.type("Stadt Aue")
        page.keyboard.press("Tab")
        settle(page)
        expect(page.get_by_label("Kommune 2: Name")).to_be_visible()
        expect(page.get_by_text("None", exact=True)).to_have_count(0)
        assert serious_accessibility_problems(page) == []
        page.get_by_role("button", name="Workshop anlegen").click()
        settle(page)
        expect(page.get_by_text("Workshop „Fellowtag Winter“ ist angelegt.", exact=False)).to_be_visible()
        workshop = WorkshopFolder(created).workshop()
        assert [t.id for t in workshop.topics][:1] == ["recht"] and workshop.topics[-1].id == "kjsg"
        assert [k.name for k in workshop.kommunen] == ["Stadt Aue"]
    finally:
        page.context.close()
        shutil.rmtree(created, ignore_errors=True)  # the other tests of this module expect one workshop


def test_programme_buttons_show_their_whole_label_at_1366(app, page: Page) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, f"{app.url}/programm")
    expect(page.get_by_role("button", name="Block entfernen").first).to_be_visible()
    cut = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] button .stMarkdownEllipsis')]
            .filter((e) => e.offsetParent && e.scrollWidth > e.clientWidth + 1).map((e) => e.innerText)"""
    )
    assert cut == []


def test_a_lost_connection_shows_a_german_line_that_stays(tmp_path: Path, page: Page) -> None:
    root = tmp_path / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    running = RunningApp(root)
    banner = """() => {
        const style = getComputedStyle(document.querySelector('[data-testid="stApp"]'), '::before');
        return style.visibility === 'visible' && style.content !== 'none' ? style.content : '';
    }"""
    try:
        open_page(page, f"{running.url}/themenboerse")
        assert page.evaluate(banner) == ""  # connected: no line
        running.process.terminate()
        running.process.wait(timeout=30)
        page.wait_for_function(f"({banner})().includes('Keine Verbindung zur Persona-Werkstatt')", timeout=20_000)
        dialog = page.get_by_role("dialog")
        if dialog.count():  # Streamlit's own dialog can be closed; the line stays
            dialog.get_by_role("button").first.click()
        assert "nicht gespeichert" in page.evaluate(banner)
    finally:
        running.stop()
