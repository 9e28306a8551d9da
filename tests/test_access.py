"""The facilitator PIN: hashed, compared in constant time, slowed after wrong attempts, asked on the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import open_setup_page
from streamlit.testing.v1 import AppTest

from werkstatt import texts
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


@pytest.mark.parametrize(
    ("module", "title"),
    [
        ("presenter_page", "Präsentation"),
        ("group_page", "Stand der Gruppe"),
        ("export_page", "Handouts und Export"),
        ("access_page", "Zugang für die Kommunen"),
        ("setup_page", "Neuen Workshop anlegen"),
    ],
)
def test_a_locked_facilitator_page_says_which_page_it_is(with_pin: Path, module: str, title: str) -> None:
    """Seen in the browser: a fellow clicking Präsentation, Stand der Gruppe or Export saw only a PIN box."""
    at = AppTest.from_string(f"from werkstatt.ui import {module}\n{module}.page()\n", default_timeout=30).run()
    assert [t.value for t in at.title] == [title]
    at.text_input(key="pw.pin").input("2468")
    at.button[0].click().run()
    assert not at.exception
    # Unlocked: one heading where the page has one, none above the slide (it needs the whole screen).
    assert [t.value for t in at.title] == ([] if module == "presenter_page" else [title])


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


WIZARD_ALONE = """
import streamlit as st
from werkstatt.ui import start, wizard_page
st.session_state["pw.pages"] = {"start": st.Page(start.page, title="Start", url_path="start")}
wizard_page.page()
"""


def test_the_wizard_speaks_of_the_code_to_a_fellow_not_of_choosing(with_codes: Path) -> None:
    """Seen in the browser: a fellow was told to choose a Kommune on a start page that only takes a code,
    and once joined was offered „Andere Kommune wählen“, which leads nowhere."""
    at = AppTest.from_string(WIZARD_ALONE, default_timeout=30)
    at.query_params["workshop"] = "fellowtag-demo"
    at.run()
    assert [i.value for i in at.info] == [texts.WIZ_JOIN_FIRST]
    # A link to this page with the code alone (no ?kommune=) signs in, as on the day's pages.
    at = AppTest.from_string(WIZARD_ALONE, default_timeout=30)
    at.query_params.update({"workshop": "fellowtag-demo", "code": "ABCD-EFGH"})
    at.run()
    assert not at.exception
    assert at.title[0].value == "Persona bearbeiten: Stadt Lindenau"
    assert [link.proto.label for link in at.get("page_link")] == [texts.WIZ_TO_START]


def test_without_codes_the_wizard_still_offers_another_kommune(workshop_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    at = AppTest.from_string(WIZARD_ALONE, default_timeout=30)
    at.query_params["workshop"] = "fellowtag-demo"
    at.run()
    assert [i.value for i in at.info] == [texts.WIZ_CHOOSE_FIRST]
    at.query_params["kommune"] = "lindenau"
    at.run()
    assert at.title[0].value == "Persona bearbeiten: Stadt Lindenau"
    assert texts.WIZ_OTHER_KOMMUNE in [link.proto.label for link in at.get("page_link")]


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


def test_facilitator_creates_a_workshop_in_the_app(empty_root: Path) -> None:
    from werkstatt.store import WorkshopFolder

    root = empty_root
    at = open_setup_page()
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


# --- one guessing budget per client machine, shared by all its sessions ------------------------


@pytest.fixture(autouse=True)
def fresh_guess_budget():
    """The budget lives for the server process; every test starts with a fresh one."""
    from werkstatt.access import GUESSES

    GUESSES.forget()
    yield
    GUESSES.forget()


def test_all_spellings_of_one_machine_are_one_client() -> None:
    from werkstatt.access import client_key

    assert {client_key(a) for a in (None, "", "::1", "127.0.0.1", "::ffff:127.0.0.1", "localhost", "127.0.1.1")} == {
        "loopback"
    }
    assert client_key("192.168.1.5") == client_key("::ffff:192.168.1.5") != client_key("192.168.1.6")
    assert client_key("2001:db8:1:2::5") == client_key("2001:db8:1:2:abcd::9")  # privacy addresses of one /64
    assert client_key("2001:db8:1:2::5") != client_key("2001:db8:1:3::5")
    assert client_key("fe80::1%eth0") == client_key("fe80::2")


def _parallel(count: int, attempt) -> list:  # attempt() -> access.Attempt
    import threading

    start = threading.Barrier(count)
    results: list = []

    def one() -> None:
        start.wait()
        results.append(attempt())

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_parallel_wrong_pins_see_at_most_the_free_tries_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """As 20 tabs from one address would: each guess is booked before the slow scrypt check runs."""
    from werkstatt import access
    from werkstatt.access import FREE_ATTEMPTS
    from werkstatt.ui import common

    stored = hash_pin("2468")
    checked: list[str] = []
    real_verify = access.verify_pin

    def counting_verify(pin: str, hashed: str) -> bool:
        checked.append(pin)
        return real_verify(pin, hashed)

    monkeypatch.setattr(access, "verify_pin", counting_verify)
    clients = ["::1", "127.0.0.1", "::ffff:127.0.0.1", "localhost"] * 5  # one machine, four spellings
    results = _parallel(20, lambda: common.check_pin("1111", stored, access.client_key(clients.pop())))
    assert len(checked) <= FREE_ATTEMPTS and len(checked) == sum(r.checked for r in results)
    assert not any(r.ok for r in results)
    refused = [r for r in results if not r.checked]
    assert len(refused) >= 20 - FREE_ATTEMPTS and all(r.wait > 0 for r in refused)
    # The right PIN waits too, then works and clears the count; another machine was never slowed.
    assert not common.check_pin("2468", stored, "loopback").checked
    assert common.check_pin("2468", stored, access.client_key("192.168.1.7")).ok


def test_parallel_wrong_join_codes_share_the_budget_too(workshop_dir: Path) -> None:
    from werkstatt.access import FREE_ATTEMPTS, GUESSES
    from werkstatt.store import WorkshopFolder, find_code

    folder = WorkshopFolder(workshop_dir)
    folder.set_codes({"lindenau": "ABCD-EFGH"})
    results = _parallel(15, lambda: GUESSES.attempt("code:loopback", lambda: find_code([folder], "ZZZZ-ZZZZ")))
    assert sum(r.checked for r in results) <= FREE_ATTEMPTS


# --- the facilitator's day token ----------------------------------------------------------------


def test_day_token_is_signed_expires_and_holds_no_pin(tmp_path: Path) -> None:
    from werkstatt.access import TOKEN_LIFETIME_SECONDS, make_token, server_secret, token_valid

    secret = server_secret(tmp_path)
    assert server_secret(tmp_path) == secret and len(secret) == 32
    assert (tmp_path / ".werkstatt-secret").stat().st_mode & 0o077 == 0
    stored = hash_pin("2468")
    token = make_token(secret, stored, now=1_000_000)
    assert "2468" not in token and stored not in token
    assert token_valid(token, secret, stored, now=1_000_000 + 3600)
    assert not token_valid(token, secret, stored, now=1_000_000 + TOKEN_LIFETIME_SECONDS)  # expired
    tampered = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert not token_valid(tampered, secret, stored, now=1_000_000)
    longer = token.replace(".", ".9", 1)  # a later expiry with the old signature
    assert not token_valid(longer, secret, stored, now=1_000_000)
    assert not token_valid(token, b"x" * 32, stored, now=1_000_000)  # another server
    assert not token_valid(token, secret, hash_pin("2468"), now=1_000_000)  # the PIN was set anew
    for junk in (None, "", "v1", "v1.x.y", "v2." + token[3:], "a.b.c.d"):
        assert not token_valid(junk, secret, stored, now=1_000_000)


def test_pin_command_stores_only_the_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import io

    from werkstatt.access import read_pin_file
    from werkstatt.cli import main

    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("123\n"))
    assert main(["pin", "--root", str(tmp_path)]) == 1
    assert "mindestens 4 Zeichen" in capsys.readouterr().err and read_pin_file(tmp_path) is None
    monkeypatch.setattr("sys.stdin", io.StringIO("geheim-4711\n"))
    assert main(["pin", "--root", str(tmp_path)]) == 0
    stored = read_pin_file(tmp_path)
    text = (tmp_path / ".werkstatt-pin").read_text()
    assert "geheim" not in text and stored and verify_pin("geheim-4711", stored)
    assert (tmp_path / ".werkstatt-pin").stat().st_mode & 0o077 == 0


# --- the address on the cards -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8501",
        "http://127.1.2.3:8501/",
        "http://localhost:8501",
        "http://LOCALHOST",
        "http://[::1]:8501",
        "http://[::ffff:127.0.0.1]:8501",
        "http://app.localhost:8501",
        "http://0.0.0.0:8501",
    ],
)
def test_cards_refuse_a_loopback_address(url: str) -> None:
    from werkstatt.access import card_address_problem

    assert "zeigt auf diesen Rechner selbst" in card_address_problem(url)


def test_cards_take_a_lan_address_and_explain_a_broken_one() -> None:
    from werkstatt.access import card_address_problem, lan_base_url

    assert card_address_problem("http://192.168.1.20:8501") is None
    assert card_address_problem("https://werkstatt.example.org") is None
    assert card_address_problem("http://[fd00::5]:8501") is None
    for broken in ("192.168.1.20:8501", "", "ftp://192.168.1.20", "http://192.168.1.20:99999"):
        assert "keine vollständige Adresse" in card_address_problem(broken)
    lan = lan_base_url(8501)
    assert lan is None or (lan.endswith(":8501") and card_address_problem(lan) is None)


# --- codes from the command line -----------------------------------------------------------------


def test_codes_command_needs_a_pin_prints_codes_and_links_and_writes_the_cards(
    workshop_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path
) -> None:
    import subprocess

    from werkstatt.cli import main
    from werkstatt.store import WorkshopFolder

    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    folder = str(workshop_dir)
    cards = tmp_path / "karten.pdf"
    assert main(["codes", folder, "--address", "http://192.168.1.20:8501", "--out", str(cards)]) == 1
    assert "Ohne Moderations-PIN" in capsys.readouterr().err and not cards.exists()
    assert WorkshopFolder(workshop_dir).access()["codes"] == {}

    monkeypatch.setenv("WERKSTATT_PIN", "2468")
    assert main(["codes", folder, "--address", "http://127.0.0.1:8501", "--out", str(cards)]) == 1
    assert "zeigt auf diesen Rechner selbst" in capsys.readouterr().err and not cards.exists()

    assert main(["codes", folder, "--address", "http://192.168.1.20:8501", "--out", str(cards)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "?workshop=" in line]
    assert len(lines) == 9 and lines[0].startswith("Stadt Lindenau: ")
    code = lines[0].split()[2]
    assert lines[0].endswith(f"http://192.168.1.20:8501/?workshop=fellowtag-demo&code={code}")
    store = WorkshopFolder(workshop_dir)
    assert store.kommune_for_code(code) == "lindenau" and store.access()["generation"] == 1
    assert code not in (workshop_dir / ".zugang.yaml").read_text("utf-8")
    text = subprocess.run(["pdftotext", str(cards), "-"], capture_output=True, text=True, check=True).stdout
    assert code in text and "Stadt Lindenau" in text and "http://192.168.1.20:8501" in text

    # Codes are digests only: a second run cannot show them and changes nothing without --new.
    assert main(["codes", folder, "--address", "http://192.168.1.20:8501", "--out", str(cards)]) == 1
    assert "nicht noch einmal anzeigen" in capsys.readouterr().err
    assert store.kommune_for_code(code) == "lindenau"
    assert main(["codes", folder, "--address", "http://192.168.1.20:8501", "--out", str(cards), "--new"]) == 0
    assert store.kommune_for_code(code) is None and store.access()["generation"] == 2


def test_a_code_is_found_among_all_workshops(workshop_dir: Path) -> None:
    import shutil

    from werkstatt.store import WorkshopFolder, find_code

    shutil.copytree(workshop_dir, workshop_dir.parent / "herbst")
    demo, autumn = WorkshopFolder(workshop_dir), WorkshopFolder(workshop_dir.parent / "herbst")
    autumn.set_codes({"neustrand": "JKMN-PQRS"})
    found = find_code([demo, autumn], "jkmn pqrs")
    assert found is not None and (found[0].slug, found[1], found[2]) == ("herbst", "neustrand", 1)
    assert find_code([demo, autumn], "ABCD-EFGH") is None and find_code([demo, autumn], "") is None


# --- the workshop is explicit everywhere (AppTest) ------------------------------------------------


@pytest.fixture
def two_workshops(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo (no codes) beside a second workshop whose Kommunen join by code; a PIN is set."""
    import shutil

    from werkstatt.store import WorkshopFolder

    autumn = workshop_dir.parent / "fellowtag-herbst"
    shutil.copytree(workshop_dir, autumn)
    for path in (autumn / "tag").rglob("*.yaml") if (autumn / "tag").exists() else []:
        path.unlink()
    WorkshopFolder(autumn).set_codes({"lindenau": "ABCD-EFGH", "neustrand": "JKMN-PQRS"})
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.setenv("WERKSTATT_PIN", "2468")
    return autumn


def test_a_card_link_joins_its_workshop_not_the_demo(two_workshops: Path) -> None:
    """The blocker: ``/?code=…`` showed the demo with a Kommune select box."""
    root = Path(__file__).resolve().parent.parent
    for query in ({"code": "JKMN-PQRS"}, {"workshop": "fellowtag-herbst", "code": "JKMN-PQRS"}):
        at = AppTest.from_file(str(root / "app.py"), default_timeout=30)
        at.query_params.update(query)
        at.run()
        assert not at.exception, at.exception
        assert at.title[0].value == "Persona bearbeiten: Stadt Neustrand"
        assert at.session_state["pw.workshop"] == "fellowtag-herbst"
        assert at.query_params["workshop"] == "fellowtag-herbst"
        assert not [s for s in at.selectbox if s.key in ("pw.start_kommune", "pw.start_workshop")]


def test_the_start_page_asks_for_the_code_first_and_finds_its_workshop(two_workshops: Path) -> None:
    at = app_test()
    # Right under the title: the code field, before any introduction; no list of workshops.
    first_input = next(i for i, node in enumerate(at.main) if getattr(node, "key", None) == "pw.join_code")
    first_text = next(i for i, node in enumerate(at.main) if node.type == "markdown" and "Persona" in node.value)
    assert first_input < first_text
    assert not at.selectbox
    at.text_input(key="pw.join_code").input("WXYZ-2345")
    at.button[0].click().run()
    errors = " ".join(e.value for e in at.error)
    assert "gibt es nicht" in errors and "Herbst" not in errors and "herbst" not in errors
    at.text_input(key="pw.join_code").input("abcd efgh")
    at.button[0].click().run()
    assert at.title[0].value == "Persona bearbeiten: Stadt Lindenau"
    assert any("Workshop: K360-Fellowtag (Demo)" in c.value.replace("\\", "") for c in at.caption)


def test_facilitator_pages_never_fall_back_to_the_demo(two_workshops: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WERKSTATT_PIN")
    from werkstatt.store import WorkshopFolder

    WorkshopFolder(two_workshops).set_codes({})  # no codes anywhere: the pages are open without a PIN
    script = "from werkstatt.ui import group_page\ngroup_page.page()\n"
    at = AppTest.from_string(script, default_timeout=30).run()
    assert at.selectbox(key="pw.choose_workshop").value is None and not at.dataframe
    at.selectbox(key="pw.choose_workshop").select("fellowtag-herbst").run()
    assert at.query_params["workshop"] == "fellowtag-herbst" and at.dataframe
    again = AppTest.from_string(script, default_timeout=30)  # a reload or a new tab: from the address
    again.query_params["workshop"] = "fellowtag-herbst"
    again.run()
    assert not [s for s in again.selectbox if s.key == "pw.choose_workshop"]
    assert any(c.value.startswith("Workshop: ") for c in again.caption)


def test_codes_need_a_pin_and_new_codes_end_old_sessions(two_workshops: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from werkstatt.store import WorkshopFolder

    at = app_test()
    at.text_input(key="pw.join_code").input("JKMN-PQRS")
    at.button[0].click().run()
    assert at.title[0].value == "Persona bearbeiten: Stadt Neustrand"
    WorkshopFolder(two_workshops).set_codes({"neustrand": "TTTT-UUUU"})  # the facilitator made new codes
    at.run()
    assert any("gilt nicht mehr" in w.value for w in at.warning)
    assert any("nur die eigene Persona" in e.value for e in at.error)
    assert not at.text_input and "code" not in at.query_params

    monkeypatch.delenv("WERKSTATT_PIN")  # codes active, no PIN: facilitator pages stay locked
    script = "from werkstatt.ui import access_page\naccess_page.page()\n"
    access = AppTest.from_string(script, default_timeout=30).run()
    assert any("kein Moderations-PIN gesetzt" in e.value for e in access.error)
    assert not [b for b in access.button if b.label == "Neue Zugangscodes erzeugen"]


def test_without_a_pin_no_codes_can_be_made(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    script = "from werkstatt.ui import access_page\naccess_page.page()\n"
    at = AppTest.from_string(script, default_timeout=30).run()
    assert any("nur mit Moderations-PIN" in e.value and "python -m werkstatt pin" in e.value for e in at.error)
    button = next(b for b in at.button if b.label == "Neue Zugangscodes erzeugen")
    assert button.disabled


def test_the_pin_file_unlocks_and_wrong_pins_count_across_sessions(
    workshop_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkstatt.access import GUESSES, write_pin_file

    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    write_pin_file(workshop_dir.parent, "7531")
    monkeypatch.setattr(GUESSES, "clock", lambda: 1000.0)  # the tabs are quicker than a loaded test machine
    script = "from werkstatt.ui import group_page\ngroup_page.page()\n"
    for _ in range(3):  # three tabs of one machine, one wrong PIN each
        tab = AppTest.from_string(script, default_timeout=30).run()
        tab.text_input(key="pw.pin").input("0000")
        tab.button[0].click().run()
        assert any("stimmt nicht" in e.value for e in tab.error)
    fourth = AppTest.from_string(script, default_timeout=30).run()
    fourth.text_input(key="pw.pin").input("7531")
    fourth.button[0].click().run()
    assert any("Sekunden warten" in e.value for e in fourth.error)  # a new tab does not reset the count
    monkeypatch.setattr(GUESSES, "clock", lambda: 1003.0)  # …the wait is over
    fourth.text_input(key="pw.pin").input("7531")
    fourth.button[0].click().run()
    assert fourth.session_state["pw.facilitator"] is True and fourth.dataframe


def test_a_day_token_survives_a_server_restart_with_the_pin_from_the_environment(tmp_path: Path) -> None:
    from werkstatt.access import make_token, server_secret, token_valid
    from werkstatt.ui import common

    common._pin_hash.clear()
    before = common._pin_hash("2468", str(tmp_path))
    token = make_token(server_secret(tmp_path), before, now=1_000_000)
    common._pin_hash.clear()  # a restarted server hashes the PIN anew
    after = common._pin_hash("2468", str(tmp_path))
    assert verify_pin("2468", after) and token_valid(token, server_secret(tmp_path), after, now=1_000_100)
    common._pin_hash.clear()
    assert not token_valid(token, server_secret(tmp_path), common._pin_hash("1357", str(tmp_path)), now=1_000_100)
    common._pin_hash.clear()
