"""The command line as a person runs it: German output, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "werkstatt", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_validate_default_checks_every_workshop() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "K360-Fellowtag (Demo) (fellowtag-demo): 9 Personas in Ordnung" in result.stdout
    assert "Alles in Ordnung: 1 Workshop(s), 9 Persona(s) geprüft." in result.stdout


def test_validate_lists_every_error_and_fails(workshop_dir: Path) -> None:
    lindenau = workshop_dir / "lindenau.yaml"
    lindenau.write_text(lindenau.read_text(encoding="utf-8").replace("[beteiligung]", "[armut]"), encoding="utf-8")
    (workshop_dir / "neustrand.yaml").write_text("schema_version: 1\nkommune: neustrand\npersona: {name: [x\n")
    (workshop_dir / "hafenstedt.yaml").unlink()
    (workshop_dir / "hafenstadt.yaml").write_text("vertippt: ja\n")
    result = run("validate", str(workshop_dir.parent))
    assert result.returncode == 1
    out = result.stdout
    assert "lindenau.yaml › obstacles[1].topics: unbekanntes Thema „armut“" in out
    assert "lindenau.yaml › drivers[0].topics: unbekanntes Thema „armut“" in out
    assert "neustrand.yaml: kein gültiges YAML in Zeile" in out
    assert "noch keine Persona für Stadt Hafenstedt" in out
    assert "hafenstadt.yaml gehört zu keiner Kommune" in out
    assert "Fehler in 1 Workshop(s) gefunden" in out
    assert "Traceback" not in result.stderr


def test_validate_refuses_missing_or_empty_folders(tmp_path: Path) -> None:
    missing = run("validate", str(tmp_path / "gibt-es-nicht"))
    assert missing.returncode == 1 and "gibt es nicht" in missing.stderr
    empty = run("validate", str(tmp_path))
    assert empty.returncode == 1 and "kein Workshop-Ordner" in empty.stderr
    assert "Traceback" not in missing.stderr + empty.stderr


def test_validate_reports_a_broken_workshop_file(workshop_dir: Path) -> None:
    (workshop_dir / "workshop.yaml").write_text("schema_version: 1\ntitle: ''\ntopics: []\n")
    result = run("validate", str(workshop_dir))
    assert result.returncode == 1
    assert "workshop.yaml › title: fehlt" in result.stdout
    assert "workshop.yaml › topics" in result.stdout


def test_new_creates_a_valid_workshop_and_never_overwrites(tmp_path: Path) -> None:
    created = run(
        "new",
        "Fellowtag Frühjahr 2027",
        "--date",
        "2027-03-18",
        "--place",
        "Kassel",
        "--kommune",
        "Stadt Musterstadt;kreisfreie Stadt;Hessen",
        "--kommune",
        "Landkreis Beispielkreis;Landkreis;Bayern",
        "--root",
        str(tmp_path),
    )
    assert created.returncode == 0, created.stderr
    folder = tmp_path / "fellowtag-fruehjahr-2027"
    from werkstatt.store import WorkshopFolder

    workshop = WorkshopFolder(folder).workshop()
    assert workshop.title == "Fellowtag Frühjahr 2027" and str(workshop.date) == "2027-03-18"
    assert [k.slug for k in workshop.kommunen] == ["stadt-musterstadt", "landkreis-beispielkreis"]
    assert len(workshop.topics) == 6 and len(workshop.questions) == 4
    assert run("validate", str(folder)).returncode == 0

    again = run("new", "Fellowtag Frühjahr 2027", "--root", str(tmp_path))
    assert again.returncode == 1 and "gibt es schon" in again.stderr
    bad = run("new", "Anderer Tag", "--kommune", "CON", "--root", str(tmp_path))
    assert bad.returncode == 1 and "reserviert" in bad.stderr and not (tmp_path / "anderer-tag").exists()
    wrong_date = run("new", "Dritter Tag", "--date", "18.03.2027", "--root", str(tmp_path))
    assert wrong_date.returncode == 1 and "JJJJ-MM-TT" in wrong_date.stderr


def test_validate_checks_the_days_files_too(workshop_dir: Path) -> None:
    board = workshop_dir / "tag" / "themenrunden" / "runde-2.yaml"
    board.write_text(board.read_text("utf-8").replace("question: 3", "question: 7", 1), "utf-8")
    takeaways = workshop_dir / "tag" / "mitnehmen.yaml"
    takeaways.write_text(takeaways.read_text("utf-8").replace("[landkreis-seenwalde]", "[atlantis]", 1), "utf-8")
    done = run("validate", str(workshop_dir))
    assert done.returncode == 1
    assert "runde-2.yaml › entries[4].question: Wert 7 liegt außerhalb des erlaubten Bereichs (1 bis 4)" in done.stdout
    assert "mitnehmen.yaml › kommunen.lindenau[0].contacts[0]: Kommune „atlantis“" in done.stdout


def test_export_to_an_unwritable_folder_says_so_in_german() -> None:
    done = run("export", str(ROOT / "personas" / "fellowtag-demo"), "--out", "/proc/x", "--only", "programm")
    assert done.returncode == 1
    assert "Export abgebrochen: In „/proc/x“ kann nicht geschrieben werden" in done.stderr
    assert "Traceback" not in done.stderr and "Error" not in done.stderr


def test_validate_refuses_symbolic_links_without_reading_them(workshop_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "fremd.yaml"
    outside.write_text("schema_version: 1\nkommune: lindenau\npersona: {name: Geheimnis}\n", "utf-8")
    (workshop_dir / "lindenau.yaml").unlink()
    (workshop_dir / "lindenau.yaml").symlink_to(outside)
    (workshop_dir / "tag" / "programm.yaml").unlink()
    (workshop_dir / "tag" / "programm.yaml").symlink_to("/etc/passwd")
    (workshop_dir / "bilder").mkdir(exist_ok=True)
    (workshop_dir / "bilder" / "x.png").symlink_to("/etc/passwd")
    done = run("validate", str(workshop_dir))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for link in ("lindenau.yaml", "tag/programm.yaml", "bilder/x.png"):
        assert f"{link}: ist eine Verknüpfung (symbolischer Link)" in done.stdout, link
    assert "Geheimnis" not in done.stdout and "root" not in done.stdout


def test_export_onto_a_folder_of_the_same_name_says_so_in_german(tmp_path: Path) -> None:
    (tmp_path / "Programm.pdf").mkdir()
    done = run("export", str(ROOT / "personas" / "fellowtag-demo"), "--out", str(tmp_path), "--only", "programm")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "kann nicht geschrieben werden (dort liegt ein Ordner mit dem Namen der Datei)" in done.stderr
