"""AppTest for the day's pages: refused input gets a German message and keeps what was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import open_setup_page
from streamlit.testing.v1 import AppTest

from werkstatt import texts
from werkstatt.store import WorkshopFolder


@pytest.fixture
def personas(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    monkeypatch.delenv("WERKSTATT_PIN", raising=False)
    return workshop_dir


def open_page(module: str) -> AppTest:
    script = f"from werkstatt.ui import {module}\n{module}.page()\n"
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception, at.exception
    at.selectbox(key="pw.day_kommune").select("lindenau").run()
    return at


def messages(at: AppTest) -> str:
    """Error and success texts as people read them (the page escapes markdown in user-facing messages)."""
    return "\n".join(e.value for e in [*at.error, *at.success]).replace("\\", "")


def test_an_idea_without_title_is_refused_and_the_description_kept(personas: Path) -> None:
    at = open_page("market_page")
    at.text_area(key="pw.idea_description").input("Wie verstetigen wir Beteiligung?")
    at.button[0].click().run()  # the form's submit button comes first
    assert "Bitte einen Titel für die Themenidee ausfüllen." in messages(at)
    assert at.text_area(key="pw.idea_description").value == "Wie verstetigen wir Beteiligung?"
    at.text_input(key="pw.idea_title").input("Beteiligung verstetigen")
    at.button[0].click().run()
    assert "Ihre Idee „Beteiligung verstetigen“ steht in der Börse." in messages(at)
    assert at.text_input(key="pw.idea_title").value == ""  # saved: the form is empty again
    idea = WorkshopFolder(personas).market().ideas[-1]
    assert (idea.title, idea.description, idea.kommune) == (
        "Beteiligung verstetigen",
        "Wie verstetigen wir Beteiligung?",
        "lindenau",
    )


def test_a_persona_question_becomes_an_idea_with_one_click(personas: Path) -> None:
    at = open_page("market_page")
    take = next(b for b in at.button if b.key == "pw.take.lindenau › questions[0]")
    take.click().run()
    idea = WorkshopFolder(personas).market().ideas[-1]
    title = "Wie habt ihr den Jugendhilfeausschuss für Beteiligung gewonnen?"
    assert (idea.title, idea.source, idea.topics, idea.kommune) == (
        title,
        "lindenau › questions[0]",
        ["beteiligung"],
        "lindenau",
    )
    assert f"Ihre Idee „{title}“ steht in der Börse." in messages(at)
    assert at.text_input(key="pw.idea_title").value == ""  # the form is left to the fellow's own idea
    assert not any(b.key == "pw.take.lindenau › questions[0]" for b in at.button)  # now "steht schon in der Börse"


def shown_ideas(at: AppTest, folder: WorkshopFolder) -> list[str]:
    """Ids of the idea cards in the order the page shows them (a card starts with its title in bold)."""
    from werkstatt.ui.common import md_escape

    heads = {f"**{md_escape(i.title)}**": i.id for i in folder.market().ideas}
    return [idea for m in at.markdown for head, idea in heads.items() if m.value.startswith(head)]


def test_ideas_keep_their_place_until_sorted_and_a_merge_can_be_undone(personas: Path) -> None:
    folder = WorkshopFolder(personas)
    at = open_page("market_page")
    arrival = ["idee-1", "idee-2", "idee-3", "idee-4", "idee-5", "idee-6", "idee-8"]
    assert shown_ideas(at, folder) == arrival  # not by dots: idee-3 has more than idee-2
    folder.update_market(lambda m: (m.set_dots(10), m.vote("idee-8", "lindenau", 5)))
    at.run()
    assert shown_ideas(at, folder) == arrival  # dots coming in move no card
    next(b for b in at.button if b.label == "Nach Punkten sortieren").click().run()
    ranked = shown_ideas(at, folder)
    assert ranked[0] == "idee-8" and ranked == [i.id for i in folder.market().ranking()]
    next(b for b in at.button if b.label == "Wie eingereicht ordnen").click().run()
    assert shown_ideas(at, folder) == arrival

    description = folder.market().idea("idee-5").description
    source, target = (s for s in at.selectbox if s.label in ("Doppelte Idee", "zusammenlegen mit"))
    source.select("idee-6")
    target.select("idee-5")
    next(b for b in at.button if b.label == "Zusammenlegen").click().run()
    merged = folder.market()
    assert not merged.idea("idee-6").active and merged.idea("idee-5").dots == 7
    assert "Aus „Kinderarmut im ländlichen Raum" in merged.idea("idee-5").description
    next(b for b in at.button if b.label == "Zusammenlegen rückgängig").click().run()
    undone = folder.market()
    assert undone.idea("idee-6").active and undone.idea("idee-6").dots == 4 and undone.idea("idee-5").dots == 3
    assert undone.idea("idee-5").description == description
    assert "steht wieder einzeln in der Börse" in messages(at)


def test_board_entry_needs_words_and_remembers_how_it_went(personas: Path) -> None:
    at = open_page("board_page")
    at.radio(key="pw.board_question").set_value(3).run()
    at.radio(key="pw.board_kind").set_value("weniger").run()
    add = next(b for b in at.button if b.label == "Beitrag hinzufügen")
    add.click().run()
    assert "Bitte einen Text für den Beitrag ausfüllen." in messages(at)
    at.text_area(key="pw.board_text").input("Umfrage ohne Rückmeldung. Lehre: Ergebnisse zeigen.").run()
    next(b for b in at.button if b.label == "Beitrag hinzufügen").click().run()
    assert "Ihr Beitrag steht auf der Tafel." in messages(at)
    entry = WorkshopFolder(personas).board("runde-1").entries[-1]
    assert (entry.question, entry.kind, entry.kommune) == (3, "weniger", "lindenau")


def test_takeaway_is_saved_with_contacts_and_listed_for_everyone(personas: Path) -> None:
    at = open_page("takeaways_page")
    at.text_area(key="pw.takeaway.new.text").input("Jugendforum ausprobieren")
    at.text_input(key="pw.takeaway.new.next").input("Termin im Januar")
    at.multiselect(key="pw.takeaway.new.contacts").select("neustrand")
    next(b for b in at.button if b.label == "Vorhaben hinzufügen").click().run()
    items = WorkshopFolder(personas).takeaways().of("lindenau")
    assert (items[-1].text, items[-1].next_step, items[-1].contacts) == (
        "Jugendforum ausprobieren",
        "Termin im Januar",
        ["neustrand"],
    )
    assert any("Jugendforum ausprobieren" in m.value for m in at.markdown)


def test_board_editor_opens_with_the_words_and_a_move_keeps_them(personas: Path) -> None:
    at = open_page("board_page")
    edit = at.toggle(key="pw.board_edit")
    edit.set_value(True).run()
    at.toggle(key="pw.board_edit").set_value(False).run()  # a look at the live board in between
    at.toggle(key="pw.board_edit").set_value(True).run()
    entry = WorkshopFolder(personas).board("runde-1").entries[0]
    key = f"pw.entry.runde-1.{entry.id}"
    assert entry.text and at.text_area(key=f"{key}.text").value == entry.text
    at.selectbox(key=f"{key}.target").select(2)
    next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{key}.form")).click().run()
    assert "Bitte einen Text" not in messages(at)
    moved = WorkshopFolder(personas).board("runde-1").entry(entry.id)
    assert (moved.question, moved.text) == (2, entry.text)


def test_workshop_setup_keeps_a_typed_nr_and_opens_a_free_row(empty_root: Path) -> None:
    root = empty_root
    at = open_setup_page()
    at.text_input(key="pw.setup_title").input("Fellowtag Frühjahr")
    at.text_input(key="pw.setup_topic.6.nr").input("3,5").run()  # the free row after the six topics
    at.text_input(key="pw.setup_topic.6.id").input("recht").run()
    at.text_input(key="pw.setup_topic.6.label").input("Rechtliche Grundlagen").run()
    at.text_input(key="pw.setup_topic.0.nr").input("9").run()
    assert at.text_input(key="pw.setup_topic.7.id").value == ""  # the next free row is there
    for n, (name, kind) in enumerate([("Stadt Aue", "kreisfreie Stadt"), ("Landkreis Zell", "")]):
        at.text_input(key=f"pw.setup_kommune.{n}.name").input(name).run()
        if kind:
            at.selectbox(key=f"pw.setup_kommune.{n}.kind").select(kind).run()
    assert at.text_input(key="pw.setup_kommune.2.name").value == ""
    assert at.selectbox(key="pw.setup_kommune.1.kind").value == ""
    next(b for b in at.button if b.label == "Workshop anlegen").click().run()
    assert not at.exception, at.exception
    assert any("ist angelegt" in s.value for s in at.success), [e.value for e in at.error]
    workshop = WorkshopFolder(root / "fellowtag-fruehjahr").workshop()
    ids = [t.id for t in workshop.topics]
    assert ids == ["beteiligung", "kinderarmut", "recht", "daten", "kooperation", "personal", "kjsg"]
    assert [(k.name, k.kind) for k in workshop.kommunen] == [("Stadt Aue", "kreisfreie Stadt"), ("Landkreis Zell", "")]
    shown = " ".join(str(getattr(e, "value", "")) for e in [*at.text_input, *at.selectbox, *at.markdown, *at.caption])
    assert "None" not in shown


def test_workshop_setup_names_a_kommune_row_without_a_name(empty_root: Path) -> None:
    root = empty_root
    at = open_setup_page()
    at.text_input(key="pw.setup_title").input("Fellowtag Sommer")
    at.text_input(key="pw.setup_kommune.0.name").input("Stadt Aue").run()
    at.selectbox(key="pw.setup_kommune.1.state").select("Sachsen").run()
    next(b for b in at.button if b.label == "Workshop anlegen").click().run()
    assert any("Kommune 2: Art oder Land ist gewählt, aber der Name fehlt" in e.value for e in at.error)
    assert not (root / "fellowtag-sommer").exists()
    at.selectbox(key="pw.setup_kommune.1.state").select("").run()  # the row emptied: it no longer counts
    next(b for b in at.button if b.label == "Workshop anlegen").click().run()
    assert not at.exception, at.exception
    assert [k.name for k in WorkshopFolder(root / "fellowtag-sommer").workshop().kommunen] == ["Stadt Aue"]


def test_the_kommune_box_asks_in_the_start_page_words(personas: Path) -> None:
    """Seen side by side: the start page said „Bitte wählen …“, the day's pages „– bitte wählen –“."""
    at = AppTest.from_string("from werkstatt.ui import market_page\nmarket_page.page()\n", default_timeout=30).run()
    box = at.selectbox(key="pw.day_kommune")
    assert box.value is None and box.proto.placeholder == texts.START_KOMMUNE_PLACEHOLDER == "Bitte wählen …"
