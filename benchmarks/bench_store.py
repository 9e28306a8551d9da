"""How much the parse cache saves on a Streamlit rerun, and what a save costs against a read.

Prints ratios of things measured side by side in one run (the machine is shared and noisy):
- a rerun's read of every persona with an unchanged folder, against parsing every file anew;
- one atomic save (lock, validate, history, fsync, rename), against one cold parse.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werkstatt.store import WorkshopFolder

DEMO = Path(__file__).resolve().parent.parent / "personas" / "fellowtag-demo"
ROUNDS = 30


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fellowtag-demo"
        shutil.copytree(DEMO, folder)
        warm = WorkshopFolder(folder)
        warm.personas()
        cold_times, warm_times, save_times, parse_one = [], [], [], []
        for _ in range(ROUNDS):
            cold_times.append(timed(lambda: WorkshopFolder(folder).personas()))
            warm.personas()  # re-reads only the file the previous round saved
            warm_times.append(timed(warm.personas))
            persona = warm.persona("lindenau").persona
            save_times.append(timed(lambda p=persona: warm.save_persona(p, base_revision=p.revision)))
            parse_one.append(timed(lambda: WorkshopFolder(folder).persona("lindenau")))
        cold, cached = statistics.median(cold_times), statistics.median(warm_times)
        save, parse = statistics.median(save_times), statistics.median(parse_one)
        print(
            f"cached read of 9 personas / cold parse of 9 personas: {cached / cold:.3f}x "
            f"({cached * 1000:.2f} ms vs {cold * 1000:.2f} ms)"
        )
        print(
            f"one atomic save / one cold parse of the same persona: {save / parse:.2f}x "
            f"({save * 1000:.2f} ms vs {parse * 1000:.2f} ms)"
        )


if __name__ == "__main__":
    main()
