"""What a person does in the browser, as small steps the browser tests share."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def settle(page: Page) -> None:
    """Wait until Streamlit finished the current run and drew everything (as its own e2e tests do)."""
    page.wait_for_selector(SETTLED, timeout=30_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_selector(SETTLED, timeout=30_000)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    settle(page)


def serious_accessibility_problems(page: Page) -> list[str]:
    """axe-core findings of impact serious or critical, as readable lines."""
    # Fading chips and popovers have too little contrast mid-animation; axe judges the finished page.
    page.evaluate(
        """() => Promise.race([
            new Promise((done) => setTimeout(done, 3000)),
            Promise.all(document.getAnimations()
                .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map((a) => a.finished.catch(() => null))),
        ])"""
    )
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['html'][:160] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def wait_until(condition, timeout: float = 15.0, interval: float = 0.1):
    """Poll ``condition`` until it returns something truthy (for files the app writes)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def click_alone(locator) -> None:  # a playwright Locator
    """Click a button once the page shows it once: while a rerun redraws a step, the old one stands beside it."""
    expect(locator).to_have_count(1, timeout=30_000)
    locator.click()
