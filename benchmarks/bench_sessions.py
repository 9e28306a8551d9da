"""Twelve fellows and one projector on this 2-core machine, in real browser sessions.

Last, the server's CPU while twelve tabs sit on the live Themenrunde board, against twelve tabs on
*Stand der Gruppe* (both redraw themselves every few seconds).

Each fellow (a Playwright context of Debian's Chromium, all connected at once) changes the quote of
its Kommune's persona and saves; the projector shows the overview slide. Printed: p50 and p95 of the
time from pressing *Speichern* to the new quote being visible on the projector, and the server's
memory per connected session (resident memory after the sessions joined, minus before, divided).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from bench_pdf import twelve_personas  # noqa: E402
from browser_helpers import settle  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, RunningApp  # noqa: E402

ROUNDS = 2


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    folder = twelve_personas(tmp / "personas" / "zwoelf")
    app = RunningApp(tmp / "personas")
    server = psutil.Process(app.process.pid)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            before = server.memory_info().rss
            projector = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            projector.goto(f"{app.url}/praesentation?workshop=zwoelf")
            settle(projector)
            for slide in range(2, 14):  # twelve slides on (personas and their stages), one click at a time
                projector.get_by_role("button", name="Weiter").click()
                settle(projector)
                projector.get_by_text(f"Folie {slide} von").wait_for(timeout=30_000)
            fellows = []
            for kommune in folder.workshop().kommunen:
                page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                page.goto(f"{app.url}/persona?workshop=zwoelf&kommune={kommune.slug}")
                settle(page)
                page.get_by_text("2. Zitat & Geschichte", exact=True).click()
                settle(page)
                fellows.append(page)
            after = server.memory_info().rss

            latencies = []
            for round_number in range(ROUNDS):
                for index, page in enumerate(fellows):
                    token = f"Messung {round_number}-{index} {time.time():.0f}"
                    box = page.get_by_role("textbox", name="Zitat", exact=True)
                    box.fill(token)
                    box.press("Enter")
                    settle(page)
                    started = time.perf_counter()
                    page.get_by_role("button", name="Speichern").click()
                    projector.get_by_text(token).wait_for(timeout=30_000)
                    latencies.append(time.perf_counter() - started)
            browser.close()
        quantiles = statistics.quantiles(latencies, n=20)
        print(
            f"save to visible on the projector, {len(latencies)} saves by 12 connected fellows: "
            f"p50 {statistics.median(latencies):.2f} s, p95 {quantiles[18]:.2f} s (goal: within 3 s)"
        )
        print(
            f"server memory per session: {(after - before) / 13 / 2**20:.1f} MiB "
            f"({before / 2**20:.0f} MiB before, {after / 2**20:.0f} MiB with 13 sessions)"
        )
        print(idle_load(app, server))
    finally:
        app.stop()


def idle_load(app: RunningApp, server: psutil.Process) -> str:
    """Server CPU (share of one core) with 12 tabs open on a live page, for two pages side by side."""
    import shutil

    from conftest import DEMO

    shutil.copytree(DEMO, app.personas_root / "fellowtag-demo")  # a workshop with a programme and boards
    shares = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in ("themenrunde", "gruppe"):
            tabs = []
            for _ in range(12):
                tab = browser.new_context().new_page()
                tab.goto(f"{app.url}/{path}?workshop=fellowtag-demo")
                settle(tab)
                tabs.append(tab)
            time.sleep(3)
            cpu, started = sum(server.cpu_times()[:2]), time.perf_counter()
            time.sleep(20)
            shares[path] = (sum(server.cpu_times()[:2]) - cpu) / (time.perf_counter() - started)
            for tab in tabs:
                tab.context.close()
        browser.close()
    return (
        f"server CPU with 12 tabs on the Themenrunde board / on Stand der Gruppe: "
        f"{shares['themenrunde'] / shares['gruppe']:.2f}x ({shares['themenrunde']:.0%} vs {shares['gruppe']:.0%} "
        f"of one core)"
    )


if __name__ == "__main__":
    main()
