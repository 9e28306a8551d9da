"""The persona card and its PDF: escaping, German text, nothing fetched from disk or network."""

from __future__ import annotations

import copy
import http.server
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from werkstatt import render, texts
from werkstatt.avatar import HAIR_STYLES, SKIN_TONES, avatar_svg, look_for
from werkstatt.model import ENTRY_SECTIONS, Entry
from werkstatt.store import WorkshopFolder

ROOT = Path(__file__).resolve().parent.parent
STORE = WorkshopFolder(ROOT / "personas" / "fellowtag-demo")
WORKSHOP = STORE.workshop()
INJECTION = "<img src=x onerror=alert(1)>"


def demo(slug: str = "lindenau"):
    """A copy: the store hands out its cached object, which tests must not change."""
    return copy.deepcopy(STORE.persona(slug).persona)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def steckbrief_html(persona) -> str:
    """One Kommune's Steckbrief as the export makes it (``export --kommune … --only steckbriefe``)."""
    from werkstatt.export import Material, document_html

    return document_html("steckbriefe", Material(WORKSHOP, [persona], set(), anonymous=False))


def squeezed(text: str) -> str:
    """PDF text without any whitespace, so words and URLs broken across lines still match."""
    return "".join(text.split())


def test_card_shows_everything_of_the_persona() -> None:
    html = render.persona_card_html(WORKSHOP, demo())
    for expected in (
        "Stadt Lindenau",
        "Jana Brückner",
        "41 Jahre",
        "Ich habe die Daten – aber wer liest sie?",
        "Stolpersteine",
        "Was gelingt",
        "Was antreibt und inspiriert",
        "Fragen an die anderen",
        "Was wir teilen können",
        "Stufe 2: Bestand und Bedarf erhoben",
        "Grundlage: Erfahrung",
        "Datenbasis und Sozialberichterstattung",
    ):
        assert expected in html


def test_card_escapes_html_in_every_text() -> None:
    persona = demo()
    persona.profile.quote = INJECTION
    persona.profile.name = "<script>alert('x')</script>"
    persona.obstacles.append(Entry("<b>fett?</b>", ["daten"]))
    html = render.persona_card_html(WORKSHOP, persona)
    assert INJECTION not in html and "<script>alert" not in html and "<b>fett" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;fett?&lt;/b&gt;" in html


def test_empty_persona_card_says_what_is_missing() -> None:
    from werkstatt.model import empty_persona

    html = render.persona_card_html(WORKSHOP, empty_persona("neustrand"))
    assert "Persona ohne Namen" in html and "noch keine Einträge" in html and "noch nicht eingeschätzt" in html


def test_pdf_has_german_text_literal_html_and_metadata(workshop_dir: Path, tmp_path: Path) -> None:
    """The file a fellow downloads as „Mein Steckbrief“, made by the export itself."""
    from werkstatt.export import ExportRequest, run

    folder = WorkshopFolder(workshop_dir)
    persona = folder.persona("lindenau").persona
    persona.profile.quote = INJECTION + " Grüße 😀"
    folder.save_persona(persona, base_revision=persona.revision)
    written = run(ExportRequest(workshop_dir, tmp_path, ("steckbriefe",), kommune="lindenau"))
    assert [path.name for path in written] == ["Steckbrief-lindenau.pdf"]
    data = written[0].read_bytes()
    text = pdf_text(data, tmp_path)
    assert "Jana Brückner" in text and "STOLPERSTEINE" in text and "Grüße" in text
    assert squeezed(INJECTION) in squeezed(text)
    reader = PdfReader(tmp_path / "out.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait in points
    assert reader.metadata.title == texts.DOC_STECKBRIEFE and reader.metadata.author == texts.APP_TITLE
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    assert reader.trailer["/Root"]["/Lang"] == "de"


def test_long_persona_flows_onto_more_pages(tmp_path: Path) -> None:
    persona = demo()
    persona.profile.story = "Eine lange Geschichte. " * 170
    persona.obstacles = [Entry(f"Stolperstein {i}: " + "viel Text " * 40, ["daten"]) for i in range(12)]
    data = render.html_to_pdf(steckbrief_html(persona))
    (tmp_path / "long.pdf").write_bytes(data)
    reader = PdfReader(tmp_path / "long.pdf")
    assert len(reader.pages) >= 2
    text = pdf_text(data, tmp_path)
    assert "Stolperstein 11:" in text  # the last entry is printed, not clipped


class CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # http.server's name
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture
def http_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), CountingHandler)
    CountingHandler.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_pdf_rendering_fetches_no_file_and_no_url(http_server: str, tmp_path: Path) -> None:
    html = f"""<!DOCTYPE html><html lang="de"><head><title>t</title>
    <link rel="stylesheet" href="{http_server}/style.css">
    <style>@import url("{http_server}/import.css"); body {{ background: url("file:///etc/passwd"); }}</style>
    </head><body><p>Text</p><img src="file:///etc/passwd" alt="x"><img src="{http_server}/bild.png" alt="y">
    <object data="file:///etc/passwd"></object><iframe src="file:///etc/hostname"></iframe></body></html>"""
    data = render.html_to_pdf(html)
    assert CountingHandler.requests == []
    text = pdf_text(data, tmp_path)
    assert "root:" not in text and "Text" in text


def test_user_text_with_urls_stays_text_in_the_pdf(http_server: str, tmp_path: Path) -> None:
    persona = demo()
    persona.profile.quote = f'<img src="{http_server}/q.png"> <link rel=stylesheet href="file:///etc/passwd">'
    persona.profile.avatar_seed = f'"><img src="{http_server}/avatar.png">'
    data = render.html_to_pdf(steckbrief_html(persona))
    assert CountingHandler.requests == []
    assert "file:///etc/passwd" in squeezed(pdf_text(data, tmp_path))


# --- avatars ----------------------------------------------------------------------------------


def test_avatar_is_deterministic_and_varied() -> None:
    assert avatar_svg("jana") == avatar_svg("jana")
    assert avatar_svg("jana") != avatar_svg("omar")
    looks = [look_for(f"seed-{i}") for i in range(300)]
    assert {look.hair_style for look in looks} == set(HAIR_STYLES)
    assert {look.skin for look in looks} == set(SKIN_TONES)
    assert 0.15 < sum(look.glasses for look in looks) / len(looks) < 0.45


def test_avatar_seed_from_a_file_cannot_inject_markup() -> None:
    uri = render.card_context(WORKSHOP, demo())["avatar"]
    persona = demo()
    persona.profile.avatar_seed = '"><script>alert(1)</script>'
    html = render.persona_card_html(WORKSHOP, persona)
    assert uri.startswith("data:image/svg+xml;base64,") and "<script>" not in html


def test_avatar_uses_only_shapes_both_renderers_draw() -> None:
    allowed = {"svg", "circle", "ellipse", "path", "rect", "g"}
    for i in range(200):
        root = ET.fromstring(avatar_svg(f"seed-{i}"))
        tags = {element.tag.split("}")[-1] for element in root.iter()}
        assert tags <= allowed, tags - allowed
        for element in root.iter():
            for name, value in element.attrib.items():
                assert "url(" not in value and "href" not in name


# --- pagination: one page per normal persona, no page without body text ------------------------

RUNNING_OR_FOOTER = re.compile(r"^(Persona-Werkstatt|Seite \d+ von \d+|Stand \d+ · .*|◆ gemeinsam: .*)$")
MORE = "Abstimmung zwischen Jugendamt, Schulamt und freien Trägern kostet Zeit, die in der Planung fehlt"


def fuller(persona):  # a Persona, changed in place and returned
    """A moderately filled persona: the demo's plus one entry in every list and a longer story."""
    persona.profile.story = persona.profile.story.strip() + " " + persona.profile.story.strip()[:200]
    for section in ENTRY_SECTIONS:
        persona.entries(section).append(Entry(f"{MORE} ({section}).", ["daten"]))
    return persona


def page_bodies(data: bytes, tmp_path: Path) -> list[list[str]]:
    """Each page's text lines without the running header (first line), the footer and the lines that
    must never stand alone on a page (the „Stand … gespeichert“ line, the comparison legend)."""
    path = tmp_path / "pages.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[: len(PdfReader(path).pages)]  # pdftotext ends every page with a form feed
    bodies = []
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        bodies.append([line for line in lines[1:] if not RUNNING_OR_FOOTER.match(line)])
    return bodies


def test_demo_and_moderately_filled_personas_take_one_page_each(tmp_path: Path) -> None:
    personas = [copy.deepcopy(r.persona) for r in STORE.personas()]
    demo_pages = page_bodies(render.html_to_pdf(render.steckbriefe_html(WORKSHOP, personas)), tmp_path)
    assert len(demo_pages) == len(personas) == 9
    fuller_pages = page_bodies(
        render.html_to_pdf(render.steckbriefe_html(WORKSHOP, [fuller(p) for p in personas])), tmp_path
    )
    assert len(fuller_pages) == len(personas)
    assert all(squeezed(MORE + " (offers).") in squeezed(" ".join(page)) for page in fuller_pages)  # not cut off


def test_a_long_persona_continues_with_whole_sections(tmp_path: Path) -> None:
    persona = fuller(demo())
    for section in ENTRY_SECTIONS:
        persona.entries(section).extend(Entry(f"{MORE}, Nummer {n}.", ["kooperation"]) for n in range(3))
    pages = page_bodies(render.html_to_pdf(render.steckbriefe_html(WORKSHOP, [persona])), tmp_path)
    assert len(pages) == 2
    titles = {title.upper() for title in texts.SECTION_TITLES.values()}
    assert pages[1][0] in titles  # page 2 begins with a section's heading, not inside a list
    assert sum(line in titles for line in pages[1]) >= 1 and len(pages[1]) >= 5


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every document of a workshop with four moderately filled personas, one long one and a
    topic round nobody wrote on."""
    from werkstatt import export
    from werkstatt.day import Group

    target = tmp_path_factory.mktemp("print") / "fellowtag-demo"
    shutil.copytree(ROOT / "personas" / "fellowtag-demo", target)
    folder = WorkshopFolder(target)
    kept = [k.slug for k in folder.workshop().kommunen][:5]
    for result in folder.personas():
        if result.slug not in kept:
            (target / f"{result.slug}.yaml").unlink()
    for slug in kept:
        persona = fuller(copy.deepcopy(folder.persona(slug).persona))
        if slug == kept[-1]:
            persona.obstacles.extend(Entry(f"{MORE}, Nummer {n}.", ["daten"]) for n in range(6))
        folder.save_persona(persona, base_revision=persona.revision)
    folder.update_agenda(lambda agenda: agenda.slots[-1].groups.append(Group("runde-leer", "Runde ohne Gäste")))
    material = export.load_material(folder)
    kinds = ("steckbriefe", "vergleich", "lernpartner", "dokumentation", "programm", "mitnehmen")
    return {kind: render.html_to_pdf(export.document_html(kind, material)) for kind in kinds}


def test_every_page_of_every_document_has_body_text(printed: dict[str, bytes], tmp_path: Path) -> None:
    for kind, data in printed.items():
        for number, body in enumerate(page_bodies(data, tmp_path), start=1):
            assert len(body) >= 2, f"{kind}, Seite {number}: {body}"
    assert len(page_bodies(printed["steckbriefe"], tmp_path)) == 6  # four single pages, the long one on two


def test_rounds_nobody_wrote_on_are_one_line_in_the_dokumentation(printed: dict[str, bytes], tmp_path: Path) -> None:
    pages = page_bodies(printed["dokumentation"], tmp_path)
    text = "\n".join(" ".join(page) for page in pages)
    assert "Ohne Einträge auf der Pinnwand: Runde ohne Gäste (15:00–15:45)." in text
    assert not [page for page in pages if page[0] == "Runde ohne Gäste"]  # no page of its own
    assert "Kinderarmut im ländlichen Raum sichtbar machen" in text  # rounds with entries keep their pages


# --- long words -----------------------------------------------------------------------------------

LONG_WORD = ("Kinderarmutspräventionskette" * 80)[:2200]


def words_right_edge(data: bytes, tmp_path: Path) -> tuple[float, float]:
    """(page width, right edge of the rightmost word) in points, from ``pdftotext -bbox``."""
    path = tmp_path / "bbox.pdf"
    path.write_bytes(data)
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    widths = [float(w) for w in re.findall(r'<page width="([\d.]+)"', xml)]
    edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', xml)]
    return min(widths), max(edges)


def test_a_2200_character_word_wraps_inside_the_page(tmp_path: Path) -> None:
    persona = demo()
    persona.profile.quote = LONG_WORD[:400]
    persona.obstacles.insert(0, Entry(LONG_WORD, ["daten"]))
    others = [copy.deepcopy(r.persona) for r in STORE.personas()][1:4]
    for html, margin_mm in (
        (steckbrief_html(persona), 15),
        (render.vergleichsbogen_html(WORKSHOP, [persona, *others]), 12),
    ):
        data = render.html_to_pdf(html)
        width, right = words_right_edge(data, tmp_path)
        assert right <= width - margin_mm * 72 / 25.4 + 0.5, (width, right)
        assert squeezed(LONG_WORD[:400]) in squeezed(pdf_text(data, tmp_path))  # wrapped, not cut


OVERFLOWING = """(selector) => [...document.querySelectorAll(selector)].flatMap((box) => {
  const right = box.getBoundingClientRect().right + 1;
  return [...box.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > right || el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.tagName + "." + el.className);
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_a_2200_character_word_wraps_in_the_app_card_and_comparison(page, width: int) -> None:
    persona = demo()
    persona.profile.quote = LONG_WORD[:400]
    persona.obstacles.insert(0, Entry(LONG_WORD, ["daten"]))
    page.set_viewport_size({"width": width, "height": 900})
    page.set_content(
        "<!DOCTYPE html><html lang='de'><body style='margin:0'>"
        + render.persona_card_html(WORKSHOP, persona)
        + render.comparison_html(WORKSHOP, [persona, demo("hafenstedt")])
        + "</body></html>"
    )
    card = page.locator(".pw-card").bounding_box()
    assert card["x"] + card["width"] <= width + 1
    assert page.evaluate(OVERFLOWING, ".pw-card") == []
    assert page.evaluate(OVERFLOWING, ".pw-compare td") == []  # the table may scroll sideways, a cell may not
    assert page.locator(".pw-card .pw-obstacles li").first.bounding_box()["height"] > 100  # wrapped onto lines


def test_each_comparison_legend_names_only_what_its_own_page_marks() -> None:
    """Seen on screen and in the Vergleichsbogen alike: „(im Druck: Einträge zu solchen Themen)“."""
    personas = [demo("lindenau"), demo("landkreis-talheim"), demo("hafenstedt")]
    on_screen = render.comparison_html(WORKSHOP, personas)
    printed = render.vergleichsbogen_html(WORKSHOP, personas)
    assert texts.COMPARE_SHARED_LEGEND in on_screen and "im Druck" not in on_screen
    assert "im Druck" not in printed and "vor einem Eintrag" in printed
    assert "◆ Daten liegen in fünf Ämtern" in printed  # the printed mark the legend explains
