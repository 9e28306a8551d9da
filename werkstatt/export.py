"""Exports: the printed documents, spreadsheets and one ZIP, written to ``exports/<workshop>/``.

Used by ``python -m werkstatt export`` and, through that command in a separate process, by the app
(WeasyPrint is pure Python: rendering in the app's process would slow every other session).
File names are stable and German, so a facilitator finds the same file after every export.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from werkstatt import texts
from werkstatt.day import DAY_DIR, Agenda, Day, Market, Takeaways
from werkstatt.model import ENTRY_SECTIONS, EVIDENCE, Persona, Problem, ValidationError, Workshop
from werkstatt.store import WorkshopFolder, write_atomically

KINDS = ("steckbriefe", "vergleich", "lernpartner", "dokumentation", "programm", "mitnehmen", "excel")
KOMMUNE_KINDS = ("steckbriefe", "mitnehmen")  # documents that exist for one Kommune (``--kommune``)
FILE_NAMES = {
    "steckbriefe": "Persona-Steckbriefe.pdf",
    "programm": "Programm.pdf",
    "mitnehmen": "Mitnehmen.pdf",
    "vergleich": "Vergleichsbogen.pdf",
    "lernpartner": "Lernpartner.pdf",
    "dokumentation": "Dokumentation.pdf",
    "excel": "Personas.xlsx",
    "stufen_csv": "Stufen.csv",
    "eintraege_csv": "Eintraege.csv",
}
ANONYMOUS_SUFFIX = "-anonym"


def file_name(kind: str, anonymous: bool = False, kommune: str | None = None) -> str:
    name = FILE_NAMES[kind]
    if kommune and kind in KOMMUNE_KINDS:
        name = f"{'Steckbrief' if kind == 'steckbriefe' else 'Mitnehmen'}-{kommune}.pdf"
    if anonymous:
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem}{ANONYMOUS_SUFFIX}{dot}{suffix}"
    return name


@dataclass
class Material:
    """What the documents are made of, computed once per export (partners only when needed)."""

    workshop: Workshop
    personas: list[Persona]
    incomplete: set[str]
    anonymous: bool
    folder: WorkshopFolder | None = None
    kommune: str | None = None
    original_workshop: Workshop | None = None
    all_personas: list[Persona] | None = None  # every Kommune's, also when the documents are for one
    _partners: list | None = None
    _day: Day | None = None

    @property
    def partners(self) -> list:
        if self._partners is None:
            from werkstatt.matching import learning_partners

            self._partners = learning_partners(self.workshop, self.all_personas or self.personas)
        return self._partners

    @property
    def day(self) -> Day:
        """Themenbörse, programme, boards and takeaways; read only for the documents that show them."""
        if self._day is None:
            the_day = self.folder.day() if self.folder else Day(Market(), Agenda(), {}, Takeaways())
            if self.anonymous:
                from werkstatt.pseudonym import pseudonymise_day

                the_day = pseudonymise_day(self.original_workshop or self.workshop, the_day)
            self._day = the_day
        return self._day


def load_material(folder: WorkshopFolder, anonymous: bool = False, kommune: str | None = None) -> Material:
    """Every persona of the workshop; a broken file stops the export with the validate messages."""
    workshop = original = folder.workshop()
    results = folder.personas()
    problems: list[Problem] = [p for r in results for p in r.problems]
    if problems:
        raise ValidationError(problems)
    everyone = [r.persona for r in results if r.ok]
    personas = [p for p in everyone if kommune is None or p.kommune == kommune]
    if kommune is not None and not personas:
        raise ValidationError([Problem(f"{kommune}.yaml", "", texts.ERR_FILE_MISSING)])
    from werkstatt.wizard import incomplete as open_steps

    incomplete = open_steps(workshop, personas)
    if anonymous:
        from werkstatt.pseudonym import pseudonymise

        workshop, everyone = pseudonymise(workshop, everyone)
        personas = [p for p in everyone if kommune is None or p.kommune == kommune]
    return Material(workshop, personas, incomplete, anonymous, folder, kommune, original, everyone)


def document_html(kind: str, material: Material) -> str:
    from werkstatt import render

    workshop, personas = material.workshop, material.personas
    if kind == "steckbriefe":
        return render.steckbriefe_html(workshop, personas)
    if kind == "vergleich":
        return render.vergleichsbogen_html(workshop, personas, material.incomplete)
    if kind == "lernpartner":
        return render.lernpartner_html(workshop, personas, material.partners)
    if kind == "dokumentation":
        from werkstatt import compare

        return render.dokumentation_html(
            workshop,
            personas,
            material.partners,
            compare.connecting_themes(workshop, personas),
            compare.shared_drivers(workshop, personas),
            material.incomplete,
            anonymous=material.anonymous,
            today=dt.date.today().strftime("%d.%m.%Y"),
            the_day=material.day,
        )
    if kind == "programm":
        return render.programm_html(workshop, material.day.agenda)
    if kind == "mitnehmen":
        slugs = [material.kommune] if material.kommune else [k.slug for k in workshop.kommunen]
        return render.mitnehmen_html(workshop, slugs, material.day.takeaways, material.partners)
    raise ValueError(kind)


def spreadsheets(material: Material) -> dict[str, bytes]:
    """The stage matrix and every entry, as an Excel workbook and as CSV files (";" for German Excel)."""
    import pandas as pd

    from werkstatt import compare

    workshop, personas = material.workshop, material.personas
    stages = compare.stage_matrix(workshop, personas)
    rows = [
        {
            "Kommune": compare.kommune_name(workshop, p.kommune),
            "Bereich": texts.SECTION_TITLES[section],
            "Text": entry.text,
            "Themen": ", ".join(workshop.topic_label(t) for t in entry.topics),
            "Grundlage": EVIDENCE.get(entry.evidence or "", ""),
        }
        for p in personas
        for section in ENTRY_SECTIONS
        for entry in p.entries(section)
    ]
    entries = pd.DataFrame(rows, columns=["Kommune", "Bereich", "Text", "Themen", "Grundlage"])
    workbook = io.BytesIO()
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        stages.to_excel(writer, sheet_name="Stufen")
        entries.to_excel(writer, sheet_name="Einträge", index=False)
        for sheet in writer.book.worksheets:
            for column in sheet.columns:
                sheet.column_dimensions[column[0].column_letter].width = min(
                    60, max(12, *(len(str(c.value or "")) for c in column[:50]))
                )
    return {
        "excel": workbook.getvalue(),
        "stufen_csv": stages.to_csv(sep=";").encode("utf-8-sig"),
        "eintraege_csv": entries.to_csv(sep=";", index=False).encode("utf-8-sig"),
    }


def export(
    folder: WorkshopFolder,
    out_dir: Path,
    only: tuple[str, ...] = KINDS,
    anonymous: bool = False,
    kommune: str | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> list[Path]:
    """Write the chosen documents into ``out_dir``; returns the files written, in order."""
    from werkstatt import render

    material = load_material(folder, anonymous, kommune)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind in only:
        started = time.perf_counter()
        if kind == "excel":
            for key, data in spreadsheets(material).items():
                path = out_dir / file_name(key, anonymous)
                write_atomically(path, data)
                written.append(path)
        else:
            pdf = render.html_to_pdf(document_html(kind, material))
            path = out_dir / file_name(kind, anonymous, kommune)
            write_atomically(path, pdf)
            written.append(path)
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        progress(texts.EXPORT_DONE.format(what=texts.EXPORT_KINDS[kind], seconds=seconds))
    return written


def zip_everything(folder: WorkshopFolder, out_dir: Path, files: list[Path]) -> Path:
    """One ZIP for the facilitator: the exported files plus the workshop's YAML sources."""
    target = out_dir / f"Persona-Werkstatt-{folder.slug}.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, arcname=path.name)
        for source in sorted([*folder.path.glob("*.yaml"), *folder.path.glob(f"{DAY_DIR}/**/*.yaml")]):
            if not source.name.startswith("."):  # the access file (code digests) stays on this laptop
                archive.write(source, arcname=f"yaml/{source.relative_to(folder.path)}")
    write_atomically(target, buffer.getvalue())
    return target
