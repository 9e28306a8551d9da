"""What an adversarial pass over issue 12 found still open, each pinned by a test that failed before its fix.

The cases the issue names are tested where they were built (test_hostile_files, test_access, test_export,
test_images, test_browser_german, …); this file holds what a careless or hostile user could still do after
that: CLI commands on a folder that refuses writes (the access cards, once a CLI command fed by the app,
are made by the render worker now: a broken request to it is tested in test_worker).
"""

from __future__ import annotations

import pytest
from conftest import open_setup_page

from werkstatt import cli


def _no_traceback(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text and "Errno" not in text, text
    return captured.err


def test_pin_command_on_a_place_that_refuses_the_file_answers_in_german(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("2468\n"))
    (tmp_path / ".werkstatt-pin").mkdir()  # the file cannot be replaced, as on a read-only folder
    assert cli.main(["pin", "--root", str(tmp_path)]) == 1
    err = _no_traceback(capsys)
    assert "lässt sich nicht schreiben" in err and ".werkstatt-pin" in err


def test_new_command_below_a_file_answers_in_german(tmp_path, capsys) -> None:
    blocker = tmp_path / "kein-ordner"
    blocker.write_text("x", encoding="utf-8")
    assert cli.main(["new", "Fellowtag", "--root", str(blocker)]) == 1
    err = _no_traceback(capsys)
    assert "lässt sich nicht schreiben" in err and "ein Teil des Pfads ist kein Ordner" in err


def test_codes_command_that_cannot_store_the_codes_keeps_the_old_ones_and_no_cards(
    workshop_dir, tmp_path, capsys, monkeypatch
) -> None:
    from werkstatt.store import WorkshopFolder

    monkeypatch.setenv("WERKSTATT_PIN", "2468")
    (workshop_dir / ".zugang.lock").mkdir()  # the lock cannot be taken, as on a read-only folder
    cards = tmp_path / "karten.pdf"
    argv = ["codes", str(workshop_dir), "--address", "http://192.168.1.20:8501", "--out", str(cards)]
    assert cli.main(argv) == 1
    err = _no_traceback(capsys)
    assert "Die neuen Codes ließen sich nicht speichern" in err and "die alten Codes gelten weiter" in err
    assert not cards.exists()  # cards with codes that open nothing would be worse than none
    assert WorkshopFolder(workshop_dir).access()["codes"] == {}


def test_codes_command_names_a_refused_card_file_in_german(workshop_dir, capsys, monkeypatch) -> None:
    monkeypatch.setenv("WERKSTATT_PIN", "2468")
    argv = ["codes", str(workshop_dir), "--address", "http://192.168.1.20:8501", "--out", "/proc/x/karten.pdf"]
    assert cli.main(argv) == 1
    err = _no_traceback(capsys)
    assert "den Ordner gibt es nicht" in err and "No such file" not in err


# -- guessing: a forwarded-for header must not buy a fresh budget ------------------------------------


def test_a_forwarded_for_header_is_one_client_however_it_names_itself() -> None:
    from werkstatt.access import client_key

    # uvicorn (under Streamlit) takes X-Forwarded-For from loopback peers as the client address, so a
    # program on the laptop could name a new address per guess; all such clients share one budget.
    spoofed = {client_key(f"203.0.113.{n}", f"203.0.113.{n}") for n in range(20)}
    spoofed |= {client_key("198.51.100.1", "10.0.0.1, 198.51.100.1"), client_key("2001:db8::1", "2001:db8::1")}
    assert spoofed == {"forwarded"}
    # A LAN client's header is not believed by the server: its own address still counts, alone.
    assert client_key("192.168.1.5", "203.0.113.9") == client_key("192.168.1.5") == "ipv4:192.168.1.5"
    assert client_key(None, "203.0.113.9") == "loopback"


@pytest.fixture(scope="module")
def pin_app(tmp_path_factory):
    import shutil

    from conftest import DEMO, RunningApp

    root = tmp_path_factory.mktemp("adversarial") / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    running = RunningApp(root, WERKSTATT_PIN="5791")
    yield running
    running.stop()


def test_wrong_pins_from_ever_new_forwarded_addresses_are_slowed(pin_app, browser) -> None:
    """Six tabs, each naming another address, send a wrong PIN at once: only the free tries are checked."""
    from browser_helpers import open_page
    from playwright.sync_api import expect

    from werkstatt import texts
    from werkstatt.access import FREE_ATTEMPTS

    contexts = [
        browser.new_context(locale="de-DE", extra_http_headers={"X-Forwarded-For": f"203.0.113.{n + 1}"})
        for n in range(FREE_ATTEMPTS + 3)
    ]
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:
            open_page(page, pin_app.url + "/export")
            page.get_by_label(texts.PIN_LABEL).fill("0000")
        for page in pages:  # all within a moment, before any wait could run out
            page.get_by_role("button", name=texts.PIN_SUBMIT).click()
        outcomes = []
        for page in pages:
            wrong, wait = page.get_by_text(texts.PIN_WRONG), page.get_by_text("Zu viele falsche Versuche")
            expect(wrong.or_(wait)).to_be_visible(timeout=60_000)
            outcomes.append("wait" if wait.count() else "checked")
    finally:
        for context in contexts:
            context.close()
    assert outcomes.count("checked") <= FREE_ATTEMPTS, outcomes


# -- pseudonymisation: forms a copy-paste or a real German place name brings ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Decomposed umlauts (macOS, some web forms) and invisible marks inside a word (soft hyphens from
        # a hyphenated web page, zero-width spaces) print exactly like the name in the PDF.
        ("Mu\u0308hlheim und Bru\u0308ckner", "Kommune A und Persona A"),
        ("Mühl\u00adheim, Mühl\u200bheim, Göt\u00adtin\u00adgen", "Kommune A, Kommune A, Kommune B"),
        # Demonyms that drop the name's last letters: Göttingen → Göttinger, Dresden → Dresdner, Celle → Celler.
        ("die Göttinger Kollegen, Göttingerinnen", "die Kommune B Kollegen, Kommune B"),
        ("das Dresdner Modell, die Celler Runde", "das Kommune C Modell, die Kommune D Runde"),
        # What must stay: emoji joined by a zero-width joiner, and ordinary words near the names.
        (
            "Team \U0001f469\u200d\U0001f467 in der Zelle, Keller, Dresche",
            "Team \U0001f469\u200d\U0001f467 in der Zelle, Keller, Dresche",
        ),
    ],
)
def test_scrubber_catches_decomposed_hidden_and_demonym_forms(text: str, expected: str) -> None:
    from werkstatt.model import Kommune, Persona, Profile, Workshop
    from werkstatt.pseudonym import scrubber

    kommunen = (
        Kommune("muehlheim", "Stadt Mühlheim"),
        Kommune("goettingen", "Landkreis Göttingen"),
        Kommune("dresden", "Landeshauptstadt Dresden"),
        Kommune("celle", "Stadt Celle"),
    )
    workshop = Workshop("w", "Fellowtag", None, "", (), (), kommunen)
    person = Persona("muehlheim", profile=Profile(name="Jana Brückner"))
    assert scrubber(workshop, [person])(text) == expected


# -- symbolic links: the app reads none either ------------------------------------------------------

OUTSIDE_SECRET = "GEHEIM-VON-AUSSEN"


def _link_to_outside(workshop_dir, tmp_path, name: str) -> None:
    """Replace ``name`` by a link to a valid copy of itself outside the workshop that carries a secret."""
    original = workshop_dir / name
    text = original.read_text("utf-8")
    outside = tmp_path / ("draussen-" + name.replace("/", "-"))
    changed = text.replace("Jana Brückner", OUTSIDE_SECRET).replace("Berlin", OUTSIDE_SECRET)
    changed = changed.replace("schema_version: 1\n", f"schema_version: 1\n# {OUTSIDE_SECRET}\n", 1)
    outside.write_text(changed, "utf-8")
    original.unlink()
    original.symlink_to(outside)


@pytest.mark.parametrize("name", ["lindenau.yaml", "workshop.yaml", "tag/programm.yaml"])
def test_the_app_reads_no_file_through_a_symbolic_link(workshop_dir, tmp_path, name: str) -> None:
    from werkstatt.model import ValidationError
    from werkstatt.store import WorkshopFolder

    _link_to_outside(workshop_dir, tmp_path, name)
    folder = WorkshopFolder(workshop_dir)
    read = {
        "lindenau.yaml": lambda: folder.persona("lindenau"),
        "workshop.yaml": folder.workshop,
        "tag/programm.yaml": folder.agenda,
    }[name]
    with pytest.raises(ValidationError) as caught:
        result = read()
        if not result.ok:  # a persona: its problems instead of an exception
            raise ValidationError(result.problems)
    problems = [str(p) for p in caught.value.problems]
    assert problems == [f"{name.rsplit('/', 1)[-1]}: " + __import__("werkstatt").texts.ERR_SYMLINK], problems


def test_alle_personas_shows_a_linked_persona_file_as_an_error_not_its_content(workshop_dir, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    _link_to_outside(workshop_dir, tmp_path, "lindenau.yaml")
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    at = AppTest.from_string("from werkstatt.ui import overview\noverview.page()\n", default_timeout=60)
    at.session_state["pw.workshop"] = workshop_dir.name
    at.run()
    assert not at.exception, at.exception
    drawn = "\n".join(str(element.proto) for element in at.main)
    assert OUTSIDE_SECRET not in drawn
    errors = [e.value.replace("\\", "") for e in at.error]  # error cards escape Markdown
    assert any("lindenau.yaml: ist eine Verknüpfung" in e for e in errors), errors


def test_a_pipe_named_like_a_persona_file_does_not_hang_the_page(workshop_dir) -> None:
    """A named pipe (from an unpacked archive) would block every read of it forever."""
    import os
    import threading

    from werkstatt.store import WorkshopFolder

    (workshop_dir / "lindenau.yaml").unlink()
    os.mkfifo(workshop_dir / "lindenau.yaml")
    results = []
    reader = threading.Thread(target=lambda: results.append(WorkshopFolder(workshop_dir).persona("lindenau")))
    reader.daemon = True  # before the fix it never ends; the test must still end
    reader.start()
    reader.join(timeout=20)
    assert results, "reading a named pipe blocked"
    assert [str(p) for p in results[0].problems] == [
        "lindenau.yaml: Datei lässt sich nicht lesen (ein Ordner statt einer Datei, oder kein Lesezugriff)"
    ]


def test_no_day_file_or_kept_version_goes_through_a_linked_folder(workshop_dir, tmp_path) -> None:
    import shutil

    from werkstatt.model import ValidationError
    from werkstatt.store import WorkshopFolder

    elsewhere = tmp_path / "anderswo"
    shutil.move(workshop_dir / "tag", elsewhere / "tag")
    programme = elsewhere / "tag" / "programm.yaml"
    programme.write_text(programme.read_text("utf-8").replace("schema_version: 1\n", "schema_version: 1\n# x\n"))
    (workshop_dir / "tag").symlink_to(elsewhere / "tag")
    history = tmp_path / "verlauf-anderswo"
    history.mkdir()
    (workshop_dir / ".history").symlink_to(history)

    def outside() -> list:
        return sorted(p for place in (elsewhere, history) for p in place.rglob("*"))

    before = outside()

    folder = WorkshopFolder(workshop_dir)
    with pytest.raises(ValidationError) as caught:
        folder.agenda()
    assert [str(p) for p in caught.value.problems] == ["programm.yaml: " + __import__("werkstatt").texts.ERR_SYMLINK]
    with pytest.raises(ValidationError):
        folder.update_takeaways(lambda t: t.add_takeaway("lindenau", "Besuch"))
    persona = folder.persona("lindenau").persona
    with pytest.raises(OSError):  # the wizard turns this into its German message and keeps the text
        folder.save_persona(persona, base_revision=persona.revision)
    assert outside() == before  # nothing written there


def test_the_zip_skips_a_named_pipe_instead_of_waiting_for_it_forever(workshop_dir, tmp_path) -> None:
    import os
    import threading
    import zipfile

    from werkstatt.export import zip_everything
    from werkstatt.store import WorkshopFolder

    os.mkfifo(workshop_dir / "notiz.yaml")  # a stray file nobody reads, except the ZIP of the sources
    said, done = [], []
    job = threading.Thread(
        target=lambda: done.append(zip_everything(WorkshopFolder(workshop_dir), tmp_path, [], progress=said.append)),
        daemon=True,  # before the fix it never ends; the test must still end
    )
    job.start()
    job.join(timeout=30)
    assert done, "the ZIP waited for the pipe"
    names = zipfile.ZipFile(done[0]).namelist()
    assert "yaml/lindenau.yaml" in names and "yaml/notiz.yaml" not in names
    assert any("notiz.yaml" in line and "übersprungen" in line for line in said), said


@pytest.mark.parametrize(
    ("number", "reason"), [(28, "der Datenträger ist voll"), (30, "der Ordner ist schreibgeschützt")]
)
def test_a_day_page_write_the_disk_refuses_is_a_german_message(number: int, reason: str) -> None:
    """Themenbörse, Themenrunde, Programm and Mitnehmen save through ``common.apply``: a full disk or a
    read-only folder must not end their run in an exception box (the typed words stay in their fields)."""
    from streamlit.testing.v1 import AppTest

    script = f"""
import os
import streamlit as st
from werkstatt.ui import common

def refused():
    raise OSError({number}, os.strerror({number}))

st.session_state["ok"] = common.apply("tag", refused)
common.show_flash("tag")
"""
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception, at.exception
    assert at.session_state["ok"] is False
    errors = [e.value.replace("\\", "") for e in at.error]
    assert len(errors) == 1 and reason in errors[0] and "No space" not in errors[0], errors


def _refuse(*_args, **_kwargs):
    import errno

    raise OSError(errno.EROFS, "Read-only file system")


@pytest.mark.usefixtures("empty_root")
def test_workshop_anlegen_on_a_read_only_folder_says_so_and_keeps_the_form(monkeypatch) -> None:
    monkeypatch.setattr("werkstatt.ui.setup_page.create_workshop", _refuse)
    at = open_setup_page()
    at.text_input(key="pw.setup_title").input("Fellowtag Herbst 2027")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("der Ordner ist schreibgeschützt" in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_input(key="pw.setup_title").value == "Fellowtag Herbst 2027"


def test_new_codes_on_a_read_only_folder_say_so_and_keep_the_old_ones(workshop_dir, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from werkstatt import texts
    from werkstatt.store import WorkshopFolder

    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.setenv("WERKSTATT_PIN", "2468")
    WorkshopFolder(workshop_dir).set_codes({"lindenau": "ABCD-EFGH"})
    monkeypatch.setattr(WorkshopFolder, "set_codes", _refuse)
    monkeypatch.setattr(WorkshopFolder, "set_revealed", _refuse)
    at = AppTest.from_string("from werkstatt.ui import access_page\naccess_page.page()\n", default_timeout=60)
    at.session_state["pw.workshop"] = workshop_dir.name
    at.session_state["pw.facilitator"] = True
    at.run()
    next(b for b in at.button if b.label == texts.ACCESS_GENERATE).click().run()
    assert not at.exception, at.exception
    at.toggle(key="pw.reveal").set_value(True).run()
    assert not at.exception, at.exception
    assert at.toggle(key="pw.reveal").value is False  # the switch shows what holds: not revealed
    assert sum("der Ordner ist schreibgeschützt" in e.value for e in at.error) >= 1, [e.value for e in at.error]
    assert WorkshopFolder(workshop_dir).kommune_for_code("ABCD-EFGH") == "lindenau"


def test_the_render_worker_does_not_inherit_the_plain_pin(workshop_dir, tmp_path, monkeypatch) -> None:
    """``WERKSTATT_PIN=… make run`` puts the PIN into the server's environment; the worker needs none of it."""
    from pathlib import Path

    from werkstatt.export import ExportRequest
    from werkstatt.worker import RenderWorker

    monkeypatch.setenv("WERKSTATT_PIN", "2468-geheim")
    worker = RenderWorker(timeout=300)
    try:
        assert worker.run(ExportRequest(workshop_dir, tmp_path, ("excel",))).returncode == 0
        environment = Path(f"/proc/{worker.pid}/environ").read_bytes()
    finally:
        worker.stop()
    assert b"WERKSTATT_PERSONAS" in environment or b"PATH=" in environment  # the rest is passed on
    assert b"2468-geheim" not in environment and b"WERKSTATT_PIN" not in environment


def test_a_lone_surrogate_in_a_field_name_cannot_break_the_error_card_or_validate(workshop_dir, capsys) -> None:
    """``"\\ud800": 1`` is valid YAML; the key came back in the message, which the browser's connection
    (protobuf, UTF-8) and ``print`` cannot encode: the card of that file took its page down."""
    path = workshop_dir / "workshop.yaml"
    path.write_text(path.read_text("utf-8").replace("place: Berlin\n", 'place: Berlin\n"\\ud801x": 2\n'), "utf-8")
    from werkstatt.model import ValidationError
    from werkstatt.store import WorkshopFolder

    with pytest.raises(ValidationError) as caught:
        WorkshopFolder(workshop_dir).workshop()
    for problem in caught.value.problems:
        str(problem).encode("utf-8")  # what Streamlit does with every text it sends
    assert cli.main(["validate", str(workshop_dir)]) == 1
    assert "workshop.yaml › x: unbekanntes Feld" in capsys.readouterr().out


def test_an_error_card_lists_a_readable_number_of_problems(workshop_dir, monkeypatch) -> None:
    """25,000 unknown keys fit in one persona file; their card was 1.5 MB and made Alle Personas take
    10.5 s instead of 2.8 s in the browser. The card shows the first ones and says where all are."""
    from streamlit.testing.v1 import AppTest

    path = workshop_dir / "lindenau.yaml"
    path.write_text(path.read_text("utf-8") + "".join(f"k{n}: 1\n" for n in range(25_000)), "utf-8")
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    at = AppTest.from_string("from werkstatt.ui import overview\noverview.page()\n", default_timeout=60)
    at.session_state["pw.workshop"] = workshop_dir.name
    at.run()
    assert not at.exception, at.exception
    (card,) = [e.value.replace("\\", "") for e in at.error]
    assert len(card) < 10_000, len(card)
    assert "lindenau.yaml › k0: unbekanntes Feld" in card
    assert "24.980 weitere" in card and "python -m werkstatt validate" in card
