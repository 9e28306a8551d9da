"""What an adversarial pass over issue 12 found still open, each pinned by a test that failed before its fix.

The cases the issue names are tested where they were built (test_hostile_files, test_access, test_export,
test_images, test_browser_german, …); this file holds what a careless or hostile user could still do after
that: CLI commands on a folder that refuses writes, a broken code list on the card command's input.
"""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("stdin", ["{kaputt", "[1, 2]", "", '"lindenau"'])
def test_card_command_with_a_broken_code_list_answers_in_german(workshop_dir, tmp_path, capsys, monkeypatch, stdin):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(stdin))
    out = tmp_path / "karten.pdf"
    argv = ["zugangskarten", str(workshop_dir), "--out", str(out), "--url", "http://192.168.1.20:8501"]
    assert cli.main(argv) == 1
    assert "keine Zugangskarten geschrieben" in _no_traceback(capsys)
    assert not out.exists()
