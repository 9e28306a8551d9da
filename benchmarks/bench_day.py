"""The day's files under load: what a dot or a board entry costs, and twelve Kommunen acting at once.

Prints ratios of things measured side by side in one run (the machine is shared and noisy):
- one dot on the demo's Themenbörse (lock, read, validate, write, history, fsync) against one persona save;
- twelve threads each putting 3 dots and adding 3 board entries at the same moment, against the same
  72 operations one after the other (1.0 would mean the lock costs nothing extra; a real laptop serves
  them from one Streamlit process, as here);
- a rerun's read of the board with nothing changed (cache) against reading it from disk.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from bench_store import timed  # noqa: E402

from werkstatt.store import WorkshopFolder  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "personas" / "fellowtag-demo"
ROUNDS = 20


def fresh(tmp: Path, name: str) -> WorkshopFolder:
    target = tmp / name / "fellowtag-demo"
    shutil.copytree(DEMO, target)
    folder = WorkshopFolder(target)
    folder.update_market(lambda m: m.set_dots(20))
    return folder


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = fresh(tmp, "single")
        kommunen = [k.slug for k in folder.workshop().kommunen]
        dot_times, save_times = [], []
        for n in range(ROUNDS):
            kommune = kommunen[n % len(kommunen)]
            dot_times.append(timed(lambda k=kommune: folder.update_market(lambda m: m.vote("idee-5", k))))
            persona = folder.persona("lindenau").persona
            save_times.append(timed(lambda p=persona: folder.save_persona(p, base_revision=p.revision)))
        dot, save = statistics.median(dot_times), statistics.median(save_times)
        print(f"one dot / one persona save: {dot / save:.2f}x ({dot * 1000:.1f} ms vs {save * 1000:.1f} ms)")

        def act(target: WorkshopFolder, kommune: str) -> None:
            for k in range(3):
                target.update_market(lambda m: m.vote("idee-2", kommune))
                target.update_board("runde-1", lambda b, k=k: b.add_entry(1 + k, f"{kommune} {k}", kommune))

        serial_folder = fresh(tmp, "serial")
        twelve = (kommunen * 2)[:12]
        serial = timed(lambda: [act(serial_folder, k) for k in twelve])
        parallel_folder = fresh(tmp, "parallel")
        threads = [threading.Thread(target=act, args=(parallel_folder, k)) for k in twelve]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        parallel = time.perf_counter() - start
        entries = len(parallel_folder.board("runde-1").entries) - len(WorkshopFolder(DEMO).board("runde-1").entries)
        print(
            f"12 Kommunen at once / the same 72 operations in a row: {parallel / serial:.2f}x "
            f"({parallel:.2f} s vs {serial:.2f} s; {entries} of 36 entries arrived)"
        )

        cached = statistics.median(timed(lambda: folder.board("runde-1")) for _ in range(ROUNDS))
        cold = statistics.median(timed(lambda: WorkshopFolder(folder.path).board("runde-1")) for _ in range(ROUNDS))
        print(
            f"cached board read / board read from disk: {cached / cold:.3f}x "
            f"({cached * 1000:.3f} ms vs {cold * 1000:.2f} ms)"
        )


if __name__ == "__main__":
    main()
