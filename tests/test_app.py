"""Page logic with Streamlit's AppTest: the wizard as a fellow uses it, without a browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from werkstatt.store import WorkshopFolder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def personas(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    return workshop_dir


def open_wizard(kommune: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.selectbox(key="pw.start_kommune").select(kommune).run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def go_to_step(at: AppTest, step: str) -> None:
    at.radio(key="pw.step_radio").set_value(step).run()
    assert not at.exception, at.exception


def current_draft(at: AppTest) -> dict:
    return at.session_state["pw.drafts"][at.session_state["pw.current"]]["draft"]


def texts_of(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def test_start_page_offers_every_kommune(personas: Path) -> None:
    (personas / "neustrand.yaml").unlink()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    box = at.selectbox(key="pw.start_kommune")
    labels = list(box.options)  # AppTest reports the labels people see
    assert len(labels) == 9
    assert "Stadt Lindenau (Stand 4)" in labels
    assert "Stadt Neustrand (noch nicht begonnen)" in labels


def test_the_preview_step_reads_ready_once_every_step_is_filled(personas: Path) -> None:
    """Seen in the browser: „7 von 7 Schritten ausgefüllt“ and „8. Vorschau ○ offen“ under it."""
    captions = open_wizard("lindenau").radio(key="pw.step_radio").proto.captions
    assert list(captions) == ["✓ ausgefüllt"] * 7 + ["✓ fertig"]
    (personas / "neustrand.yaml").unlink()  # a persona not begun: nothing to be ready yet
    assert open_wizard("neustrand").radio(key="pw.step_radio").proto.captions[-1] == "○ offen"


def test_every_step_shows_its_guiding_question(personas: Path) -> None:
    at = open_wizard("lindenau")
    assert at.title[0].value == "Persona bearbeiten: Stadt Lindenau"
    questions = {
        "persona": "Wer steht für den Stand Ihrer Jugendhilfeplanung?",
        "story": "Was sagt Ihre Persona",
        "status": "Wo stehen Sie bei jedem Thema gerade?",
        "obstacles": "Woran arbeiten Sie sich gerade ab?",
        "successes": "Welche Prozesse laufen gut?",
        "drivers": "Was treibt Sie an",
        "exchange": "Was möchten Sie die anderen fragen",
        "preview": "So sehen die anderen Ihre Persona.",
    }
    for step, question in questions.items():
        go_to_step(at, step)
        assert question in texts_of(at.subheader)
    assert "Jana Brückner" in texts_of(at.get("html"))  # the preview is the persona card


def test_typed_text_survives_step_changes_and_is_saved_when_leaving(personas: Path) -> None:
    at = open_wizard("lindenau")
    at.text_input(key="w1.name").input("Jana Neu").run()
    go_to_step(at, "story")
    assert WorkshopFolder(personas).persona("lindenau").persona.profile.name == "Jana Neu"
    at.text_area(key="w1.story").input("Neue Geschichte\nmit zwei Zeilen").run()
    go_to_step(at, "persona")
    assert at.text_input(key="w1.name").value == "Jana Neu"
    go_to_step(at, "story")
    assert at.text_area(key="w1.story").value == "Neue Geschichte\nmit zwei Zeilen"
    saved = WorkshopFolder(personas).persona("lindenau").persona
    assert saved.profile.story == "Neue Geschichte\nmit zwei Zeilen"
    assert saved.revision == 6


def test_explicit_save_and_status_line(personas: Path) -> None:
    at = open_wizard("lindenau")
    assert "Alle Änderungen sind gespeichert (Stand 4" in texts_of(at.success)
    at.text_input(key="w1.role").input("Planerin").run()
    assert "ungespeicherte Änderungen" in texts_of(at.warning)
    save = next(b for b in at.button if b.label == "Speichern")
    save.click().run()
    assert "Alle Änderungen sind gespeichert (Stand 5" in texts_of(at.success)
    assert WorkshopFolder(personas).persona("lindenau").persona.profile.role == "Planerin"


def test_too_long_text_shows_error_at_field_and_loses_nothing(personas: Path) -> None:
    at = open_wizard("lindenau")
    go_to_step(at, "story")
    long_story = "Sehr lange Geschichte. " * 200  # 4,600 characters
    at.text_area(key="w1.story").input(long_story).run()
    assert any("Text ist zu lang: 4600 Zeichen" in e.value for e in at.error)
    assert any("4.600 von höchstens 4.000 Zeichen" in c.value for c in at.caption)
    go_to_step(at, "persona")  # leaving tries to save, refuses, keeps the text
    assert any("Nicht gespeichert" in e.value for e in at.error)
    go_to_step(at, "story")
    assert at.text_area(key="w1.story").value == long_story
    assert WorkshopFolder(personas).persona("lindenau").persona.revision == 4


def test_list_entries_can_be_added_edited_reordered_and_removed(personas: Path) -> None:
    at = open_wizard("neustrand")
    go_to_step(at, "obstacles")
    before = [t.value for t in at.text_area]
    assert len(before) == 2
    next(b for b in at.button if b.label == "Stolperstein hinzufügen").click().run()
    areas = at.text_area
    assert len(areas) == 3 and areas[2].label == "Stolperstein 3"
    areas[2].input("Neuer Stolperstein").run()
    at.multiselect[2].select("daten").run()
    # move the new entry to the top: two clicks on its own "Nach oben"
    uid = current_draft(at)["obstacles"][2]["uid"]
    for _ in range(2):
        at.button(key=f"w1.obstacles.{uid}.up").click().run()
    assert [t.value for t in at.text_area] == ["Neuer Stolperstein", *before]
    removes = [b for b in at.button if b.label == "Entfernen"]
    removes[1].click().run()
    assert [t.value for t in at.text_area] == ["Neuer Stolperstein", before[1]]
    next(b for b in at.button if b.label == "Speichern").click().run()
    saved = WorkshopFolder(personas).persona("neustrand").persona
    assert [e.text for e in saved.obstacles] == ["Neuer Stolperstein", before[1]]
    assert saved.obstacles[0].topics == ["daten"]


def test_note_without_stage_is_flagged_next_to_the_field(personas: Path) -> None:
    at = open_wizard("lindenau")
    go_to_step(at, "status")
    at.selectbox(key="w1.stage.kjsg").set_value(None).run()
    assert any("Bitte eine Stufe wählen" in e.value for e in at.error)


def test_reroll_gives_a_new_avatar_seed(personas: Path) -> None:
    at = open_wizard("lindenau")
    before = current_draft(at)["persona"]["avatar_seed"]
    next(b for b in at.button if b.label == "Neu würfeln").click().run()
    after = current_draft(at)["persona"]["avatar_seed"]
    assert after != before and after.startswith("jana-brueckner-")


def test_conflict_shows_message_and_keeping_mine_saves_on_top(personas: Path) -> None:
    at = open_wizard("lindenau")
    store = WorkshopFolder(personas)
    other = store.persona("lindenau").persona
    other.profile.role = "Fassung vom anderen Laptop"
    store.save_persona(other, base_revision=4)

    at.text_input(key="w1.name").input("Meine Fassung").run()
    next(b for b in at.button if b.label == "Speichern").click().run()
    assert any("Jemand anderes hat diese Persona inzwischen gespeichert" in e.value for e in at.error)
    assert store.persona("lindenau").persona.profile.name == "Jana Brückner"  # nothing overwritten
    assert at.text_input(key="w1.name").value == "Meine Fassung"  # nothing lost
    next(b for b in at.button if b.label == "Meine Fassung speichern").click().run()
    saved = WorkshopFolder(personas).persona("lindenau").persona
    assert saved.profile.name == "Meine Fassung" and saved.revision == 6
    assert store.history("lindenau") == [4, 5]


def test_conflict_take_theirs_loads_the_saved_version(personas: Path) -> None:
    at = open_wizard("lindenau")
    store = WorkshopFolder(personas)
    other = store.persona("lindenau").persona
    other.profile.name = "Andere Fassung"
    store.save_persona(other, base_revision=4)
    at.text_input(key="w1.name").input("Meine Fassung").run()
    next(b for b in at.button if b.label == "Speichern").click().run()
    next(b for b in at.button if b.label == "Gespeicherte Fassung übernehmen").click().run()
    assert at.text_input(key="w2.name").value == "Andere Fassung"
    assert not [e for e in at.error if "Jemand anderes" in e.value]


def test_broken_file_shows_error_card_and_others_keep_working(personas: Path) -> None:
    (personas / "lindenau.yaml").write_text(
        "schema_version: 1\nkommune: lindenau\nobstacles:\n  - {text: x, topics: [armut]}\n"
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.selectbox(key="pw.start_kommune").select("lindenau").run()
    at.button[0].click().run()
    assert not at.exception
    assert any("unbekanntes Thema „armut“" in e.value for e in at.error)
    assert not at.text_input  # no form for a file that cannot be read: nothing gets overwritten

    other = open_wizard("landkreis-talheim")
    assert other.text_input(key="w1.name").value == "Omar Feld"


def test_unsaved_text_survives_switching_to_another_kommune_and_back(personas: Path) -> None:
    at = open_wizard("lindenau")
    at.text_input(key="w1.name").input("Noch nicht gespeichert").run()
    at.session_state["pw.kommune"] = "landkreis-talheim"  # what the start page does on a new choice
    at.run()
    assert at.title[0].value == "Persona bearbeiten: Landkreis Talheim"
    assert at.text_input(key="w2.name").value == "Omar Feld"
    at.session_state["pw.kommune"] = "lindenau"
    at.run()
    assert at.text_input(key="w3.name").value == "Noch nicht gespeichert"
    assert "ungespeicherte Änderungen" in texts_of(at.warning)


def test_history_shows_what_changed_and_restores_as_a_new_version(personas: Path) -> None:
    at = open_wizard("lindenau")
    at.text_input(key="w1.name").input("Jana Neu").run()
    next(b for b in at.button if b.label == "Speichern").click().run()
    go_to_step(at, "preview")
    entries = [m.value for m in at.markdown if "Stand 4" in m.value]
    assert entries and "Name geändert" in entries[0]
    at.button(key="pw.restore.4").click().run()
    assert not at.exception, at.exception
    saved = WorkshopFolder(personas).persona("lindenau").persona
    assert saved.profile.name == "Jana Brückner" and saved.revision == 6
    assert WorkshopFolder(personas).history("lindenau") == [4, 5]
    assert "Alle Änderungen sind gespeichert (Stand 6" in texts_of(at.success)


def test_conflict_merge_keeps_the_entries_of_both(personas: Path) -> None:
    from werkstatt.model import Entry

    at = open_wizard("lindenau")
    store = WorkshopFolder(personas)
    other = store.persona("lindenau").persona
    other.obstacles.append(Entry("Vom anderen Laptop", ["daten"]))
    store.save_persona(other, base_revision=4)

    go_to_step(at, "obstacles")
    next(b for b in at.button if b.label == "Stolperstein hinzufügen").click().run()
    at.text_area[-1].input("Von meinem Laptop").run()
    next(b for b in at.button if b.label == "Speichern").click().run()
    assert any("Jemand anderes" in e.value for e in at.error)
    next(b for b in at.button if b.label == "Beide zusammenführen").click().run()
    saved = WorkshopFolder(personas).persona("lindenau").persona
    texts_saved = [e.text for e in saved.obstacles]
    assert "Vom anderen Laptop" in texts_saved and "Von meinem Laptop" in texts_saved
    assert saved.revision == 6 and len(texts_saved) == 5
