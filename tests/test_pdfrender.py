"""Re-export by parts: the same PDF as a whole render, but only changed parts laid out again."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from werkstatt import export as exporter
from werkstatt import render
from werkstatt.pdfrender import Renderer, split
from werkstatt.store import WorkshopFolder


def fresh() -> Renderer:
    return Renderer(render._deny_all_fetcher)  # the app's own locked-down fetcher


def html_of(folder: WorkshopFolder, kind: str) -> str:
    return exporter.document_html(kind, exporter.load_material(folder))


def change_quote(folder: WorkshopFolder, kommune: str, text: str) -> None:
    persona = folder.persona(kommune).persona
    persona.profile.quote = text
    folder.save_persona(persona, base_revision=persona.revision)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def outline(pdf: bytes) -> list:
    def titles(items: list) -> list:
        return [titles(i) if isinstance(i, list) else i.title for i in items]

    return titles(PdfReader(io.BytesIO(pdf)).outline)


def page_image(pdf: bytes, number: int, tmp_path: Path) -> Image.Image:
    source = tmp_path / f"{id(pdf)}.pdf"
    source.write_bytes(pdf)
    target = tmp_path / f"{id(pdf)}-{number}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", str(number), "-l", str(number), "-singlefile", source, target],
        check=True,
    )
    return Image.open(target.with_suffix(".png")).convert("RGB")


def test_documents_are_split_where_parts_begin(workshop_dir: Path) -> None:
    html = html_of(WorkshopFolder(workshop_dir), "dokumentation")
    head, running, parts, end = split(html)
    assert head.endswith("<body>") and "pw-running" in running and end.startswith("</body>")
    anchors = [p.anchor for p in parts]
    assert anchors[:4] == ["titel", "inhalt", "personas", "persona-landkreis-talheim"]
    assert [p.anchor for p in parts if p.fixed] == ["inhalt"]  # the contents need every page number
    assert "".join(p.html for p in parts).count('class="pw-page"') == 9


def test_one_changed_persona_is_laid_out_alone_and_the_pdf_is_the_same(workshop_dir: Path, tmp_path: Path) -> None:
    folder = WorkshopFolder(workshop_dir)
    warm = fresh()
    warm.pdf(html_of(folder, "steckbriefe"))
    change_quote(folder, "rheinfurt", "Jetzt mit <b>neuem</b> Zitat, Grüße aus Rheinfurt!")
    html = html_of(folder, "steckbriefe")
    by_parts = warm.pdf(html)
    assert warm.stats == {"whole": 1, "parts_laid_out": 1, "parts_reused": 8, "pdf_reused": 0}
    whole = fresh().pdf(html)
    assert pages_text(by_parts) == pages_text(whole)
    assert "Jetzt mit <b>neuem</b> Zitat" in "".join(pages_text(by_parts))
    assert "Seite 5 von 9" in pages_text(by_parts)[4]  # Rheinfurt's page, numbered where it sits
    for number in (1, 5, 9):  # an unchanged page, the changed one, the last: pixel for pixel
        difference = ImageChops.difference(page_image(by_parts, number, tmp_path), page_image(whole, number, tmp_path))
        assert difference.getbbox() is None, number
    reader = PdfReader(io.BytesIO(by_parts))
    assert reader.trailer["/Root"]["/Lang"] == "de" and "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata.title == "Persona-Steckbriefe"
    assert warm.pdf(html) == by_parts and warm.stats["pdf_reused"] == 1  # unchanged: not even written again


def test_dokumentation_by_parts_keeps_contents_bookmarks_and_links(workshop_dir: Path) -> None:
    folder = WorkshopFolder(workshop_dir)
    warm = fresh()
    warm.pdf(html_of(folder, "dokumentation"))
    change_quote(folder, "lindenau", "Ein neuer Satz.")
    html = html_of(folder, "dokumentation")
    by_parts = warm.pdf(html)
    assert warm.stats["whole"] == 1 and warm.stats["parts_laid_out"] == 1
    whole = fresh().pdf(html)
    assert pages_text(by_parts) == pages_text(whole)
    assert outline(by_parts) == outline(whole)

    def links(pdf: bytes) -> int:
        pages = PdfReader(io.BytesIO(pdf)).pages
        return sum(1 for p in pages for a in p.get("/Annots") or [] if a.get_object()["/Subtype"] == "/Link")

    assert links(by_parts) == links(whole) > 0


def _longer_story(folder: WorkshopFolder) -> None:
    persona = folder.persona("rheinfurt").persona
    persona.profile.story = "Sehr lange Geschichte. " * 160
    folder.save_persona(persona, base_revision=persona.revision)


def _renamed_round(folder: WorkshopFolder) -> None:
    folder.update_agenda(lambda agenda: setattr(agenda.slots[1].groups[0], "title", "Ein neuer Name der Runde"))


@pytest.mark.parametrize(
    ("change", "reason"),
    [(_longer_story, "a card grows onto a second page"), (_renamed_round, "the contents change")],
)
def test_changes_that_move_page_numbers_render_the_whole_document(workshop_dir: Path, change, reason: str) -> None:
    folder = WorkshopFolder(workshop_dir)
    warm = fresh()
    warm.pdf(html_of(folder, "dokumentation"))
    change(folder)
    html = html_of(folder, "dokumentation")
    again = warm.pdf(html)
    assert warm.stats["whole"] == 2, reason
    assert pages_text(again) == pages_text(fresh().pdf(html))


def test_the_cover_keeps_each_kommune_name_on_one_line(workshop_dir: Path, tmp_path: Path) -> None:
    """Seen on the Dokumentation's cover: „… · Landkreis“ at a line's end, „Hohenau-Tannberg · …“ below."""
    head, running, parts, end = split(html_of(WorkshopFolder(workshop_dir), "dokumentation"))
    cover = render.html_to_pdf(head + running + parts[0].html + end)
    source = tmp_path / "cover.pdf"
    source.write_bytes(cover)
    lines = subprocess.run(["pdftotext", "-layout", source, "-"], capture_output=True, text=True, check=True).stdout
    assert "Stadt Neustrand" in lines  # the list is there at all
    assert any("Landkreis Hohenau-Tannberg" in line for line in lines.splitlines())
