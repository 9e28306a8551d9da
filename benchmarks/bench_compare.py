"""Server-side time of building the comparison and the learning partners, for 12 and 100 personas.

The personas are generated from the demo workshop (copies under new names). Goals from the issue:
under 150 ms for 12, under 1 s for 100. Printed as ratios to the goal, measured in one run, plus how
the work grows from 12 to 100 Kommunen.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent.parent / "tests")]

from scaled_demo import scaled_demo  # noqa: E402

from werkstatt import compare, matching, render, words  # noqa: E402

GOALS = {12: 0.150, 100: 1.0}


def workshop_of(count: int):
    return scaled_demo(count)


def build_everything(workshop, personas) -> None:
    """What the shared pages compute after a change: frames, themes, drivers, partners, one table."""
    compare.stage_matrix(workshop, personas)
    compare.entry_counts(workshop, personas)
    compare.connecting_themes(workshop, personas)
    compare.shared_drivers(workshop, personas)
    matching.learning_partners(workshop, personas)
    render.comparison_html(workshop, personas[:4])


def median_seconds(workshop, personas, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        words.terms.cache_clear()  # every round from scratch: as after a change on disk
        start = time.perf_counter()
        build_everything(workshop, personas)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    build_everything(*workshop_of(12))  # imports and template compilation, once
    results = {}
    for count, rounds in ((12, 15), (100, 5)):
        seconds = median_seconds(*workshop_of(count), rounds)
        results[count] = seconds
        print(
            f"{count} personas: comparison + matching {seconds * 1000:.0f} ms = {seconds / GOALS[count]:.2f}x the goal "
            f"of {GOALS[count] * 1000:.0f} ms"
        )
    print(f"growth from 12 to 100 personas: {results[100] / results[12]:.1f}x the time for 8.3x the Kommunen")


if __name__ == "__main__":
    main()
