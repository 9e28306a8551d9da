"""Hostile and careless files: every bad value is a German message naming file and field, never a traceback.

Each case of issue 12 first (an impossible date, 20,000 ``[``, a 5,000-digit number, a key written
twice, bytes that are not UTF-8, a control character); then a property test that edits the demo
files at random with such fragments and pushes every result through ``validate`` and through the
library calls the pages make; then the pages themselves with one broken workshop beside a good one.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from werkstatt import cli, compare, day, matching, presenter, render, wizard
from werkstatt.model import ValidationError
from werkstatt.store import WorkshopFolder, find_code, load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "personas" / "fellowtag-demo"
LINDENAU_UPDATED = "updated: 2026-11-19 10:42:00+01:00\n"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def persona_problems(folder: Path, slug: str = "lindenau") -> list[str]:
    result = WorkshopFolder(folder).persona(slug)
    assert not result.ok
    return [str(p) for p in result.problems]


# -- each case from the issue ---------------------------------------------------------------------

PERSONA_CASES = [
    pytest.param(
        LINDENAU_UPDATED,
        "updated: 2026-02-30\n",
        "lindenau.yaml › updated: „2026-02-30“ ist kein gültiges Datum bzw. keine gültige Uhrzeit (Zeile 4)",
        id="impossible-date",
    ),
    pytest.param(
        LINDENAU_UPDATED,
        "updated: 2026-11-19 25:42:00\n",
        "lindenau.yaml › updated: „2026-11-19 25:42:00“ ist kein gültiges Datum",
        id="impossible-time",
    ),
    pytest.param(
        "  age: 41\n",
        "  age: " + "9" * 5000 + "\n",
        "lindenau.yaml › persona.age: Zahl mit 5000 Zeichen ist zu lang (höchstens 40)",
        id="5000-digit-number",
    ),
    pytest.param(
        "  age: 41\n",
        "  age: 0x" + "f" * 5000 + "\n",
        "lindenau.yaml › persona.age: Zahl mit 5002 Zeichen ist zu lang",
        id="5000-digit-hex-number",
    ),
    pytest.param(
        "  age: 41\n",
        "  age: " + "[" * 20_000 + "\n",
        "lindenau.yaml: zu tief verschachtelt: mehr als 30 Ebenen aus Listen und Abschnitten (Zeile 7)",
        id="20000-brackets",
    ),
    pytest.param(
        "  age: 41\n",
        "  age: 41\n  name: Doppelt\n",
        "lindenau.yaml › persona.name: steht doppelt im selben Abschnitt (Zeile 6 und Zeile 8)",
        id="duplicate-key",
    ),
    pytest.param(
        "revision: 4\n",
        "revision: 4\nrevision: 5\n",
        "lindenau.yaml › revision: steht doppelt im selben Abschnitt (Zeile 3 und Zeile 4)",
        id="duplicate-top-level-key",
    ),
    pytest.param(
        "  age: 41\n",
        "  age: !!int einundvierzig\n",
        "lindenau.yaml › persona.age: „einundvierzig“ lässt sich nicht als ganze Zahl lesen (Zeile 7)",
        id="explicit-tag-bad-int",
    ),
    pytest.param(
        "  age: 41\n",
        "  age: !!bool vielleicht\n",
        "lindenau.yaml › persona.age: „vielleicht“ lässt sich nicht als Wahrheitswert lesen",
        id="explicit-tag-bad-bool",
    ),
    pytest.param(
        "  age: 41\n",
        "  age: 41\x07\n",
        "lindenau.yaml: Zeile 7: unsichtbares Steuerzeichen U+0007 ist in diesen Dateien nicht erlaubt",
        id="control-character",
    ),
    pytest.param(
        "  age: 41\n",
        "  age:\n\t41\n",
        "Tabulator zum Einrücken (bitte Leerzeichen verwenden)",
        id="tab-indent",
    ),
    pytest.param(
        "  age: 41\n",
        "  age: 41\n---\nkommune: lindenau\n",
        "mehr als ein Dokument (---) in der Datei",
        id="two-documents",
    ),
    pytest.param(
        "    evidence: daten\n",
        "    evidence: [daten]\n",
        "lindenau.yaml › successes[1].evidence: muss „gefuehl“, „erfahrung“ oder „daten“ sein, gefunden: Liste",
        id="list-where-a-word-belongs",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), PERSONA_CASES)
def test_a_hostile_persona_file_is_refused_with_file_and_field(
    workshop_dir: Path, old: str, new: str, expected: str
) -> None:
    replace_in(workshop_dir / "lindenau.yaml", old, new)
    problems = persona_problems(workshop_dir)
    assert any(expected in p for p in problems), problems


def test_bytes_that_are_not_utf8_name_the_line(workshop_dir: Path) -> None:
    path = workshop_dir / "lindenau.yaml"
    path.write_bytes(path.read_bytes().replace("Jana Brückner".encode(), "Jana Br\xfcckner".encode("latin-1")))
    assert persona_problems(workshop_dir) == [
        "lindenau.yaml: Datei ist nicht in UTF-8 gespeichert (Zeile 6, Byte 107); bitte als UTF-8 speichern"
    ]


def test_a_folder_named_like_a_persona_file_is_a_message(workshop_dir: Path) -> None:
    (workshop_dir / "lindenau.yaml").unlink()
    (workshop_dir / "lindenau.yaml").mkdir()
    assert persona_problems(workshop_dir) == [
        "lindenau.yaml: Datei lässt sich nicht lesen (ein Ordner statt einer Datei, oder kein Lesezugriff)"
    ]


def test_an_impossible_workshop_date_is_refused_with_file_and_field(workshop_dir: Path) -> None:
    replace_in(workshop_dir / "workshop.yaml", "date: 2026-11-19\n", "date: 2026-02-30\n")
    with pytest.raises(ValidationError) as caught:
        WorkshopFolder(workshop_dir).workshop()
    assert [str(p) for p in caught.value.problems] == [
        "workshop.yaml › date: „2026-02-30“ ist kein gültiges Datum bzw. keine gültige Uhrzeit (Zeile 6)"
    ]


def test_a_duplicate_key_in_a_day_file_is_refused(workshop_dir: Path) -> None:
    path = workshop_dir / "tag" / "programm.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "schema_version: 1\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        WorkshopFolder(workshop_dir).agenda()
    assert "programm.yaml › schema_version: steht doppelt im selben Abschnitt" in str(caught.value)


@pytest.mark.parametrize(
    "access", ["salt: abc\ncodes: {lindenau: x}\n", "salt: ''\ncodes: [lindenau]\n", "codes: {a: 1, a: 2}\n"]
)
def test_a_damaged_access_file_closes_the_doors_without_a_traceback(workshop_dir: Path, access: str) -> None:
    (workshop_dir / ".zugang.yaml").write_text("schema_version: 1\n" + access, encoding="utf-8")
    folder = WorkshopFolder(workshop_dir)
    assert folder.access()["generation"] == -1 and folder.access()["revealed"] is False
    assert folder.kommune_for_code("ABCD2345") is None
    assert find_code([folder], "ABCD2345") is None


def test_merge_keys_may_still_override_what_they_merge() -> None:
    # ``<<`` is the one place YAML means "the later one wins"; only keys written twice are refused.
    assert load_yaml_text("a: {<<: {x: 1, y: 2}, x: 3}\n", "f.yaml") == {"a": {"x": 3, "y": 2}}


def test_parser_hints_are_german(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        load_yaml_text("title: Wir: und die anderen\n", "workshop.yaml")
    assert str(caught.value) == (
        "workshop.yaml: kein gültiges YAML in Zeile 1, Spalte 11 (Hinweis des Parsers: Doppelpunkt an dieser "
        "Stelle nicht erlaubt (Text mit „: “ in Anführungszeichen setzen))"
    )


def test_validate_reports_every_workshop_even_beside_broken_ones(tmp_path: Path) -> None:
    root = tmp_path / "personas"
    for name in ("a-kaputtes-datum", "b-gut", "c-kaputte-persona"):
        shutil.copytree(DEMO, root / name)
    replace_in(root / "a-kaputtes-datum" / "workshop.yaml", "date: 2026-11-19\n", "date: 2026-02-30\n")
    replace_in(root / "c-kaputte-persona" / "lindenau.yaml", LINDENAU_UPDATED, "updated: 2026-02-30\n")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["validate", str(root)])
    assert code == 1
    lines = out.getvalue().splitlines()
    assert lines == [
        "✗ a-kaputtes-datum (a-kaputtes-datum): 1 Fehler",
        "  workshop.yaml › date: „2026-02-30“ ist kein gültiges Datum bzw. keine gültige Uhrzeit (Zeile 6)",
        "✓ K360-Fellowtag (Demo) (b-gut): 9 Personas in Ordnung",
        "✗ K360-Fellowtag (Demo) (c-kaputte-persona): 1 Fehler",
        "  lindenau.yaml › updated: „2026-02-30“ ist kein gültiges Datum bzw. keine gültige Uhrzeit (Zeile 4)",
        "2 Fehler in 3 Workshop(s) gefunden.",
    ]


def test_validate_goes_on_after_a_failure_nobody_foresaw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "personas"
    for name in ("a", "b"):
        shutil.copytree(DEMO, root / name)
    real = cli.validate_workshop

    def failing_for_a(folder: Path):
        if folder.name == "a":
            raise RecursionError("as if a check had a bug")
        return real(folder)

    monkeypatch.setattr(cli, "validate_workshop", failing_for_a)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["validate", str(root)]) == 1
    text = out.getvalue()
    assert "a: Prüfung dieses Workshops mit einem unerwarteten Fehler (RecursionError) abgebrochen" in text
    assert "✓ K360-Fellowtag (Demo) (b): 9 Personas in Ordnung" in text


# -- property: random hostile edits of the demo files --------------------------------------------

ACCESS_FILE = ".zugang.yaml"  # join codes: read by every page, so a damaged one must close doors, not crash
FILES = [*sorted(str(p.relative_to(DEMO)) for p in DEMO.rglob("*.yaml")), ACCESS_FILE]
CODE = "ABCD2345"
FRAGMENTS = [
    "2026-02-30",
    "2026-11-19 25:00:00",
    "2026-01-01 10:00:00 +99:00",
    "[" * 20_000,
    "{" * 500,
    "9" * 5000,
    "0x" + "f" * 3000,
    "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20",
    "1e999",
    "-.inf",
    ".nan",
    "!!int x",
    "!!float x",
    "!!bool vielleicht",
    "!!timestamp gestern",
    "!!binary '@@@'",
    "!!set {a, b}",
    "!!omap [a: 1, a: 2]",
    "!!python/object/apply:os.system [ls]",
    "!ort Berlin",
    "&anker x",
    "*anker",
    "<<: {x: 1}",
    "<<: 5",
    "? [a, b]\n: c",
    "{a: 1, a: 2}",
    "[1, [2, [3, {x: y}]]]",
    "{text: a, topics: [daten], evidence: [daten]}",
    "{text: a, topics: [{x: 1}], evidence: {x: 1}}",
    "{id: a1, title: t, step: [x], status: {a: 1}, votes: {lindenau: 99999999999}}",
    "'nicht geschlossen",
    "'@@@'",
    "ÄÖÜ ß",
    '"\\xZZ"',
    "\x07",
    "\x00",
    "\ufeff",
    "\u2028",
    "\x85",
    "\t",
    "---",
    "...",
    "%YAML 1.1",
    "|\n  Block",
    ">-",
    "- - - -",
    "? ",
    ": :",
    "@",
    "`",
    "~",
    "yes",
    "No",
    "null",
    "",
    "\ud800",  # a lone surrogate: written out it is a byte sequence that is not UTF-8
    '"\\udc00": 1',  # a lone surrogate as a YAML escape, here as a key: valid YAML, but no UTF-8 text
]
ENGLISH = re.compile(r"\b(found|unacceptable|while (scanning|parsing|constructing)|could not|expected)\b")


def _insert(text: str, position: float, fragment: str) -> str:
    at = int(position * len(text))
    return text[:at] + fragment + text[at:]


def _replace_value(text: str, position: float, fragment: str) -> str:
    """Put the fragment where a value stands (after ``key:`` or ``- `` on some line)."""
    lines = text.split("\n")
    index = int(position * (len(lines) - 1))
    line = lines[index]
    cut = line.find(": ") + 2 if ": " in line else line.find("- ") + 2 if "- " in line else len(line)
    lines[index] = line[:cut] + fragment
    return "\n".join(lines)


def _repeat_line(text: str, position: float, _fragment: str) -> str:
    lines = text.split("\n")
    index = int(position * (len(lines) - 1))
    return "\n".join(lines[: index + 1] + lines[index:])


def _drop_line(text: str, position: float, _fragment: str) -> str:
    lines = text.split("\n")
    index = int(position * (len(lines) - 1))
    return "\n".join(lines[:index] + lines[index + 1 :])


EDITS = [_insert, _replace_value, _repeat_line, _drop_line]
fragment = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40))
edit = st.tuples(st.sampled_from(EDITS), st.floats(0, 1), fragment)
mutated_file = st.one_of(
    st.tuples(st.sampled_from(FILES), st.lists(edit, min_size=1, max_size=3)),
    st.tuples(st.sampled_from(FILES), st.text(max_size=300).map(lambda junk: [(lambda *_: junk, 0.0, "")])),
)


def _check(problems) -> None:
    assert problems
    for problem in problems:
        message = str(problem)
        assert problem.file and problem.message, message
        assert not ENGLISH.search(problem.message), message
        message.encode("utf-8")  # an error card must reach the browser


def _call(read):
    """What a page does with a read: show it, or show a German error card for that one file."""
    try:
        return read()
    except ValidationError as err:
        _check(err.problems)
        return None


def pages_data_path(folder: WorkshopFolder, codes_changed: bool) -> None:
    """The library calls the pages make, in the order they make them, with their error handling."""
    access = folder.access()
    if codes_changed:  # a code is hashed once per try: only when that file changed
        found = find_code([folder], CODE)
        assert found is None or found[1] == "lindenau"
        assert access["revealed"] in (True, False)
    workshop = _call(folder.workshop)
    if workshop is None:
        return  # every page shows the workshop's error card and stops there
    results = folder.personas()
    for result in results:
        if result.exists and not result.ok:
            _check(result.problems)
    personas = [r.persona for r in results if r.ok]
    folder.stray_files()
    compare.group_status(workshop, results)
    compare.stage_frame(workshop, personas)
    compare.stage_matrix(workshop, personas)
    compare.entry_counts(workshop, personas)
    compare.connecting_themes(workshop, personas)
    compare.shared_drivers(workshop, personas)
    partners = matching.learning_partners(workshop, personas)
    incomplete = wizard.incomplete(workshop, personas)
    for persona in personas:
        render.persona_card_html(workshop, persona)
        render.presenter_persona_html(workshop, persona)
        day.persona_suggestions(workshop, persona)
        wizard.draft_from_persona(persona, workshop)
    render.comparison_html(workshop, personas, incomplete)
    presenter.slides(workshop, personas)
    market = _call(folder.market)
    if market is not None:
        render.market_rows(workshop, market)
    agenda = _call(folder.agenda)
    if agenda is not None:
        render.programm_html(workshop, agenda)
        for slot, group in agenda.groups():
            board = _call(lambda group=group: folder.board(group.id))
            if board is not None:
                render.board_html(workshop, group.title, render.round_meta(workshop, slot, group), board)
        if agenda.slots:  # what a new board starts with
            matching.matching_obstacles(workshop, personas, agenda.slots[-1].title, "", list(workshop.topic_ids[:1]))
    takeaways = _call(folder.takeaways)
    if takeaways is not None:
        render.takeaway_groups(workshop, takeaways)
        render.contact_rows(workshop, takeaways)
        render.mitnehmen_html(workshop, [k.slug for k in workshop.kommunen], takeaways, partners)


class _Playground:
    """One copy of the demo for the whole property run; each example changes one file and puts it back.

    The folder object lives on, so unchanged files stay parsed in its cache (that keeps 150 examples
    within seconds); every write gets its own modification time, so no stale parse can hide a change.
    """

    def __init__(self, root: Path):
        self.root = root
        self.path = root / "fellowtag-demo"
        shutil.copytree(DEMO, self.path)
        self.folder = WorkshopFolder(self.path)
        self.folder.set_codes({"lindenau": CODE, "neustrand": "WXYZ6789"})
        self.originals = {name: (self.path / name).read_text(encoding="utf-8") for name in FILES}
        self.clock = 1_700_000_000_000_000_000

    def write(self, name: str, data: bytes) -> None:
        path = self.path / name
        path.write_bytes(data)
        self.clock += 1_000_000
        os.utime(path, ns=(self.clock, self.clock))


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> _Playground:
    return _Playground(tmp_path_factory.mktemp("hostile"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=mutated_file)
def test_no_mutated_file_ends_in_anything_but_a_german_message(playground: _Playground, change) -> None:
    name, edits = change
    original = playground.originals[name]
    text = original
    for apply_edit, position, piece in edits:
        text = apply_edit(text, position, piece)
    playground.write(name, text.encode("utf-8", "surrogatepass"))
    try:
        pages_data_path(playground.folder, codes_changed=name == ACCESS_FILE)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["validate", str(playground.root)])
        assert code in (0, 1)
        assert "unerwarteten Fehler" not in out.getvalue(), out.getvalue()
        assert not ENGLISH.search(out.getvalue()), out.getvalue()
        out.getvalue().encode("utf-8")  # a terminal, and Streamlit's connection to the browser, need UTF-8
    finally:
        playground.write(name, original.encode("utf-8"))


# -- the pages: one broken workshop beside a good one ----------------------------------------------


@pytest.fixture
def two_workshops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A broken workshop (impossible date, sorted first) beside the demo with one broken persona."""
    root = tmp_path / "personas"
    shutil.copytree(DEMO, root / "aaa-kaputt")
    shutil.copytree(DEMO, root / "fellowtag-demo")
    replace_in(root / "aaa-kaputt" / "workshop.yaml", "date: 2026-11-19\n", "date: 2026-02-30\n")
    replace_in(root / "fellowtag-demo" / "lindenau.yaml", LINDENAU_UPDATED, "updated: 2026-02-30\n")
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(root))
    return root


def plain(markdown: str) -> str:
    """Error cards escape Markdown (``date\\:``); the words a person reads."""
    return markdown.replace("\\", "")


def open_page(module: str, workshop: str | None = None) -> AppTest:
    script = f"from werkstatt.ui import {module}\n{module}.page()\n"
    at = AppTest.from_string(script, default_timeout=60)
    if workshop:
        at.session_state["pw.workshop"] = workshop
    return at.run()


def test_start_page_lists_both_workshops_and_names_the_broken_date(two_workshops: Path) -> None:
    at = open_page("start", workshop="aaa-kaputt")
    assert not at.exception, at.exception
    assert at.selectbox(key="pw.start_workshop").options == ["aaa-kaputt", "K360-Fellowtag (Demo)"]
    assert any("workshop.yaml › date: „2026-02-30“ ist kein gültiges Datum" in plain(e.value) for e in at.error)
    at = open_page("start", workshop="fellowtag-demo")
    assert not at.exception, at.exception
    assert "Stadt Lindenau (Datei fehlerhaft)" in at.selectbox(key="pw.start_kommune").options


@pytest.mark.parametrize("module", ["overview", "compare_page", "matrix_page", "partners_page", "presenter_page"])
def test_shared_pages_draw_the_good_personas_beside_a_broken_one(two_workshops: Path, module: str) -> None:
    at = open_page(module, workshop="fellowtag-demo")
    assert not at.exception, at.exception
    drawn = "\n".join(str(element.proto) for element in at.main)
    assert "Talheim" in drawn  # the first good persona, now that Lindenau cannot be read


def test_alle_personas_shows_the_error_card_for_the_one_file(two_workshops: Path) -> None:
    at = open_page("overview", workshop="fellowtag-demo")
    assert not at.exception, at.exception
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 1 and "lindenau.yaml › updated: „2026-02-30“ ist kein gültiges Datum" in errors[0]
    cards = [h.proto.body for h in at.get("html") if "Hafenstedt" in h.proto.body or "Talheim" in h.proto.body]
    assert len(cards) >= 2


# The page links app.py hands the pages (``st.session_state["pw.pages"]``).
PAGE_KEYS = ("start", "wizard", "overview", "compare", "matrix", "connections", "partners", "presenter", "market")
PAGE_KEYS += ("agenda", "board", "takeaways", "group", "export", "access", "setup")
# Every page module (one with a page() function); helpers such as common or exporting are not pages.
ALL_PAGES = sorted(p.stem for p in (ROOT / "werkstatt" / "ui").glob("*.py") if "\ndef page(" in p.read_text("utf-8"))


@pytest.fixture(params=["broken-board", "new-board"])
def hostile_demo(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Path:
    """The demo with one hostile value in three personas and in three of the day's files.

    ``new-board``: the first round's board is not written yet, so opening it reads the (broken) Themenbörse.
    """
    replace_in(workshop_dir / "lindenau.yaml", LINDENAU_UPDATED, "updated: 2026-02-30\n")
    replace_in(workshop_dir / "neustrand.yaml", "revision: ", "revision: " + "9" * 5000 + "\nx: ")
    replace_in(workshop_dir / "hafenstedt.yaml", "schema_version: 1\n", "schema_version: 1\nschema_version: 1\n")
    replace_in(workshop_dir / "tag" / "themenboerse.yaml", "dots_per_kommune: 3\n", "dots_per_kommune: !!int drei\n")
    runde = workshop_dir / "tag" / "themenrunden" / "runde-1.yaml"
    if request.param == "new-board":
        runde.unlink()
    else:
        runde.write_text(runde.read_text(encoding="utf-8") + "x: " + "[" * 20_000 + "\n", encoding="utf-8")
    replace_in(workshop_dir / "tag" / "mitnehmen.yaml", "revision: 5\n", "revision: 5\x1b\n")
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    return workshop_dir


@pytest.mark.parametrize("module", ALL_PAGES)
def test_every_page_survives_hostile_files(hostile_demo: Path, module: str) -> None:
    links = ", ".join(f"'{key}': st.Page(lambda: None, title='{key}', url_path='{key}')" for key in PAGE_KEYS)
    script = f"import streamlit as st\nst.session_state['pw.pages'] = {{{links}}}\n"
    script += f"from werkstatt.ui import {module}\n{module}.page()\n"
    at = AppTest.from_string(script, default_timeout=60)
    at.session_state["pw.workshop"] = "fellowtag-demo"
    at.session_state["pw.kommune"] = "lindenau"  # the wizard opens the persona with the impossible date
    at.run()
    assert not at.exception, at.exception
