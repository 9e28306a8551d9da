"""Command line: ``python -m werkstatt validate [FOLDER]``.

Prints German summaries, exit code 0 when everything is valid and 1 with every error listed.
A user error never ends in a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from werkstatt import texts
from werkstatt.model import Problem, ValidationError
from werkstatt.store import WorkshopFolder, find_workshops

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_personas_root() -> Path:
    """``personas/`` in the working directory if there is one, else the project's own."""
    here = Path("personas")
    return here if here.is_dir() else PROJECT_ROOT / "personas"


def validate_workshop(folder: Path) -> tuple[list[Problem], int, list[str]]:
    """Check one workshop folder: (problems, number of valid personas, hints)."""
    store = WorkshopFolder(folder)
    try:
        workshop = store.workshop()
    except ValidationError as err:
        return err.problems, 0, []
    problems: list[Problem] = []
    missing: list[str] = []
    valid = 0
    for result in store.personas():
        if result.ok:
            valid += 1
        elif not result.exists:
            missing.append(workshop.kommune(result.slug).name)
        else:
            problems.extend(result.problems)
    problems.extend(day_problems(store))
    hints = [texts.CLI_MISSING_PERSONAS.format(names=", ".join(missing))] if missing else []
    hints += [texts.CLI_STRAY_FILE.format(file=name) for name in store.stray_files()]
    return problems, valid, hints


def day_problems(store: WorkshopFolder) -> list[Problem]:
    """Problems of the day's files (Themenbörse, programme, boards, takeaways), each file on its own."""
    from werkstatt.day import BOARDS_DIR, DAY_DIR

    problems: list[Problem] = []
    readers = [store.market, store.agenda, store.takeaways]
    readers += [lambda p=p: store.board(p.stem) for p in (store.path / DAY_DIR / BOARDS_DIR).glob("*.yaml")]
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
        problems, valid, hints = validate_workshop(folder)
        try:
            title = WorkshopFolder(folder).workshop().title
        except ValidationError:
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


def cmd_export(args: argparse.Namespace) -> int:
    from werkstatt.export import KINDS, KOMMUNE_KINDS, export, zip_everything

    folder_path = Path(args.folder)
    if not (folder_path / "workshop.yaml").is_file():
        print(texts.CLI_NOT_A_WORKSHOP.format(folder=folder_path), file=sys.stderr)
        return 1
    folder = WorkshopFolder(folder_path)
    out = Path(args.out) if args.out else PROJECT_ROOT / "exports" / folder.slug
    only = tuple(args.only) if args.only else KINDS
    if args.kommune:  # one Kommune's own pages: its Steckbrief (default) and its Mitnehmen page
        only = tuple(k for k in only if k in KOMMUNE_KINDS) if args.only else ("steckbriefe",)
    try:
        title = folder.workshop().title
        print(texts.CLI_EXPORT_START.format(title=title, out=out), flush=True)
        written = export(
            folder, out, only, args.anonym, args.kommune, progress=lambda message: print(message, flush=True)
        )
        if args.zip:
            written.append(zip_everything(folder, out, written))
    except ValidationError as err:
        print(texts.CLI_EXPORT_REFUSED, file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(texts.CLI_EXPORT_WRITTEN.format(count=len(written), out=out))
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


def cmd_cards(args: argparse.Namespace) -> int:
    """Print access cards; the codes come on stdin (JSON), so they never touch the disk unprinted."""
    import json

    from werkstatt import render
    from werkstatt.store import write_atomically

    folder = WorkshopFolder(args.folder)
    try:
        workshop = folder.workshop()
    except ValidationError as err:
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    codes = {str(k): str(v) for k, v in json.load(sys.stdin).items() if workshop.kommune(str(k))}
    write_atomically(Path(args.out), render.html_to_pdf(render.zugangskarten_html(workshop, codes, args.url)))
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

    cards = commands.add_parser("zugangskarten", help=texts.CLI_CARDS_HELP, description=texts.CLI_CARDS_HELP)
    cards.add_argument("folder", metavar="ORDNER", help=texts.CLI_FOLDER_HELP)
    cards.add_argument("--out", required=True, metavar="DATEI")
    cards.add_argument("--url", required=True, metavar="ADRESSE", help=texts.CLI_CARDS_URL)
    cards.set_defaults(run=cmd_cards)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
