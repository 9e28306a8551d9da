"""Printed documents and exports, read back: text, pages, sizes, bookmarks, pseudonyms, spreadsheets."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from scaled_demo import scaled_demo

from werkstatt import render
from werkstatt.export import KINDS, export, load_material, zip_everything
from werkstatt.store import WorkshopFolder

ROOT = Path(__file__).resolve().parent.parent


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    return "".join(text.split())


def page_sizes(reader: PdfReader) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """All documents of the demo workshop, exported once for the whole module."""
    out = tmp_path_factory.mktemp("exports")
    files = export(WorkshopFolder(ROOT / "personas" / "fellowtag-demo"), out)
    assert [f.name for f in files] == [
        "Persona-Steckbriefe.pdf",
        "Vergleichsbogen.pdf",
        "Lernpartner.pdf",
        "Dokumentation.pdf",
        "Programm.pdf",
        "Mitnehmen.pdf",
        "Personas.xlsx",
        "Stufen.csv",
        "Eintraege.csv",
    ]
    return out


def test_steckbriefe_one_a4_portrait_page_per_persona(exported: Path) -> None:
    reader = PdfReader(exported / "Persona-Steckbriefe.pdf")
    assert len(reader.pages) == 9
    assert page_sizes(reader) == {(595, 842)}
    text = pdf_text(exported / "Persona-Steckbriefe.pdf")
    for name in ("Jana Brückner", "Omar Feld", "Katrin Olsen", "Dr. Thomas Weber", "Lukas Brandt"):
        assert name in text
    assert "Präventionskette" in text and "Jugendhilfeausschuss" in text and "ß" in text
    assert "Seite 1 von 9" in text and "K360-Fellowtag (Demo) · 19.11.2026" in text
    assert reader.metadata.title == "Persona-Steckbriefe" and reader.metadata.author == "Persona-Werkstatt"
    assert "/StructTreeRoot" in reader.trailer["/Root"] and reader.trailer["/Root"]["/Lang"] == "de"


def test_vergleichsbogen_is_landscape_four_kommunen_a_page(exported: Path) -> None:
    reader = PdfReader(exported / "Vergleichsbogen.pdf")
    assert page_sizes(reader) == {(842, 595)}
    assert len(reader.pages) == 3
    pages = [page.extract_text() for page in reader.pages]
    assert "Kommunen 1–4 von 9" in pages[0] and "Kommunen 9–9 von 9" in pages[2]
    assert "Stadt Lindenau".upper() in pages[0].upper() and "Umsetzung des KJSG" in pages[2]


def test_thirty_kommunen_split_into_readable_pages_with_repeated_headers(tmp_path: Path) -> None:
    workshop, many = scaled_demo(30, "k{i:02d}", "Testkommune {n:02d}")
    path = tmp_path / "v.pdf"
    path.write_bytes(render.html_to_pdf(render.vergleichsbogen_html(workshop, many)))
    reader = PdfReader(path)
    assert page_sizes(reader) == {(842, 595)}
    assert 8 <= len(reader.pages) <= 16  # 8 groups of four; a tall group may continue on a second page
    for page in reader.pages:
        text = page.extract_text().upper()
        assert "TESTKOMMUNE" in text  # every page carries its table header with the Kommunen
    text = pdf_text(path)
    assert all(f"TESTKOMMUNE {i:02d}" in text.upper() for i in range(1, 31))


def test_lernpartner_says_who_to_talk_to(exported: Path) -> None:
    text = pdf_text(exported / "Lernpartner.pdf")
    assert "Stadt Lindenau: mit wem sprechen?" in text
    assert "Landkreis Talheim" in text and "gleiches Thema" in text and "Stufe 3 statt Stufe 1" in text


def test_dokumentation_has_cover_contents_bookmarks_and_all_parts(exported: Path) -> None:
    path = exported / "Dokumentation.pdf"
    reader = PdfReader(path)
    text = pdf_text(path)
    assert "K360-Fellowtag (Demo)" in text and "Gibt es unser Problem schon bzw. auch in anderen Kommunen?" in text
    assert "Inhalt" in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == [
        "Die Personas",
        "Vergleichsbogen",
        "Verbindende Elemente",
        "Lernpartner",
        "Themenbörse",
        "Programm",
        "Themenrunden",
        "Was die Kommunen mitnehmen",
        "Verabredete Kontakte",
    ]
    nested = [item for item in reader.outline if isinstance(item, list)]
    assert any("Jana Brückner" in sub.title for group in nested for sub in group if not isinstance(sub, list))
    contents = reader.pages[1].extract_text()
    assert "Die Personas" in contents and "Lernpartner" in contents
    assert any(ch.isdigit() for ch in contents.split("Lernpartner")[-1])  # a page number after the entry
    assert {(595, 842), (842, 595)} == page_sizes(reader)  # portrait text, landscape comparison
    assert "Personal und Ressourcen: 7 Kommunen" in text or "Personal und Ressourcen:" in text


def test_dokumentation_carries_the_day(exported: Path) -> None:
    """Themenbörse with votes, the programme, each session along the four questions, takeaways, contacts."""
    path = exported / "Dokumentation.pdf"
    text = squeezed(pdf_text(path))
    market = text.split("Themenbörse")[-1]
    # The most-voted idea comes first with its dots; the merged duplicate is named inside it.
    assert squeezed("Gemeinsamer Datenbestand mit Schulamt") in market
    assert squeezed("Enthält auch: Datenaustausch zwischen Ämtern") in market
    assert squeezed("27 vergebene Punkte (3 je Kommune)") in text
    assert squeezed("11:15–12:30") in text and squeezed("Raum: Elbe") in text
    for question in ("Gibt es unser Problem schon", "Wie wurde es in anderen Kommunen", "Was hat gut funktioniert"):
        assert text.count(squeezed(question)) >= 4 + 1  # every session's board, and the cover
    assert squeezed("hat weniger funktioniert: Erster Anlauf über eine gemeinsame Datenbank") in text
    assert squeezed("Nächster Schritt: Termin mit Schulamt und Gesundheitsamt im Januar") in text
    contacts = text.split(squeezed("Verabredete Kontakte"))[-1]
    assert squeezed("Stadt LindenauLandkreis SeenwaldeKooperationsvereinbarung") in contacts
    reader = PdfReader(path)
    nested = [
        sub.title for group in reader.outline if isinstance(group, list) for sub in group if not isinstance(sub, list)
    ]
    assert "Beteiligung, die bleibt: vom Jugendforum zur festen Struktur" in nested


def test_programm_is_one_landscape_page(exported: Path) -> None:
    reader = PdfReader(exported / "Programm.pdf")
    assert len(reader.pages) == 1 and page_sizes(reader) == {(842, 595)}
    text = squeezed(pdf_text(exported / "Programm.pdf"))
    assert squeezed("09:30–11:00") in text and squeezed("Es stellen vor: Landkreis Talheim") in text


def test_mitnehmen_one_page_per_kommune_and_for_one(exported: Path, tmp_path: Path) -> None:
    reader = PdfReader(exported / "Mitnehmen.pdf")
    assert len(reader.pages) == 9
    files = export(WorkshopFolder(ROOT / "personas" / "fellowtag-demo"), tmp_path, ("mitnehmen",), kommune="lindenau")
    assert [f.name for f in files] == ["Mitnehmen-lindenau.pdf"]
    assert len(PdfReader(files[0]).pages) == 1
    text = pdf_text(files[0])
    assert "Mitnehmen: Stadt Lindenau" in text and "Kontakt: Landkreis Seenwalde" in text
    assert "Vorschläge aus den Lernpartnern:" in text  # partners found among all Kommunen, not just this one


def test_pseudonymised_documents_name_no_kommune(tmp_path: Path) -> None:
    folder = ROOT / "personas" / "fellowtag-demo"
    files = export(WorkshopFolder(folder), tmp_path, ("dokumentation", "lernpartner"), anonymous=True)
    assert [f.name for f in files] == ["Dokumentation-anonym.pdf", "Lernpartner-anonym.pdf"]
    workshop = WorkshopFolder(folder).workshop()
    for path in files:
        text = pdf_text(path)
        assert "Kommune A" in text and "Kommune I" in text
        for kommune in workshop.kommunen:
            core = kommune.name.split(" ", 1)[-1]
            assert core not in text, (core, path.name)
            assert kommune.state not in text
        assert "ohne Namen der Kommunen" in text or path.name.startswith("Lernpartner")


def test_spreadsheets_read_back(exported: Path) -> None:
    stages = pd.read_excel(exported / "Personas.xlsx", sheet_name="Stufen", index_col=0)
    entries = pd.read_excel(exported / "Personas.xlsx", sheet_name="Einträge")
    assert stages.loc["Stadt Hafenstedt", "Steuerung im Themenfeld Kinderarmut"] == 4
    assert list(entries.columns) == ["Kommune", "Bereich", "Text", "Themen", "Grundlage"]
    lindenau = entries[(entries["Kommune"] == "Stadt Lindenau") & (entries["Bereich"] == "Stolpersteine")]
    assert lindenau.iloc[0]["Grundlage"] == "Erfahrung"
    raw = (exported / "Eintraege.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the umlauts correctly
    csv = pd.read_csv(io.BytesIO(raw), sep=";", encoding="utf-8-sig")
    assert len(csv) == len(entries) and "Präventionskette" in " ".join(csv["Text"])


def test_zip_holds_documents_and_yaml(exported: Path) -> None:
    folder = WorkshopFolder(ROOT / "personas" / "fellowtag-demo")
    files = sorted(p for p in exported.iterdir() if p.suffix in (".pdf", ".xlsx", ".csv"))
    target = zip_everything(folder, exported, files)
    names = zipfile.ZipFile(target).namelist()
    assert "Dokumentation.pdf" in names and "Personas.xlsx" in names
    assert "yaml/workshop.yaml" in names and "yaml/lindenau.yaml" in names
    assert "yaml/tag/themenboerse.yaml" in names and "yaml/tag/themenrunden/runde-1.yaml" in names
    assert not any(Path(n).name.startswith(".") for n in names)  # no locks, no access file


def test_injection_stays_text_in_every_document(workshop_dir: Path, tmp_path: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    persona = store.persona("lindenau").persona
    persona.profile.quote = "<img src=x onerror=alert(1)> Grüße"
    persona.obstacles[0].text = '<a href="file:///etc/passwd">Link</a>'
    store.save_persona(persona, base_revision=persona.revision)

    store.update_board("runde-1", lambda b: b.add_entry(2, '<img src="file:///etc/passwd"> Tafel'))
    store.update_takeaways(lambda t: t.add_takeaway("lindenau", "<script>alert(1)</script> Vorhaben"))
    files = export(WorkshopFolder(workshop_dir), tmp_path, ("steckbriefe", "dokumentation"))
    for path in files:
        text = squeezed(pdf_text(path))
        assert squeezed("<img src=x onerror=alert(1)>") in text
        assert squeezed('<a href="file:///etc/passwd">Link</a>') in text
        assert "root:x:0" not in text
    documentation = squeezed(pdf_text(tmp_path / "Dokumentation.pdf"))
    assert squeezed('<img src="file:///etc/passwd"> Tafel') in documentation
    assert squeezed("<script>alert(1)</script> Vorhaben") in documentation


def test_material_refuses_broken_files_like_validate(workshop_dir: Path) -> None:
    (workshop_dir / "lindenau.yaml").write_text(
        "schema_version: 1\nkommune: lindenau\nobstacles: [{text: a, topics: [armut]}]\n"
    )
    from werkstatt.model import ValidationError

    with pytest.raises(ValidationError) as caught:
        load_material(WorkshopFolder(workshop_dir))
    assert "lindenau.yaml › obstacles[0].topics: unbekanntes Thema „armut“" in str(caught.value)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "werkstatt", "export", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_cli_export_with_progress_and_exit_codes(workshop_dir: Path, tmp_path: Path) -> None:
    done = run_cli(str(workshop_dir), "--out", str(tmp_path / "out"), "--only", "lernpartner", "excel", "--zip")
    assert done.returncode == 0, done.stderr
    assert "✓ Lernpartner (" in done.stdout and "✓ Excel- und CSV-Tabellen" in done.stdout
    assert "Fertig: 5 Datei(en)" in done.stdout
    assert (tmp_path / "out" / "Persona-Werkstatt-fellowtag-demo.zip").exists()

    single = run_cli(str(workshop_dir), "--out", str(tmp_path / "one"), "--kommune", "neustrand")
    assert single.returncode == 0, single.stderr
    assert len(PdfReader(tmp_path / "one" / "Steckbrief-neustrand.pdf").pages) == 1

    (workshop_dir / "neustrand.yaml").write_text("kaputt: [")
    broken = run_cli(str(workshop_dir), "--out", str(tmp_path / "x"))
    assert broken.returncode == 1
    assert "Export abgebrochen" in broken.stderr and "neustrand.yaml: kein gültiges YAML" in broken.stderr
    assert "Traceback" not in broken.stderr

    missing = run_cli(str(tmp_path / "nirgends"))
    assert missing.returncode == 1 and "kein Workshop-Ordner" in missing.stderr and "Traceback" not in missing.stderr
    wrong = run_cli(str(workshop_dir), "--only", "alles")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr  # argparse names the valid choices


# ---------------------------------------------------------------------------------------------
# Pseudonymised exports: a tricky workshop, and every byte of every file searched for every name

# (old name, new name, old slug, new slug): four demo Kommunen renamed to names that trip naive matching
TRICKY = [
    ("Stadt Lindenau", "Stadt Weißenfels-Süd", "lindenau", "weissenfels-sued"),
    ("Stadt Rheinfurt", "Stadt Mühlheim", "rheinfurt", "muehlheim"),
    ("Stadt Hafenstedt", "Großstadt Nordhafen", "hafenstedt", "grossstadt"),
    ("Stadt Neustrand", "Landkreis Nord", "neustrand", "landkreis-nord"),
]
TRICKY_TEXT = (
    "Wie in MÜHLHEIM und bei den mühlheimer Kolleginnen; die Weißenfelser Lösung kam aus WEISSENFELS. "
    "Infos: weissenfels-sued.de und https://www.muehlheim.de/jugend. Die Großstadt Nordhafen und die Nordhafener "
    "Ämter. Landkreis Nord und der Kreis Nord. Die Nordsee-Kommunen an der Nordseeküste. Wir sprachen mit "
    "Jana Brückner und Herrn Weber."
)
# Every form that must not be found: names, cores, first parts, slugs, spellings, the persona names.
FORBIDDEN = [
    "Weißenfels", "Weissenfels", "Weissenfels-Sued", "Mühlheim", "Muehlheim", "Muhlheim", "Nordhafen", "grossstadt",
    "Großstadt", "Landkreis Nord", "landkreis-nord", "Lindenau", "Hafenstedt", "Rheinfurt", "Neustrand", "Talheim",
    "Seenwalde", "Hohenau", "Tannberg", "Kesselbrunn", "Saalwinkel",
    "Katrin Olsen", "Olsen", "Thomas Weber", "Weber", "Franziska", "Huber", "Annett", "Vogel", "Mirko", "Schulze",
    "Omar", "Jana", "Brückner", "Brueckner", "Lukas", "Brandt", "Selin", "Aydın", "Aydin",
]  # fmt: skip
FORBIDDEN_WORDS = ["Nord", "Feld", "Katrin", "Thomas"]  # as whole words only ("Nordsee" and "Handlungsfeld" stay)


def tricky_workshop(target: Path) -> Path:
    import re
    import shutil

    shutil.copytree(ROOT / "personas" / "fellowtag-demo", target)
    for old_name, new_name, old_slug, new_slug in TRICKY:
        old_core, new_core = old_name.split(" ", 1)[1], new_name.split(" ", 1)[1]
        new_core = new_core.split("-")[0]  # "Lindenau" in text becomes the short form "Weißenfels"
        for path in [*target.glob("*.yaml"), *target.glob("tag/**/*.yaml")]:
            text = path.read_text("utf-8").replace(old_name, new_name).replace(old_core, new_core)
            path.write_text(re.sub(rf"\b{old_slug}\b", new_slug, text), "utf-8")
        (target / f"{old_slug}.yaml").rename(target / f"{new_slug}.yaml")
    title = target / "workshop.yaml"
    title.write_text(
        title.read_text("utf-8").replace("K360-Fellowtag (Demo)", "Fellowtag Weißenfels-Süd 2026"), "utf-8"
    )
    store = WorkshopFolder(target)
    persona = store.persona("weissenfels-sued").persona
    persona.profile.story += " " + TRICKY_TEXT
    persona.obstacles[0].text = TRICKY_TEXT
    persona.obstacles[1].text = '=HYPERLINK("http://example.invalid/?leak","Nordhafen")'
    store.save_persona(persona, base_revision=persona.revision)
    store.update_board("runde-1", lambda b: b.add_entry(1, "Nordhafener Erfahrung: " + TRICKY_TEXT, "muehlheim"))
    store.update_takeaways(lambda t: t.add_takeaway("landkreis-nord", "Besuch in Mühlheim und Nordhafen"))
    store.update_market(lambda m: m.submit_idea("Das Weißenfelser Modell", TRICKY_TEXT, kommune="grossstadt"))
    return target


def every_text_of(name: str, data: bytes, seen: set[str] | None = None) -> list[tuple[str, str]]:
    """(where, text) for every readable form of a file: raw bytes in several encodings, and its inner parts.

    Contents already in ``seen`` (a ZIP member identical to a file checked before) give only their name.
    """
    import hashlib

    found = [(f"{name} (Name)", name)]
    digest = hashlib.sha256(data).hexdigest()
    if seen is not None:
        if digest in seen:
            return found
        seen.add(digest)
    found += [(f"{name} (Bytes {enc})", data.decode(enc, "ignore")) for enc in ("utf-8", "utf-16-be", "utf-16-le")]
    found.append((f"{name} (Bytes latin-1)", data.decode("latin-1")))
    if name.endswith(".pdf"):
        path = Path("/tmp") / f"pw-leak-{abs(hash(data))}.pdf"
        path.write_bytes(data)
        try:
            found.append((f"{name} (pdftotext)", pdf_text(path)))
        finally:
            path.unlink()
        reader = PdfReader(io.BytesIO(data))
        found.append((f"{name} (Metadaten)", repr(dict(reader.metadata or {}))))
        numbers = {n for objects in reader.xref.values() for n in objects} | set(reader.xref_objStm)
        objects, streams = [], []
        for number in sorted(numbers):
            obj = reader.get_object(number)
            objects.append(repr(obj))
            if hasattr(obj, "get_data"):
                try:
                    streams.append(obj.get_data())
                except Exception:  # an image filter pypdf cannot decode: bytes checked above
                    continue
        found.append((f"{name} (alle Objekte)", "\n".join(objects)))
        found += [
            (f"{name} (alle Ströme {enc})", b"\n".join(streams).decode(enc, "ignore")) for enc in ("utf-8", "latin-1")
        ]
    if name.endswith((".zip", ".xlsx")):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                found += every_text_of(f"{name}/{member}", archive.read(member), seen)
    return found


def leaks(texts: list[tuple[str, str]]) -> list[str]:
    import re

    problems = []
    for where, text in texts:
        folded = text.casefold()
        for form in FORBIDDEN:
            if form.casefold() in folded:
                problems.append(f"{form!r} in {where}")
        for word in FORBIDDEN_WORDS:
            for match in re.finditer(re.escape(word.casefold()), folded):  # a literal search is fast on MBs
                before, after = folded[match.start() - 1 : match.start()], folded[match.end() : match.end() + 1]
                if not before.isalpha() and not after.isalpha():
                    problems.append(f"{word!r} in {where}")
                    break
    return problems


@pytest.fixture(scope="module")
def anonymous_export(tmp_path_factory) -> tuple[Path, list[Path]]:
    """The tricky workshop exported pseudonymised, everything and the ZIP, as the app's button does it."""
    base = tmp_path_factory.mktemp("tricky")
    folder = WorkshopFolder(tricky_workshop(base / "personas" / "fellowtag-muehlheim"))
    out = base / "exports"
    files = export(folder, out, anonymous=True)
    files.append(zip_everything(folder, out, files, anonymous=True))
    files += export(folder, out, ("steckbriefe", "mitnehmen"), anonymous=True, kommune="grossstadt")
    return out, files


def test_tricky_workshop_names_everything_in_the_named_export(tmp_path: Path) -> None:
    """The search finds the names when they are there: the named Dokumentation of the same workshop."""
    folder = WorkshopFolder(tricky_workshop(tmp_path / "fellowtag-tricky"))
    files = export(folder, tmp_path / "out", ("programm", "excel"))  # quick ones; names in PDF and tables
    found = "\n".join(p for path in files for p in leaks(every_text_of(path.name, path.read_bytes())))
    for form in ("Weißenfels", "Weissenfels", "Mühlheim", "Nordhafen", "Großstadt", "Jana", "Brückner", "'Nord'"):
        assert form in found, form


def test_pseudonymised_export_contains_no_name_in_any_byte(anonymous_export) -> None:
    out, files = anonymous_export
    assert {f.name for f in files} == {
        "Persona-Steckbriefe-anonym.pdf",
        "Vergleichsbogen-anonym.pdf",
        "Lernpartner-anonym.pdf",
        "Dokumentation-anonym.pdf",
        "Programm-anonym.pdf",
        "Mitnehmen-anonym.pdf",
        "Personas-anonym.xlsx",
        "Stufen-anonym.csv",
        "Eintraege-anonym.csv",
        "Persona-Werkstatt-fellowtag-kommune-a-2026-anonym.zip",
        "Steckbrief-kommune-c-anonym.pdf",
        "Mitnehmen-kommune-c-anonym.pdf",
    }
    assert sorted(out.iterdir()) == sorted(files)  # nothing else written, the named ZIP untouched
    seen: set[str] = set()
    problems = [p for path in files for p in leaks(every_text_of(path.name, path.read_bytes(), seen))]
    assert problems == []
    names = zipfile.ZipFile(out / "Persona-Werkstatt-fellowtag-kommune-a-2026-anonym.zip").namelist()
    assert not any(n.endswith(".yaml") for n in names) and "Dokumentation-anonym.pdf" in names


def test_pseudonymised_text_keeps_words_that_only_look_like_names(anonymous_export) -> None:
    out, _ = anonymous_export
    text = squeezed(pdf_text(out / "Persona-Steckbriefe-anonym.pdf"))
    assert squeezed("Die Nordsee-Kommunen an der Nordseeküste") in text
    assert (
        squeezed("Wie in Kommune E und bei den Kommune E Kolleginnen; die Kommune A Lösung kam aus Kommune A") in text
    )
    assert squeezed("Infos: Kommune A.de und https://www.Kommune E.de/jugend") in text
    assert squeezed("Die Kommune C und die Kommune C Ämter. Kommune I und der Kommune I.") in text
    assert squeezed("Wir sprachen mit Persona A und Herrn Persona") in text
    assert "KommuneI-Kommunen" not in text
    reader = PdfReader(out / "Steckbrief-kommune-c-anonym.pdf")
    assert "Persona C" in reader.pages[0].extract_text() and "Kommune C" in reader.pages[0].extract_text()


# ---------------------------------------------------------------------------------------------
# Spreadsheets, symbolic links, size budget


HOSTILE_CELLS = ['=HYPERLINK("http://example.invalid/?x","klick")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tTab", "\rZeile"]


def test_spreadsheet_cells_stay_text() -> None:
    from openpyxl import load_workbook

    from werkstatt.export import spreadsheets
    from werkstatt.model import Entry

    material = load_material(WorkshopFolder(ROOT / "personas" / "fellowtag-demo"))  # changed in memory only
    material.personas[0].questions += [Entry(text, ["daten"]) for text in HOSTILE_CELLS]
    files = spreadsheets(material)

    sheet = load_workbook(io.BytesIO(files["excel"]))["Einträge"]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for text in HOSTILE_CELLS:
        read = text.replace("\r", "\n")  # XML reads a carriage return back as a line feed
        assert read in cells, text
        assert cells[read].data_type == "s", text  # a string, never a formula
    csv = pd.read_csv(io.BytesIO(files["eintraege_csv"]), sep=";", encoding="utf-8-sig", keep_default_na=False)
    texts_in_csv = set(csv["Text"])
    for text in HOSTILE_CELLS:
        assert "'" + text in texts_in_csv, text  # OWASP: a leading apostrophe
    assert "Präventionskette" in " ".join(csv["Text"])  # ordinary text unchanged


def test_symbolic_links_are_skipped_by_export_and_zip(workshop_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "fremd.yaml"
    outside.write_text((workshop_dir / "lindenau.yaml").read_text("utf-8").replace("Jana", "Geheimnis"), "utf-8")
    (workshop_dir / "lindenau.yaml").unlink()
    (workshop_dir / "lindenau.yaml").symlink_to(outside)
    (workshop_dir / "notizen.yaml").symlink_to("/etc/passwd")
    (workshop_dir / "tag" / "themenrunden" / "runde-2.yaml").unlink()
    (workshop_dir / "tag" / "themenrunden" / "runde-2.yaml").symlink_to(outside)
    messages: list[str] = []
    folder = WorkshopFolder(workshop_dir)
    files = export(folder, tmp_path / "out", ("programm", "excel"), progress=messages.append)
    archive = zip_everything(folder, tmp_path / "out", files, progress=messages.append)
    joined = "\n".join(messages)
    for link in ("lindenau.yaml", "notizen.yaml", "tag/themenrunden/runde-2.yaml"):
        assert (
            f"{link} ist eine Verknüpfung (symbolischer Link) und wurde aus Sicherheitsgründen übersprungen" in joined
        )
    assert "Geheimnis" not in (tmp_path / "out" / "Eintraege.csv").read_text("utf-8-sig")
    with zipfile.ZipFile(archive) as packed:
        names = packed.namelist()
        assert "yaml/lindenau.yaml" not in names and "yaml/notizen.yaml" not in names
        assert "yaml/tag/themenrunden/runde-2.yaml" not in names and "yaml/workshop.yaml" in names
        assert not any(b"root:x:0" in packed.read(n) or b"Geheimnis" in packed.read(n) for n in names)


def fat_workshop(target: Path, count: int = 9) -> WorkshopFolder:
    """Personas filled towards the format's limits; the fifth one has the most text."""
    from scaled_demo import write_workshop

    from werkstatt.model import Entry

    workshop, personas = scaled_demo(count, "k{i}", "Landkreis Test{n}")
    sentence = "Jugendhilfeplanung braucht verlässliche Daten und gemeinsame Steuerung. "
    for n, persona in enumerate(personas):
        text = (sentence * 60)[: 3900 if n == 4 else 3000]
        for section in ("obstacles", "successes", "drivers", "questions", "offers"):
            setattr(persona, section, [Entry(text, [workshop.topics[0].id]) for _ in range(12)])
    return write_workshop(target, workshop, personas)


def test_oversized_documentation_is_refused_quickly_naming_the_kommune(tmp_path: Path) -> None:
    import time

    from werkstatt.export import BudgetExceeded

    folder = fat_workshop(tmp_path / "gross")
    started = time.perf_counter()
    with pytest.raises(BudgetExceeded) as refused:
        export(folder, tmp_path / "out", ("dokumentation",))
    seconds = time.perf_counter() - started
    message = str(refused.value)
    assert "Dokumentation: wäre etwa" in message and "erlaubt sind 300" in message
    assert "Den meisten Text hat Landkreis Test5" in message
    assert seconds < 30, seconds  # an estimate, not a 1,000-page render (that took 93 s and 1.4 GiB)
    assert not (tmp_path / "out" / "Dokumentation.pdf").exists()

    done = run_cli(str(folder.path), "--out", str(tmp_path / "cli"), "--only", "dokumentation")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "ein Dokument ist zu groß" in done.stderr and "Landkreis Test5" in done.stderr


def test_a_render_over_its_seconds_is_stopped_and_the_renderer_still_works(tmp_path: Path) -> None:
    from werkstatt.export import Budget, BudgetExceeded

    folder = fat_workshop(tmp_path / "gross", count=2)
    with pytest.raises(BudgetExceeded) as stopped:
        export(folder, tmp_path / "out", ("steckbriefe",), budget=Budget(pages=10_000, seconds=0.3))
    assert "Persona-Steckbriefe: nach 0,3 s abgebrochen" in str(stopped.value)
    assert "Landkreis Test" in str(stopped.value)
    files = export(WorkshopFolder(ROOT / "personas" / "fellowtag-demo"), tmp_path / "out", ("programm",))
    assert len(PdfReader(files[0]).pages) == 1


# ---------------------------------------------------------------------------------------------
# The export page: the files of this run, sizes that are never "0 KB"


def test_human_sizes() -> None:
    from werkstatt.export import human_size

    assert [human_size(n) for n in (0, 397, 1023, 1024, 12_700, 1_468_006)] == [
        "< 1 KB",
        "< 1 KB",
        "< 1 KB",
        "1,0 KB",
        "12,4 KB",
        "1,4 MB",
    ]


def test_request_names_the_files_it_writes() -> None:
    from werkstatt.export import ExportRequest

    demo = ROOT / "personas" / "fellowtag-demo"
    request = ExportRequest(demo, Path("/tmp/x"), ("programm", "excel"), anonymous=True, zip=True)
    assert request.file_names() == [
        "Programm-anonym.pdf",
        "Personas-anonym.xlsx",
        "Stufen-anonym.csv",
        "Eintraege-anonym.csv",
        "Persona-Werkstatt-k360-fellowtag-demo-anonym.zip",
    ]
    assert ExportRequest.from_json(request.to_json()) == request  # as the render worker receives it
    one = ExportRequest(demo, Path("/tmp/x"), ("steckbriefe",), anonymous=True, kommune="neustrand")
    assert one.file_names() == ["Steckbrief-kommune-i-anonym.pdf"]
    assert ExportRequest.from_json(one.to_json()) == one
    with pytest.raises(ValueError, match="unknown document kinds"):
        ExportRequest(demo, Path("/tmp/x"), ("steckbrief",))


@pytest.mark.parametrize(
    ("options", "only", "kommune"),
    [
        ([], KINDS, None),
        (["--kommune", "lindenau"], ("steckbriefe",), "lindenau"),  # one Kommune: its Steckbrief
        (["--kommune", "lindenau", "--only", "mitnehmen", "vergleich"], ("mitnehmen",), "lindenau"),
    ],
)
def test_the_cli_and_the_app_send_the_same_request(options: list[str], only: tuple, kommune: str | None) -> None:
    from werkstatt import cli
    from werkstatt.export import ExportRequest

    demo = ROOT / "personas" / "fellowtag-demo"
    args = cli.build_parser().parse_args(["export", str(demo), "--out", "/tmp/x", *options])
    request = cli.export_request(args)
    assert request.kinds() == only and request.kommune == kommune
    full = ["export", str(demo), "--out", "/tmp/x", "--only", "programm", "excel", "--anonym", "--zip"]
    app = ExportRequest(demo, Path("/tmp/x"), ("programm", "excel"), anonymous=True, zip=True)
    assert cli.export_request(cli.build_parser().parse_args(full)) == app


def test_export_page_lists_this_runs_files_apart_from_older_ones(
    workshop_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.setenv("WERKSTATT_EXPORTS", str(tmp_path / "exports"))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    old = tmp_path / "exports" / "fellowtag-demo"
    old.mkdir(parents=True)
    (old / "Stufen.csv").write_bytes(b"x" * 397)
    (old / "Dokumentation-anonym.pdf").write_bytes(b"%PDF" + b"x" * 20_000)
    for path in old.iterdir():
        os.utime(path, (1_700_000_000, 1_700_000_000))  # 14.11.2023

    at = AppTest.from_string("from werkstatt.ui import export_page\nexport_page.page()\n", default_timeout=240).run()
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.startswith("Stufen.csv herunterladen (< 1 KB, vom 14.11.2023") for label in labels), labels

    at.multiselect(key="pw.export_kinds").set_value(["programm"]).run()
    next(b for b in at.button if b.label == "Ausgewählte erstellen").click().run()
    assert not at.exception, at.exception
    assert any("Dateien dieses Exports" in h.value for h in at.subheader)
    fresh = [b.proto.label for b in at.get("download_button") if "herunterladen" in b.proto.label]
    assert fresh[0].startswith("Programm.pdf herunterladen (") and fresh[0].endswith(" KB)"), fresh
    assert at.expander[-1].label == "Ältere Dateien im Export-Ordner (2)"
    folded = [b.proto.label for b in at.expander[-1].get("download_button")]
    assert len(folded) == 2 and all("vom 14.11.2023" in label for label in folded)
    assert not any("0 KB" in label for label in fresh + folded)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Weißenfels, WEISSENFELS, weissenfels-sued.de", "Kommune A, Kommune A, Kommune A.de"),
        ("die Weißenfelser und Weißenfelsern", "die Kommune A und Kommune A"),
        ("Stadt Weißenfels-Süd, Weissenfels Sued, stadt-weissenfels-sued", "Kommune A, Kommune A, Kommune A"),
        ("MÜHLHEIM, mühlheimer, Mühlheims, Muehlheimer Straße", "Kommune B, Kommune B, Kommune B, Kommune B Straße"),
        ("https://www.muehlheim.de/a und info@muhlheim.de", "https://www.Kommune B.de/a und info@Kommune B.de"),
        ("die Großstadt Nordhafen, Nordhafens Hafen, nordhafener", "die Kommune C, Kommune C Hafen, Kommune C"),
        ("Landkreis Nord, Kreis Nord, landkreis-nord, NORD", "Kommune D, Kommune D, Kommune D, Kommune D"),
        (
            "Nordsee-Kommunen, Nordseeküste, im Norden, Nord-Süd-Gefälle",
            "Nordsee-Kommunen, Nordseeküste, im Norden, Nord-Süd-Gefälle",
        ),
        (
            "Obermühlheim, in jeder Großstadt, die Kreisverwaltung",
            "Obermühlheim, in jeder Großstadt, die Kreisverwaltung",
        ),
        ("Thomas Weber, Herrn Webers Idee, Dr. Weber", "Persona B, Herrn Persona B Idee, Dr. Persona B"),
        ("die große Mühlheimer Runde, Große Kreisstadt Mühlheim", "die große Kommune B Runde, Kommune B"),
        ("Mühlheim und Nordhafen, Stadt und Land", "Kommune B und Kommune C, Stadt und Land"),
    ],
)
def test_scrubber_replaces_every_name_form_and_keeps_other_words(text: str, expected: str) -> None:
    from werkstatt.model import Kommune, Persona, Profile, Workshop
    from werkstatt.pseudonym import scrubber

    kommunen = (
        Kommune("stadt-weissenfels-sued", "Stadt Weißenfels-Süd"),
        Kommune("muehlheim", "Stadt Mühlheim"),
        Kommune("grossstadt", "Großstadt Nordhafen"),
        Kommune("landkreis-nord", "Landkreis Nord"),
    )
    workshop = Workshop("w", "Fellowtag", None, "", (), (), kommunen)
    weber = Persona("muehlheim", profile=Profile(name="Dr. Thomas Weber"))
    assert scrubber(workshop, [weber])(text) == expected


def test_a_linked_folder_or_workshop_file_is_not_read(workshop_dir: Path, tmp_path: Path) -> None:
    import shutil

    from werkstatt.model import ValidationError

    elsewhere = tmp_path / "anderswo"
    shutil.move(workshop_dir / "tag" / "themenrunden", elsewhere)
    (workshop_dir / "tag" / "themenrunden").symlink_to(elsewhere)
    material = load_material(WorkshopFolder(workshop_dir))
    assert all(not board.entries for board in material.day.boards.values())
    assert any("tag/themenrunden/runde-1.yaml ist eine Verknüpfung" in note for note in material.skipped)
    assert len(material.day.market.ideas) > 0  # the files that are no links are read as ever

    (workshop_dir / "workshop.yaml").rename(tmp_path / "workshop.yaml")
    (workshop_dir / "workshop.yaml").symlink_to(tmp_path / "workshop.yaml")
    with pytest.raises(ValidationError) as refused:
        load_material(WorkshopFolder(workshop_dir))
    assert "workshop.yaml: ist eine Verknüpfung (symbolischer Link)" in str(refused.value)
    done = run_cli(str(workshop_dir), "--out", str(tmp_path / "out"))
    assert done.returncode == 1 and "workshop.yaml: ist eine Verknüpfung" in done.stderr
    assert "K360" not in done.stdout + done.stderr  # not even the title was read through the link


def test_pseudonymising_a_hundred_kommunen_takes_about_a_second() -> None:
    """One regex with every form as an alternative took a minute here: Python tries alternatives one by one."""
    import time

    from werkstatt.pseudonym import pseudonymise

    workshop, personas = scaled_demo(100, "k{i}", "Landkreis Testkommune-Süd{n}")
    started = time.perf_counter()
    anonymous, _ = pseudonymise(workshop, personas)
    assert time.perf_counter() - started < 15  # 0.85 s measured; generous for a busy machine
    assert anonymous.kommunen[99].name == "Kommune CV"


def test_page_estimate_stays_below_the_real_page_count(exported: Path) -> None:
    """The budget refuses by estimate, so the estimate must never exceed what WeasyPrint lays out."""
    from werkstatt.export import FILE_NAMES, document_html, estimated_pages

    material = load_material(WorkshopFolder(ROOT / "personas" / "fellowtag-demo"))
    for kind in ("steckbriefe", "vergleich", "lernpartner", "dokumentation", "programm", "mitnehmen"):
        real = len(PdfReader(exported / FILE_NAMES[kind]).pages)
        estimate = estimated_pages(kind, document_html(kind, material))
        assert 1 <= estimate <= real, (kind, estimate, real)
