"""Shared fixtures: a private copy of the demo workshop, a running app, a real browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "personas" / "fellowtag-demo"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def workshop_dir(tmp_path: Path) -> Path:
    """A private copy of the demo workshop that a test may change freely."""
    target = tmp_path / "personas" / "fellowtag-demo"
    shutil.copytree(DEMO, target)
    return target


@pytest.fixture
def empty_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty personas folder the app serves, without a facilitator PIN (for Workshop anlegen)."""
    root = tmp_path / "personas"
    root.mkdir()
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(root))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    return root


def open_setup_page():  # -> streamlit.testing.v1.AppTest
    """The page Workshop anlegen in AppTest, with the page link it offers after creating a workshop."""
    from streamlit.testing.v1 import AppTest

    script = (
        "from werkstatt.ui import setup_page\nimport streamlit as st\n"
        "st.session_state['pw.pages'] = {'access': st.Page(lambda: None, title='Zugang', url_path='zugang')}\n"
        "setup_page.page()\n"
    )
    return AppTest.from_string(script, default_timeout=30).run()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RunningApp:
    def __init__(self, personas_root: Path, **extra_env: str):
        self.personas_root = personas_root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "WERKSTATT_PERSONAS": str(personas_root), **extra_env}
        self.log = open(personas_root.parent / "streamlit.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("Streamlit did not start: " + (personas_root.parent / "streamlit.log").read_text())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    """The real app on a free port, serving a private copy of the demo workshop."""
    root = tmp_path_factory.mktemp("app") / "personas"
    shutil.copytree(DEMO, root / "fellowtag-demo")
    running = RunningApp(root)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()
