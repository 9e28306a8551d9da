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


# --- join codes -------------------------------------------------------------------------------


def test_codes_are_short_unambiguous_and_forgiving_to_type() -> None:
    from werkstatt.access import CODE_ALPHABET, new_code, normalise_code

    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert not set(code.replace("-", "")) & set("01ILO")
        assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
    assert normalise_code(" k7mp-q4rt ") == "K7MPQ4RT"


def test_store_keeps_only_digests_and_finds_the_kommune(workshop_dir: Path) -> None:
    from werkstatt.store import WorkshopFolder

    store = WorkshopFolder(workshop_dir)
    assert store.access()["codes"] == {} and store.kommune_for_code("ABCD-EFGH") is None
    store.set_codes({"lindenau": "ABCD-EFGH", "neustrand": "JKMN-PQRS"})
    text = (workshop_dir / ".zugang.yaml").read_text(encoding="utf-8")
    assert "ABCD" not in text and "JKMN" not in text
    assert store.kommune_for_code("abcd efgh") == "lindenau"
    assert store.kommune_for_code("JKMN-PQRS") == "neustrand"
    assert store.kommune_for_code("JKMN-PQRT") is None and store.kommune_for_code("") is None
    assert store.access()["revealed"] is False
    store.set_revealed(True)
    assert store.access()["revealed"] is True and store.kommune_for_code("ABCD-EFGH") == "lindenau"
    store.set_codes({"lindenau": "ZZZZ-2222"})  # regenerated: the old code stops working
    assert store.kommune_for_code("ABCD-EFGH") is None and store.kommune_for_code("ZZZZ-2222") == "lindenau"


def test_a_damaged_access_file_opens_no_door(workshop_dir: Path) -> None:
    from werkstatt.store import WorkshopFolder

    (workshop_dir / ".zugang.yaml").write_text("codes: [kaputt", encoding="utf-8")
    store = WorkshopFolder(workshop_dir)
    assert store.access()["codes"] and store.access()["revealed"] is False
    assert store.kommune_for_code("ABCD-EFGH") is None


@pytest.fixture
def with_codes(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from werkstatt.store import WorkshopFolder

    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    WorkshopFolder(workshop_dir).set_codes({"lindenau": "ABCD-EFGH", "neustrand": "JKMN-PQRS"})
    return workshop_dir


def app_test() -> AppTest:
    root = Path(__file__).resolve().parent.parent
    return AppTest.from_file(str(root / "app.py"), default_timeout=30).run()


def test_fellow_joins_with_code_and_edits_only_the_own_persona(with_codes: Path) -> None:
    at = app_test()
    assert not [s for s in at.selectbox if s.key == "pw.start_kommune"]  # no free choice of Kommune
    at.text_input(key="pw.join_code").input("AAAA-BBBB")
    at.button[0].click().run()
    assert any("gibt es nicht" in e.value for e in at.error)
    at.text_input(key="pw.join_code").input("jkmn pqrs")
    at.button[0].click().run()
    assert at.title[0].value == "Persona bearbeiten: Stadt Neustrand"
    assert at.query_params["code"] == "JKMNPQRS"  # kept in the address for a reload

    at.session_state["pw.kommune"] = "lindenau"  # trying another Kommune through the session
    at.run()
    assert any("nur die eigene Persona" in e.value for e in at.error)
    assert not at.text_input


def test_shared_pages_wait_for_the_reveal(with_codes: Path) -> None:
    from werkstatt.store import WorkshopFolder

    at = AppTest.from_string("from werkstatt.ui import compare_page\ncompare_page.page()\n", default_timeout=30).run()
    assert any("sobald alle ihre eigene geschrieben haben" in i.value for i in at.info)
    assert not at.get("html") or "pw-compare" not in "".join(h.proto.body for h in at.get("html"))
    WorkshopFolder(with_codes).set_revealed(True)
    at = AppTest.from_string("from werkstatt.ui import compare_page\ncompare_page.page()\n", default_timeout=30).run()
    assert "pw-compare" in "".join(h.proto.body for h in at.get("html"))


def test_facilitator_creates_a_workshop_in_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from werkstatt.store import WorkshopFolder

    root = tmp_path / "personas"
    root.mkdir()
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(root))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    script = (
        "from werkstatt.ui import setup_page\nimport streamlit as st\n"
        "st.session_state['pw.pages'] = {'access': st.Page(lambda: None, title='Zugang', url_path='zugang')}\n"
        "setup_page.page()\n"
    )
    at = AppTest.from_string(script, default_timeout=30).run()
    at.text_input(key="pw.setup_title").input("Fellowtag Herbst 2027")
    at.text_input(key="pw.setup_place").input("Erfurt")
    at.button[0].click().run()
    assert not at.exception, at.exception
    workshop = WorkshopFolder(root / "fellowtag-herbst-2027").workshop()
    assert workshop.place == "Erfurt" and len(workshop.topics) == 6 and len(workshop.questions) == 4
    assert any("ist angelegt" in s.value for s in at.success)

    at.text_input(key="pw.setup_title").input("Fellowtag Herbst 2027")
    at.button[0].click().run()
    assert any("gibt es schon" in e.value for e in at.error)
    at.text_input(key="pw.setup_title").input("")
    at.button[0].click().run()
    assert any("title" in e.value for e in at.error)
