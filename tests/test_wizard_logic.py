"""The wizard's draft logic, without a browser: what the form edits becomes exactly the file."""

from __future__ import annotations

from pathlib import Path

from werkstatt import wizard
from werkstatt.model import Limits, empty_persona, persona_to_data
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
