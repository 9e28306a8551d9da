"""PDF export speed and memory, each figure a ratio of two things measured side by side in one run.

(a) cold `python -m werkstatt export … --only steckbriefe` of 12 personas (a new process) against
    Chromium printing the same HTML (`chromium --headless --print-to-pdf`): wall time and peak memory
    of the whole process tree. Goals: ≤ 0.8× the time, ≤ 0.5× the memory.
(b) warm in-process full export (every document) against a warm Chromium page printing the same
    HTML documents. Goal: ≤ 2×. Measured with a fresh renderer each time (every page laid out), and,
    for information, once more with nothing changed (documents served from the renderer's caches).
(c) re-export after one persona changed against a full export, in a long-lived process whose renderer
    keeps the laid-out parts of the last export (``werkstatt/pdfrender.py``). Goal: ≤ 0.3×.
(d) the export pipeline for the Steckbriefe against a bare WeasyPrint render of the same HTML.
    Goal: ≤ 1.3×.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from scaled_demo import scaled_demo, write_workshop  # noqa: E402

from werkstatt import export as exporter  # noqa: E402
from werkstatt import render  # noqa: E402
from werkstatt.store import WorkshopFolder  # noqa: E402

CHROMIUM_PRINT_ARGS = ["--headless", *CHROMIUM_ARGS, "--no-pdf-header-footer"]


def twelve_personas(target: Path) -> WorkshopFolder:
    return write_workshop(target, *scaled_demo(12))


def measure(command: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (sum over the process tree, sampled every 10 ms)."""
    peak = 0
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, peak


def median_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp())
    try:
        folder = twelve_personas(tmp / "zwoelf")
        material = exporter.load_material(folder)
        steckbriefe = render.steckbriefe_html(material.workshop, material.personas)
        html_file = tmp / "steckbriefe.html"
        html_file.write_text(steckbriefe, "utf-8")

        # (a) cold: a new process each, three rounds, medians
        ours, theirs = [], []
        for _ in range(3):
            ours.append(
                measure(
                    [
                        sys.executable,
                        "-m",
                        "werkstatt",
                        "export",
                        str(folder.path),
                        "--only",
                        "steckbriefe",
                        "--out",
                        str(tmp / "out-a"),
                    ]
                )
            )
            theirs.append(
                measure(
                    [
                        CHROMIUM,
                        *CHROMIUM_PRINT_ARGS,
                        f"--user-data-dir={tmp / 'profile'}",
                        f"--print-to-pdf={tmp / 'chromium.pdf'}",
                        html_file.as_uri(),
                    ]
                )
            )
        our_time, their_time = statistics.median(t for t, _ in ours), statistics.median(t for t, _ in theirs)
        our_mem, their_mem = statistics.median(m for _, m in ours), statistics.median(m for _, m in theirs)
        print(
            f"(a) cold export of 12 Steckbriefe / Chromium print: time {our_time / their_time:.2f}x "
            f"({our_time:.2f} s vs {their_time:.2f} s), peak memory {our_mem / their_mem:.2f}x "
            f"({our_mem / 2**20:.0f} MiB vs {their_mem / 2**20:.0f} MiB)"
        )

        # (b) warm full export in process / warm Chromium page printing the same documents
        documents = [exporter.document_html(kind, material) for kind in exporter.KINDS if kind != "excel"]
        exporter.export(folder, tmp / "out-b")  # warm-up: imports, fonts, templates

        def full_export_without_caches() -> None:
            render.renderer.cache_clear()  # a fresh renderer: every page laid out, nothing reused
            exporter.export(folder, tmp / "out-b")

        full = median_of(3, full_export_without_caches)
        unchanged = median_of(3, lambda: exporter.export(folder, tmp / "out-b"))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()

            def chromium_prints() -> None:
                for html in documents:
                    page.set_content(html)
                    page.pdf(prefer_css_page_size=True)

            chromium_prints()
            warm_chromium = median_of(3, chromium_prints)
            browser.close()
        print(
            f"(b) warm full export / warm Chromium page print of the same documents: {full / warm_chromium:.2f}x "
            f"({full:.2f} s vs {warm_chromium:.2f} s); the same export again with nothing changed, from the "
            f"renderer's caches: {unchanged / warm_chromium:.2f}x ({unchanged:.2f} s)"
        )

        # (c) one persona changed, then everything exported again
        first = folder.personas()[0].persona

        def change_one_and_export() -> None:
            persona = folder.persona(first.kommune).persona
            persona.profile.quote = f"Geändert um {time.time()}"
            folder.save_persona(persona, base_revision=persona.revision)
            exporter.export(folder, tmp / "out-b")

        change_one_and_export()  # the first change after the cache-free runs lays out the whole once more
        again = median_of(3, change_one_and_export)
        print(
            f"(c) re-export after one persona changed / full export: {again / full:.2f}x "
            f"({again:.2f} s vs {full:.2f} s)"
        )

        # (d) our Steckbriefe pipeline / bare WeasyPrint on the same HTML
        import weasyprint

        def pipeline_without_caches() -> None:
            render.renderer.cache_clear()
            exporter.export(folder, tmp / "out-d", ("steckbriefe",))

        pipeline = median_of(3, pipeline_without_caches)
        bare = median_of(3, lambda: weasyprint.HTML(string=steckbriefe).write_pdf())
        print(
            f"(d) export pipeline / bare WeasyPrint, 12 Steckbriefe: {pipeline / bare:.2f}x "
            f"({pipeline:.2f} s vs {bare:.2f} s)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
