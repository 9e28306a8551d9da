"""The day after the persona round: Themenbörse, programme, topic session boards, takeaways.

Four kinds of file in the workshop's ``tag/`` folder, each a plain YAML document with
``schema_version`` and ``revision`` like a persona:

- ``themenboerse.yaml``: topic ideas with "betrifft uns auch", dots per Kommune and the facilitator's marks;
- ``programm.yaml``: time slots with parallel groups (topic, room, who presents);
- ``themenrunden/<group>.yaml``: the board of one topic session along the four guiding questions;
- ``mitnehmen.yaml``: per Kommune what it will try, the next step and whom it will contact.

This module holds the types, their validation (German messages naming file › field, like
``model.py``) and the operations people perform. An operation changes the object it is given and
raises ``RuleError`` with a German message when it is not allowed (no dots left, unknown idea …);
``store.WorkshopFolder.update_day`` runs it under the file's lock on the newest version from disk,
so fellows adding entries at the same moment never overwrite each other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from werkstatt import texts
from werkstatt.model import Checker, Limits, Persona, Workshop, describe, slug_problem

DAY_DIR = "tag"
MARKET_FILE = "themenboerse.yaml"
AGENDA_FILE = "programm.yaml"
TAKEAWAYS_FILE = "mitnehmen.yaml"
BOARDS_DIR = "themenrunden"

# Phases of Jugendhilfeplanung under § 80 SGB VIII, to say where in planning a topic idea sits.
PLANNING_STEPS: dict[str, str] = {
    "planung": "Planung der Planung (Auftrag, Ziele)",
    "bestand": "Bestandserhebung",
    "bedarf": "Bedarfsermittlung",
    "massnahmen": "Maßnahmenplanung",
    "umsetzung": "Umsetzung",
    "fortschreibung": "Evaluation und Fortschreibung",
}
IDEA_STATUS: dict[str, str] = {
    "offen": "offen",
    "aufgenommen": "aufgenommen",
    "spaeter": "später",
    "zusammengelegt": "zusammengelegt",
}
EXPERIENCE_KINDS: dict[str, str] = {"gut": "hat gut funktioniert", "weniger": "hat weniger funktioniert"}
DEFAULT_DOTS = 3
MAX_DOTS = 20
MAX_IDEAS = 200  # a market with more ideas than this cannot be worked through in one day
MAX_SLOTS = 20
MAX_GROUPS = 8  # parallel groups in one slot
BOARD_QUESTIONS = 4
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


class RuleError(Exception):
    """An operation that the rules of the day do not allow; the message is German and shown as it is."""


# ---------------------------------------------------------------------------------------------
# Types


@dataclass
class MergeUndo:
    """What a merge moved into the other idea, kept on the merged one so the facilitator can take it back."""

    status: str = "offen"  # the merged idea's mark before
    votes: dict[str, int] = field(default_factory=dict)  # its dots, since then counted on the other idea
    supporters: list[str] = field(default_factory=list)  # its own "betrifft uns auch"
    added_supporters: list[str] = field(default_factory=list)  # Kommunen the other idea gained by it
    added_topics: list[str] = field(default_factory=list)
    added_description: str = ""  # the paragraph appended to the other idea's description
    repointed: list[str] = field(default_factory=list)  # ideas merged into this one before, moved along


@dataclass
class Idea:
    id: str
    title: str
    description: str = ""
    step: str = ""
    kommune: str = ""  # who brought it; "" when the facilitator wrote it down
    topics: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)  # "betrifft uns auch"
    votes: dict[str, int] = field(default_factory=dict)  # Kommune → dots
    status: str = "offen"
    merged_into: str = ""
    source: str = ""  # "lindenau › obstacles[1]" when taken over from a persona
    undo: MergeUndo | None = None  # set while merged (by this version or later)

    @property
    def dots(self) -> int:
        return sum(self.votes.values())

    @property
    def active(self) -> bool:
        return self.status != "zusammengelegt"


@dataclass
class Market:
    revision: int = 0
    updated: dt.datetime | None = None
    dots_per_kommune: int = DEFAULT_DOTS
    ideas: list[Idea] = field(default_factory=list)

    def idea(self, idea_id: str) -> Idea:
        return _find(self.ideas, idea_id, texts.DAY_UNKNOWN_IDEA)

    def dots_used(self, kommune: str) -> int:
        return sum(i.votes.get(kommune, 0) for i in self.ideas)

    def dots_left(self, kommune: str) -> int:
        return max(0, self.dots_per_kommune - self.dots_used(kommune))

    def ranking(self) -> list[Idea]:
        """Ideas still in play, most dots first, then most supporters, then oldest."""
        active = [i for i in self.ideas if i.active]
        order = {i.id: n for n, i in enumerate(self.ideas)}
        return sorted(active, key=lambda i: (-i.dots, -len(i.supporters), order[i.id]))

    def in_order(self, order: list[str] | None = None) -> list[Idea]:
        """Ideas still in play in a fixed order: those in ``order`` first, as listed, the others as they came in.

        Voting never moves a card under someone's pointer; a ranking is taken only when asked for.
        """
        active = [i for i in self.ideas if i.active]
        place = {idea_id: n for n, idea_id in enumerate(order or [])}
        return sorted(active, key=lambda i: place.get(i.id, len(place)))

    def merged_titles(self, idea_id: str) -> list[str]:
        return [i.title for i in self.ideas if i.merged_into == idea_id]


@dataclass
class Group:
    """One topic session: a parallel group within a time slot."""

    id: str
    title: str
    idea: str = ""
    room: str = ""
    presenters: list[str] = field(default_factory=list)


@dataclass
class Slot:
    id: str
    start: str = ""
    end: str = ""
    title: str = ""
    groups: list[Group] = field(default_factory=list)

    @property
    def when(self) -> str:
        """ "11:15–12:30", or whichever of the two times is set."""
        return "–".join(x for x in (self.start, self.end) if x)


@dataclass
class Agenda:
    revision: int = 0
    updated: dt.datetime | None = None
    slots: list[Slot] = field(default_factory=list)

    def groups(self) -> list[tuple[Slot, Group]]:
        return [(slot, group) for slot in self.slots for group in slot.groups]

    def group(self, group_id: str) -> tuple[Slot, Group]:
        for slot in self.slots:
            for group in slot.groups:
                if group.id == group_id:
                    return slot, group
        raise RuleError(texts.DAY_UNKNOWN_GROUP.format(id=group_id))

    def slot(self, slot_id: str) -> Slot:
        return _find(self.slots, slot_id, texts.DAY_UNKNOWN_SLOT)


@dataclass
class BoardEntry:
    id: str
    question: int  # 1–4, the guiding question (column)
    text: str
    kommune: str = ""
    kind: str = ""  # for question 3: "gut" or "weniger"
    hidden: bool = False
    source: str = ""  # "lindenau › obstacles[0]" when pre-filled from a persona


@dataclass
class Board:
    group: str
    revision: int = 0
    updated: dt.datetime | None = None
    prefilled: bool = False
    entries: list[BoardEntry] = field(default_factory=list)

    def column(self, question: int, with_hidden: bool = False) -> list[BoardEntry]:
        return [e for e in self.entries if e.question == question and (with_hidden or not e.hidden)]

    def entry(self, entry_id: str) -> BoardEntry:
        return _find(self.entries, entry_id, texts.DAY_UNKNOWN_ENTRY)


@dataclass
class Takeaway:
    id: str
    text: str  # what the Kommune will try
    next_step: str = ""
    contacts: list[str] = field(default_factory=list)  # Kommunen it will contact


@dataclass
class Takeaways:
    revision: int = 0
    updated: dt.datetime | None = None
    kommunen: dict[str, list[Takeaway]] = field(default_factory=dict)

    def of(self, kommune: str) -> list[Takeaway]:
        return self.kommunen.get(kommune, [])

    def contacts(self) -> list[tuple[str, str, str]]:
        """(from, to, what about) for every contact a Kommune plans, in workshop order of the file."""
        return [(k, c, t.text) for k, items in self.kommunen.items() for t in items for c in t.contacts]


@dataclass(frozen=True)
class Day:
    """Everything of the day that the documentation and the pages show."""

    market: Market
    agenda: Agenda
    boards: dict[str, Board]  # group id → board
    takeaways: Takeaways

    @property
    def empty(self) -> bool:
        return not (
            self.market.ideas
            or self.agenda.slots
            or self.takeaways.kommunen
            or any(b.entries for b in self.boards.values())
        )


def _find(items: list, item_id: str, message: str):  # noqa: ANN202 - the item of that list's type
    """The item with this id; a German ``RuleError`` (someone removed or merged it meanwhile) otherwise."""
    for item in items:
        if item.id == item_id:
            return item
    raise RuleError(message.format(id=item_id))


def board_file(group_id: str) -> str:
    """The board's file, relative to ``tag/``: one file per topic session, so sessions never wait for each other."""
    problem = slug_problem(group_id)
    if problem:
        raise ValueError(problem)
    return f"{BOARDS_DIR}/{group_id}.yaml"


def next_id(prefix: str, existing: list[str]) -> str:
    """``prefix`` plus one more than the highest number in use (ids are never reused after a merge)."""
    numbers = [int(e[len(prefix) :]) for e in existing if e.startswith(prefix) and e[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


# ---------------------------------------------------------------------------------------------
# Reading: plain data → objects


class _DayChecker(Checker):
    """The persona checker plus what the day's files need: ids, Kommunen, topics and choices."""

    def __init__(self, file: str, workshop: Workshop, limits: Limits):
        super().__init__(file, limits)
        self.workshop = workshop

    def head(self, data: Any, allowed: set[str]) -> tuple[int, dt.datetime | None]:
        if data is None:  # a file that is not there yet: an empty market, programme, board …
            return 0, None
        self.top_level(data, allowed | {"schema_version", "revision", "updated"})
        revision = self.integer(data.get("revision", 0), "revision", 0, None) or 0
        updated = data.get("updated")
        if updated is not None and not isinstance(updated, dt.datetime):
            self.add("updated", texts.ERR_EXPECTED_DATE.format(value=describe(updated)))
            updated = None
        return revision, updated

    def ident(self, item: dict, path: str, seen: set[str]) -> str:
        value = item.get("id")
        problem = slug_problem(value)
        if problem:
            self.add(f"{path}.id", problem)
            return ""
        if value in seen:
            self.add(f"{path}.id", texts.DAY_DUPLICATE_ID.format(id=value))
        seen.add(value)
        return value

    def kommune(self, value: Any, path: str, required: bool = False) -> str:
        if value is None or value == "":
            if required:
                self.add(path, texts.ERR_REQUIRED)
            return ""
        if not isinstance(value, str) or self.workshop.kommune(value) is None:
            self.add(path, texts.ERR_KOMMUNE_UNKNOWN.format(slug=value))
            return ""
        return value

    def kommunen(self, value: Any, path: str) -> list[str]:
        result: list[str] = []
        for n, raw in enumerate(self.sequence(value, path, limit=len(self.workshop.kommunen))):
            slug = self.kommune(raw, f"{path}[{n}]")
            if slug and slug not in result:
                result.append(slug)
        return result

    def topics(self, value: Any, path: str) -> list[str]:
        result: list[str] = []
        for raw in self.sequence(value, path):
            if raw not in self.workshop.topic_ids:
                self.add(path, texts.ERR_UNKNOWN_TOPIC.format(topic=raw))
            elif raw not in result:
                result.append(raw)
        return result

    def choice(self, data: dict, key: str, path: str, choices: dict[str, str], default: str) -> str:
        value = data.get(key)
        if value is None or value == "":
            return default
        if not isinstance(value, str) or value not in choices:
            allowed = ", ".join(f"„{c}“" for c in choices)
            self.add(path, texts.DAY_CHOICE.format(allowed=allowed, value=describe(value)))
            return default
        return value

    def flag(self, data: dict, key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.add(path, texts.DAY_EXPECTED_BOOL.format(value=describe(value)))
            return False
        return value

    def time(self, data: dict, key: str, path: str) -> str:
        value = self.text(data, key, path)
        if value and not _TIME_RE.match(value):
            self.add(path, texts.DAY_TIME.format(value=value))
        return value


def parse_market(data: Any, workshop: Workshop, file: str = MARKET_FILE, limits: Limits | None = None) -> Market:
    check = _DayChecker(file, workshop, limits or Limits())
    revision, updated = check.head(data, {"dots_per_kommune", "ideas"})
    data = data or {}
    dots = check.integer(data.get("dots_per_kommune", DEFAULT_DOTS), "dots_per_kommune", 0, MAX_DOTS)
    ideas: list[Idea] = []
    seen: set[str] = set()
    for n, raw in enumerate(check.sequence(data.get("ideas"), "ideas", limit=MAX_IDEAS)):
        path = f"ideas[{n}]"
        item = check.mapping(raw, path)
        keys = {
            "id",
            "title",
            "description",
            "step",
            "kommune",
            "topics",
            "supporters",
            "votes",
            "status",
            "merged_into",
            "source",
            "undo",
        }
        check.unknown_keys(item, keys, f"{path}.")
        votes: dict[str, int] = {}
        for slug, count in check.mapping(item.get("votes"), f"{path}.votes").items():
            kommune = check.kommune(slug, f"{path}.votes.{slug}")
            number = check.integer(count, f"{path}.votes.{slug}", 1, MAX_DOTS)
            if kommune and number:
                votes[kommune] = number
        ideas.append(
            Idea(
                id=check.ident(item, path, seen),
                title=check.text(item, "title", f"{path}.title", required=True),
                description=check.text(item, "description", f"{path}.description"),
                step=check.choice(item, "step", f"{path}.step", PLANNING_STEPS, ""),
                kommune=check.kommune(item.get("kommune"), f"{path}.kommune"),
                topics=check.topics(item.get("topics"), f"{path}.topics"),
                supporters=check.kommunen(item.get("supporters"), f"{path}.supporters"),
                votes=votes,
                status=check.choice(item, "status", f"{path}.status", IDEA_STATUS, "offen"),
                merged_into=check.text(item, "merged_into", f"{path}.merged_into"),
                source=check.text(item, "source", f"{path}.source"),
                undo=_parse_undo(check, item.get("undo"), f"{path}.undo"),
            )
        )
    for n, idea in enumerate(ideas):
        if idea.merged_into and idea.merged_into not in seen:
            check.add(f"ideas[{n}].merged_into", texts.DAY_UNKNOWN_IDEA.format(id=idea.merged_into))
    check.raise_if_any()
    return Market(revision, updated, DEFAULT_DOTS if dots is None else dots, ideas)


def _parse_undo(check: _DayChecker, raw: Any, path: str) -> MergeUndo | None:
    if raw is None:
        return None
    item = check.mapping(raw, path)
    fields = ("status", "votes", "supporters", "added_supporters", "added_topics", "added_description", "repointed")
    check.unknown_keys(item, set(fields), f"{path}.")
    votes: dict[str, int] = {}
    for slug, count in check.mapping(item.get("votes"), f"{path}.votes").items():
        kommune = check.kommune(slug, f"{path}.votes.{slug}")
        number = check.integer(count, f"{path}.votes.{slug}", 1, MAX_DOTS)
        if kommune and number:
            votes[kommune] = number
    repointed = []
    for n, value in enumerate(check.sequence(item.get("repointed"), f"{path}.repointed", limit=MAX_IDEAS)):
        problem = slug_problem(value)
        if problem:
            check.add(f"{path}.repointed[{n}]", problem)
        else:
            repointed.append(value)
    return MergeUndo(
        status=check.choice(item, "status", f"{path}.status", IDEA_STATUS, "offen"),
        votes=votes,
        supporters=check.kommunen(item.get("supporters"), f"{path}.supporters"),
        added_supporters=check.kommunen(item.get("added_supporters"), f"{path}.added_supporters"),
        added_topics=check.topics(item.get("added_topics"), f"{path}.added_topics"),
        added_description=check.text(item, "added_description", f"{path}.added_description"),
        repointed=repointed,
    )


def parse_agenda(data: Any, workshop: Workshop, file: str = AGENDA_FILE, limits: Limits | None = None) -> Agenda:
    check = _DayChecker(file, workshop, limits or Limits())
    revision, updated = check.head(data, {"slots"})
    data = data or {}
    slots: list[Slot] = []
    seen: set[str] = set()
    for n, raw in enumerate(check.sequence(data.get("slots"), "slots", limit=MAX_SLOTS)):
        path = f"slots[{n}]"
        item = check.mapping(raw, path)
        check.unknown_keys(item, {"id", "start", "end", "title", "groups"}, f"{path}.")
        groups = []
        for m, raw_group in enumerate(check.sequence(item.get("groups"), f"{path}.groups", limit=MAX_GROUPS)):
            gpath = f"{path}.groups[{m}]"
            group = check.mapping(raw_group, gpath)
            check.unknown_keys(group, {"id", "title", "idea", "room", "presenters"}, f"{gpath}.")
            groups.append(
                Group(
                    id=check.ident(group, gpath, seen),
                    title=check.text(group, "title", f"{gpath}.title", required=True),
                    idea=check.text(group, "idea", f"{gpath}.idea"),
                    room=check.text(group, "room", f"{gpath}.room"),
                    presenters=check.kommunen(group.get("presenters"), f"{gpath}.presenters"),
                )
            )
        slots.append(
            Slot(
                id=check.ident(item, path, seen),
                start=check.time(item, "start", f"{path}.start"),
                end=check.time(item, "end", f"{path}.end"),
                title=check.text(item, "title", f"{path}.title"),
                groups=groups,
            )
        )
    check.raise_if_any()
    return Agenda(revision, updated, slots)


def parse_board(data: Any, workshop: Workshop, group: str, file: str, limits: Limits | None = None) -> Board:
    check = _DayChecker(file, workshop, limits or Limits())
    revision, updated = check.head(data, {"group", "prefilled", "entries"})
    data = data or {"group": group}
    if data.get("group") != group:
        check.add("group", texts.DAY_BOARD_MISMATCH.format(found=describe(data.get("group")), expected=group))
    entries: list[BoardEntry] = []
    seen: set[str] = set()
    limit = check.limits.max_entries * BOARD_QUESTIONS
    for n, raw in enumerate(check.sequence(data.get("entries"), "entries", limit=limit)):
        path = f"entries[{n}]"
        item = check.mapping(raw, path)
        check.unknown_keys(item, {"id", "question", "text", "kommune", "kind", "hidden", "source"}, f"{path}.")
        entries.append(
            BoardEntry(
                id=check.ident(item, path, seen),
                question=check.integer(item.get("question"), f"{path}.question", 1, BOARD_QUESTIONS) or 1,
                text=check.text(item, "text", f"{path}.text", required=True),
                kommune=check.kommune(item.get("kommune"), f"{path}.kommune"),
                kind=check.choice(item, "kind", f"{path}.kind", EXPERIENCE_KINDS, ""),
                hidden=check.flag(item, "hidden", f"{path}.hidden"),
                source=check.text(item, "source", f"{path}.source"),
            )
        )
    prefilled = check.flag(data, "prefilled", "prefilled")
    check.raise_if_any()
    return Board(group, revision, updated, prefilled, entries)


def parse_takeaways(
    data: Any, workshop: Workshop, file: str = TAKEAWAYS_FILE, limits: Limits | None = None
) -> Takeaways:
    check = _DayChecker(file, workshop, limits or Limits())
    revision, updated = check.head(data, {"kommunen"})
    data = data or {}
    result: dict[str, list[Takeaway]] = {}
    for slug, raw_items in check.mapping(data.get("kommunen"), "kommunen").items():
        kommune = check.kommune(slug, f"kommunen.{slug}")
        seen: set[str] = set()
        items = []
        for n, raw in enumerate(check.sequence(raw_items, f"kommunen.{slug}")):
            path = f"kommunen.{slug}[{n}]"
            item = check.mapping(raw, path)
            check.unknown_keys(item, {"id", "text", "next_step", "contacts"}, f"{path}.")
            items.append(
                Takeaway(
                    id=check.ident(item, path, seen),
                    text=check.text(item, "text", f"{path}.text", required=True),
                    next_step=check.text(item, "next_step", f"{path}.next_step"),
                    contacts=check.kommunen(item.get("contacts"), f"{path}.contacts"),
                )
            )
        if kommune:
            result[kommune] = items
    check.raise_if_any()
    return Takeaways(revision, updated, result)


# ---------------------------------------------------------------------------------------------
# Writing: objects → plain data (keys in the order people read them)


def _head(kind: Any, **rest: Any) -> dict:
    return {"schema_version": 1, "revision": kind.revision, "updated": kind.updated, **rest}


def _without_empty(item: dict, keep: tuple[str, ...]) -> dict:
    return {k: v for k, v in item.items() if k in keep or v not in ("", [], {}, False, None)}


def market_to_data(market: Market) -> dict:
    ideas = [
        _without_empty(
            {
                "id": i.id,
                "title": i.title,
                "description": i.description,
                "step": i.step,
                "kommune": i.kommune,
                "topics": list(i.topics),
                "supporters": list(i.supporters),
                "votes": dict(i.votes),
                "status": i.status,
                "merged_into": i.merged_into,
                "source": i.source,
                "undo": _undo_to_data(i.undo) if i.undo else None,
            },
            ("id", "title", "status"),
        )
        for i in market.ideas
    ]
    return _head(market, dots_per_kommune=market.dots_per_kommune, ideas=ideas)


def _undo_to_data(undo: MergeUndo) -> dict:
    return _without_empty(
        {
            "status": undo.status,
            "votes": dict(undo.votes),
            "supporters": list(undo.supporters),
            "added_supporters": list(undo.added_supporters),
            "added_topics": list(undo.added_topics),
            "added_description": undo.added_description,
            "repointed": list(undo.repointed),
        },
        ("status",),
    )


def agenda_to_data(agenda: Agenda) -> dict:
    slots = []
    for slot in agenda.slots:
        groups = [
            _without_empty(
                {"id": g.id, "title": g.title, "idea": g.idea, "room": g.room, "presenters": list(g.presenters)},
                ("id", "title"),
            )
            for g in slot.groups
        ]
        slots.append(
            _without_empty(
                {"id": slot.id, "start": slot.start, "end": slot.end, "title": slot.title, "groups": groups},
                ("id", "groups"),
            )
        )
    return _head(agenda, slots=slots)


def board_to_data(board: Board) -> dict:
    entries = [
        _without_empty(
            {
                "id": e.id,
                "question": e.question,
                "text": e.text,
                "kommune": e.kommune,
                "kind": e.kind,
                "hidden": e.hidden,
                "source": e.source,
            },
            ("id", "question", "text"),
        )
        for e in board.entries
    ]
    return _head(board, group=board.group, prefilled=board.prefilled, entries=entries)


def takeaways_to_data(takeaways: Takeaways) -> dict:
    kommunen = {
        slug: [
            _without_empty(
                {"id": t.id, "text": t.text, "next_step": t.next_step, "contacts": list(t.contacts)}, ("id", "text")
            )
            for t in items
        ]
        for slug, items in takeaways.kommunen.items()
    }
    return _head(takeaways, kommunen=kommunen)


# ---------------------------------------------------------------------------------------------
# Operations (each changes the object in place; the store saves it under the file's lock)


def _required(text: str, what: str) -> str:
    if not text.strip():
        raise RuleError(texts.DAY_REQUIRED.format(what=what))
    return text


def submit_idea(
    market: Market,
    title: str,
    description: str = "",
    step: str = "",
    kommune: str = "",
    topics: list[str] | None = None,
    source: str = "",
) -> Idea:
    if len(market.ideas) >= MAX_IDEAS:
        raise RuleError(texts.DAY_TOO_MANY_IDEAS.format(limit=MAX_IDEAS))
    if source and any(i.source == source for i in market.ideas):
        raise RuleError(texts.DAY_ALREADY_TAKEN)
    idea = Idea(
        id=next_id("idee-", [i.id for i in market.ideas]),
        title=_required(title, texts.DAY_IDEA_TITLE).strip(),
        description=description.strip(),
        step=step,
        kommune=kommune,
        topics=list(topics or []),
        source=source,
    )
    market.ideas.append(idea)
    return idea


def toggle_support(market: Market, idea_id: str, kommune: str) -> bool:
    """ "Betrifft uns auch" on or off; returns whether the Kommune now supports the idea."""
    idea = market.idea(idea_id)
    if idea.kommune == kommune:
        raise RuleError(texts.DAY_OWN_IDEA)
    if kommune in idea.supporters:
        idea.supporters.remove(kommune)
        return False
    idea.supporters.append(kommune)
    return True


def vote(market: Market, idea_id: str, kommune: str, change: int = 1) -> None:
    """Put a dot on an idea (``change=1``) or take one back (``-1``), within the Kommune's dots."""
    idea = market.idea(idea_id)
    if not idea.active:
        raise RuleError(texts.DAY_VOTE_MERGED)
    current = idea.votes.get(kommune, 0)
    if change > 0 and market.dots_left(kommune) < change:
        raise RuleError(texts.DAY_NO_DOTS_LEFT.format(dots=market.dots_per_kommune))
    new = current + change
    if new < 0:
        raise RuleError(texts.DAY_NO_DOT_HERE)
    if new:
        idea.votes[kommune] = new
    else:
        idea.votes.pop(kommune, None)


def set_dots(market: Market, dots: int) -> None:
    if not 0 <= dots <= MAX_DOTS:
        raise RuleError(texts.DAY_DOTS_RANGE.format(limit=MAX_DOTS))
    market.dots_per_kommune = dots


def mark(market: Market, idea_id: str, status: str) -> None:
    if status not in IDEA_STATUS or status == "zusammengelegt":
        raise RuleError(texts.DAY_MARK_INVALID)
    idea = market.idea(idea_id)
    if not idea.active:
        raise RuleError(texts.DAY_VOTE_MERGED)
    idea.status = status


def edit_idea(market: Market, idea_id: str, title: str, description: str, step: str, topics: list[str]) -> None:
    idea = market.idea(idea_id)
    idea.title = _required(title, texts.DAY_IDEA_TITLE).strip()
    idea.description, idea.step, idea.topics = description.strip(), step, list(topics)


def merge(market: Market, source_id: str, target_id: str, limit: int = 4000) -> None:
    """Merge a duplicate into another idea: its dots, supporters, Kommune, topics and description move along.

    What moved is written down on the merged idea (``undo``), so ``unmerge`` can take it back exactly.
    """
    if source_id == target_id:
        raise RuleError(texts.DAY_MERGE_SELF)
    source, target = market.idea(source_id), market.idea(target_id)
    if not source.active or not target.active:
        raise RuleError(texts.DAY_VOTE_MERGED)
    undo = MergeUndo(status=source.status, votes=dict(source.votes), supporters=list(source.supporters))
    if source.description.strip():
        # The duplicate's words often say what the other idea does not; they stay, marked with where they came from.
        undo.added_description = texts.DAY_MERGED_DESCRIPTION.format(title=source.title, text=source.description)
        joined = f"{target.description}\n\n{undo.added_description}" if target.description else undo.added_description
        if len(joined) > limit:
            raise RuleError(texts.DAY_MERGE_TOO_LONG.format(limit=limit))
        target.description = joined
    for kommune, dots in source.votes.items():
        target.votes[kommune] = target.votes.get(kommune, 0) + dots
    for kommune in [*source.supporters, source.kommune]:
        if kommune and kommune != target.kommune and kommune not in target.supporters:
            target.supporters.append(kommune)
            undo.added_supporters.append(kommune)
    for topic in source.topics:
        if topic not in target.topics:
            target.topics.append(topic)
            undo.added_topics.append(topic)
    source.votes, source.supporters = {}, []
    source.status, source.merged_into = "zusammengelegt", target.id
    for other in market.ideas:  # ideas merged into the source before now belong to the target
        if other.merged_into == source.id:
            other.merged_into = target.id
            undo.repointed.append(other.id)
    source.undo = undo


def unmerge(market: Market, source_id: str) -> Idea:
    """Take a merge back: the idea returns with its dots, supporters and mark; the other idea loses what it gained.

    Dots the other idea has lost since (a Kommune took one back) are not given back twice: only what is
    still there returns, so no Kommune ends with more dots than it has. Returns the idea merged into.
    """
    source = market.idea(source_id)
    if source.active or source.undo is None:
        raise RuleError(texts.DAY_NOT_MERGED)
    target, undo = market.idea(source.merged_into), source.undo
    if not target.active:
        raise RuleError(texts.DAY_UNMERGE_FIRST.format(title=target.title))
    for kommune, dots in undo.votes.items():
        back = min(dots, target.votes.get(kommune, 0))
        if target.votes.get(kommune, 0) - back:
            target.votes[kommune] -= back
        else:
            target.votes.pop(kommune, None)
        if back:
            source.votes[kommune] = back
    target.supporters = [k for k in target.supporters if k not in undo.added_supporters]
    target.topics = [t for t in target.topics if t not in undo.added_topics]
    if undo.added_description and target.description.endswith(undo.added_description):
        target.description = target.description[: -len(undo.added_description)].rstrip()
    source.supporters = [k for k in undo.supporters if k != source.kommune]
    for other in market.ideas:
        if other.id in undo.repointed and other.merged_into == target.id:
            other.merged_into = source.id
    source.status, source.merged_into, source.undo = undo.status, "", None
    return target


def persona_suggestions(workshop: Workshop, persona: Persona) -> list[tuple[str, str, list[str]]]:
    """(source, text, topics) of a persona's questions and obstacles: ready-made topic ideas."""
    return [
        (f"{persona.kommune} › {section}[{n}]", entry.text, list(entry.topics))
        for section in ("questions", "obstacles")
        for n, entry in enumerate(persona.entries(section))
        if entry.text.strip()
    ]


def short_title(text: str, limit: int = 90) -> str:
    """The first sentence of a text, cut at a word so it fits as a title."""
    first = re.split(r"(?<=[.?!])\s", text.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:–-") + " …"


# -- programme ---------------------------------------------------------------------------------


def add_slot(agenda: Agenda, start: str, end: str, title: str) -> Slot:
    if len(agenda.slots) >= MAX_SLOTS:
        raise RuleError(texts.DAY_TOO_MANY.format(limit=MAX_SLOTS))
    start, end = normalise_time(start), normalise_time(end)
    _check_times(start, end)
    existing = [s.id for s in agenda.slots] + [g.id for _, g in agenda.groups()]
    slot = Slot(next_id("block-", existing), start, end, title.strip())
    agenda.slots.append(slot)
    _sort_slots(agenda)
    return slot


def edit_slot(agenda: Agenda, slot_id: str, start: str, end: str, title: str) -> None:
    start, end = normalise_time(start), normalise_time(end)
    _check_times(start, end)
    slot = agenda.slot(slot_id)
    slot.start, slot.end, slot.title = start, end, title.strip()
    _sort_slots(agenda)


_TYPED_TIME_RE = re.compile(r"^(\d{1,2})(?:\s*[.:,h]\s*(\d{2}))?$")


def normalise_time(value: str) -> str:
    """A time as people type it – 9.30, 9:30, 9,30, 930, 9, 9 Uhr – as HH:MM; "" stays "" (no time)."""
    if not value.strip():
        return ""
    typed = value.strip().lower().removesuffix("uhr").strip().removesuffix("h")
    if typed.isdigit() and len(typed) in (3, 4):  # 930, 0930, 1130
        typed = f"{typed[:-2]}:{typed[-2:]}"
    match = _TYPED_TIME_RE.match(typed)
    if not match or int(match[1]) > 23 or int(match[2] or 0) > 59:
        raise RuleError(texts.DAY_TIME.format(value=value.strip()))
    return f"{int(match[1]):02d}:{int(match[2] or 0):02d}"


def _check_times(start: str, end: str) -> None:
    for value in (start, end):
        if value and not _TIME_RE.match(value):
            raise RuleError(texts.DAY_TIME.format(value=value))
    if start and end and _minutes(end) <= _minutes(start):
        raise RuleError(texts.DAY_TIME_ORDER)


def _sort_slots(agenda: Agenda) -> None:
    agenda.slots.sort(key=lambda s: _minutes(s.start) if s.start else 24 * 60)


def _minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def remove_slot(agenda: Agenda, slot_id: str) -> None:
    agenda.slots.remove(agenda.slot(slot_id))


def add_group(
    agenda: Agenda, slot_id: str, title: str, idea: str = "", room: str = "", presenters: list[str] | None = None
) -> Group:
    slot = agenda.slot(slot_id)
    if len(slot.groups) >= MAX_GROUPS:
        raise RuleError(texts.DAY_TOO_MANY.format(limit=MAX_GROUPS))
    existing = [s.id for s in agenda.slots] + [g.id for _, g in agenda.groups()]
    group = Group(
        next_id("runde-", existing),
        _required(title, texts.DAY_GROUP_TITLE).strip(),
        idea,
        room.strip(),
        list(presenters or []),
    )
    slot.groups.append(group)
    return group


def edit_group(
    agenda: Agenda, group_id: str, title: str, room: str, presenters: list[str], slot_id: str | None = None
) -> None:
    """Change a round's topic, room or presenters, or move it to another block (its board goes along)."""
    slot, group = agenda.group(group_id)
    group.title = _required(title, texts.DAY_GROUP_TITLE).strip()
    group.room, group.presenters = room.strip(), list(presenters)
    if slot_id and slot_id != slot.id:
        target = agenda.slot(slot_id)
        if len(target.groups) >= MAX_GROUPS:
            raise RuleError(texts.DAY_TOO_MANY.format(limit=MAX_GROUPS))
        slot.groups.remove(group)
        target.groups.append(group)


def remove_group(agenda: Agenda, group_id: str) -> None:
    slot, group = agenda.group(group_id)
    slot.groups.remove(group)


# -- topic session boards -----------------------------------------------------------------------


def add_entry(
    board: Board, question: int, text: str, kommune: str = "", kind: str = "", source: str = "", limit: int = 50
) -> BoardEntry:
    if not 1 <= question <= BOARD_QUESTIONS:
        raise RuleError(texts.DAY_UNKNOWN_QUESTION.format(question=question))
    if len(board.column(question, with_hidden=True)) >= limit:
        raise RuleError(texts.DAY_COLUMN_FULL.format(limit=limit))
    entry = BoardEntry(
        next_id("beitrag-", [e.id for e in board.entries]),
        question,
        _required(text, texts.DAY_ENTRY_TEXT).strip(),
        kommune,
        kind if question == 3 else "",
        source=source,
    )
    board.entries.append(entry)
    return entry


def edit_entry(board: Board, entry_id: str, text: str, started_from: str, kind: str | None = None) -> None:
    """Change an entry's words; refused when someone else changed them since the editor opened it."""
    entry = board.entry(entry_id)
    if entry.text != started_from:
        raise RuleError(texts.DAY_ENTRY_CHANGED)
    entry.text = _required(text, texts.DAY_ENTRY_TEXT).strip()
    if kind is not None and entry.question == 3:
        entry.kind = kind


def move_entry(board: Board, entry_id: str, question: int | None = None, step: int = 0) -> None:
    """Move an entry to another column (to its end), or ``step`` places up (-1) or down (+1) in its column."""
    entry = board.entry(entry_id)
    if question is not None and question != entry.question:
        if not 1 <= question <= BOARD_QUESTIONS:
            raise RuleError(texts.DAY_UNKNOWN_QUESTION.format(question=question))
        board.entries.remove(entry)
        entry.question = question
        entry.kind = entry.kind if question == 3 else ""
        board.entries.append(entry)
        return
    column = board.column(entry.question, with_hidden=True)
    position = column.index(entry)
    target = position + step
    if step == 0 or not 0 <= target < len(column):
        return
    other = column[target]
    a, b = board.entries.index(entry), board.entries.index(other)
    board.entries[a], board.entries[b] = other, entry


def set_hidden(board: Board, entry_id: str, hidden: bool) -> None:
    board.entry(entry_id).hidden = hidden


def prefill(board: Board, matches: list[tuple[str, str, str]]) -> None:
    """Fill column 1 of a new board once; afterwards the entries are the group's to edit or hide."""
    if board.prefilled:
        return
    for kommune, source, text in matches:
        add_entry(board, 1, text, kommune=kommune, source=source)
    board.prefilled = True


# -- takeaways ------------------------------------------------------------------------------------


def add_takeaway(
    takeaways: Takeaways,
    kommune: str,
    text: str,
    next_step: str = "",
    contacts: list[str] | None = None,
    limit: int = 50,
) -> Takeaway:
    items = takeaways.kommunen.setdefault(kommune, [])
    if len(items) >= limit:
        raise RuleError(texts.DAY_TOO_MANY.format(limit=limit))
    item = Takeaway(
        next_id("vorhaben-", [t.id for t in items]),
        _required(text, texts.DAY_TAKEAWAY_TEXT).strip(),
        next_step.strip(),
        [c for c in (contacts or []) if c != kommune],
    )
    items.append(item)
    return item


def edit_takeaway(
    takeaways: Takeaways, kommune: str, takeaway_id: str, text: str, next_step: str, contacts: list[str]
) -> None:
    item = _takeaway(takeaways, kommune, takeaway_id)
    item.text = _required(text, texts.DAY_TAKEAWAY_TEXT).strip()
    item.next_step, item.contacts = next_step.strip(), [c for c in contacts if c != kommune]


def remove_takeaway(takeaways: Takeaways, kommune: str, takeaway_id: str) -> None:
    takeaways.kommunen[kommune].remove(_takeaway(takeaways, kommune, takeaway_id))


def _takeaway(takeaways: Takeaways, kommune: str, takeaway_id: str) -> Takeaway:
    return _find(takeaways.of(kommune), takeaway_id, texts.DAY_UNKNOWN_ENTRY)
