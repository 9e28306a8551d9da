"""The projector at 1280×720 and 1920×1080: every slide fits the screen in large type; the board's projector view.

A presenter remote only sends "next" and "previous", so a slide that needs scrolling is a slide half unseen.
These tests walk every slide of the demo and of a very long persona and measure in the real browser.
"""

from __future__ import annotations

import shutil

import pytest
from browser_helpers import open_page, serious_accessibility_problems, settle
from conftest import DEMO, RunningApp
from playwright.sync_api import Page, expect

from werkstatt.model import Entry
from werkstatt.store import WorkshopFolder

SIZES = ((1280, 720), (1920, 1080))
LONG = "lang"  # a second workshop: the demo with one very long persona

# What a person in the back row sees of the current slide: type sizes, the slide's bottom edge, and whether
# the page (Streamlit's scrolling main area) would need scrolling.
MEASURE_SLIDE = """() => {
  const slide = document.querySelector(".pw-slide");
  const main = document.querySelector('[data-testid="stMain"]');
  const withText = (e) => Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
  const sizes = Array.from(slide.querySelectorAll("*")).filter(withText)
    .filter((e) => !e.closest("h2, h3, caption, blockquote"))
    .map((e) => parseFloat(getComputedStyle(e).fontSize));
  const headings = Array.from(slide.querySelectorAll("h2, h3, .pw-p-stages caption"))
    .map((e) => parseFloat(getComputedStyle(e).fontSize));
  const heads = Array.from(slide.querySelectorAll(".pw-p-stages thead th")).map((e) => e.getBoundingClientRect());
  const overlapping = heads.some((a, i) => heads.some((b, j) => i < j && a.right > b.left + 1 && b.right > a.left + 1
    && a.bottom > b.top + 1 && b.bottom > a.top + 1));
  const clipped = Array.from(slide.querySelectorAll("th, td, li, h3, p"))
    .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.innerText.slice(0, 40));
  return {
    position: document.querySelector(".st-key-pw-projector-footer").innerText,
    smallest: Math.min(...sizes), body: parseFloat(getComputedStyle(slide).fontSize),
    smallestHeading: headings.length ? Math.min(...headings) : null,
    bottom: slide.getBoundingClientRect().bottom, height: innerHeight,
    scrolls: main.scrollHeight > main.clientHeight, overlapping, clipped,
    text: slide.innerText,
  };
}"""


@pytest.fixture(scope="module")
def projector_app(tmp_path_factory: pytest.TempPathFactory):
    """The demo workshop, and beside it the same workshop with an overlong Lindenau persona."""
    root = tmp_path_factory.mktemp("projector") / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    shutil.copytree(DEMO, root / LONG)
    folder = WorkshopFolder(root / LONG)
    persona = folder.persona("lindenau").persona
    persona.profile.role = "Jugendhilfeplanerin mit halber Stelle, dazu Berichtswesen, Statistik und Geschäftsführung"
    persona.profile.quote = "Ich habe die Daten – aber wer liest sie? " * 12
    persona.obstacles = [
        Entry(f"Stolperstein {n}: Daten liegen in fünf Ämtern und passen nicht zusammen, niemand führt sie.", ["daten"])
        for n in range(1, 13)
    ] + [Entry("Ein sehr langer Bericht über alles, was schiefgeht. " * 30, ["daten"])]
    persona.successes = [Entry(f"Gelungen {n}: Stadtteilkonferenzen mit Schulen und Kitas.", []) for n in range(8)]
    for status in persona.status:
        status.note = "Eine lange Notiz zum Stand, mit Zahlen, Namen und Terminen der nächsten Sitzungen. " * 3
    folder.save_persona(persona, base_revision=persona.revision)

    def crowd(board) -> None:  # a day.Board: twenty contributions to the first question
        for n in range(20):
            board.add_entry(1, f"Beitrag {n}: Beteiligung bleibt bei einer einmaligen Umfrage stehen.", "lindenau")

    folder.update_board("runde-2", crowd)
    running = RunningApp(root)
    yield running
    running.stop()


def walk_slides(page: Page, url: str, while_on: str = "", axe: bool = False) -> list[dict]:
    """Every slide (or those whose position names ``while_on``), measured at both projector sizes.

    With ``axe``, the first slide of each kind (persona, stages, overview, connections, partners) is checked.
    """
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, url)
    records, number, checked = [], 1, set()
    while True:
        expect(page.get_by_text(f"Folie {number} von", exact=False)).to_be_visible()
        # Footer and slide are two elements of one redraw: wait until the slide is the one the footer names.
        page.wait_for_function(
            """() => document.querySelector(".st-key-pw-projector-footer").innerText.trim()
                 .endsWith(document.querySelector(".pw-slide").getAttribute("aria-label"))"""
        )
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_function(f"() => innerWidth === {width} && innerHeight === {height}")
            records.append({"size": (width, height), **page.evaluate(MEASURE_SLIDE)})
        page.set_viewport_size({"width": 1280, "height": 720})
        kind = page.evaluate("() => document.querySelector('.pw-slide').className")
        if axe and kind not in checked:
            checked.add(kind)
            assert serious_accessibility_problems(page) == [], records[-1]["position"]
        forward = page.get_by_role("button", name="Weiter")
        if forward.is_disabled() or while_on not in records[-1]["position"]:
            return records
        page.keyboard.press("PageDown")  # what a presenter remote sends
        number += 1


def assert_readable(records: list[dict]) -> None:
    for r in records:
        where = f"{r['size']} {r['position']}"
        least = 24 if r["size"] == (1280, 720) else 34
        assert r["body"] >= least and r["smallest"] >= least, (where, r["body"], r["smallest"])
        if r["smallestHeading"] is not None:
            assert r["smallestHeading"] > r["body"], where
        assert r["bottom"] <= r["height"] and not r["scrolls"], (where, r["bottom"], r["height"])
        assert not r["overlapping"] and r["clipped"] == [], (where, r["clipped"])


def test_every_demo_slide_fits_the_projector_in_large_type(projector_app, page: Page) -> None:
    records = walk_slides(page, f"{projector_app.url}/praesentation?workshop=fellowtag-demo", axe=True)
    assert_readable(records)
    positions = [r["position"] for r in records if r["size"] == (1280, 720)]
    assert any("Persona: Stadt Lindenau · Stand je Thema" in p for p in positions)
    assert any("Alle Personas im Überblick" in p for p in positions)
    assert "Wer kann von wem lernen?" in positions[-1]
    # Everything of the demo is shown somewhere: every persona's obstacles and every topic of the stage tables.
    shown = "\n".join(r["text"] for r in records)
    demo = WorkshopFolder(DEMO)
    for result in demo.personas():
        for entry in result.persona.obstacles:
            assert " ".join(entry.text.split()) in " ".join(shown.split()), entry.text
    for topic in demo.workshop().topics:
        assert topic.label in shown


def test_a_long_persona_is_split_across_slides_that_each_fit(projector_app, page: Page) -> None:
    url = f"{projector_app.url}/praesentation?workshop={LONG}"
    records = walk_slides(page, url, while_on="Stadt Lindenau")
    lindenau = [r for r in records if "Stadt Lindenau" in r["position"]]
    assert_readable(lindenau)
    shown = "\n".join(r["text"] for r in lindenau)
    assert "STOLPERSTEINE 1/" in shown.upper() and "STOLPERSTEINE 2/" in shown.upper()
    assert "Stand je Thema 1/" in shown and "Stand je Thema 2/" in shown
    for n in range(1, 13):
        assert f"Stolperstein {n}: Daten liegen" in shown
    assert "(Teil 2 von" in shown  # a follow-up slide names the persona and its part


def test_presenter_remote_works_while_the_minutes_field_has_focus(projector_app, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{projector_app.url}/praesentation?workshop=fellowtag-demo")
    expect(page.get_by_text("Folie 1 von", exact=False)).to_be_visible()
    page.get_by_role("button", name="Redezeit: 3 Min.").click()
    minutes = page.get_by_label("Minuten je Persona")
    minutes.fill("5")
    expect(minutes).to_be_focused()
    page.keyboard.press("PageDown")
    expect(page.get_by_text("Folie 2 von", exact=False)).to_be_visible()
    settle(page)
    expect(page.get_by_role("button", name="Redezeit: 5 Min.")).to_be_visible()  # the typed value was kept
    page.keyboard.press("PageUp")
    expect(page.get_by_text("Folie 1 von", exact=False)).to_be_visible()
    expect(page.get_by_text("noch 5:00")).to_be_visible()
    assert serious_accessibility_problems(page) == []


@pytest.mark.parametrize("workshop", ["fellowtag-demo", LONG])
def test_board_projector_view_shows_only_the_board_in_large_type(projector_app, page: Page, workshop: str) -> None:
    """The demo's board fits in large type; a board with 24 entries in one column keeps 22 px and scrolls
    that column inside the screen, marked „weitere Beiträge“."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{projector_app.url}/themenrunde?workshop={workshop}&runde=runde-2")
    page.get_by_text("Projektor-Ansicht").click()
    settle(page)
    expect(page.locator(".pw-board-projector")).to_be_visible()
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(
            f"""() => innerWidth === {width} && document.querySelector(".pw-board-projector").style.fontSize"""
        )
        board = page.evaluate(
            """() => {
              const board = document.querySelector(".pw-board-projector");
              const main = document.querySelector('[data-testid="stMain"]');
              const withText = (e) => Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
              const controls = Array.from(document.querySelectorAll(
                'button, input, textarea, [role="combobox"], [role="switch"], [role="slider"]'))
                .filter((e) => e.getClientRects().length > 0);
              return {
                smallest: Math.min(...Array.from(board.querySelectorAll("*")).filter(withText)
                  .map((e) => parseFloat(getComputedStyle(e).fontSize))),
                columns: Array.from(board.querySelectorAll(".pw-board-column")).map((c) =>
                  [c.scrollWidth <= c.clientWidth, c.scrollHeight <= c.clientHeight + 1,
                   c.getBoundingClientRect().right <= innerWidth, c.getBoundingClientRect().bottom <= innerHeight]),
                scrolls: main.scrollHeight > main.clientHeight,
                controls: controls.map((e) => e.outerHTML.slice(0, 80)),
              };
            }"""
        )
        assert board["smallest"] >= 22, (width, board)
        assert not board["scrolls"] and board["controls"] == [], (width, board)
        inside = [right and bottom for _, _, right, bottom in board["columns"]]
        whole = [fits_across and fits_down for fits_across, fits_down, _, _ in board["columns"]]
        assert all(inside) and all(fits_across for fits_across, _, _, _ in board["columns"]), (width, board)
        if workshop == LONG:  # the crowded column scrolls inside itself and says so
            assert whole[0] is False and page.locator(".pw-board-more").count() == 1
            expect(page.locator(".pw-board-more")).to_have_attribute("data-more", "▼ weitere Beiträge")
        else:
            assert all(whole), (width, board["columns"])
    expect(page.get_by_text("K360-Fellowtag (Demo) · Projektor-Ansicht")).to_be_visible()
    # Long German words get a hyphen where the browser can hyphenate German, not a bare cut mid-word.
    hyphenation = page.evaluate(
        """() => Array.from(document.querySelectorAll(".pw-board-text, .pw-board-column h3"))
          .map((e) => [getComputedStyle(e).hyphens, e.closest("[lang]").lang])"""
    )
    assert hyphenation and set(map(tuple, hyphenation)) == {("auto", "de")}, hyphenation
    assert serious_accessibility_problems(page) == []
    page.reload()  # the projector view is in the address
    settle(page)
    expect(page.locator(".pw-board-projector")).to_be_visible()
    page.keyboard.press("Escape")
    settle(page)
    expect(page.get_by_role("switch", name="Projektor-Ansicht")).to_be_visible()
    expect(page.locator(".pw-board-projector")).to_have_count(0)


# --- small screens ------------------------------------------------------------------------------------------

CLIPPED = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] *'))
  .filter((e) => e.getClientRects().length && e.clientWidth > 20 && getComputedStyle(e).overflowX !== "visible")
  .filter((e) => e.scrollWidth > e.clientWidth + 1)
  .map((e) => `${e.className} ${e.scrollWidth}>${e.clientWidth}`)"""


def test_vergleich_on_a_phone_stacks_the_personas(projector_app, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, f"{projector_app.url}/vergleich?workshop=fellowtag-demo")
    names = page.locator(".pw-card h2")
    expect(names).to_have_count(3)
    for name in ("Jana Brückner", "Omar Feld", "Katrin Olsen"):
        heading = page.locator(".pw-card h2", has_text=name)
        expect(heading).to_be_visible()
        assert heading.bounding_box()["x"] + heading.bounding_box()["width"] <= 390
    expect(page.locator(".pw-compare")).to_be_hidden()  # the side-by-side table waits for a wider screen
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert serious_accessibility_problems(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator(".pw-compare")).to_be_visible()
    expect(page.locator(".pw-card h2").first).to_be_hidden()


def test_matrix_on_a_phone_is_a_table(projector_app, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, f"{projector_app.url}/matrix?workshop=fellowtag-demo")
    expect(page.locator(".st-key-pw-matrix-phone [data-testid='stDataFrame']")).to_be_visible()
    expect(page.locator(".st-key-pw-matrix-chart")).to_be_hidden()
    assert "null" not in page.locator("[data-testid='stMain']").inner_text()
    assert serious_accessibility_problems(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator(".st-key-pw-matrix-chart [data-testid='stVegaLiteChart']")).to_be_visible()
    expect(page.locator(".st-key-pw-matrix-phone")).to_be_hidden()
