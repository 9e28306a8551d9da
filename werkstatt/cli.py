"""Command line: ``python -m werkstatt validate | export | new | pin | codes`` (``--help`` for each).

Each command is a thin layer over the library (``export`` over ``export.run``, as the app's render worker):
it reads options, prints German lines and returns exit code 0 when all went well, 1 otherwise.
A user error never ends in a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from werkstatt import texts
from werkstatt.model import Problem, ValidationError
from werkstatt.store import WorkshopFolder, find_workshops
from werkstatt.write_errors import write_reason

if TYPE_CHECKING:
    from werkstatt.export import ExportRequest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PORT = 8501  # `make run` serves here unless PORT says otherwise
MIN_PIN_LENGTH = 4


def default_personas_root() -> Path:
    """``personas/`` in the working directory if there is one, else the project's own."""
    here = Path("personas")
    return here if here.is_dir() else PROJECT_ROOT / "personas"


def validate_workshop(folder: Path) -> tuple[list[Problem], int, list[str]]:
    """Check one workshop folder: (problems, number of valid personas, hints)."""
    from werkstatt.export import links_in

    store = WorkshopFolder(folder)
    links = links_in(Path(folder))  # refused, and never read: a link can point at any file of the server
    link_problems = [Problem(link, "", texts.ERR_SYMLINK) for link in links]
    if "workshop.yaml" in links:
        return link_problems, 0, []
    try:
        workshop = store.workshop()
    except ValidationError as err:
        return err.problems + link_problems, 0, []
    problems: list[Problem] = list(link_problems)
    missing: list[str] = []
    valid = 0
    for kommune in workshop.kommunen:
        if f"{kommune.slug}.yaml" in links:
            continue
        result = store.persona(kommune.slug)
        if result.ok:
            valid += 1
        elif not result.exists:
            missing.append(workshop.kommune(result.slug).name)
        else:
            problems.extend(result.problems)
    problems.extend(day_problems(store, set(links)))
    hints = [texts.CLI_MISSING_PERSONAS.format(names=", ".join(missing))] if missing else []
    hints += [texts.CLI_STRAY_FILE.format(file=name) for name in store.stray_files()]
    return problems, valid, hints


def day_problems(store: WorkshopFolder, links: set[str] = frozenset()) -> list[Problem]:
    """Problems of the day's files (Themenbörse, programme, boards, takeaways), each file on its own.

    Files in ``links`` (symbolic links, already reported) are not read.
    """
    from werkstatt.day import AGENDA_FILE, BOARDS_DIR, DAY_DIR, MARKET_FILE, TAKEAWAYS_FILE

    problems: list[Problem] = []
    if DAY_DIR in links:
        return problems
    named = [(MARKET_FILE, store.market), (AGENDA_FILE, store.agenda), (TAKEAWAYS_FILE, store.takeaways)]
    readers = [read for name, read in named if f"{DAY_DIR}/{name}" not in links]
    if f"{DAY_DIR}/{BOARDS_DIR}" not in links:
        readers += [
            lambda p=p: store.board(p.stem)
            for p in (store.path / DAY_DIR / BOARDS_DIR).glob("*.yaml")
            if f"{DAY_DIR}/{BOARDS_DIR}/{p.name}" not in links
        ]
    for read in readers:
        try:
            read()
        except (ValidationError, ValueError) as err:
            problems.extend(err.problems if isinstance(err, ValidationError) else [Problem(DAY_DIR, "", str(err))])
    return problems


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.folder) if args.folder else default_personas_root()
    if not root.exists():
        print(texts.ERR_FOLDER_MISSING.format(folder=root), file=sys.stderr)
        return 1
    folders = find_workshops(root)
    if not folders:
        print(texts.ERR_NO_WORKSHOPS.format(folder=root), file=sys.stderr)
        return 1
    total_errors = total_personas = 0
    for folder in folders:
        try:
            problems, valid, hints = validate_workshop(folder)
        except Exception as error:  # one workshop the checks did not foresee must not hide the rest
            failed = texts.CLI_VALIDATE_FAILED.format(kind=type(error).__name__)
            problems, valid, hints = [Problem(folder.name, "", failed)], 0, []
        try:
            title = WorkshopFolder(folder).workshop().title
        except Exception:  # its problems are listed above; the folder name will do
            title = folder.name
        if problems:
            print(texts.CLI_WORKSHOP_PROBLEMS.format(title=title, slug=folder.name, count=len(problems)))
            for problem in problems:
                print(f"  {problem}")
        else:
            print(texts.CLI_WORKSHOP_OK.format(title=title, slug=folder.name, count=valid))
        for hint in hints:
            print(hint)
        total_errors += len(problems)
        total_personas += valid
    if total_errors:
        print(texts.CLI_SUMMARY_PROBLEMS.format(errors=total_errors, workshops=len(folders)))
        return 1
    print(texts.CLI_SUMMARY_OK.format(workshops=len(folders), personas=total_personas))
    return 0


def export_request(args: argparse.Namespace) -> ExportRequest:
    """The request the ``export`` options describe; ``--kommune`` alone means its Steckbrief."""
    from werkstatt.export import KINDS, ExportRequest

    folder = Path(args.folder)
    out = Path(args.out) if args.out else PROJECT_ROOT / "exports" / WorkshopFolder(folder).slug
    only = tuple(args.only) if args.only else ("steckbriefe",) if args.kommune else KINDS
    return ExportRequest(folder, out, only, anonymous=args.anonym, kommune=args.kommune, zip=args.zip)


def cmd_export(args: argparse.Namespace) -> int:
    """A thin command over ``export.run``: the app's render worker makes the same call."""
    from werkstatt.export import ExportFailed, run

    try:
        run(export_request(args), progress=lambda message: print(message, flush=True))
    except ExportFailed as failed:
        print("\n".join(failed.lines), file=sys.stderr)
        return 1
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Create a workshop folder; the same validation as every file, nothing overwritten."""
    import datetime as dt

    from werkstatt.model import Kommune, Topic, Workshop, slugify
    from werkstatt.store import create_workshop

    root = Path(args.root) if args.root else default_personas_root()
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(texts.CLI_NEW_BAD_DATE.format(value=args.date), file=sys.stderr)
        return 1
    kommunen = []
    for spec in args.kommune or []:
        name, kind, state = ([part.strip() for part in spec.split(";")] + ["", ""])[:3]
        kommunen.append(Kommune(slugify(name), name, kind, state))
    workshop = Workshop(
        slug=slugify(args.title),
        title=args.title,
        date=date,
        place=args.place or "",
        topics=tuple(Topic(topic_id, label) for topic_id, label in texts.DEFAULT_TOPICS.items()),
        questions=texts.GUIDING_QUESTIONS,
        kommunen=tuple(kommunen),
    )
    try:
        folder = create_workshop(root, workshop)
    except FileExistsError as err:
        print(texts.CLI_NEW_EXISTS.format(folder=err.args[0]), file=sys.stderr)
        return 1
    except ValidationError as err:
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(texts.CLI_NEW_DONE.format(title=args.title, folder=folder, count=len(kommunen), root=root))
    return 0


def _has_pin(root: Path) -> bool:
    import os

    from werkstatt.access import read_pin_file

    return bool(os.environ.get("WERKSTATT_PIN")) or read_pin_file(root) is not None


def cmd_codes(args: argparse.Namespace) -> int:
    """New join codes for every Kommune: printed once with their links, and the cards as PDF.

    Only digests are stored, so existing codes cannot be shown again: without ``--new`` the command
    says so instead of replacing codes that may already lie printed on the tables.
    """
    from werkstatt import access, render
    from werkstatt.export import FILE_NAMES, access_cards_pdf
    from werkstatt.store import write_atomically

    folder_path = Path(args.folder)
    if not (folder_path / "workshop.yaml").is_file():
        print(texts.CLI_NOT_A_WORKSHOP.format(folder=folder_path), file=sys.stderr)
        return 1
    folder = WorkshopFolder(folder_path)
    try:
        workshop = folder.workshop()
    except ValidationError as err:
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    root = folder_path.resolve().parent
    if not _has_pin(root):
        print(texts.CLI_CODES_NO_PIN.format(root=root), file=sys.stderr)
        return 1
    if folder.access()["codes"] and not args.new:
        print(texts.CLI_CODES_EXIST.format(title=workshop.title, folder=args.folder), file=sys.stderr)
        return 1
    address = args.address or access.lan_base_url(DEFAULT_PORT)
    if address is None:
        print(texts.CARDS_NO_LAN, file=sys.stderr)
        return 1
    problem = access.card_address_problem(address)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    codes = {kommune.slug: access.new_code() for kommune in workshop.kommunen}
    pdf = access_cards_pdf(workshop, codes, address)  # before the old codes end
    out = Path(args.out) if args.out else PROJECT_ROOT / "exports" / folder.slug / FILE_NAMES["zugangskarten"]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, pdf)
    except OSError as err:
        print(texts.CLI_CODES_OUT_FAILED.format(out=out, reason=write_reason(err)), file=sys.stderr)
        return 1
    try:
        folder.set_codes(codes)
    except OSError as err:  # a read-only folder or a held lock: the printed cards would open nothing
        out.unlink(missing_ok=True)
        print(texts.CLI_CODES_NOT_SAVED.format(reason=write_reason(err)), file=sys.stderr)
        return 1
    for kommune, code in codes.items():
        name = workshop.kommune(kommune).name
        print(texts.CLI_CODES_LINE.format(name=name, code=code, link=render.join_link(address, code, folder.slug)))
    print(texts.CLI_CODES_DONE.format(count=len(codes), out=out))
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    """Set the facilitator PIN: read without echo (or from stdin), store only its scrypt hash."""
    import getpass
    import os

    from werkstatt.access import PIN_FILE, write_pin_file

    root = Path(args.root) if args.root else Path(os.environ.get("WERKSTATT_PERSONAS") or default_personas_root())
    if not root.is_dir():
        print(texts.ERR_FOLDER_MISSING.format(folder=root), file=sys.stderr)
        return 1
    if sys.stdin.isatty():
        pin = getpass.getpass(texts.CLI_PIN_PROMPT)
        if getpass.getpass(texts.CLI_PIN_REPEAT) != pin:
            print(texts.CLI_PIN_MISMATCH, file=sys.stderr)
            return 1
    else:
        pin = sys.stdin.readline().rstrip("\r\n")
    if len(pin.strip()) < MIN_PIN_LENGTH:
        print(texts.CLI_PIN_SHORT.format(length=MIN_PIN_LENGTH), file=sys.stderr)
        return 1
    write_pin_file(root, pin)
    print(texts.CLI_PIN_DONE.format(file=root / PIN_FILE))
    if os.environ.get("WERKSTATT_PIN"):
        print(texts.CLI_PIN_ENV_WINS)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m werkstatt", description=texts.CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")
    validate = commands.add_parser("validate", help=texts.CLI_VALIDATE_HELP, description=texts.CLI_VALIDATE_HELP)
    validate.add_argument("folder", nargs="?", metavar="ORDNER", help=texts.CLI_FOLDER_HELP)
    validate.set_defaults(run=cmd_validate)

    from werkstatt.export import KINDS  # light: no PDF or pandas import happens here

    export = commands.add_parser("export", help=texts.CLI_EXPORT_HELP, description=texts.CLI_EXPORT_HELP)
    export.add_argument("folder", metavar="ORDNER", help=texts.CLI_FOLDER_HELP)
    export.add_argument("--out", metavar="ORDNER", help=texts.CLI_EXPORT_OUT)
    export.add_argument("--only", nargs="+", choices=KINDS, metavar="DOKUMENT", help=texts.CLI_EXPORT_ONLY)
    export.add_argument("--anonym", action="store_true", help=texts.CLI_EXPORT_ANONYM)
    export.add_argument("--kommune", metavar="KURZNAME", help=texts.CLI_EXPORT_KOMMUNE)
    export.add_argument("--zip", action="store_true", help=texts.CLI_EXPORT_ZIP)
    export.set_defaults(run=cmd_export)

    new = commands.add_parser("new", help=texts.CLI_NEW_HELP, description=texts.CLI_NEW_HELP)
    new.add_argument("title", metavar="TITEL", help=texts.CLI_NEW_TITLE)
    new.add_argument("--date", metavar="DATUM", help=texts.CLI_NEW_DATE)
    new.add_argument("--place", metavar="ORT", help=texts.CLI_NEW_PLACE)
    new.add_argument("--kommune", action="append", metavar="KOMMUNE", help=texts.CLI_NEW_KOMMUNE)
    new.add_argument("--root", metavar="ORDNER", help=texts.CLI_NEW_ROOT)
    new.set_defaults(run=cmd_new)

    codes = commands.add_parser("codes", help=texts.CLI_CODES_HELP, description=texts.CLI_CODES_HELP)
    codes.add_argument("folder", metavar="ORDNER", help=texts.CLI_FOLDER_HELP)
    codes.add_argument("--address", metavar="ADRESSE", help=texts.CLI_CODES_ADDRESS)
    codes.add_argument("--new", action="store_true", help=texts.CLI_CODES_NEW)
    codes.add_argument("--out", metavar="DATEI", help=texts.CLI_CODES_OUT)
    codes.set_defaults(run=cmd_codes)

    pin = commands.add_parser("pin", help=texts.CLI_PIN_HELP, description=texts.CLI_PIN_HELP)
    pin.add_argument("--root", metavar="ORDNER", help=texts.CLI_PIN_ROOT)
    pin.set_defaults(run=cmd_pin)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except OSError as err:  # a read-only folder, a full disk, a file where a folder belongs: German, no traceback
        target = err.filename2 or err.filename or "?"  # a refused rename names its temporary file first
        print(texts.CLI_WRITE_FAILED.format(path=target, reason=write_reason(err)), file=sys.stderr)
        return 1
