"""Model and store: the file format's rules, every tricky value, every refusal."""

from __future__ import annotations

import dataclasses
import os
import textwrap
from pathlib import Path

import pytest
import yaml

from werkstatt.model import (
    Entry,
    Limits,
    NewerSchemaError,
    StatusEntry,
    ValidationError,
    clean_text,
    slug_problem,
    slugify,
)
from werkstatt.store import ConflictError, WorkshopFolder, dump_yaml, load_yaml_text, persona_yaml

ROOT = Path(__file__).resolve().parent.parent

TRICKY = [
    "No",
    "no",
    "yes",
    "Yes",
    "on",
    "off",
    "true",
    "False",
    "1.0",
    "1",
    "0x1F",
    "1e3",
    ".inf",
    "2026-01-01",
    "2026-11-19 10:42:00",
    "~",
    "null",
    "",
    " ",
    ":",
    "- a",
    "# kein Kommentar",
    "a: b",
    "{not: a map}",
    "[x, y]",
    "&anker",
    "*verweis",
    "!tag",
    "%",
    "@",
    "`",
    "'einfach'",
    '"doppelt"',
    "Grüße aus Köln – ß",
    "Straße, Übergänge, Ökologie",
    "😀 👩🏽‍💼 Emoji",
    "Zeile 1\nZeile 2",
    "  führende Leerzeichen",
    "Leerzeichen am Ende  ",
    "\n\nbeginnt mit Zeilenumbrüchen",
    "endet mit Umbruch\n",
    "Tab\tim Text",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "x" * 4000,
]


def persona_file(folder: Path, slug: str, body: str) -> Path:
    path = folder / f"{slug}.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def problems_of(folder: Path, slug: str) -> list[str]:
    result = WorkshopFolder(folder).persona(slug)
    assert not result.ok
    return [str(p) for p in result.problems]


# --- slugs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Landkreis Märkisch-Oderland", "landkreis-maerkisch-oderland"),
        ("Stadt Lindenau", "stadt-lindenau"),
        ("Große Kreisstadt Übersee", "grosse-kreisstadt-uebersee"),
        ("  Café  Zürich!! ", "cafe-zuerich"),
        ("../../etc/passwd", "etc-passwd"),
        ("x" * 300, "x" * 60),
    ],
)
def test_slugify_makes_safe_german_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert slug_problem(slug) is None


@pytest.mark.parametrize(
    ("slug", "fragment"),
    [
        ("../../etc/passwd", "darf nur Kleinbuchstaben"),
        ("CON", "darf nur Kleinbuchstaben"),
        ("con", "reserviert"),
        ("lpt1", "reserviert"),
        ("", "fehlt"),
        ("a" * 300, "zu lang"),
        ("-start", "darf nur"),
        (None, "fehlt"),
    ],
)
def test_bad_slugs_are_refused_in_german(slug: object, fragment: str) -> None:
    assert fragment in slug_problem(slug)


def test_store_never_turns_a_bad_slug_into_a_path(workshop_dir: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    for slug in ("../../etc/passwd", "CON", "", "a" * 300, "workshop"):
        with pytest.raises(ValueError):
            store.persona_path(slug)


# --- the demo workshop ------------------------------------------------------------------------


def test_demo_workshop_has_nine_valid_varied_personas() -> None:
    store = WorkshopFolder(ROOT / "personas" / "fellowtag-demo")
    workshop = store.workshop()
    results = store.personas()
    assert len(workshop.kommunen) == 9
    assert all(r.ok for r in results), [r.problems for r in results]
    assert len({k.state for k in workshop.kommunen}) == 9
    assert {k.kind for k in workshop.kommunen} == {"kreisfreie Stadt", "Landkreis"}
    for result in results:
        persona = result.persona
        covered = {s.topic for s in persona.status}
        assert {"kjsg", "beteiligung", "kinderarmut"} <= covered
        assert persona.profile.name and persona.profile.quote and persona.profile.story
        assert all(persona.entries(section) for section in ("obstacles", "successes", "drivers", "questions"))


def test_demo_has_built_in_overlaps() -> None:
    """Several Kommunen stuck on the same obstacle; one's success answers another's question."""
    store = WorkshopFolder(ROOT / "personas" / "fellowtag-demo")
    personas = {r.slug: r.persona for r in store.personas()}
    data_obstacles = [s for s, p in personas.items() if any("daten" in e.topics for e in p.obstacles)]
    assert len(data_obstacles) >= 3
    staff_obstacles = [s for s, p in personas.items() if any("personal" in e.topics for e in p.obstacles)]
    assert len(staff_obstacles) >= 4
    assert "Jugendhilfeausschuss" in personas["lindenau"].questions[0].text
    assert any("Jugendhilfeausschuss" in e.text for e in personas["landkreis-talheim"].successes)
    assert any("Ombudsstelle" in e.text for e in personas["kesselbrunn"].questions)
    assert any("Ombudsstelle" in e.text for e in personas["neustrand"].successes)


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_text_survives_save_and_load(workshop_dir: Path, value: str) -> None:
    store = WorkshopFolder(workshop_dir)
    persona = store.persona("lindenau").persona
    persona.profile.name = value
    persona.profile.quote = value
    persona.profile.story = value
    persona.status[0] = StatusEntry("kjsg", 2, value)
    entry_text = value if value.strip() else f"Eintrag {value!r}"  # an entry needs some text
    persona.obstacles.append(Entry(entry_text, ["daten"], "daten"))
    store.save_persona(persona, base_revision=persona.revision)

    again = WorkshopFolder(workshop_dir).persona("lindenau")
    assert again.ok, again.problems
    reread = again.persona
    assert reread.profile.name == value
    assert reread.profile.quote == value
    assert reread.profile.story == value
    assert reread.status[0].note == value
    assert reread.obstacles[-1].text == entry_text


def test_saved_file_is_readable_yaml_with_quoted_lookalikes(workshop_dir: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    persona = store.persona("lindenau").persona
    persona.profile.name = "No"
    persona.profile.quote = "2026-01-01"
    store.save_persona(persona, base_revision=persona.revision)
    text = (workshop_dir / "lindenau.yaml").read_text(encoding="utf-8")
    assert "name: 'No'" in text
    assert "quote: '2026-01-01'" in text
    assert "topics: [daten, kooperation]" in text  # short lists stay on one line for readable diffs
    assert "Jugendhilfeausschuss" in text  # umlauts written as themselves, not escaped
    assert yaml.safe_load(text)["persona"]["name"] == "No"


def test_clean_text_keeps_what_people_type() -> None:
    assert clean_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert clean_text("ok\x00\x07") == "ok"
    assert clean_text("  Grüße 😀\t") == "  Grüße 😀\t"


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_clean_text_removes_bidi_controls_that_disguise_text() -> None:
    # U+202E shows „gnp.exe“ as „exe.png“: after cleaning, what is shown is what is stored.
    assert clean_text("Bild-\u202egnp.exe") == "Bild-gnp.exe"
    assert clean_text(f"a{BIDI_CONTROLS}b") == "ab"
    assert clean_text("مرحبا Grüße") == "مرحبا Grüße"  # right-to-left letters themselves stay


def test_bidi_controls_in_files_are_removed_on_read(workshop_dir: Path) -> None:
    workshop_yaml = workshop_dir / "workshop.yaml"
    workshop_yaml.write_text(
        workshop_yaml.read_text("utf-8").replace("name: Stadt Lindenau", 'name: "Stadt \\u202egnp.exe"'),
        encoding="utf-8",
    )
    path = workshop_dir / "lindenau.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["persona"]["quote"] = "Anhang: \u202egnp.exe"
    data["obstacles"][0]["text"] = "\u2067Stolperstein\u2069 \u200fmit\u200e Trick"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    folder = WorkshopFolder(workshop_dir)
    assert folder.workshop().kommune("lindenau").name == "Stadt gnp.exe"
    persona = folder.persona("lindenau").persona
    assert persona.profile.quote == "Anhang: gnp.exe"
    assert persona.obstacles[0].text == "Stolperstein mit Trick"


def test_bidi_controls_never_reach_a_file() -> None:
    # Whatever page or command writes (board, Themenbörse, Workshop anlegen, …), the file is clean.
    written = dump_yaml({"title": "Bild-\u202egnp.exe", "entries": [{"text": "a\u2066b\u2069c"}]})
    assert yaml.safe_load(written) == {"title": "Bild-gnp.exe", "entries": [{"text": "abc"}]}


# --- refusals ---------------------------------------------------------------------------------


def test_unknown_topic_names_file_field_and_id(workshop_dir: Path) -> None:
    persona_file(
        workshop_dir,
        "lindenau",
        """\
        schema_version: 1
        kommune: lindenau
        obstacles:
          - text: Armut
            topics: [armut]
        """,
    )
    assert problems_of(workshop_dir, "lindenau") == ["lindenau.yaml › obstacles[0].topics: unbekanntes Thema „armut“"]


def test_unquoted_lookalikes_are_type_errors_not_silent_changes(workshop_dir: Path) -> None:
    persona_file(
        workshop_dir,
        "lindenau",
        """\
        schema_version: 1
        kommune: lindenau
        persona:
          name: No
          quote: 2026-01-01
          role: 1.0
        """,
    )
    problems = problems_of(workshop_dir, "lindenau")
    assert any("persona.name" in p and "Wahrheitswert nein" in p for p in problems)
    assert any("persona.quote" in p and "Datum 2026-01-01" in p for p in problems)
    assert any("persona.role" in p and "Zahl 1.0" in p for p in problems)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("schema_version: 1\nkommune: lindenau\nstatus:\n  - {topic: kjsg, stage: 7}\n", "status[0].stage"),
        ("schema_version: 1\nkommune: lindenau\nstatus:\n  - {topic: kjsg, stage: true}\n", "ganze Zahl"),
        (
            "schema_version: 1\nkommune: lindenau\nstatus:\n  - {topic: kjsg, stage: 1}\n  - {topic: kjsg, stage: 2}\n",
            "doppelt",
        ),
        ("schema_version: 1\nkommune: lindenau\nobstacles:\n  - {text: a, evidence: geraten}\n", "evidence"),
        ("schema_version: 1\nkommune: talheim\n", "passt nicht zum Dateinamen"),
        ("schema_version: 1\nkommune: lindenau\nhobby: Segeln\n", "hobby: unbekanntes Feld"),
        ("schema_version: 1\nkommune: lindenau\npersona: {age: 300}\n", "persona.age"),
        ("schema_version: 1\nkommune: lindenau\nobstacles:\n  - Nur ein Satz\n", "obstacles[0]"),
        ("schema_version: 1\nkommune: lindenau\nobstacles:\n  - {topics: [daten]}\n", "obstacles[0].text: fehlt"),
        ("kommune: lindenau\n", "schema_version: fehlt"),
        ("", "enthält keine Felder"),
        ("- nur\n- eine Liste\n", "enthält keine Felder"),
        ("schema_version: 1\nkommune: lindenau\npersona: {name: [offen\n", "kein gültiges YAML in Zeile"),
        ("schema_version: 1\nkommune: lindenau\npersona:\n  avatar: {file: ../../etc/passwd}\n", "avatar.file"),
    ],
)
def test_invalid_persona_files_get_german_errors(workshop_dir: Path, body: str, expected: str) -> None:
    (workshop_dir / "lindenau.yaml").write_text(body, encoding="utf-8")
    problems = problems_of(workshop_dir, "lindenau")
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("lindenau.yaml") for p in problems)


def test_anchors_and_aliases_are_refused(workshop_dir: Path) -> None:
    bomb = "schema_version: 1\nkommune: lindenau\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    (workshop_dir / "lindenau.yaml").write_text(bomb, encoding="utf-8")
    problems = problems_of(workshop_dir, "lindenau")
    assert any("Anker und Verweise" in p for p in problems)
    with pytest.raises(ValidationError):
        load_yaml_text("x: *undefined\n", "x.yaml")


def test_newer_schema_is_refused_not_half_read(workshop_dir: Path) -> None:
    (workshop_dir / "workshop.yaml").write_text(
        (workshop_dir / "workshop.yaml").read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: 2"),
        encoding="utf-8",
    )
    with pytest.raises(NewerSchemaError) as caught:
        WorkshopFolder(workshop_dir).workshop()
    assert "Schema-Version 2" in str(caught.value)
    assert "aktualisieren" in str(caught.value)


def test_size_limits(workshop_dir: Path) -> None:
    (workshop_dir / "lindenau.yaml").write_text("# " + "x" * 300_000 + "\n", encoding="utf-8")
    assert any("zu groß" in p for p in problems_of(workshop_dir, "lindenau"))

    many = "schema_version: 1\nkommune: lindenau\nobstacles:\n" + "".join(f"  - text: Punkt {i}\n" for i in range(51))
    (workshop_dir / "lindenau.yaml").write_text(many, encoding="utf-8")
    assert any("zu viele Einträge: 51" in p for p in problems_of(workshop_dir, "lindenau"))

    long = f"schema_version: 1\nkommune: lindenau\npersona:\n  story: '{'x' * 4001}'\n"
    (workshop_dir / "lindenau.yaml").write_text(long, encoding="utf-8")
    assert any("persona.story: Text ist zu lang: 4001 Zeichen" in p for p in problems_of(workshop_dir, "lindenau"))


def test_limits_are_configurable(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WERKSTATT_MAX_TEXT_CHARS", "60")
    assert Limits.from_env().max_text_chars == 60
    store = WorkshopFolder(workshop_dir)
    assert any("persona.story: Text ist zu lang" in str(p) for p in store.persona("lindenau").problems)


def test_saving_too_big_a_persona_is_refused_and_file_kept(workshop_dir: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    before = (workshop_dir / "lindenau.yaml").read_bytes()
    persona = store.persona("lindenau").persona
    for section in ("obstacles", "successes", "drivers", "questions", "offers"):
        persona.entries(section)[:] = [Entry("ä" * 4000) for _ in range(50)]
    with pytest.raises(ValidationError) as caught:
        store.save_persona(persona, base_revision=persona.revision)
    assert "zu groß" in str(caught.value)
    assert (workshop_dir / "lindenau.yaml").read_bytes() == before


def test_non_utf8_file_is_reported(workshop_dir: Path) -> None:
    (workshop_dir / "lindenau.yaml").write_bytes(
        "schema_version: 1\nkommune: lindenau\npersona: {name: Jörg}\n".encode("latin-1")
    )
    assert any("UTF-8" in p for p in problems_of(workshop_dir, "lindenau"))


def test_broken_file_leaves_the_others_working(workshop_dir: Path) -> None:
    (workshop_dir / "lindenau.yaml").write_text("{{{ kaputt", encoding="utf-8")
    results = WorkshopFolder(workshop_dir).personas()
    assert [r.slug for r in results if not r.ok] == ["lindenau"]
    assert sum(r.ok for r in results) == 8


# --- revisions, conflicts, history, atomic writes ---------------------------------------------


def test_stale_revision_is_a_conflict_never_an_overwrite(workshop_dir: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    first = store.persona("lindenau").persona
    second = dataclasses.replace(first, profile=dataclasses.replace(first.profile, name="Zweite Fassung"))
    first.profile.name = "Erste Fassung"

    saved = store.save_persona(first, base_revision=4)
    assert saved.revision == 5
    with pytest.raises(ConflictError) as caught:
        store.save_persona(second, base_revision=4)
    assert caught.value.current.profile.name == "Erste Fassung"
    assert "Stand 5" in str(caught.value)
    assert store.persona("lindenau").persona.profile.name == "Erste Fassung"


def test_new_persona_starts_at_revision_one_and_history_keeps_old_versions(workshop_dir: Path) -> None:
    (workshop_dir / "neustrand.yaml").unlink()
    store = WorkshopFolder(workshop_dir)
    assert not store.persona("neustrand").exists
    from werkstatt.model import empty_persona

    persona = empty_persona("neustrand")
    persona.profile.name = "Erste"
    assert store.save_persona(persona, base_revision=0).revision == 1
    persona.profile.name = "Zweite"
    assert store.save_persona(persona, base_revision=1).revision == 2
    assert store.history("neustrand") == [1]
    old = (workshop_dir / ".history" / "neustrand" / "000001.yaml").read_text(encoding="utf-8")
    assert "Erste" in old


def test_failed_write_leaves_old_file_and_no_temp_files(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = WorkshopFolder(workshop_dir)
    before = (workshop_dir / "lindenau.yaml").read_bytes()
    persona = store.persona("lindenau").persona
    persona.profile.name = "Neu"

    def crash(fd: int) -> None:
        raise OSError("Stromausfall")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        store.save_persona(persona, base_revision=persona.revision)
    monkeypatch.undo()
    assert (workshop_dir / "lindenau.yaml").read_bytes() == before
    assert not list(workshop_dir.glob(".tmp-*"))


def test_sigkill_mid_save_never_leaves_a_broken_file(workshop_dir: Path) -> None:
    """A writer killed 100 times at random moments: the file is always the old or the new version.

    The writer is a forked copy of this process (no new interpreter to start), killed with SIGKILL
    somewhere inside its saving loop.
    """
    import random
    import signal
    import time

    rng = random.Random(7)
    for _ in range(100):
        pid = os.fork()
        if pid == 0:  # the writer: save as fast as it can until it is killed
            try:
                store = WorkshopFolder(workshop_dir)
                while True:
                    persona = store.persona("lindenau").persona
                    persona.profile.story = "Geschichte " * 300 + str(persona.revision)
                    store.save_persona(persona, base_revision=persona.revision)
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        result = WorkshopFolder(workshop_dir).persona("lindenau")
        assert result.ok, result.problems
    store = WorkshopFolder(workshop_dir)
    assert store.persona("lindenau").persona.revision > 4
    assert store.stray_files() == []  # leftover temporary files are hidden, never read as personas
    for leftover in workshop_dir.glob(".tmp-*"):
        os.utime(leftover, (0, 0))  # pretend they are old: the next save tidies them up
    persona = store.persona("lindenau").persona
    store.save_persona(persona, base_revision=persona.revision)
    assert not list(workshop_dir.glob(".tmp-*"))


def test_reads_are_cached_until_the_file_changes(workshop_dir: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    first = store.persona("lindenau").persona
    assert store.persona("lindenau").persona is first  # unchanged file: same parsed object
    text = (workshop_dir / "lindenau.yaml").read_text(encoding="utf-8").replace("Jana Brückner", "Jana Neu")
    (workshop_dir / "lindenau.yaml").write_text(text, encoding="utf-8")
    os.utime(workshop_dir / "lindenau.yaml", ns=(1, 1))
    assert store.persona("lindenau").persona.profile.name == "Jana Neu"


def test_persona_yaml_validates_against_the_format_example() -> None:
    """The shared format example reads, and what we write for it reads back identically."""
    example = ROOT.parent / "shared" / "examples" / "fellowtag-demo"
    source = example if example.exists() else ROOT / "personas" / "fellowtag-demo"
    store = WorkshopFolder(source)
    for result in store.personas():
        if result.exists:
            assert result.ok, result.problems
            reread = yaml.safe_load(persona_yaml(result.persona))
            assert reread["persona"]["name"] == result.persona.profile.name
