"""The app's render worker: warm exports with the renderer's caches, restart after a crash, never waiting."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from werkstatt.store import WorkshopFolder
from werkstatt.worker import RenderWorker


@pytest.fixture
def worker():
    running = RenderWorker(timeout=300)
    yield running
    running.stop()


def test_second_export_after_a_change_reuses_the_laid_out_pages(worker, workshop_dir: Path, tmp_path: Path) -> None:
    job = ["export", str(workshop_dir), "--only", "steckbriefe", "--out", str(tmp_path)]
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
    result = worker.run(["export", str(workshop_dir), "--out", str(tmp_path)])
    assert result.returncode == 1
    assert "lindenau.yaml › obstacles[0].topics: unbekanntes Thema „armut“" in result.stderr
    assert worker.run(["export", str(tmp_path / "nirgends"), "--out", str(tmp_path)]).returncode == 1


def test_a_killed_worker_is_replaced_and_the_job_still_done(worker, workshop_dir: Path, tmp_path: Path) -> None:
    job = ["export", str(workshop_dir), "--only", "programm", "--out", str(tmp_path)]
    assert worker.run(job).returncode == 0
    first_pid = worker.pid
    os.kill(first_pid, signal.SIGKILL)
    assert worker.run(job).returncode == 0  # done by a one-off process
    assert worker.run(job).returncode == 0 and worker.pid not in (None, first_pid)


def test_a_busy_worker_does_not_make_others_wait(worker, workshop_dir: Path, tmp_path: Path) -> None:
    job = ["export", str(workshop_dir), "--only", "programm", "--out", str(tmp_path)]
    with worker._lock:  # noqa: SLF001 - as if a long export were running right now
        result = worker.run(job)
    assert result.returncode == 0 and result.stats == {}  # a one-off process, not the worker
