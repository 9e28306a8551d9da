"""Exports: the printed documents, spreadsheets, one ZIP and the access cards, written to ``exports/<workshop>/``.

One typed ``ExportRequest`` says what to make and ``run`` makes it. The CLI (``python -m werkstatt
export``) and the app are equal users of ``run``: the CLI builds the request from its options, the app's
pages send it to the render worker (``werkstatt/worker.py``), a separate process, because WeasyPrint is
pure Python and rendering in the app's process would slow every other session.
File names are stable and German, so a facilitator finds the same file after every export.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import html as html_module
import io
import json
import os
import re
import signal
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
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
    "zugangskarten": "Zugangskarten.pdf",
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


@dataclass(frozen=True)
class AccessCards:
    """Join codes to print as cards; they travel in memory only, since the workshop stores digests."""

    codes: Mapping[str, str]  # Kommune slug → code
    address: str  # the app's address, on each card as link and QR code


@dataclass(frozen=True)
class ExportRequest:
    """What to make: documents, pseudonymised or not, for one Kommune or all, a ZIP, access cards.

    The CLI builds one from its options; the app's pages send one to the render worker as JSON.
    """

    folder: Path
    out: Path
    only: tuple[str, ...] = KINDS
    anonymous: bool = False
    kommune: str | None = None
    zip: bool = False
    cards: AccessCards | None = None

    def __post_init__(self) -> None:
        unknown = [kind for kind in self.only if kind not in KINDS]
        if unknown:
            raise ValueError(f"unknown document kinds: {unknown}")

    def kinds(self) -> tuple[str, ...]:
        """The documents made: for one Kommune only those that exist per Kommune."""
        return tuple(k for k in self.only if k in KOMMUNE_KINDS) if self.kommune else self.only

    def to_json(self) -> str:
        """One line for the worker's pipe."""
        cards = {"codes": dict(self.cards.codes), "address": self.cards.address} if self.cards else None
        return json.dumps(
            {
                "folder": str(self.folder),
                "out": str(self.out),
                "only": list(self.only),
                "anonymous": self.anonymous,
                "kommune": self.kommune,
                "zip": self.zip,
                "cards": cards,
            }
        )

    @classmethod
    def from_json(cls, line: str) -> ExportRequest:
        """The request ``to_json`` wrote; anything else is a ``ValueError`` (the worker answers, not dies)."""
        data = json.loads(line)
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("folder", "out")):
            raise ValueError("not an export request")
        only, cards = data.get("only", list(KINDS)), data.get("cards")
        if not isinstance(only, list) or not all(isinstance(kind, str) for kind in only):
            raise ValueError("only: not a list of document kinds")
        if cards is not None:
            codes = cards.get("codes") if isinstance(cards, dict) else None
            if not isinstance(codes, dict) or not isinstance(cards.get("address"), str):
                raise ValueError("cards: codes and address expected")
            cards = AccessCards({str(k): str(v) for k, v in codes.items()}, cards["address"])
        kommune = data.get("kommune")
        return cls(
            Path(data["folder"]),
            Path(data["out"]),
            tuple(only),
            anonymous=data.get("anonymous") is True,
            kommune=kommune if isinstance(kommune, str) else None,
            zip=data.get("zip") is True,
            cards=cards,
        )

    def file_names(self) -> list[str]:
        """The files this export writes, in order: the pages offer exactly these, not older ones."""
        folder = WorkshopFolder(self.folder)
        kommune = self.kommune
        if kommune and self.anonymous:
            from werkstatt.pseudonym import pseudonym_slugs

            kommune = pseudonym_slugs(folder.workshop()).get(kommune, kommune)
        names = []
        for kind in self.kinds():
            keys = ("excel", "stufen_csv", "eintraege_csv") if kind == "excel" else (kind,)
            names += [file_name(key, self.anonymous, kommune) for key in keys]
        names += [zip_name(folder, self.anonymous)] if self.zip else []
        return names + ([FILE_NAMES["zugangskarten"]] if self.cards else [])


class ExportFailed(Exception):
    """Nothing (more) was written; ``lines`` say why in German, as the CLI prints them."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def run(
    request: ExportRequest, progress: Callable[[str], None] = lambda message: None, budget: Budget | None = None
) -> list[Path]:
    """Make what ``request`` asks for; the one call behind the CLI's ``export`` and the app's render worker.

    Progress and the closing line go to ``progress``; a refusal raises ``ExportFailed`` with German lines
    (broken files, a document over the budget, an unwritable target). Returns the files written, in order.
    """
    from werkstatt.write_errors import write_reason

    if not (request.folder / "workshop.yaml").is_file():
        raise ExportFailed([texts.CLI_NOT_A_WORKSHOP.format(folder=request.folder)])
    folder = WorkshopFolder(request.folder)
    try:
        refuse_linked_workshop(folder)
        workshop = folder.workshop()
        progress(texts.CLI_EXPORT_START.format(title=workshop.title, out=request.out))
        kinds, written = request.kinds(), []
        if kinds:  # a cards-only request needs no valid personas
            written = export(folder, request.out, kinds, request.anonymous, request.kommune, progress, budget)
        if request.zip:
            written.append(zip_everything(folder, request.out, written, request.anonymous, progress=progress))
        if request.cards:
            written.append(write_access_cards(workshop, request.cards, request.out))
    except ValidationError as err:
        raise ExportFailed([texts.CLI_EXPORT_REFUSED, *(f"  {problem}" for problem in err.problems)]) from err
    except BudgetExceeded as err:
        raise ExportFailed([texts.CLI_EXPORT_TOO_LARGE, f"  {err}"]) from err
    except OSError as err:  # an unwritable, read-only or full target: German, no traceback
        path = err.filename or request.out
        raise ExportFailed([texts.CLI_EXPORT_UNWRITABLE.format(path=path, reason=write_reason(err))]) from err
    progress(texts.CLI_EXPORT_WRITTEN.format(count=len(written), out=request.out))
    return written


def access_cards_pdf(workshop: Workshop, codes: Mapping[str, str], address: str) -> bytes:
    """One card per Kommune with its code, link and QR code; codes of unknown Kommunen are left out."""
    from werkstatt import render

    known = {slug: code for slug, code in codes.items() if workshop.kommune(slug)}
    return render.html_to_pdf(render.zugangskarten_html(workshop, known, address))


def write_access_cards(workshop: Workshop, cards: AccessCards, out_dir: Path) -> Path:
    """The cards as ``Zugangskarten.pdf``; refused when fellows could not open their address."""
    from werkstatt.access import card_address_problem

    problem = card_address_problem(cards.address)
    if problem:  # a card fellows cannot use is worse than none
        raise ExportFailed([problem])
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / FILE_NAMES["zugangskarten"]
    write_atomically(target, access_cards_pdf(workshop, cards.codes, cards.address))
    return target


def human_size(size: int) -> str:
    """ "< 1 KB", "12,3 KB", "1,4 MB": a small file never shows as "0 KB"."""
    if size < 1024:
        return texts.EXPORT_SIZE_SMALL
    if size < 1024 * 1024:
        return texts.EXPORT_SIZE_KB.format(size=f"{size / 1024:.1f}".replace(".", ","))
    return texts.EXPORT_SIZE_MB.format(size=f"{size / 1024 / 1024:.1f}".replace(".", ","))


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
    original_personas: list[Persona] | None = None  # named, for pseudonymising the day's texts
    skipped: list[str] = field(default_factory=list)  # German notes: files not read (symbolic links)
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
            the_day = (
                day_without_links(self.folder, self.skipped)
                if self.folder
                else Day(Market(), Agenda(), {}, Takeaways())
            )
            if self.anonymous:
                from werkstatt.pseudonym import pseudonymise_day

                the_day = pseudonymise_day(
                    self.original_workshop or self.workshop, the_day, self.original_personas or []
                )
            self._day = the_day
        return self._day


def load_material(folder: WorkshopFolder, anonymous: bool = False, kommune: str | None = None) -> Material:
    """Every persona of the workshop; a broken file stops the export with the validate messages.

    Files that are symbolic links are never read (a link could put any file of the server into a
    handout): a linked ``workshop.yaml`` stops the export, a linked persona is left out with a note.
    """
    refuse_linked_workshop(folder)
    workshop = original = folder.workshop()
    skipped: list[str] = []
    results = []
    for k in workshop.kommunen:
        if folder.persona_path(k.slug).is_symlink():
            skipped.append(texts.EXPORT_SKIPPED_LINK.format(file=f"{k.slug}.yaml"))
        else:
            results.append(folder.persona(k.slug))
    problems: list[Problem] = [p for r in results for p in r.problems]
    if problems:
        raise ValidationError(problems)
    everyone = [r.persona for r in results if r.ok]
    personas = [p for p in everyone if kommune is None or p.kommune == kommune]
    if kommune is not None and not personas:
        raise ValidationError([Problem(f"{kommune}.yaml", "", texts.ERR_FILE_MISSING)])
    from werkstatt.wizard import incomplete as open_steps

    incomplete = open_steps(workshop, personas)
    named = everyone
    if anonymous:
        from werkstatt.pseudonym import pseudonym_slugs, pseudonymise

        slugs = pseudonym_slugs(workshop)
        workshop, everyone = pseudonymise(workshop, everyone)
        incomplete = {slugs[s] for s in incomplete if s in slugs}
        kommune = slugs.get(kommune, kommune) if kommune else None
        personas = [p for p in everyone if kommune is None or p.kommune == kommune]
    return Material(workshop, personas, incomplete, anonymous, folder, kommune, original, everyone, named, skipped)


def refuse_linked_workshop(folder: WorkshopFolder) -> None:
    """Without its own ``workshop.yaml`` there is nothing to export: a link to one elsewhere is refused."""
    if behind_link(folder.path, "workshop.yaml"):
        raise ValidationError([Problem("workshop.yaml", "", texts.ERR_SYMLINK)])


def behind_link(root: Path, relative: str) -> bool:
    """True when the file, or any folder on its way inside ``root``, is a symbolic link."""
    parts = Path(relative).parts
    return any((root / Path(*parts[: n + 1])).is_symlink() for n in range(len(parts)))


def day_without_links(folder: WorkshopFolder, skipped: list[str]) -> Day:
    """The day's files as ``WorkshopFolder.day`` reads them, but a file that is a symbolic link counts as empty."""
    from werkstatt import day

    def linked(name: str) -> bool:
        if behind_link(folder.path, f"{DAY_DIR}/{name}"):
            skipped.append(texts.EXPORT_SKIPPED_LINK.format(file=f"{DAY_DIR}/{name}"))
            return True
        return False

    agenda = Agenda() if linked(day.AGENDA_FILE) else folder.agenda()
    boards = {
        group.id: day.Board(group.id) if linked(day.board_file(group.id)) else folder.board(group.id)
        for _, group in agenda.groups()
    }
    market = Market() if linked(day.MARKET_FILE) else folder.market()
    takeaways = Takeaways() if linked(day.TAKEAWAYS_FILE) else folder.takeaways()
    return Day(market, agenda, boards, takeaways)


def links_in(path: Path) -> list[str]:
    """Every symbolic link inside a workshop folder (relative names), found without following any."""
    found = []
    for current, folders, files in os.walk(path, followlinks=False):
        for name in sorted(folders + files):
            if (Path(current) / name).is_symlink():
                found.append((Path(current) / name).relative_to(path).as_posix())
    return sorted(found)


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
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # openpyxl stores "=…" as a formula; fellows' text stays text
            for column in sheet.columns:
                sheet.column_dimensions[column[0].column_letter].width = min(
                    60, max(12, *(len(str(c.value or "")) for c in column[:50]))
                )
    return {
        "excel": workbook.getvalue(),
        # Every text quoted: a carriage return in a fellow's text would otherwise end the row.
        "stufen_csv": _inert(stages).to_csv(sep=";", quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig"),
        "eintraege_csv": _inert(entries).to_csv(sep=";", index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig"),
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula (OWASP: a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _inert(frame):  # pandas is imported lazily
    frame = frame.map(inert_cell)
    frame.index = frame.index.map(inert_cell)
    frame.columns = frame.columns.map(inert_cell)
    return frame


@dataclass(frozen=True)
class Budget:
    """How large one exported document may get: protects the server, whose other users wait meanwhile.

    A workshop at the format's limits (50 entries of 4,000 characters per list) made a 1,211-page
    Dokumentation in 93 s and 1.4 GiB; the defaults refuse that before rendering, by an estimate.
    """

    pages: int = 300
    seconds: float = 120

    @classmethod
    def from_env(cls) -> Budget:
        def read(name: str, default: float) -> float:
            raw = os.environ.get(name, "")
            return float(raw) if raw.replace(".", "", 1).isdigit() and float(raw) > 0 else default

        return cls(
            pages=int(read("WERKSTATT_EXPORT_MAX_PAGES", cls.pages)),
            seconds=read("WERKSTATT_EXPORT_MAX_SECONDS", cls.seconds),
        )


class BudgetExceeded(Exception):
    """A document would be (or became) too large; the message is German and names the Kommune."""


# Printed characters per page, measured on the demo (sparse: 2,100–3,700) and on personas filled
# with long entries (dense: 2,500–5,000, Dokumentation 4,208); the highest figure of each document,
# so that the estimate stays below the real page count and only a surely too large one is refused.
CHARS_PER_PAGE = {"steckbriefe": 2600, "lernpartner": 5200}
DEFAULT_CHARS_PER_PAGE = 4300
_TAG = re.compile(r"<style.*?</style>|<[^>]+>", re.DOTALL)


def estimated_pages(kind: str, html: str) -> int:
    """Pages the document will roughly have, from its printed text (cheap: no layout)."""
    body = html[html.find("<body") :]
    printed = " ".join(html_module.unescape(_TAG.sub(" ", body)).split())
    return 1 + len(printed) // CHARS_PER_PAGE.get(kind, DEFAULT_CHARS_PER_PAGE)


def text_size(persona: Persona) -> int:
    """How many characters a persona brings into the documents."""
    profile = persona.profile
    size = sum(len(x) for x in (profile.name, profile.role, profile.quote, profile.story))
    size += sum(len(s.note) for s in persona.status)
    return size + sum(len(e.text) for section in ENTRY_SECTIONS for e in persona.entries(section))


def largest_kommune(material: Material) -> tuple[str, float]:
    """The Kommune with the most text, and its share of all persona text (0 … 1)."""
    sizes = {p.kommune: text_size(p) for p in material.personas}
    if not sizes:
        return "", 0.0
    slug = max(sizes, key=sizes.get)
    kommune = material.workshop.kommune(slug)
    return (kommune.name if kommune else slug), sizes[slug] / max(1, sum(sizes.values()))


def _too_many_pages(kind: str, pages: int, budget: Budget, material: Material) -> BudgetExceeded:
    name, share = largest_kommune(material)
    return BudgetExceeded(
        texts.EXPORT_TOO_MANY_PAGES.format(
            what=texts.EXPORT_KINDS[kind],
            pages=f"{pages:,}".replace(",", "."),
            limit=budget.pages,
            kommune=name,
            share=round(share * 100),
        )
    )


def _too_slow(kind: str, budget: Budget, material: Material) -> BudgetExceeded:
    name, share = largest_kommune(material)
    seconds = f"{budget.seconds:g}".replace(".", ",")
    return BudgetExceeded(
        texts.EXPORT_TOO_SLOW.format(
            what=texts.EXPORT_KINDS[kind], seconds=seconds, kommune=name, share=round(share * 100)
        )
    )


@contextlib.contextmanager
def time_limit(seconds: float, on_timeout: Callable[[], BudgetExceeded]) -> Iterator[None]:
    """Stop a render that takes longer than ``seconds`` (main thread only; elsewhere it runs unlimited)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):  # signal handler signature
        raise on_timeout()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def export(
    folder: WorkshopFolder,
    out_dir: Path,
    only: tuple[str, ...] = KINDS,
    anonymous: bool = False,
    kommune: str | None = None,
    progress: Callable[[str], None] = lambda message: None,
    budget: Budget | None = None,
) -> list[Path]:
    """Write the chosen documents into ``out_dir``; returns the files written, in order.

    Raises ``BudgetExceeded`` before rendering a document whose estimated pages exceed the budget,
    and when rendering one takes longer than the budget's seconds.
    """
    from werkstatt import render

    budget = budget or Budget.from_env()
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
            html = document_html(kind, material)
            pages = estimated_pages(kind, html)
            if pages > budget.pages:
                raise _too_many_pages(kind, pages, budget, material)

            with time_limit(budget.seconds, lambda kind=kind: _too_slow(kind, budget, material)):
                pdf = render.html_to_pdf(html)
            path = out_dir / file_name(kind, anonymous, material.kommune)
            write_atomically(path, pdf)
            written.append(path)
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        progress(texts.EXPORT_DONE.format(what=texts.EXPORT_KINDS[kind], seconds=seconds))
    for note in material.skipped:  # known only once the day's files were read
        progress(note)
    return written


def zip_name(folder: WorkshopFolder, anonymous: bool = False) -> str:
    """The ZIP's name; the pseudonymised one carries no Kommune name, even if the workshop's title does."""
    if not anonymous:
        return f"Persona-Werkstatt-{folder.slug}.zip"
    from werkstatt.pseudonym import pseudonymise

    workshop, _ = pseudonymise(folder.workshop(), [])
    return f"Persona-Werkstatt-{workshop.slug}{ANONYMOUS_SUFFIX}.zip"


def zip_everything(
    folder: WorkshopFolder,
    out_dir: Path,
    files: list[Path],
    anonymous: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> Path:
    """One ZIP for the facilitator: the exported files plus the workshop's YAML sources.

    The pseudonymised ZIP holds no YAML: the sources exist to restore the workshop, which nobody
    outside the group needs, and every file name, slug, vote and contact in them would have to be
    rewritten (one missed field names a Kommune). Its spreadsheets carry the same data, pseudonymised.
    Symbolic links are never packed (a link could put any file of the server into the ZIP).
    """
    target = out_dir / zip_name(folder, anonymous)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, arcname=path.name)
        if not anonymous:
            for link in links_in(folder.path):
                progress(texts.EXPORT_SKIPPED_LINK.format(file=link))
            sources = sorted([*folder.path.glob("*.yaml"), *folder.path.glob(f"{DAY_DIR}/**/*.yaml")])
            for source in sources:
                relative = source.relative_to(folder.path).as_posix()
                # The access file (code digests) stays on this laptop; links were reported above.
                if source.name.startswith(".") or behind_link(folder.path, relative):
                    continue
                if not source.is_file():  # a named pipe would make the ZIP wait forever, a device worse
                    progress(texts.EXPORT_SKIPPED_SPECIAL.format(file=relative))
                    continue
                archive.write(source, arcname=f"yaml/{relative}")
    write_atomically(target, buffer.getvalue())
    return target
