"""Programm (``tag/programm.yaml``): time slots with parallel topic rounds (topic, room, who presents)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from werkstatt import texts
from werkstatt.day._common import TIME_RE, DayChecker, RuleError, file_head, find_item, next_id, required, without_empty
from werkstatt.model import Limits, Workshop

AGENDA_FILE = "programm.yaml"
MAX_SLOTS = 20
MAX_GROUPS = 8  # parallel groups in one slot


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
        return find_item(self.slots, slot_id, texts.DAY_UNKNOWN_SLOT)

    # -- changes: each changes the programme in place; the store saves it under the file's lock

    def add_slot(self, start: str, end: str, title: str) -> Slot:
        if len(self.slots) >= MAX_SLOTS:
            raise RuleError(texts.DAY_TOO_MANY.format(limit=MAX_SLOTS))
        start, end = normalise_time(start), normalise_time(end)
        _check_times(start, end)
        existing = [s.id for s in self.slots] + [g.id for _, g in self.groups()]
        slot = Slot(next_id("block-", existing), start, end, title.strip())
        self.slots.append(slot)
        self._sort_slots()
        return slot

    def edit_slot(self, slot_id: str, start: str, end: str, title: str) -> None:
        start, end = normalise_time(start), normalise_time(end)
        _check_times(start, end)
        slot = self.slot(slot_id)
        slot.start, slot.end, slot.title = start, end, title.strip()
        self._sort_slots()

    def remove_slot(self, slot_id: str) -> None:
        self.slots.remove(self.slot(slot_id))

    def add_group(
        self, slot_id: str, title: str, idea: str = "", room: str = "", presenters: list[str] | None = None
    ) -> Group:
        slot = self.slot(slot_id)
        if len(slot.groups) >= MAX_GROUPS:
            raise RuleError(texts.DAY_TOO_MANY.format(limit=MAX_GROUPS))
        existing = [s.id for s in self.slots] + [g.id for _, g in self.groups()]
        group = Group(
            next_id("runde-", existing),
            required(title, texts.DAY_GROUP_TITLE).strip(),
            idea,
            room.strip(),
            list(presenters or []),
        )
        slot.groups.append(group)
        return group

    def edit_group(
        self, group_id: str, title: str, room: str, presenters: list[str], slot_id: str | None = None
    ) -> None:
        """Change a round's topic, room or presenters, or move it to another block (its board goes along)."""
        slot, group = self.group(group_id)
        group.title = required(title, texts.DAY_GROUP_TITLE).strip()
        group.room, group.presenters = room.strip(), list(presenters)
        if slot_id and slot_id != slot.id:
            target = self.slot(slot_id)
            if len(target.groups) >= MAX_GROUPS:
                raise RuleError(texts.DAY_TOO_MANY.format(limit=MAX_GROUPS))
            slot.groups.remove(group)
            target.groups.append(group)

    def remove_group(self, group_id: str) -> None:
        slot, group = self.group(group_id)
        slot.groups.remove(group)

    def _sort_slots(self) -> None:
        self.slots.sort(key=lambda s: _minutes(s.start) if s.start else 24 * 60)


# ---------------------------------------------------------------------------------------------
# Reading and writing


def parse_agenda(data: Any, workshop: Workshop, file: str = AGENDA_FILE, limits: Limits | None = None) -> Agenda:
    check = DayChecker(file, workshop, limits or Limits())
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


def agenda_to_data(agenda: Agenda) -> dict:
    slots = []
    for slot in agenda.slots:
        groups = [
            without_empty(
                {"id": g.id, "title": g.title, "idea": g.idea, "room": g.room, "presenters": list(g.presenters)},
                ("id", "title"),
            )
            for g in slot.groups
        ]
        slots.append(
            without_empty(
                {"id": slot.id, "start": slot.start, "end": slot.end, "title": slot.title, "groups": groups},
                ("id", "groups"),
            )
        )
    return file_head(agenda, slots=slots)


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
        if value and not TIME_RE.match(value):
            raise RuleError(texts.DAY_TIME.format(value=value))
    if start and end and _minutes(end) <= _minutes(start):
        raise RuleError(texts.DAY_TIME_ORDER)


def _minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)
