"""The wizard in a real browser: nothing typed is lost on a reload, a newer version shows, bombs are refused."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import yaml
from browser_helpers import click_alone, open_page, serious_accessibility_problems, settle, wait_until
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from werkstatt.store import WorkshopFolder

WIZARD = "/persona?workshop=fellowtag-demo&kommune={kommune}"


def test_typed_quote_and_story_survive_a_reload_with_a_notice(app, page: Page) -> None:
    dialogs: list[str] = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.accept()  # the fellow confirms leaving

    page.on("dialog", answer)
    folder = app.personas_root / "fellowtag-demo"
    open_page(page, app.url + WIZARD.format(kommune="hafenstedt") + "&schritt=2")
    expect(page.get_by_role("heading", name="Was sagt Ihre Persona")).to_be_visible()
    assert re.search(r"[?&]entwurf=[a-z0-9]{12}", page.url), page.url
    quote = page.get_by_role("textbox", name="Zitat", exact=True)
    quote.fill("Ein Zitat, das niemand gespeichert hat")
    quote.press("Enter")
    settle(page)
    story = page.get_by_role("textbox", name="Kurze Geschichte", exact=True)
    story.fill("Eine Geschichte, die niemand gespeichert hat.")
    story.press("Control+Enter")
    settle(page)
    expect(page.get_by_text("Es gibt ungespeicherte Änderungen")).to_be_visible()
    assert wait_until(lambda: list((folder / ".entwuerfe").glob("hafenstedt-*.yaml")))

    page.reload()
    settle(page)
    assert dialogs == ["beforeunload"]  # the browser asked before the unsaved text could go
    expect(
        page.get_by_text(re.compile(r"Nicht gespeicherte Eingaben von \d\d:\d\d Uhr wiederhergestellt"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Was sagt Ihre Persona")).to_be_visible()  # still step 2
    expect(page.get_by_role("textbox", name="Zitat", exact=True)).to_have_value(
        "Ein Zitat, das niemand gespeichert hat"
    )
    expect(page.get_by_role("textbox", name="Kurze Geschichte", exact=True)).to_have_value(
        "Eine Geschichte, die niemand gespeichert hat."
    )
    saved = yaml.safe_load((folder / "hafenstedt.yaml").read_text("utf-8"))
    assert saved["persona"]["quote"] != "Ein Zitat, das niemand gespeichert hat"  # only the draft had it
    assert serious_accessibility_problems(page) == []

    click_alone(page.get_by_role("button", name="Speichern"))
    expect(page.get_by_text("Alle Änderungen sind gespeichert")).to_be_visible()
    expect(page.get_by_text("wiederhergestellt")).to_have_count(0)
    saved = yaml.safe_load((folder / "hafenstedt.yaml").read_text("utf-8"))
    assert saved["persona"]["story"] == "Eine Geschichte, die niemand gespeichert hat."
    assert not list((folder / ".entwuerfe").glob("hafenstedt-*.yaml"))
    page.reload()  # everything saved: no question, no notice
    settle(page)
    assert dialogs == ["beforeunload"]
    expect(page.get_by_text("Alle Änderungen sind gespeichert")).to_be_visible()


def test_text_typed_but_not_applied_makes_the_browser_ask_before_a_reload(app, page: Page) -> None:
    dialogs: list[str] = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()  # the fellow stays

    page.on("dialog", answer)
    open_page(page, app.url + WIZARD.format(kommune="kesselbrunn") + "&schritt=2")
    page.get_by_role("textbox", name="Kurze Geschichte", exact=True).fill("Getippt, nicht bestätigt")
    with contextlib.suppress(PlaywrightTimeout):  # the dismissed dialog cancels the reload: it never finishes
        page.reload(timeout=3000)
    assert dialogs == ["beforeunload"]
    expect(page.get_by_role("textbox", name="Kurze Geschichte", exact=True)).to_have_value("Getippt, nicht bestätigt")


def test_the_other_laptop_learns_of_a_newer_version(app, page: Page) -> None:
    open_page(page, app.url + WIZARD.format(kommune="rheinfurt"))
    expect(page.get_by_text("Alle Änderungen sind gespeichert")).to_be_visible()
    store = WorkshopFolder(app.personas_root / "fellowtag-demo")
    other = store.persona("rheinfurt").persona
    other.profile.name = "Vom anderen Laptop"
    store.save_persona(other, base_revision=other.revision)
    expect(page.get_by_text(re.compile(r"neuere Fassung gespeichert \(Stand \d+"))).to_be_visible(timeout=10_000)
    page.get_by_role("button", name="Neuere Fassung laden").click()
    settle(page)
    # The loaded version redraws the whole step; on a busy machine that rerun can outlast the 5 s default.
    name = page.get_by_role("textbox", name="Name der Persona", exact=True)
    expect(name).to_have_value("Vom anderen Laptop", timeout=20_000)
    expect(page.get_by_text("Alle Änderungen sind gespeichert")).to_be_visible()


def test_a_pixel_bomb_upload_gets_a_german_message(app, page: Page, tmp_path: Path) -> None:
    from test_images import png_of_zeros

    bomb = tmp_path / "riesig.png"
    bomb.write_bytes(png_of_zeros(13000, 13000))
    open_page(page, app.url + WIZARD.format(kommune="landkreis-talheim"))
    page.locator('input[type="file"]').set_input_files(str(bomb))
    settle(page)
    expect(page.get_by_text("Das Bild hat zu viele Bildpunkte (169 Megapixel)")).to_be_visible()
    expect(page.get_by_role("button", name="Eigenes Bild entfernen")).to_have_count(0)
    assert not (app.personas_root / "fellowtag-demo" / "bilder").exists() or not any(
        p.name.startswith("landkreis-talheim-") for p in (app.personas_root / "fellowtag-demo" / "bilder").iterdir()
    )
