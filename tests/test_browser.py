"""In a real browser (Debian's Chromium): what a fellow does, plus axe-core on every page."""

from __future__ import annotations

import base64
import io
import subprocess
from pathlib import Path

import pytest
import yaml
from browser_helpers import click_alone, open_page, serious_accessibility_problems, settle, wait_until
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import Page, expect

from werkstatt import render
from werkstatt.avatar import avatar_svg

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def fresh_app(app):
    """The app with one Kommune (Neustrand) that has not started its persona yet."""
    (app.personas_root / "fellowtag-demo" / "neustrand.yaml").unlink()
    return app


def commit(page: Page, label: str, text: str, multiline: bool = False) -> None:
    """Type into a field and commit it the way Streamlit expects (Enter, or Ctrl+Enter in text areas)."""
    box = page.get_by_role("textbox", name=label, exact=True)
    box.fill(text)
    box.press("Control+Enter" if multiline else "Enter")
    settle(page)


def choose_step(page: Page, title: str) -> None:
    page.get_by_text(title, exact=True).click()
    settle(page)


def test_fellow_builds_a_persona_saves_and_finds_it_after_reload(fresh_app, page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, fresh_app.url)
    assert page.evaluate("document.documentElement.lang") == "de"
    assert serious_accessibility_problems(page) == []

    page.get_by_role("combobox", name="Ihre Kommune").click()
    page.get_by_role("option", name="Stadt Neustrand (noch nicht begonnen)").click()
    settle(page)
    page.get_by_role("button", name="Persona bearbeiten").click()
    settle(page)
    expect(page.get_by_role("heading", name="Persona bearbeiten: Stadt Neustrand")).to_be_visible()
    assert serious_accessibility_problems(page) == []

    commit(page, "Name der Persona", "Lukas Brandt")
    choose_step(page, "2. Zitat & Geschichte")
    commit(page, "Zitat", "<b>Die Ombudsstelle</b> war ein Kraftakt – und jetzt?")
    choose_step(page, "4. Stolpersteine")
    page.get_by_role("button", name="Stolperstein hinzufügen").click()
    settle(page)
    commit(page, "Stolperstein 1", "Zwei Stellen sind seit Monaten unbesetzt.", multiline=True)
    topics = page.get_by_role("combobox", name="Themen zu Stolperstein 1")
    topics.press_sequentially("Personal")
    page.get_by_role("option", name="Personal und Ressourcen").click()
    page.keyboard.press("Escape")
    settle(page)
    assert serious_accessibility_problems(page) == []
    click_alone(page.get_by_role("button", name="Speichern"))
    settle(page)
    expect(page.get_by_text("Alle Änderungen sind gespeichert")).to_be_visible()

    data = yaml.safe_load((fresh_app.personas_root / "fellowtag-demo" / "neustrand.yaml").read_text("utf-8"))
    assert data["persona"]["name"] == "Lukas Brandt"
    assert data["persona"]["quote"] == "<b>Die Ombudsstelle</b> war ein Kraftakt – und jetzt?"
    entry_id = data["obstacles"][0]["id"]  # every entry gets a stable id on its first save
    assert len(entry_id) == 8 and entry_id.isalnum()
    assert data["obstacles"] == [
        {"id": entry_id, "text": "Zwei Stellen sind seit Monaten unbesetzt.", "topics": ["personal"]}
    ]

    page.reload()
    settle(page)
    expect(page.get_by_role("heading", name="Persona bearbeiten: Stadt Neustrand")).to_be_visible()
    expect(page.get_by_role("textbox", name="Stolperstein 1", exact=True)).to_have_value(  # the step stays
        "Zwei Stellen sind seit Monaten unbesetzt."
    )
    choose_step(page, "1. Persona")
    expect(page.get_by_role("textbox", name="Name der Persona", exact=True)).to_have_value("Lukas Brandt")
    choose_step(page, "8. Vorschau")
    card = page.locator(".pw-card")
    expect(card).to_contain_text("<b>Die Ombudsstelle</b> war ein Kraftakt")  # HTML shown as text
    expect(card.locator("b")).to_have_count(0)
    assert serious_accessibility_problems(page) == []

    local = (fresh_app.url, fresh_app.url.replace("http", "ws"), "data:", "blob:")
    assert requested and [url for url in requested if not url.startswith(local)] == []  # nothing leaves


def test_every_wizard_step_passes_axe(app, page: Page) -> None:
    open_page(page, f"{app.url}/persona?workshop=fellowtag-demo&kommune=lindenau")
    for title in (
        "1. Persona",
        "2. Zitat & Geschichte",
        "3. Stand je Thema",
        "4. Stolpersteine",
        "5. Was gelingt",
        "6. Was antreibt",
        "7. Fragen & Teilen",
        "8. Vorschau",
    ):
        choose_step(page, title)
        assert serious_accessibility_problems(page) == [], title


def test_overview_shows_error_card_for_a_broken_file_and_the_other_cards(app, page: Page) -> None:
    broken = app.personas_root / "fellowtag-demo" / "kesselbrunn.yaml"
    original = broken.read_text("utf-8")
    broken.write_text("schema_version: 1\nkommune: kesselbrunn\npersona: {name: [kaputt\n", "utf-8")
    try:
        open_page(page, f"{app.url}/personas")
        expect(page.get_by_text("Stadt Kesselbrunn: Die Persona-Datei enthält Fehler")).to_be_visible()
        saved = [p for p in broken.parent.glob("*.yaml") if p.name not in ("workshop.yaml", broken.name)]
        expect(page.locator(".pw-card")).to_have_count(len(saved))
        assert serious_accessibility_problems(page) == []
    finally:
        broken.write_text(original, "utf-8")


def test_step_navigation_works_with_the_keyboard(app, page: Page) -> None:
    open_page(page, f"{app.url}/persona?workshop=fellowtag-demo&kommune=lindenau")
    page.get_by_role("radio", name="1. Persona").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    expect(
        page.get_by_role("heading", name="Was sagt Ihre Persona über ihre Arbeit – und was erlebt sie gerade?")
    ).to_be_visible()


def _pixels_of_png(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_avatar_looks_the_same_in_chromium_and_in_the_pdf(page: Page, tmp_path: Path) -> None:
    """Rasterise the same avatars once in Chromium and once through WeasyPrint + pdftoppm."""
    seeds = [f"vergleich-{i}" for i in range(12)]
    cells = "".join(
        f'<img src="data:image/svg+xml;base64,{base64.b64encode(avatar_svg(s, 120).encode()).decode()}" '
        'style="width:120px;height:120px;display:block;float:left" alt="">'
        for s in seeds
    )
    html = (
        '<!DOCTYPE html><html lang="de"><head><title>Avatare</title><style>@page { size: 480px 360px; margin: 0 }'
        "body { margin: 0; width: 480px; background: #fff }</style></head>"
        f"<body>{cells}</body></html>"
    )
    page.set_viewport_size({"width": 480, "height": 360})
    page.set_content(html)
    screen = _pixels_of_png(page.screenshot())

    (tmp_path / "a.pdf").write_bytes(render.html_to_pdf(html))
    # 480 CSS px = 360 pt; 96 dpi gives 480 device pixels, like the browser at scale 1.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "96", "-singlefile", str(tmp_path / "a.pdf"), str(tmp_path / "p")], check=True
    )
    paper = Image.open(tmp_path / "p.png").convert("RGB").resize(screen.size)

    difference = ImageChops.difference(screen, paper).convert("L")
    mean = ImageStat.Stat(difference).mean[0]
    differing = sum(difference.histogram()[61:]) / (screen.width * screen.height)
    print(f"avatar difference: mean {mean:.2f}, strongly differing pixels {differing:.2%}")
    assert mean < 6, mean  # anti-aliasing differs; shapes and colours must not
    assert differing < 0.03, differing


def test_text_typed_right_before_leaving_the_step_is_saved(app, page: Page) -> None:
    """No Enter, no Ctrl+Enter: the fellow types and clicks *Weiter* at once."""
    open_page(page, f"{app.url}/persona?workshop=fellowtag-demo&kommune=landkreis-talheim")
    choose_step(page, "2. Zitat & Geschichte")
    page.get_by_role("textbox", name="Kurze Geschichte", exact=True).fill("Getippt und sofort weiter geklickt.")
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("heading", name="Wo stehen Sie bei jedem Thema gerade?")).to_be_visible()
    path = app.personas_root / "fellowtag-demo" / "landkreis-talheim.yaml"

    def story() -> str:
        return yaml.safe_load(path.read_text("utf-8"))["persona"]["story"]

    assert wait_until(lambda: story() == "Getippt und sofort weiter geklickt."), story()


def test_presenter_shows_a_new_obstacle_within_five_seconds(app, browser) -> None:
    """Two people at once: the projector stays on Talheim while a fellow of Talheim saves."""
    projector = browser.new_context(viewport={"width": 1280, "height": 720}, locale="de-DE").new_page()
    laptop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE").new_page()
    try:
        open_page(projector, f"{app.url}/praesentation")
        for number in (2, 3):  # past Lindenau's persona slide and its stages
            projector.get_by_role("button", name="Weiter").click()
            expect(projector.get_by_text(f"Folie {number} von", exact=False)).to_be_visible()
            settle(projector)
        expect(projector.get_by_text("Persona: Landkreis Talheim", exact=False).first).to_be_visible()
        assert serious_accessibility_problems(projector) == []

        open_page(laptop, f"{app.url}/persona?workshop=fellowtag-demo&kommune=landkreis-talheim")
        choose_step(laptop, "4. Stolpersteine")
        laptop.get_by_role("button", name="Stolperstein hinzufügen").click()
        settle(laptop)
        commit(laptop, "Stolperstein 3", "Live im Raum: Busse fahren nur zweimal am Tag.", multiline=True)
        click_alone(laptop.get_by_role("button", name="Speichern"))
        settle(laptop)
        expect(laptop.get_by_text("Alle Änderungen sind gespeichert")).to_be_visible()

        expect(projector.get_by_text("Live im Raum: Busse fahren nur zweimal am Tag.")).to_be_visible(timeout=5_000)
        expect(projector.get_by_text("Persona: Landkreis Talheim")).to_be_visible()  # still on the same slide
    finally:
        projector.context.close()
        laptop.context.close()


@pytest.mark.parametrize(
    "path", ["vergleich", "matrix", "verbindendes", "lernpartner", "gruppe", "praesentation", "zugang", "anlegen"]
)
def test_shared_pages_pass_axe(app, page: Page, path: str) -> None:
    open_page(page, f"{app.url}/{path}")
    expect(page.get_by_role("heading").first).to_be_visible()
    assert serious_accessibility_problems(page) == []


def test_presenter_keys_move_the_slides(app, page: Page) -> None:
    open_page(page, f"{app.url}/praesentation")
    expect(page.get_by_text("Folie 1 von")).to_be_visible()
    page.keyboard.press("ArrowRight")
    settle(page)
    expect(page.get_by_text("Folie 2 von")).to_be_visible()
    page.keyboard.press("PageUp")
    settle(page)
    expect(page.get_by_text("Folie 1 von")).to_be_visible()


def test_facilitator_exports_everything_and_downloads_the_documentation(app, page: Page) -> None:
    open_page(page, f"{app.url}/export")
    page.get_by_role("button", name="Alles exportieren").click()
    # Every PDF takes seconds, more on a busy machine: wait for the outcome, not for settle's 30 s.
    expect(page.get_by_text("Fertig: 10 Datei(en)")).to_be_visible(timeout=180_000)
    settle(page)
    assert serious_accessibility_problems(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Dokumentation.pdf herunterladen").click()
    download = download_info.value
    assert download.suggested_filename == "Dokumentation.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    assert (app.personas_root.parent / "exports" / "fellowtag-demo" / "Persona-Werkstatt-fellowtag-demo.zip").exists()


def test_fellow_downloads_own_steckbrief_from_the_preview(app, page: Page) -> None:
    open_page(page, f"{app.url}/persona?workshop=fellowtag-demo&kommune=kesselbrunn")
    choose_step(page, "8. Vorschau")
    page.get_by_role("button", name="Meinen Steckbrief als PDF erstellen").click()
    expect(page.get_by_role("button", name="Steckbrief herunterladen")).to_be_visible(timeout=60_000)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Steckbrief herunterladen").click()
    assert download_info.value.suggested_filename == "Steckbrief-kesselbrunn.pdf"


def test_fellow_uploads_an_own_picture(app, page: Page, tmp_path: Path) -> None:
    picture = tmp_path / "foto.jpg"
    Image.new("RGB", (900, 700), "#2f6f4f").save(picture, "JPEG")
    open_page(page, f"{app.url}/persona?workshop=fellowtag-demo&kommune=rheinfurt")
    page.locator('input[type="file"]').set_input_files(str(picture))
    settle(page)
    expect(page.get_by_role("button", name="Eigenes Bild entfernen")).to_be_visible()
    click_alone(page.get_by_role("button", name="Speichern"))
    expect(page.get_by_text("Alle Änderungen sind gespeichert")).to_be_visible()
    data = yaml.safe_load((app.personas_root / "fellowtag-demo" / "rheinfurt.yaml").read_text("utf-8"))
    name = data["persona"]["avatar"]["file"]
    assert (app.personas_root / "fellowtag-demo" / "bilder" / name).is_file()
    choose_step(page, "8. Vorschau")
    source = page.locator(".pw-card .pw-avatar img").get_attribute("src")
    assert source.startswith("data:image/png;base64,")
    assert serious_accessibility_problems(page) == []


def test_facilitator_pages_need_the_pin(tmp_path_factory, page: Page) -> None:
    import shutil

    from conftest import DEMO, RunningApp

    root = tmp_path_factory.mktemp("pin") / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    guarded = RunningApp(root, WERKSTATT_PIN="2468")
    try:
        open_page(page, f"{guarded.url}/praesentation")
        pin = page.get_by_label("Moderations-PIN")
        expect(pin).to_be_visible()
        expect(page.get_by_text("Folie 1 von")).to_have_count(0)
        assert serious_accessibility_problems(page) == []
        pin.fill("0000")
        page.get_by_role("button", name="Entsperren").click()
        expect(page.get_by_text("Der PIN stimmt nicht.")).to_be_visible()
        page.get_by_label("Moderations-PIN").fill("2468")
        page.get_by_role("button", name="Entsperren").click()
        expect(page.get_by_text("Folie 1 von", exact=False)).to_be_visible()
        open_page(page, f"{guarded.url}/persona?workshop=fellowtag-demo&kommune=lindenau")
        expect(
            page.get_by_role("heading", name="Persona bearbeiten: Stadt Lindenau")
        ).to_be_visible()  # fellows need no PIN
    finally:
        guarded.stop()


def test_codes_qr_cards_join_link_rights_and_reveal(tmp_path_factory, browser) -> None:
    """The workshop morning: codes and cards for the tables, a fellow scans the link, then the reveal."""
    import shutil

    import zxingcpp
    from conftest import DEMO, RunningApp

    root = tmp_path_factory.mktemp("codes") / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    running = RunningApp(root, WERKSTATT_PIN="2468")  # codes need a facilitator PIN
    facilitator = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="de-DE").new_page()
    fellow = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE").new_page()
    lan = f"http://192.168.1.20:{running.port}"  # what fellows' laptops use; the test browser uses 127.0.0.1
    try:
        open_page(facilitator, f"{running.url}/zugang")
        facilitator.get_by_label("Moderations-PIN").fill("2468")
        facilitator.get_by_role("button", name="Entsperren").click()
        settle(facilitator)
        address = facilitator.get_by_role(
            "textbox", name="Adresse der App im Netz (steht auf Karten, Links und QR-Codes)"
        )
        address.fill(lan)
        address.press("Enter")
        settle(facilitator)
        facilitator.get_by_role("button", name="Neue Zugangscodes erzeugen").click()
        settle(facilitator)
        row = facilitator.locator("table.pw-codes tr", has_text="Stadt Lindenau")
        expect(row).to_be_visible()
        code = row.locator("td.pw-code").inner_text().strip()
        assert len(code) == 9 and code not in (root / "fellowtag-demo" / ".zugang.yaml").read_text("utf-8")
        assert serious_accessibility_problems(facilitator) == []

        facilitator.get_by_role("button", name="Zugangskarten als PDF").click()
        with facilitator.expect_download(timeout=60_000) as download_info:
            facilitator.get_by_role("button", name="Zugangskarten herunterladen").click()
        cards = Path(download_info.value.path())
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(cards),
                str(tmp_path_factory.mktemp("png") / "karten"),
            ],
            check=True,
        )
        png = next(tmp_path_factory.getbasetemp().glob("png*/karten.png"))
        links = [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
        link = f"{lan}/?workshop=fellowtag-demo&code={code}"
        assert link in links  # the printed QR code leads to this app, workshop and code

        open_page(fellow, link.replace(lan, running.url))
        expect(fellow.get_by_role("heading", name="Persona bearbeiten: Stadt Lindenau")).to_be_visible()
        assert serious_accessibility_problems(fellow) == []
        open_page(fellow, f"{running.url}/persona?workshop=fellowtag-demo&kommune=neustrand&code={code}")
        expect(fellow.get_by_text("Bearbeiten können Sie nur die eigene Persona.")).to_be_visible()
        expect(fellow.get_by_role("textbox", name="Name der Persona")).to_have_count(0)
        open_page(fellow, f"{running.url}/personas")
        expect(fellow.get_by_text("sobald alle ihre eigene geschrieben haben")).to_be_visible()

        facilitator.get_by_text("Personas der anderen für alle sichtbar").click()
        settle(facilitator)
        open_page(fellow, f"{running.url}/personas")
        expect(fellow.locator(".pw-card").first).to_be_visible()
    finally:
        facilitator.context.close()
        fellow.context.close()
        running.stop()
