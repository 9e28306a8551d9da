"""The day's files: Themenbörse rules, merging, pre-filling, boards, takeaways, and their storage."""

from __future__ import annotations

import multiprocessing
import shutil
import threading
from pathlib import Path

import pytest

from werkstatt import day, matching
from werkstatt.day import RuleError
from werkstatt.model import Limits, ValidationError
from werkstatt.store import WorkshopFolder


@pytest.fixture
def no_day(workshop_dir: Path) -> Path:
    """The demo workshop without its recorded day: an empty Themenbörse, no programme."""
    shutil.rmtree(workshop_dir / day.DAY_DIR)
    return workshop_dir


# -- Themenbörse ----------------------------------------------------------------------------------


def _market(dots: int = 3) -> day.Market:
    market = day.Market(dots_per_kommune=dots)
    market.submit_idea("Ombudsstelle aufbauen", kommune="lindenau", topics=["kjsg"])
    market.submit_idea("Ombudsstellen einrichten", kommune="hafenstedt", topics=["beteiligung"])
    market.submit_idea("Präventionskette finanzieren", kommune="rheinfurt")
    return market


def test_dots_are_limited_per_kommune_and_can_be_taken_back() -> None:
    market = _market(dots=3)
    market.vote("idee-1", "neustrand")
    market.vote("idee-1", "neustrand")
    market.vote("idee-3", "neustrand")
    assert market.dots_left("neustrand") == 0
    with pytest.raises(RuleError, match="Alle 3 Punkte"):
        market.vote("idee-2", "neustrand")
    assert market.dots_left("lindenau") == 3  # another Kommune has its own dots
    market.vote("idee-1", "neustrand", -1)
    assert market.dots_left("neustrand") == 1
    assert market.idea("idee-1").votes == {"neustrand": 1}
    with pytest.raises(RuleError, match="keinen Punkt"):
        market.vote("idee-2", "neustrand", -1)
    market.vote("idee-1", "neustrand", -1)
    assert "neustrand" not in market.idea("idee-1").votes


def test_support_toggles_and_own_idea_is_refused() -> None:
    market = _market()
    assert market.toggle_support("idee-1", "rheinfurt") is True
    assert market.idea("idee-1").supporters == ["rheinfurt"]
    assert market.toggle_support("idee-1", "rheinfurt") is False
    with pytest.raises(RuleError, match="eigene Idee"):
        market.toggle_support("idee-1", "lindenau")


def test_merging_keeps_votes_supporters_and_the_submitter() -> None:
    market = _market()
    market.vote("idee-1", "neustrand")
    market.vote("idee-2", "neustrand", 2)
    market.vote("idee-2", "rheinfurt")
    market.toggle_support("idee-2", "kesselbrunn")
    total_before = sum(i.dots for i in market.ideas)
    market.merge("idee-2", "idee-1")
    target, source = market.idea("idee-1"), market.idea("idee-2")
    assert target.votes == {"neustrand": 3, "rheinfurt": 1}
    assert sum(i.dots for i in market.ideas) == total_before
    assert set(target.supporters) == {"kesselbrunn", "hafenstedt"}
    assert target.topics == ["kjsg", "beteiligung"]
    assert (source.status, source.merged_into, source.votes) == ("zusammengelegt", "idee-1", {})
    assert [i.id for i in market.ranking()] == ["idee-1", "idee-3"]
    assert market.merged_titles("idee-1") == ["Ombudsstellen einrichten"]
    assert market.dots_left("neustrand") == 0  # carried dots still count against the Kommune
    with pytest.raises(RuleError, match="zusammengelegt"):
        market.vote("idee-2", "lindenau")
    # Merging the merged target again carries earlier merges along.
    market.merge("idee-1", "idee-3")
    assert market.idea("idee-2").merged_into == "idee-3"
    assert market.idea("idee-3").dots == total_before


def test_merging_keeps_the_description_and_can_be_undone_exactly(no_day: Path) -> None:
    market = _market()
    market.edit_idea("idee-1", "Ombudsstelle aufbauen", "Wer berät?", "", ["kjsg"])
    market.edit_idea("idee-2", "Ombudsstellen einrichten", "Erfahrungen aus Hafenstedt", "", ["beteiligung"])
    market.mark("idee-2", "spaeter")
    market.vote("idee-1", "neustrand")
    market.vote("idee-2", "neustrand", 2)
    market.vote("idee-2", "rheinfurt")
    market.toggle_support("idee-2", "kesselbrunn")
    market.merge("idee-3", "idee-2")  # merged into the source first: it must follow the undo
    market.merge("idee-2", "idee-1")
    target = market.idea("idee-1")
    assert target.description == "Wer berät?\n\nAus „Ombudsstellen einrichten“: Erfahrungen aus Hafenstedt"
    assert market.idea("idee-3").merged_into == "idee-1"
    # The merge and its record survive a save and a read.
    folder = WorkshopFolder(no_day)
    folder.update_market(lambda m: m.ideas.extend(market.ideas) or setattr(m, "dots_per_kommune", 3))
    market = folder.market()
    assert market.idea("idee-2").undo is not None
    market.vote("idee-1", "rheinfurt", -1)  # Rheinfurt took its carried dot back meanwhile
    returned_to = market.unmerge("idee-2")
    source, target = market.idea("idee-2"), market.idea("idee-1")
    assert returned_to is target
    assert (source.status, source.merged_into, source.undo) == ("spaeter", "", None)
    assert source.votes == {"neustrand": 2}  # Rheinfurt's dot is not given back twice
    assert source.supporters == ["kesselbrunn", "rheinfurt"]  # Rheinfurt came with the idea merged first
    assert source.description == "Erfahrungen aus Hafenstedt"
    assert (target.votes, target.supporters, target.topics) == ({"neustrand": 1}, [], ["kjsg"])
    assert target.description == "Wer berät?"
    assert market.idea("idee-3").merged_into == "idee-2"
    assert market.dots_left("neustrand") == 0 and market.dots_left("rheinfurt") == 3
    with pytest.raises(RuleError, match="nicht"):
        market.unmerge("idee-2")


def test_merging_refuses_a_description_that_would_be_too_long() -> None:
    market = _market()
    market.edit_idea("idee-1", "Eins", "a" * 3000, "", [])
    market.edit_idea("idee-2", "Zwei", "b" * 1500, "", [])
    with pytest.raises(RuleError, match="länger als 4000"):
        market.merge("idee-2", "idee-1")
    assert market.idea("idee-2").active and market.idea("idee-1").description == "a" * 3000


def test_ideas_keep_their_place_while_dots_come_in() -> None:
    market = _market()
    market.vote("idee-3", "neustrand", 2)
    assert [i.id for i in market.in_order()] == ["idee-1", "idee-2", "idee-3"]
    ranked = [i.id for i in market.ranking()]
    assert ranked == ["idee-3", "idee-1", "idee-2"]
    market.vote("idee-2", "lindenau", 3)  # after sorting: the order stays as it was when asked
    market.submit_idea("Neu dazu")
    assert [i.id for i in market.in_order(ranked)] == ["idee-3", "idee-1", "idee-2", "idee-4"]


def test_marks_and_ids_are_never_reused() -> None:
    market = _market()
    market.mark("idee-3", "aufgenommen")
    assert market.idea("idee-3").status == "aufgenommen"
    with pytest.raises(RuleError):
        market.mark("idee-3", "zusammengelegt")  # only a merge does that
    market.vote("idee-3", "lindenau")
    market.edit_idea("idee-3", " Präventionskette steuern ", "Mit Jugendamt", "planung", ["kinderarmut"])
    edited = market.idea("idee-3")
    assert (edited.title, edited.step, edited.topics, edited.votes) == (
        "Präventionskette steuern",
        "planung",
        ["kinderarmut"],
        {"lindenau": 1},
    )
    with pytest.raises(RuleError, match="Titel"):
        market.edit_idea("idee-3", "", "", "", [])
    market.merge("idee-2", "idee-1")
    assert market.submit_idea("Noch eine").id == "idee-4"
    with pytest.raises(RuleError, match="Titel"):
        market.submit_idea("   ")


def test_prefilling_from_a_persona_offers_questions_and_obstacles_once(workshop_dir: Path) -> None:
    folder = WorkshopFolder(workshop_dir)
    workshop, persona = folder.workshop(), folder.persona("lindenau").persona
    suggestions = day.persona_suggestions(workshop, persona)
    assert len(suggestions) == len(persona.questions) + len(persona.obstacles)
    source, text, topics = suggestions[0]
    assert source == "lindenau › questions[0]" and text == persona.questions[0].text
    assert topics == persona.questions[0].topics
    market = day.Market()
    idea = market.submit_idea(day.short_title(text), text, kommune="lindenau", topics=topics, source=source)
    assert idea.title and len(idea.title) <= 92 and idea.description == text
    with pytest.raises(RuleError, match="schon als Themenidee"):
        market.submit_idea("anders formuliert", kommune="lindenau", source=source)


def test_short_title_cuts_at_a_sentence_or_a_word() -> None:
    assert day.short_title("Wie geht das? Und dann noch mehr.") == "Wie geht das?"
    long = "Wort " * 40
    assert day.short_title(long).endswith(" …") and len(day.short_title(long)) <= 92


# -- boards -----------------------------------------------------------------------------------------


def test_board_prefill_finds_matching_obstacles_in_their_words(workshop_dir: Path) -> None:
    folder = WorkshopFolder(workshop_dir)
    workshop = folder.workshop()
    personas = [r.persona for r in folder.personas() if r.ok]
    matches = matching.matching_obstacles(workshop, personas, "Beteiligung junger Menschen", topics=["beteiligung"])
    assert matches, "the demo names participation obstacles"
    kommunen = {k for k, _, _ in matches}
    assert len(kommunen) >= 2
    by_source = {f"{p.kommune} › obstacles[{n}]": e for p in personas for n, e in enumerate(p.obstacles)}
    for _, source, text in matches:
        assert by_source[source].text == text  # their own words, not a summary
    board = day.Board("runde-1")
    board.prefill(matches)
    assert [e.question for e in board.entries] == [1] * len(matches)
    board.prefill(matches)  # only once: later the group owns the column
    assert len(board.entries) == len(matches)


def test_board_entries_move_hide_and_edit_with_a_stale_check() -> None:
    board = day.Board("runde-1")
    a = board.add_entry(3, "Jugendforum lief gut", "lindenau", kind="gut")
    b = board.add_entry(3, "Online-Umfrage kaum genutzt – Lehre: Schulen einbinden", "neustrand", kind="weniger")
    c = board.add_entry(1, "auch bei uns", "rheinfurt", kind="gut")
    assert c.kind == ""  # kind is for question 3 only
    board.move_entry(b.id, step=-1)
    assert [e.id for e in board.column(3)] == [b.id, a.id]
    board.move_entry(b.id, step=-1)  # already first: stays
    assert [e.id for e in board.column(3)] == [b.id, a.id]
    board.move_entry(a.id, question=4)
    assert board.entry(a.id).question == 4 and board.entry(a.id).kind == ""
    board.set_hidden(b.id, True)
    assert board.column(3) == [] and board.column(3, with_hidden=True) == [b]
    board.edit_entry(c.id, "auch bei uns, seit 2024", started_from="auch bei uns")
    with pytest.raises(RuleError, match="inzwischen geändert"):
        board.edit_entry(c.id, "meine Fassung", started_from="auch bei uns")
    with pytest.raises(RuleError, match="Leitfrage 5"):
        board.add_entry(5, "x")
    for n in range(3):
        board.add_entry(2, f"Beitrag {n}", limit=3)
    with pytest.raises(RuleError, match="3 Beiträge"):
        board.add_entry(2, "einer zu viel", limit=3)


# -- programme and takeaways ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("9.30", "09:30"),
        ("9:30", "09:30"),
        ("930", "09:30"),
        ("9", "09:00"),
        ("9 Uhr", "09:00"),
        ("14,15", "14:15"),
        ("1130", "11:30"),
        ("9h30", "09:30"),
        (" 08:05 ", "08:05"),
        ("", ""),
    ],
)
def test_times_are_taken_as_people_type_them(typed: str, stored: str) -> None:
    agenda = day.Agenda()
    slot = agenda.add_slot(typed, "", "Ankommen")
    assert slot.start == stored
    agenda.edit_slot(slot.id, "", typed, "Ankommen")
    assert (slot.start, slot.end) == ("", stored)


@pytest.mark.parametrize("typed", ["24:00", "9:5", "9.60", "12345", "9:30:00", "halb zehn", "h"])
def test_times_that_are_no_time_are_refused_with_what_was_typed(typed: str) -> None:
    with pytest.raises(RuleError, match=f"gefunden: „{typed}“"):
        day.Agenda().add_slot(typed, "", "")


def test_agenda_slots_sort_by_time_and_check_times() -> None:
    agenda = day.Agenda()
    later = agenda.add_slot("13:30", "14:30", "Themenrunde 2")
    first = agenda.add_slot("10:00", "11:00", "Themenrunde 1")
    assert [s.id for s in agenda.slots] == [first.id, later.id]
    group = agenda.add_group(first.id, "Beteiligung", idea="idee-1", room="A", presenters=["lindenau"])
    assert agenda.group(group.id) == (first, group)
    with pytest.raises(RuleError, match="HH:MM"):
        agenda.add_slot("halb zehn", "", "")
    with pytest.raises(RuleError, match="nach dem Beginn"):
        agenda.add_slot("12:00", "11:00", "")
    agenda.edit_slot(first.id, "14:45", "15:30", "Themenrunde 3")
    assert [s.id for s in agenda.slots] == [later.id, first.id]  # re-sorted by its new time
    with pytest.raises(RuleError, match="nach dem Beginn"):
        agenda.edit_slot(first.id, "15:30", "15:00", "")
    agenda.edit_group(group.id, "Beteiligung verstetigen", "B", ["neustrand"], slot_id=later.id)
    assert agenda.group(group.id) == (later, group) and first.groups == []
    assert (group.title, group.room, group.presenters, group.idea) == (
        "Beteiligung verstetigen",
        "B",
        ["neustrand"],
        "idee-1",
    )
    agenda.remove_group(group.id)
    assert agenda.groups() == []


def test_takeaways_and_contacts() -> None:
    takeaways = day.Takeaways()
    item = takeaways.add_takeaway("lindenau", "Jugendforum testen", "Termin mit Schulamt", ["neustrand", "lindenau"])
    assert item.contacts == ["neustrand"]  # a Kommune does not contact itself
    takeaways.add_takeaway("rheinfurt", "Ombudsstelle", contacts=["lindenau"])
    assert takeaways.contacts() == [
        ("lindenau", "neustrand", "Jugendforum testen"),
        ("rheinfurt", "lindenau", "Ombudsstelle"),
    ]
    takeaways.edit_takeaway("lindenau", item.id, "Jugendforum", "", [])
    assert takeaways.contacts() == [("rheinfurt", "lindenau", "Ombudsstelle")]
    takeaways.remove_takeaway("lindenau", item.id)
    assert takeaways.of("lindenau") == []


# -- storage ------------------------------------------------------------------------------------------------


def test_a_day_file_too_big_is_refused_and_the_old_one_kept(no_day: Path) -> None:
    """The day's files go through the same guarded write as personas: checked size, old file untouched."""
    folder = WorkshopFolder(no_day, Limits(max_file_bytes=2048))
    folder.update_board("runde-1", lambda b: b.add_entry(1, "Erster Beitrag", "lindenau"))
    path = no_day / day.DAY_DIR / day.board_file("runde-1")
    before = path.read_bytes()
    with pytest.raises(ValidationError) as caught:
        folder.update_board("runde-1", lambda b: b.add_entry(2, "ä" * 3000, "lindenau"))
    assert "zu groß" in str(caught.value) and "runde-1.yaml" in str(caught.value)
    assert path.read_bytes() == before
    assert folder.board("runde-1").revision == 1
    assert folder.history(f"{day.DAY_DIR}-runde-1") == []  # nothing kept for a write that did not happen


def test_day_files_round_trip_with_revisions_and_history(no_day: Path) -> None:
    folder = WorkshopFolder(no_day)
    folder.update_market(lambda m: m.submit_idea("No", "yes", kommune="lindenau", topics=["kjsg"]))
    folder.update_market(lambda m: m.vote("idee-1", "neustrand", 2))
    market = folder.market()
    assert market.revision == 2
    idea = market.idea("idee-1")
    assert (idea.title, idea.description, idea.votes) == ("No", "yes", {"neustrand": 2})
    assert folder.history(f"{day.DAY_DIR}-themenboerse") == [1]
    text = (no_day / day.DAY_DIR / day.MARKET_FILE).read_text()
    assert "topics: [kjsg]" in text and "title: 'No'" in text
    agenda_group = folder.update_agenda(lambda a: a.add_group(a.add_slot("10:00", "11:00", "").id, "Thema"))
    folder.update_board(agenda_group.id, lambda b: b.add_entry(2, "<b>fett</b>", "rheinfurt"))
    folder.update_takeaways(lambda t: t.add_takeaway("rheinfurt", "Probieren", contacts=["lindenau"]))
    whole = folder.day()
    assert whole.boards[agenda_group.id].entries[0].text == "<b>fett</b>"
    assert whole.takeaways.contacts() == [("rheinfurt", "lindenau", "Probieren")]
    assert not whole.empty
    # Day files leave the persona side alone: no stray files, no change of the persona signature.
    assert folder.stray_files() == []


def test_a_refused_operation_and_a_broken_file_write_nothing(no_day: Path) -> None:
    folder = WorkshopFolder(no_day)
    folder.update_market(lambda m: m.set_dots(1))
    folder.update_market(lambda m: m.submit_idea("Idee"))
    folder.update_market(lambda m: m.vote("idee-1", "lindenau"))
    path = no_day / day.DAY_DIR / day.MARKET_FILE
    before = path.read_bytes()
    with pytest.raises(RuleError):
        folder.update_market(lambda m: m.vote("idee-1", "lindenau"))
    assert path.read_bytes() == before
    path.write_text(before.decode().replace("lindenau: 1", "atlantis: 1"))
    broken = path.read_bytes()
    with pytest.raises(ValidationError, match="atlantis"):
        folder.market()
    with pytest.raises(ValidationError, match=r"themenboerse.yaml › ideas\[0\].votes.atlantis"):
        folder.update_market(lambda m: m.submit_idea("Noch eine"))
    assert path.read_bytes() == broken  # the broken file is never overwritten


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version: 1\nideas: [{id: idee-1, title: X, topics: [armut]}]\n", "unbekanntes Thema „armut“"),
        ("schema_version: 1\nideas: [{id: idee-1, title: X, status: fertig}]\n", "erlaubt sind"),
        ("schema_version: 1\nideas: [{id: idee-1, title: X}, {id: idee-1, title: Y}]\n", "doppelt"),
        ("schema_version: 1\nideas: [{id: idee-1, title: X, merged_into: idee-9}]\n", "idee-9"),
        ("schema_version: 1\ndots_per_kommune: viele\n", "ganze Zahl"),
        ("schema_version: 9\n", "Schema-Version 9"),
        ("schema_version: 1\nideas: [{id: ../x, title: X}]\n", "ideas[0].id"),
    ],
)
def test_invalid_market_files_name_file_and_field(no_day: Path, text: str, message: str) -> None:
    folder = WorkshopFolder(no_day)
    (no_day / day.DAY_DIR).mkdir()
    (no_day / day.DAY_DIR / day.MARKET_FILE).write_text(text)
    with pytest.raises(ValidationError) as caught:
        folder.market()
    assert message in str(caught.value) and "themenboerse.yaml" in str(caught.value)


def _process_adds(path: str, group: str, name: str, count: int) -> None:
    folder = WorkshopFolder(path)
    for n in range(count):
        folder.update_board(group, lambda b, n=n: b.add_entry(1 + n % 4, f"{name} {n}", limit=1000))


def test_fellows_adding_at_once_lose_nothing(no_day: Path) -> None:
    """12 threads and 2 processes add entries and dots at the same moment; every one arrives."""
    folder = WorkshopFolder(no_day)
    slugs = [k.slug for k in folder.workshop().kommunen]
    folder.update_market(lambda m: m.submit_idea("Gemeinsames Thema"))
    folder.update_market(lambda m: m.set_dots(5))

    def fellow(n: int) -> None:
        own = WorkshopFolder(no_day)  # each its own object, like separate app processes
        for k in range(5):
            own.update_board("runde-1", lambda b, k=k: b.add_entry(1 + k % 4, f"Thread {n}/{k}", limit=1000))
        own.update_market(lambda m: m.vote("idee-1", slugs[n % len(slugs)]))

    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_process_adds, args=(str(no_day), "runde-1", f"P{p}", 5)) for p in (1, 2)]
    threads = [threading.Thread(target=fellow, args=(n,)) for n in range(12)]
    for worker in [*processes, *threads]:
        worker.start()
    for worker in [*processes, *threads]:
        worker.join(timeout=120)
    board = WorkshopFolder(no_day).board("runde-1")
    assert len(board.entries) == 12 * 5 + 2 * 5
    assert len({e.id for e in board.entries}) == len(board.entries)
    assert board.revision == 70
    assert WorkshopFolder(no_day).market().idea("idee-1").dots == 12
