"""Many writers at once: threads of the app and separate processes, on the same and different personas.

Every save that was accepted must be on disk or in the history, no accepted save may be overwritten
silently (each revision number is taken by exactly one writer), and every file must still validate.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import yaml

from werkstatt.store import ConflictError, WorkshopFolder

ROOT = Path(__file__).resolve().parent.parent
SLUGS = ("lindenau", "hafenstedt", "kesselbrunn")
ROUNDS = 8


def writer(folder: Path, name: str, accepted: list, slugs=SLUGS, rounds: int = ROUNDS) -> None:
    store = WorkshopFolder(folder)
    rng = random.Random(name)
    for i in range(rounds):
        slug = rng.choice(slugs)
        while True:
            persona = store.persona(slug).persona
            persona.profile.story = f"{name} Runde {i}"
            try:
                saved = store.save_persona(persona, base_revision=persona.revision)
            except ConflictError:
                continue  # someone was faster: read again and retry, as the app's conflict dialog does
            accepted.append((slug, saved.revision, persona.profile.story))
            break


PROCESS_SCRIPT = textwrap.dedent(
    """
    import json, sys
    sys.path.insert(0, {root!r})
    from tests.test_concurrency import writer
    accepted = []
    writer(__import__("pathlib").Path({folder!r}), {name!r}, accepted)
    print(json.dumps(accepted))
    """
)


def test_twenty_threads_and_four_processes_lose_no_save(workshop_dir: Path) -> None:
    import json

    accepted: list = []
    threads = [threading.Thread(target=writer, args=(workshop_dir, f"Thread {n}", accepted)) for n in range(20)]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                PROCESS_SCRIPT.format(root=str(ROOT), folder=str(workshop_dir), name=f"Prozess {n}"),
            ],
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    for process in processes:
        out, _ = process.communicate(timeout=300)
        assert process.returncode == 0
        accepted.extend(tuple(item) for item in json.loads(out))

    assert len(accepted) == 24 * ROUNDS
    store = WorkshopFolder(workshop_dir)
    for slug in SLUGS:
        mine = sorted((revision, story) for s, revision, story in accepted if s == slug)
        revisions = [revision for revision, _ in mine]
        assert len(revisions) == len(set(revisions)), "two writers were given the same revision"
        current = store.persona(slug)
        assert current.ok, current.problems
        assert current.persona.revision == max(revisions)
        for revision, story in mine:  # every accepted save is still there: on disk or in the history
            if revision == current.persona.revision:
                assert current.persona.profile.story == story
            else:
                kept = yaml.safe_load(
                    (workshop_dir / ".history" / slug / f"{revision:06d}.yaml").read_text(encoding="utf-8")
                )
                assert kept["persona"]["story"] == story and kept["revision"] == revision
    assert all(r.ok for r in store.personas())
