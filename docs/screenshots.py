"""Regenerate the README images: `.venv/bin/python docs/screenshots.py` (needs Chromium, Poppler)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_helpers import settle  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, DEMO, RunningApp  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from werkstatt.export import export  # noqa: E402
from werkstatt.store import WorkshopFolder  # noqa: E402

DOCS = ROOT / "docs"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "personas"
        shutil.copytree(DEMO, root / "fellowtag-demo")
        app = RunningApp(root)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                page.goto(f"{app.url}/persona?workshop=fellowtag-demo&kommune=lindenau")
                settle(page)
                page.get_by_text("4. Stolpersteine", exact=True).click()
                settle(page)
                page.screenshot(path=DOCS / "wizard.png")
                page.goto(f"{app.url}/personas")
                settle(page)
                page.screenshot(path=DOCS / "personas.png")
                page.goto(f"{app.url}/vergleich")
                settle(page)
                page.screenshot(path=DOCS / "vergleich.png")
                page.goto(f"{app.url}/themenboerse")
                settle(page)
                page.get_by_label("Ihre Kommune").click()
                page.get_by_role("option", name="Stadt Lindenau").click()
                settle(page)
                page.screenshot(path=DOCS / "themenboerse.png")
                page.goto(f"{app.url}/programm")
                settle(page)
                page.screenshot(path=DOCS / "programm.png")
                board = browser.new_page(viewport={"width": 1280, "height": 720})
                board.goto(f"{app.url}/themenrunde?runde=runde-2")
                settle(board)
                board.get_by_text("Projektor-Ansicht").click()
                settle(board)
                board.wait_for_timeout(1500)
                board.screenshot(path=DOCS / "themenrunde-projektor.png")
                board.close()
                for width, height in ((1280, 720), (1920, 1080)):
                    projector = browser.new_page(viewport={"width": width, "height": height})
                    projector.goto(f"{app.url}/praesentation")
                    settle(projector)
                    projector.screenshot(path=DOCS / f"praesentation-{width}x{height}.png")
                    projector.close()
                browser.close()
        finally:
            app.stop()

    out = Path(tempfile.mkdtemp())
    export(WorkshopFolder(DEMO), out, ("steckbriefe", "vergleich", "lernpartner", "dokumentation", "programm"))
    export(WorkshopFolder(DEMO), out, ("mitnehmen",), kommune="lindenau")
    export(WorkshopFolder(DEMO), out, ("dokumentation",), anonymous=True)
    pages = {
        "steckbrief": ("Persona-Steckbriefe.pdf", 1),
        "vergleichsbogen": ("Vergleichsbogen.pdf", 1),
        "lernpartner": ("Lernpartner.pdf", 1),
        "dokumentation-titel": ("Dokumentation.pdf", 1),
        "dokumentation-inhalt": ("Dokumentation.pdf", 2),
        "dokumentation-anonym": ("Dokumentation-anonym.pdf", 14),
        "programm-pdf": ("Programm.pdf", 1),
        "mitnehmen-pdf": ("Mitnehmen-lindenau.pdf", 1),
    }
    sessions = next(
        n for n, text in enumerate(_page_texts(out / "Dokumentation.pdf"), start=1) if text.startswith("Themenrunden")
    )
    pages["dokumentation-themenrunde"] = ("Dokumentation.pdf", sessions)
    for image, (pdf, number) in pages.items():
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(out / pdf),
                str(DOCS / image),
            ],
            check=True,
        )


def _page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [(page.extract_text() or "").strip() for page in PdfReader(pdf).pages]


if __name__ == "__main__":
    main()
