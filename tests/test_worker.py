"""The app's render worker: warm exports with the renderer's caches, restart after a crash, never waiting."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scaled_demo import scaled_demo, write_workshop

from werkstatt.export import AccessCards, ExportRequest
from werkstatt.store import WorkshopFolder
from werkstatt.worker import RenderWorker, serve

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker():
    running = RenderWorker(timeout=300)
    yield running
    running.stop()


def test_second_export_after_a_change_reuses_the_laid_out_pages(worker, workshop_dir: Path, tmp_path: Path) -> None:
    job = ExportRequest(workshop_dir, tmp_path, ("steckbriefe",))
    first = worker.run(job)
    assert first.returncode == 0, first.stderr
    assert "✓ Persona-Steckbriefe" in first.stdout and first.stats["whole"] == 1
    folder = WorkshopFolder(workshop_dir)
    persona = folder.persona("neustrand").persona
    persona.profile.quote = "Geändert zwischen zwei Exporten."
    folder.save_persona(persona, base_revision=persona.revision)
    second = worker.run(job)
    assert second.returncode == 0
    assert second.stats["whole"] == 1 and second.stats["parts_laid_out"] == 1 and second.stats["parts_reused"] == 8
    assert (tmp_path / "Persona-Steckbriefe.pdf").stat().st_size > 10_000


def test_user_errors_come_back_as_the_cli_says_them(worker, workshop_dir: Path, tmp_path: Path) -> None:
    (workshop_dir / "lindenau.yaml").write_text(
        "schema_version: 1\nkommune: lindenau\nobstacles: [{text: a, topics: [armut]}]\n"
    )
    result = worker.run(ExportRequest(workshop_dir, tmp_path))
    assert result.returncode == 1
    assert "lindenau.yaml › obstacles[0].topics: unbekanntes Thema „armut“" in result.stderr
    missing = worker.run(ExportRequest(tmp_path / "nirgends", tmp_path))
    assert missing.returncode == 1 and "nirgends" in missing.stderr and "kein Workshop-Ordner" in missing.stderr


def test_a_killed_worker_is_replaced_and_the_job_still_done(worker, workshop_dir: Path, tmp_path: Path) -> None:
    job = ExportRequest(workshop_dir, tmp_path, ("programm",))
    assert worker.run(job).returncode == 0
    first_pid = worker.pid
    os.kill(first_pid, signal.SIGKILL)
    assert worker.run(job).returncode == 0  # done by a one-off process
    assert worker.run(job).returncode == 0 and worker.pid not in (None, first_pid)


def test_a_busy_worker_does_not_make_others_wait(worker, workshop_dir: Path, tmp_path: Path) -> None:
    job = ExportRequest(workshop_dir, tmp_path, ("programm",))
    with worker._lock:  # as if a long export were running right now
        result = worker.run(job)
    assert result.returncode == 0 and "✓ Programm" in result.stdout
    assert worker.pid is None  # a one-off process did it: the long-lived worker was never started
    assert (tmp_path / "Programm.pdf").stat().st_size > 1000


def test_access_cards_are_made_by_the_worker_and_a_useless_address_refused(
    worker, workshop_dir: Path, tmp_path: Path
) -> None:
    codes = {"lindenau": "KARTELIN7", "gibt-es-nicht": "KARTEQRS0"}
    cards = ExportRequest(workshop_dir, tmp_path / "a", only=(), cards=AccessCards(codes, "http://192.168.1.20:8501"))
    assert cards.file_names() == ["Zugangskarten.pdf"]
    result = worker.run(cards)
    assert result.returncode == 0, result.stderr
    pdf = subprocess.run(
        ["pdftotext", str(tmp_path / "a" / "Zugangskarten.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "KARTELIN7" in pdf and "KARTEQRS0" not in pdf  # a code for no Kommune of the workshop is left out
    assert result.stats["whole"] >= 1  # rendered by the warm worker, not a process of its own
    loopback = ExportRequest(workshop_dir, tmp_path / "b", only=(), cards=AccessCards(codes, "http://127.0.0.1:8501"))
    refused = worker.run(loopback)
    assert refused.returncode == 1 and "127.0.0.1" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "b" / "Zugangskarten.pdf").exists()


@pytest.mark.parametrize("line", ["{kaputt", "[1, 2]", '"lindenau"', '{"folder": 1, "out": "x"}', '{"only": 3}'])
def test_a_broken_request_is_answered_in_german_and_the_worker_goes_on(
    line: str, workshop_dir: Path, tmp_path: Path
) -> None:
    import io
    import json

    good = ExportRequest(workshop_dir, tmp_path, ("programm",)).to_json()
    replies = io.StringIO()
    serve(io.StringIO(f"{line}\n{good}\n"), replies)
    broken, done = (json.loads(reply) for reply in replies.getvalue().splitlines())
    assert broken["returncode"] == 1 and "unerwarteten Fehler" in broken["stderr"] and broken["stdout"] == ""
    assert done["returncode"] == 0 and (tmp_path / "Programm.pdf").exists()


# A stand-in for the Streamlit server: it starts an export the way the export page does, says which
# process renders it, and waits for the answer until the test kills it.
SERVER = """
import subprocess
import sys

from werkstatt.export import ExportRequest
from werkstatt.worker import RenderWorker

start = subprocess.Popen


def announce(*args, **kwargs):
    process = start(*args, **kwargs)
    print(process.pid, flush=True)
    return process


subprocess.Popen = announce
worker = RenderWorker(timeout=600)
if sys.argv[1] == "busy":
    worker._lock.acquire()  # as if another export were running: this one goes to a one-off process
worker.run(ExportRequest.from_json(sys.argv[2]))
"""


def _gone(pid: int) -> bool:
    """Ended: no such process, or only its exit status left (a container's init may not reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].startswith(("Z", "X"))
    except FileNotFoundError:
        return True


def _wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("mode", ["idle", "busy"])
def test_the_renderer_ends_within_seconds_of_its_server(tmp_path: Path, mode: str) -> None:
    """A server killed mid-export leaves no process rendering on for minutes at a gigabyte.

    ``idle``: the long-lived worker renders; ``busy``: the worker is taken, a one-off process renders.
    """
    workshop, personas = scaled_demo(36)  # a Dokumentation that takes far longer than the test waits
    write_workshop(tmp_path / "gross", workshop, personas)
    out = tmp_path / "out"
    job = ExportRequest(tmp_path / "gross", out, ("dokumentation",)).to_json()
    server = subprocess.Popen([sys.executable, "-c", SERVER, mode, job], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    renderer = int(server.stdout.readline())
    try:
        assert _wait_until(out.exists, seconds=180), "the export never started"
        server.kill()
        server.wait()
        killed = time.monotonic()
        assert _wait_until(lambda: _gone(renderer), seconds=5), "the renderer outlived its server"
        print(f"renderer gone {time.monotonic() - killed:.2f} s after its server")
    finally:
        if not _gone(renderer):
            os.kill(renderer, signal.SIGKILL)
