"""The facilitator PIN: hashed, compared in constant time, slowed after wrong attempts, asked on the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from werkstatt.access import Throttle, hash_pin, verify_pin


def test_pin_is_stored_as_salted_scrypt_hash() -> None:
    first, second = hash_pin("4711"), hash_pin("4711")
    assert first.startswith("scrypt$") and "4711" not in first
    assert first != second  # salted
    assert verify_pin("4711", first) and verify_pin("4711", second)
    assert not verify_pin("4712", first) and not verify_pin("", first)
    assert not verify_pin("4711", "kaputt") and not verify_pin("4711", "md5$x$y$z$a$b")


def test_wrong_attempts_are_slowed_down() -> None:
    throttle = Throttle()
    for now in (0.0, 1.0):
        throttle.failed(now)
        assert throttle.wait(now) == 0  # the first tries are free
    throttle.failed(2.0)
    assert throttle.wait(2.0) == 2.0
    throttle.failed(4.0)
    assert throttle.wait(4.0) == 4.0
    for _ in range(20):
        throttle.failed(10.0)
    assert throttle.wait(10.0) == 60.0  # capped
    throttle.succeeded()
    assert throttle.wait(10.0) == 0


@pytest.fixture
def with_pin(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.setenv("WERKSTATT_PIN", "2468")
    return workshop_dir


@pytest.mark.parametrize("module", ["presenter_page", "group_page", "export_page"])
def test_facilitator_pages_ask_for_the_pin(with_pin: Path, module: str) -> None:
    at = AppTest.from_string(f"from werkstatt.ui import {module}\n{module}.page()\n", default_timeout=30).run()
    assert at.text_input(key="pw.pin").label == "Moderations-PIN"
    assert not at.dataframe and not [b for b in at.button if b.label in ("Weiter", "Alles exportieren")]
    at.text_input(key="pw.pin").input("1111")  # a form: typed values travel with the submit click
    at.button[0].click().run()
    assert any("stimmt nicht" in e.value for e in at.error)
    at.text_input(key="pw.pin").input("2468")
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["pw.facilitator"] is True
    assert not [t for t in at.text_input if t.key == "pw.pin"]


def test_without_pin_the_page_says_how_to_set_one(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    at = AppTest.from_string("from werkstatt.ui import group_page\ngroup_page.page()\n", default_timeout=30).run()
    assert any("kein Moderations-PIN gesetzt" in i.value and "WERKSTATT_PIN" in i.value for i in at.info)
    assert at.dataframe
