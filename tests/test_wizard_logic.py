"""The wizard's draft logic, without a browser: what the form edits becomes exactly the file."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from werkstatt import wizard
from werkstatt.model import ENTRY_SECTIONS, Limits, empty_persona, persona_to_data
from werkstatt.store import WorkshopFolder

ROOT = Path(__file__).resolve().parent.parent
STORE = WorkshopFolder(ROOT / "personas" / "fellowtag-demo")
WORKSHOP = STORE.workshop()


def demo_draft(slug: str = "lindenau") -> dict:
    return wizard.draft_from_persona(STORE.persona(slug).persona, WORKSHOP)


def test_draft_of_a_saved_persona_validates_back_to_the_same_persona() -> None:
    for result in STORE.personas():
        persona, errors = wizard.validate_draft(wizard.draft_from_persona(result.persona, WORKSHOP), WORKSHOP, Limits())
        assert errors == {}
        expected = persona_to_data(result.persona)
        actual = persona_to_data(persona)
        expected.pop("updated")
        for section in ENTRY_SECTIONS:  # the demo files predate entry ids: the draft gives each one
            assert all(len(item.pop("id")) == 8 for item in actual[section])
        assert actual == expected


def test_blank_new_entries_are_not_saved_but_half_filled_ones_are_reported() -> None:
    draft = demo_draft()
    blank = wizard.add_entry(draft, "obstacles", Limits())
    persona, errors = wizard.validate_draft(draft, WORKSHOP, Limits())
    assert errors == {} and len(persona.obstacles) == 3

    wizard.set_field(draft, ("entry", "obstacles", blank, "topics"), ["daten"])
    persona, errors = wizard.validate_draft(draft, WORKSHOP, Limits())
    assert persona is None
    assert errors == {f"obstacles.{blank}.text": ["fehlt – bitte ausfüllen"]}


def test_errors_point_at_the_entry_the_person_sees() -> None:
    draft = demo_draft()
    uid = draft["obstacles"][1]["uid"]
    wizard.set_field(draft, ("entry", "obstacles", uid, "text"), "x" * 4001)
    _, errors = wizard.validate_draft(draft, WORKSHOP, Limits())
    assert list(errors) == [f"obstacles.{uid}.text"]
    assert "4001 Zeichen" in errors[f"obstacles.{uid}.text"][0]
    assert draft["obstacles"][1]["text"] == "x" * 4001  # the text stays in the draft


def test_a_note_without_stage_is_not_silently_dropped() -> None:
    draft = demo_draft()
    wizard.set_field(draft, ("status", "kjsg", "stage"), None)
    persona, errors = wizard.validate_draft(draft, WORKSHOP, Limits())
    assert persona is None
    assert "Stufe" in errors["status.kjsg.note"][0]


def test_add_move_remove_keep_identity() -> None:
    draft = demo_draft()
    limits = Limits(max_entries=4)
    first, second, third = (item["uid"] for item in draft["obstacles"])
    wizard.move_entry(draft, "obstacles", third, -1)
    assert [i["uid"] for i in draft["obstacles"]] == [first, third, second]
    wizard.move_entry(draft, "obstacles", first, -1)  # already on top: nothing happens
    assert draft["obstacles"][0]["uid"] == first
    wizard.remove_entry(draft, "obstacles", third)
    assert [i["uid"] for i in draft["obstacles"]] == [first, second]
    assert wizard.add_entry(draft, "obstacles", limits)
    assert wizard.add_entry(draft, "obstacles", limits)
    assert wizard.add_entry(draft, "obstacles", limits) is None  # list full
    wizard.set_field(draft, ("entry", "obstacles", third, "text"), "removed entries are not resurrected")
    assert all(i["uid"] != third for i in draft["obstacles"])


def test_set_field_cleans_pasted_text() -> None:
    draft = demo_draft()
    wizard.set_field(draft, ("persona", "story"), "Zeile 1\r\nZeile 2\x00")
    assert draft["persona"]["story"] == "Zeile 1\nZeile 2"


def test_progress_follows_the_content() -> None:
    draft = wizard.draft_from_persona(empty_persona("neustrand"), WORKSHOP)
    assert wizard.completed_steps(draft) == []
    wizard.set_field(draft, ("persona", "name"), "Lukas")
    assert "persona" not in wizard.completed_steps(draft)
    wizard.set_field(draft, ("persona", "role"), "Planer")
    assert wizard.completed_steps(draft) == ["persona"]
    for topic in WORKSHOP.topic_ids:
        wizard.set_field(draft, ("status", topic, "stage"), 1)
    uid = wizard.add_entry(draft, "questions", Limits())
    wizard.set_field(draft, ("entry", "questions", uid, "text"), "Wie?")
    assert "exchange" not in wizard.completed_steps(draft)  # needs a question and an offer
    assert wizard.completed_steps(draft) == ["persona", "status"]
    assert wizard.step_complete(demo_draft(), "preview")


def test_fingerprint_changes_with_content_only() -> None:
    draft = demo_draft()
    before = wizard.fingerprint(draft)
    draft["revision"] += 1
    assert wizard.fingerprint(draft) == before
    wizard.set_field(draft, ("persona", "name"), "Jana B.")
    assert wizard.fingerprint(draft) != before


def test_every_step_has_german_guidance() -> None:
    assert [s.id for s in wizard.STEPS] == list(wizard.STEP_IDS)
    for step in wizard.STEPS:
        assert step.title and step.question.endswith(("?", ".")) and step.hint
        if step.id != "preview":
            assert step.examples


def test_history_changes_are_said_in_german() -> None:
    import copy

    from werkstatt.history import changes
    from werkstatt.model import Entry

    old = STORE.persona("lindenau").persona
    new = copy.deepcopy(old)
    new.profile.quote = "Neu"
    new.status[0].stage = 3
    new.obstacles.append(Entry("Noch ein Stolperstein"))
    new.successes = []
    lines = changes(WORKSHOP, old, new)
    assert "Zitat geändert" in lines
    assert "Stufe Umsetzung des KJSG: 2 → 3" in lines
    assert "Stolpersteine: 1 neu" in lines and "Was gelingt: 2 entfernt" in lines
    assert changes(WORKSHOP, old, copy.deepcopy(old)) == ["keine inhaltliche Änderung"]


# ---------------------------------------------------------------------------------------------
# Entry ids and the three-way merge


def test_entries_get_ids_on_first_save_and_keep_them(workshop_dir: Path) -> None:
    import yaml

    store = WorkshopFolder(workshop_dir)
    old = store.persona("lindenau").persona
    assert [e.id for e in old.obstacles] == ["", "", ""]  # a file from before ids still loads
    saved = store.save_persona(old, base_revision=4)
    ids = [e.id for e in saved.obstacles]
    assert len(set(ids)) == 3 and all(len(i) == 8 and i.isalnum() for i in ids)
    data = yaml.safe_load((workshop_dir / "lindenau.yaml").read_text("utf-8"))
    assert [item["id"] for item in data["obstacles"]] == ids
    draft = wizard.draft_from_persona(WorkshopFolder(workshop_dir).persona("lindenau").persona, WORKSHOP)
    wizard.set_field(draft, ("entry", "obstacles", ids[1], "text"), "Anders formuliert")
    persona, errors = wizard.validate_draft(draft, WORKSHOP, Limits())
    assert errors == {}
    again = store.save_persona(persona, base_revision=5)
    assert [e.id for e in again.obstacles] == ids and again.obstacles[1].text == "Anders formuliert"


def test_bad_and_duplicate_entry_ids_are_refused_in_german(workshop_dir: Path) -> None:
    path = workshop_dir / "lindenau.yaml"
    text = path.read_text("utf-8")
    bad = text.replace("obstacles:\n  - text:", "obstacles:\n  - id: 'Ä 1'\n    text:", 1)
    assert bad != text
    path.write_text(bad, "utf-8")
    problems = [str(p) for p in WorkshopFolder(workshop_dir).persona("lindenau").problems]
    assert problems == [
        "lindenau.yaml › obstacles[0].id: ungültige Kennung „Ä 1“ "
        "(nur Kleinbuchstaben a–z und Ziffern, höchstens 16 Zeichen)"
    ]
    twice = text.replace("  - text:", "  - id: abc1\n    text:")
    path.write_text(twice, "utf-8")
    problems = [str(p) for p in WorkshopFolder(workshop_dir).persona("lindenau").problems]
    assert "lindenau.yaml › obstacles[1].id: Kennung „abc1“ ist in dieser Liste doppelt vergeben" in problems


def _texts(draft: dict, section: str = "obstacles") -> list[str]:
    return [item["text"] for item in draft[section]]


def test_merge_takes_an_edit_of_one_side_and_an_addition_of_the_other_without_duplicates(workshop_dir: Path) -> None:
    """The issue's case: laptop A edits a Stolperstein while laptop B adds one and saves first."""
    store = WorkshopFolder(workshop_dir)
    laptop_a = wizard.draft_from_persona(store.persona("lindenau").persona, WORKSHOP)
    base = copy.deepcopy(laptop_a)
    laptop_b = wizard.draft_from_persona(store.persona("lindenau").persona, WORKSHOP)  # other ids: old file
    original = _texts(base)
    wizard.set_field(laptop_a, ("entry", "obstacles", laptop_a["obstacles"][1]["uid"], "text"), "Von A bearbeitet")
    uid = wizard.add_entry(laptop_b, "obstacles", Limits())
    wizard.set_field(laptop_b, ("entry", "obstacles", uid, "text"), "Von B hinzugefügt")
    persona_b, _ = wizard.validate_draft(laptop_b, WORKSHOP, Limits())
    theirs = wizard.draft_from_persona(store.save_persona(persona_b, base_revision=4), WORKSHOP)

    merged = wizard.merge_drafts(base, laptop_a, theirs)
    assert _texts(merged) == [original[0], "Von A bearbeitet", original[2], "Von B hinzugefügt"]
    assert merged["revision"] == 5 and not wizard.has_conflict_marks(merged)
    persona, errors = wizard.validate_draft(merged, WORKSHOP, Limits())
    assert errors == {}
    saved = store.save_persona(persona, base_revision=5)
    assert [e.text for e in saved.obstacles] == _texts(merged)
    assert saved.obstacles[3].id == theirs["obstacles"][3]["uid"]  # B's entry keeps B's id


def test_merge_keeps_both_versions_of_an_entry_edited_on_both_sides_marked() -> None:
    base = demo_draft()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    uid = base["obstacles"][0]["uid"]
    wizard.set_field(mine, ("entry", "obstacles", uid, "text"), "Meine Fassung")
    wizard.set_field(theirs, ("entry", "obstacles", uid, "text"), "Ihre Fassung")
    wizard.set_field(theirs, ("entry", "obstacles", base["obstacles"][1]["uid"], "topics"), ["daten"])
    merged = wizard.merge_drafts(base, mine, theirs)
    mark = "Konflikt: beide Fassungen – "
    assert _texts(merged)[:3] == [mark + "Ihre Fassung", mark + "Meine Fassung", base["obstacles"][1]["text"]]
    assert merged["obstacles"][2]["topics"] == ["daten"]  # their change of another entry's topics is kept
    assert len({item["uid"] for item in merged["obstacles"]}) == 4
    assert wizard.has_conflict_marks(merged)


def test_merge_removes_what_one_side_removed_and_keeps_what_the_other_edited() -> None:
    base = demo_draft()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    first, second, third = (item["uid"] for item in base["obstacles"])
    wizard.remove_entry(mine, "obstacles", first)  # removed by me, untouched by them: gone
    wizard.remove_entry(theirs, "obstacles", second)  # removed by them, edited by me: kept
    wizard.set_field(mine, ("entry", "obstacles", second, "text"), "Von mir noch verbessert")
    wizard.remove_entry(theirs, "obstacles", third)  # removed by them, untouched by me: gone
    merged = wizard.merge_drafts(base, mine, theirs)
    assert _texts(merged) == ["Von mir noch verbessert"]


def test_merge_keeps_an_entry_added_on_both_sides_once_and_merges_fields() -> None:
    base = demo_draft()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    for draft in (mine, theirs):
        uid = wizard.add_entry(draft, "questions", Limits())
        wizard.set_field(draft, ("entry", "questions", uid, "text"), "Wer hat Erfahrung mit Ombudsstellen?")
    wizard.set_field(mine, ("persona", "quote"), "Mein Zitat")
    wizard.set_field(theirs, ("persona", "role"), "Ihre Rolle")
    wizard.set_field(mine, ("status", "kjsg", "stage"), 3)
    merged = wizard.merge_drafts(base, mine, theirs)
    assert _texts(merged, "questions").count("Wer hat Erfahrung mit Ombudsstellen?") == 1
    assert merged["persona"]["quote"] == "Mein Zitat" and merged["persona"]["role"] == "Ihre Rolle"
    assert merged["status"]["kjsg"]["stage"] == 3
    wizard.set_field(theirs, ("persona", "quote"), "Ihr Zitat")
    both = wizard.merge_drafts(base, mine, theirs)
    assert both["persona"]["quote"] == "Konflikt: beide Fassungen – Ihr Zitat / Mein Zitat"


# ---------------------------------------------------------------------------------------------
# The same, as a fellow meets it on the page (AppTest)


def open_wizard(workshop_dir: Path, monkeypatch, kommune: str = "lindenau"):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.selectbox(key="pw.start_kommune").select(kommune).run()
    next(b for b in at.button if b.label == "Persona bearbeiten").click().run()
    assert not at.exception, at.exception
    return at


def _click(at, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def test_page_merge_of_an_edit_and_another_laptops_addition_duplicates_nothing(workshop_dir: Path, monkeypatch) -> None:
    from werkstatt.model import Entry

    at = open_wizard(workshop_dir, monkeypatch)
    store = WorkshopFolder(workshop_dir)
    other = store.persona("lindenau").persona
    original = [e.text for e in other.obstacles]
    other.obstacles.append(Entry("Vom anderen Laptop", ["daten"]))
    store.save_persona(other, base_revision=4)

    at.radio(key="pw.step_radio").set_value("obstacles").run()
    at.text_area[1].input("Stolperstein 2, auf Laptop A bearbeitet").run()
    _click(at, "Speichern")
    assert any("Jemand anderes" in e.value for e in at.error)
    _click(at, "Beide zusammenführen")
    saved = WorkshopFolder(workshop_dir).persona("lindenau").persona
    assert [e.text for e in saved.obstacles] == [
        original[0],
        "Stolperstein 2, auf Laptop A bearbeitet",
        original[2],
        "Vom anderen Laptop",
    ]
    assert saved.revision == 6
    assert "Alle Änderungen sind gespeichert (Stand 6" in "\n".join(s.value for s in at.success)


def test_keep_mine_after_the_file_was_deleted_saves_it_again(workshop_dir: Path, monkeypatch) -> None:
    at = open_wizard(workshop_dir, monkeypatch)
    (workshop_dir / "lindenau.yaml").unlink()
    at.text_input(key="w1.name").input("Jana nach dem Löschen").run()
    _click(at, "Speichern")
    assert any("Jemand anderes" in e.value for e in at.error)
    _click(at, "Meine Fassung speichern")
    saved = WorkshopFolder(workshop_dir).persona("lindenau").persona
    assert saved is not None and saved.profile.name == "Jana nach dem Löschen" and saved.revision == 1
    assert not [e for e in at.error if "Jemand anderes" in e.value]


def test_merge_after_the_file_was_deleted_keeps_all_of_mine(workshop_dir: Path, monkeypatch) -> None:
    at = open_wizard(workshop_dir, monkeypatch)
    (workshop_dir / "lindenau.yaml").unlink()
    at.text_input(key="w1.name").input("Jana nach dem Löschen").run()
    _click(at, "Speichern")
    _click(at, "Beide zusammenführen")
    saved = WorkshopFolder(workshop_dir).persona("lindenau").persona
    assert saved.profile.name == "Jana nach dem Löschen" and len(saved.obstacles) == 3


def test_a_failing_write_says_why_in_german_and_keeps_the_text(workshop_dir: Path, monkeypatch) -> None:
    import errno

    from werkstatt import store as store_module

    at = open_wizard(workshop_dir, monkeypatch)
    real_write = store_module.write_atomically

    def full_disk(path, content) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "write_atomically", full_disk)
    at.text_input(key="w1.name").input("Getippt bei vollem Datenträger").run()
    _click(at, "Speichern")
    assert not at.exception
    messages = "\n".join(e.value for e in at.error)
    assert "Nicht gespeichert: Die Datei konnte nicht geschrieben werden (der Datenträger ist voll)" in messages
    assert "No space" not in messages
    assert at.text_input(key="w1.name").value == "Getippt bei vollem Datenträger"

    def read_only(path, content) -> None:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store_module, "write_atomically", read_only)
    at.radio(key="pw.step_radio").set_value("story").run()  # leaving the step saves too
    assert not at.exception
    assert "der Ordner ist schreibgeschützt" in "\n".join(e.value for e in at.error)
    monkeypatch.setattr(store_module, "write_atomically", real_write)
    _click(at, "Speichern")
    assert WorkshopFolder(workshop_dir).persona("lindenau").persona.profile.name == "Getippt bei vollem Datenträger"


# ---------------------------------------------------------------------------------------------
# No typed text is lost: drafts across steps, reloads, newer versions


def test_text_of_every_step_survives_step_changes_even_when_nothing_can_be_written(
    workshop_dir: Path,
    monkeypatch,
) -> None:
    import errno

    from werkstatt import store as store_module

    def read_only(path, content) -> None:
        raise PermissionError(errno.EROFS, "Read-only file system")

    at = open_wizard(workshop_dir, monkeypatch)
    monkeypatch.setattr(store_module, "write_atomically", read_only)  # only the session holds the text now
    typed = {
        ("persona", "role"): "Rolle, ungespeichert",
        ("story", "quote"): "Zitat, ungespeichert",
        ("story", "story"): "Geschichte, ungespeichert",
        ("status", "note.kjsg"): "Notiz, ungespeichert",
        ("obstacles", 0): "Stolperstein, ungespeichert",
        ("exchange", 0): "Frage, ungespeichert",
    }
    for (step, field), value in typed.items():
        at.radio(key="pw.step_radio").set_value(step).run()
        gen = at.session_state["pw.gen"]
        if isinstance(field, int):
            at.text_area[field].input(value).run()
        elif step == "story" and field == "story":
            at.text_area(key=f"w{gen}.story").input(value).run()
        else:
            at.text_input(key=f"w{gen}.{field}").input(value).run()
        assert not at.exception, at.exception
    for step in ("preview", "persona", "story", "status", "obstacles", "exchange"):
        at.radio(key="pw.step_radio").set_value(step).run()
    assert "der Ordner ist schreibgeschützt" in "\n".join(e.value for e in at.error)
    draft = at.session_state["pw.drafts"][at.session_state["pw.current"]]["draft"]
    assert draft["persona"]["role"] == "Rolle, ungespeichert"
    assert draft["persona"]["quote"] == "Zitat, ungespeichert"
    assert draft["persona"]["story"] == "Geschichte, ungespeichert"
    assert draft["status"]["kjsg"]["note"] == "Notiz, ungespeichert"
    assert draft["obstacles"][0]["text"] == "Stolperstein, ungespeichert"
    assert draft["questions"][0]["text"] == "Frage, ungespeichert"
    assert [a.value for a in at.text_area][:1] == ["Frage, ungespeichert"]  # the widget shows it again


def _reopen(workshop_dir: Path, monkeypatch, token: str):
    """A new session of the same tab, as after a reload: the address still names the tab's draft."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["pw.draft_token"] = token  # what the page reads from ?entwurf= after a reload
    at.run()
    at.selectbox(key="pw.start_kommune").select("lindenau").run()
    next(b for b in at.button if b.label == "Persona bearbeiten").click().run()
    assert not at.exception, at.exception
    return at


def test_unsaved_input_is_kept_on_disk_and_restored_in_a_new_session(workshop_dir: Path, monkeypatch) -> None:
    at = open_wizard(workshop_dir, monkeypatch)
    token = at.session_state["pw.draft_token"]
    at.text_input(key="w1.name").input("Noch nicht gespeichert").run()
    kept = list((workshop_dir / ".entwuerfe").iterdir())
    assert [p.name for p in kept] == [f"lindenau-{token}.yaml"]
    assert "Noch nicht gespeichert" in kept[0].read_text("utf-8")

    again = _reopen(workshop_dir, monkeypatch, token)
    assert again.text_input(key="w1.name").value == "Noch nicht gespeichert"
    notices = "\n".join(i.value for i in again.info)
    assert "Nicht gespeicherte Eingaben von " in notices and " Uhr wiederhergestellt." in notices
    assert "ungespeicherte Änderungen" in "\n".join(w.value for w in again.warning)

    next(b for b in again.button if b.label == "Wiederhergestellte Eingaben verwerfen").click().run()
    assert again.text_input(key="w2.name").value == "Jana Brückner"
    assert not list((workshop_dir / ".entwuerfe").iterdir())
    assert "wiederhergestellt" not in "\n".join(i.value for i in again.info)


def test_saving_removes_the_kept_draft_and_a_restored_draft_merges_onto_a_newer_version(
    workshop_dir: Path,
    monkeypatch,
) -> None:
    at = open_wizard(workshop_dir, monkeypatch)
    token = at.session_state["pw.draft_token"]
    at.text_input(key="w1.role").input("Rolle aus dem Entwurf").run()
    _click(at, "Speichern")
    assert not list((workshop_dir / ".entwuerfe").iterdir())  # saved: nothing kept any more
    at.text_input(key="w1.name").input("Name aus dem Entwurf").run()
    assert list((workshop_dir / ".entwuerfe").iterdir())

    store = WorkshopFolder(workshop_dir)  # meanwhile another laptop saves stage 5 → 6
    other = store.persona("lindenau").persona
    other.profile.quote = "Zitat vom anderen Laptop"
    store.save_persona(other, base_revision=5)

    again = _reopen(workshop_dir, monkeypatch, token)
    assert "neuere Fassung gespeichert (Stand 6)" in "\n".join(i.value for i in again.info)
    _click(again, "Speichern")
    _click(again, "Beide zusammenführen")
    saved = WorkshopFolder(workshop_dir).persona("lindenau").persona
    assert saved.revision == 7
    assert (saved.profile.name, saved.profile.role, saved.profile.quote) == (
        "Name aus dem Entwurf",
        "Rolle aus dem Entwurf",
        "Zitat vom anderen Laptop",
    )


def test_a_damaged_kept_draft_is_reported_not_trusted(workshop_dir: Path, monkeypatch) -> None:
    (workshop_dir / ".entwuerfe").mkdir()
    (workshop_dir / ".entwuerfe" / "lindenau-abcdef012345.yaml").write_text("draft: [unvollständig\n", "utf-8")
    at = _reopen(workshop_dir, monkeypatch, "abcdef012345")
    assert at.text_input(key="w1.name").value == "Jana Brückner"
    assert "konnten nicht wiederhergestellt werden" in "\n".join(i.value for i in at.info)


def test_the_page_says_when_another_laptop_saved_a_newer_version(workshop_dir: Path, monkeypatch) -> None:
    at = open_wizard(workshop_dir, monkeypatch)
    store = WorkshopFolder(workshop_dir)
    other = store.persona("lindenau").persona
    other.profile.name = "Vom anderen Laptop"
    store.save_persona(other, base_revision=4)
    at.run()  # what the status line's timer does every 3 s
    warnings = "\n".join(w.value for w in at.warning)
    assert "neuere Fassung gespeichert (Stand 5; Sie sehen Stand 4)" in warnings
    assert "Alle Änderungen sind gespeichert" not in "\n".join(s.value for s in at.success)
    _click(at, "Neuere Fassung laden")
    assert at.text_input(key="w2.name").value == "Vom anderen Laptop"
    assert "Alle Änderungen sind gespeichert (Stand 5" in "\n".join(s.value for s in at.success)

    other.profile.name = "Noch einmal vom anderen Laptop"
    store.save_persona(other, base_revision=5)
    at.text_input(key="w2.role").input("Meine ungespeicherte Rolle").run()
    assert "Ihre ungespeicherten Eingaben bleiben erhalten" in "\n".join(c.value for c in at.caption)
    assert not [b for b in at.button if b.label == "Neuere Fassung laden"]
    assert at.text_input(key="w2.role").value == "Meine ungespeicherte Rolle"


def test_history_counts_edited_entries_by_their_id(workshop_dir: Path) -> None:
    from werkstatt.history import changes

    store = WorkshopFolder(workshop_dir)
    first = store.save_persona(store.persona("lindenau").persona, base_revision=4)  # entries get ids
    second = copy.deepcopy(first)
    second.obstacles[0].text = "Neu formuliert"
    second.obstacles[1].topics = ["daten"]
    lines = changes(WORKSHOP, first, second)
    assert "Stolpersteine: 2 bearbeitet" in lines
    assert not [line for line in lines if "neu" in line or "entfernt" in line]


def test_kept_drafts_stay_out_of_the_zip_and_validate(workshop_dir: Path, tmp_path: Path) -> None:
    import zipfile

    from werkstatt.cli import validate_workshop
    from werkstatt.export import zip_everything

    store = WorkshopFolder(workshop_dir)
    draft = demo_draft()
    draft["persona"]["story"] = "Nur im Entwurf, noch nicht gespeichert"
    store.save_draft("lindenau", "abcdef012345", wizard.kept_draft_data(draft, dt.datetime(2026, 3, 1, 10, 5)))
    assert (workshop_dir / ".entwuerfe" / "lindenau-abcdef012345.yaml").is_file()
    target = zip_everything(store, tmp_path, [])
    with zipfile.ZipFile(target) as archive:
        assert not [n for n in archive.namelist() if "entwuerfe" in n]
        assert all(b"Nur im Entwurf" not in archive.read(n) for n in archive.namelist())
    problems, valid, _ = validate_workshop(workshop_dir)
    assert problems == [] and valid == 9
    assert store.stray_files() == []
    kept = wizard.draft_from_kept(store.read_draft("lindenau", "abcdef012345"), WORKSHOP, "lindenau")
    assert kept is not None and kept[0] == draft and kept[1] == dt.datetime(2026, 3, 1, 10, 5)


def test_a_picture_behind_a_link_is_not_shown_and_the_wizard_says_why(workshop_dir: Path, monkeypatch) -> None:
    (workshop_dir / "bilder").mkdir()
    (workshop_dir / "bilder" / "lindenau-abc.png").symlink_to("/etc/passwd")
    store = WorkshopFolder(workshop_dir)
    persona = store.persona("lindenau").persona
    persona.profile.avatar_file = "lindenau-abc.png"
    store.save_persona(persona, base_revision=4)
    at = open_wizard(workshop_dir, monkeypatch)
    warnings = "\n".join(w.value for w in at.warning)
    assert "Das Bild „lindenau-abc.png“ wird nicht angezeigt: Es ist eine Verknüpfung" in warnings
    assert "root:" not in "\n".join(str(h.proto) for h in at.get("html"))


def test_merge_of_an_entry_edited_on_both_laptops_of_a_file_without_ids_is_marked(workshop_dir: Path) -> None:
    """Both laptops loaded a file from before ids: the edited entry is found by its place."""
    store = WorkshopFolder(workshop_dir)
    laptop_a = wizard.draft_from_persona(store.persona("lindenau").persona, WORKSHOP)
    base = copy.deepcopy(laptop_a)
    other = store.persona("lindenau").persona
    other.obstacles[0].text = "Fassung vom anderen Laptop"
    theirs = wizard.draft_from_persona(store.save_persona(other, base_revision=4), WORKSHOP)  # new ids
    wizard.set_field(laptop_a, ("entry", "obstacles", laptop_a["obstacles"][0]["uid"], "text"), "Meine Fassung")
    merged = wizard.merge_drafts(base, laptop_a, theirs)
    mark = "Konflikt: beide Fassungen – "
    assert _texts(merged) == [mark + "Fassung vom anderen Laptop", mark + "Meine Fassung", *_texts(base)[1:]]


def test_a_real_refused_write_is_reported_in_german(workshop_dir: Path, monkeypatch) -> None:
    """Tests run as root (chmod would not stop them): a file where the history folder belongs does."""
    at = open_wizard(workshop_dir, monkeypatch)
    (workshop_dir / ".history").write_text("kein Ordner", "utf-8")
    at.text_input(key="w1.name").input("Trotzdem nicht verloren").run()
    _click(at, "Speichern")
    messages = "\n".join(e.value for e in at.error)
    assert "Nicht gespeichert: Die Datei konnte nicht geschrieben werden (Systemfehler E" in messages
    assert at.text_input(key="w1.name").value == "Trotzdem nicht verloren"
    assert WorkshopFolder(workshop_dir).persona("lindenau").persona.profile.name == "Jana Brückner"


def test_a_kept_draft_equal_to_the_saved_file_is_not_restored(workshop_dir: Path, monkeypatch) -> None:
    """Ids differ between two loads of a file from before ids; that alone is nothing unsaved."""
    store = WorkshopFolder(workshop_dir)
    same = demo_draft()  # other random ids than the next session will give the file's entries
    store.save_draft("lindenau", "abcdef012345", wizard.kept_draft_data(same, dt.datetime(2026, 3, 1, 10, 5)))
    at = _reopen(workshop_dir, monkeypatch, "abcdef012345")
    assert "wiederhergestellt" not in "\n".join(i.value for i in at.info)
    assert "Alle Änderungen sind gespeichert" in "\n".join(s.value for s in at.success)
    assert not (workshop_dir / ".entwuerfe" / "lindenau-abcdef012345.yaml").exists()
