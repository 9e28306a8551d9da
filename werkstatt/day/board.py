"""Themenrunde (``tag/themenrunden/<round>.yaml``): the board of one topic round along the four guiding questions.

One file per round, so rounds held at the same time never wait for each other's lock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from werkstatt import texts
from werkstatt.day._common import DayChecker, RuleError, file_head, find_item, next_id, required, without_empty
from werkstatt.model import Limits, Workshop, describe, slug_problem

BOARDS_DIR = "themenrunden"
BOARD_QUESTIONS = 4
EXPERIENCE_KINDS: dict[str, str] = {"gut": "hat gut funktioniert", "weniger": "hat weniger funktioniert"}


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
        return find_item(self.entries, entry_id, texts.DAY_UNKNOWN_ENTRY)

    # -- changes: each changes the board in place; the store saves it under the file's lock

    def add_entry(
        self, question: int, text: str, kommune: str = "", kind: str = "", source: str = "", limit: int = 50
    ) -> BoardEntry:
        if not 1 <= question <= BOARD_QUESTIONS:
            raise RuleError(texts.DAY_UNKNOWN_QUESTION.format(question=question))
        if len(self.column(question, with_hidden=True)) >= limit:
            raise RuleError(texts.DAY_COLUMN_FULL.format(limit=limit))
        entry = BoardEntry(
            next_id("beitrag-", [e.id for e in self.entries]),
            question,
            required(text, texts.DAY_ENTRY_TEXT).strip(),
            kommune,
            kind if question == 3 else "",
            source=source,
        )
        self.entries.append(entry)
        return entry

    def edit_entry(self, entry_id: str, text: str, started_from: str, kind: str | None = None) -> None:
        """Change an entry's words; refused when someone else changed them since the editor opened it."""
        entry = self.entry(entry_id)
        if entry.text != started_from:
            raise RuleError(texts.DAY_ENTRY_CHANGED)
        entry.text = required(text, texts.DAY_ENTRY_TEXT).strip()
        if kind is not None and entry.question == 3:
            entry.kind = kind

    def move_entry(self, entry_id: str, question: int | None = None, step: int = 0) -> None:
        """Move an entry to another column (to its end), or ``step`` places up (-1) or down (+1) in its column."""
        entry = self.entry(entry_id)
        if question is not None and question != entry.question:
            if not 1 <= question <= BOARD_QUESTIONS:
                raise RuleError(texts.DAY_UNKNOWN_QUESTION.format(question=question))
            self.entries.remove(entry)
            entry.question = question
            entry.kind = entry.kind if question == 3 else ""
            self.entries.append(entry)
            return
        column = self.column(entry.question, with_hidden=True)
        position = column.index(entry)
        target = position + step
        if step == 0 or not 0 <= target < len(column):
            return
        other = column[target]
        a, b = self.entries.index(entry), self.entries.index(other)
        self.entries[a], self.entries[b] = other, entry

    def set_hidden(self, entry_id: str, hidden: bool) -> None:
        self.entry(entry_id).hidden = hidden

    def prefill(self, matches: list[tuple[str, str, str]]) -> None:
        """Fill column 1 of a new board once; afterwards the entries are the group's to edit or hide."""
        if self.prefilled:
            return
        for kommune, source, text in matches:
            self.add_entry(1, text, kommune=kommune, source=source)
        self.prefilled = True


def board_file(group_id: str) -> str:
    """The board's file, relative to ``tag/``: one file per topic session, so sessions never wait for each other."""
    problem = slug_problem(group_id)
    if problem:
        raise ValueError(problem)
    return f"{BOARDS_DIR}/{group_id}.yaml"


# ---------------------------------------------------------------------------------------------
# Reading and writing


def parse_board(data: Any, workshop: Workshop, group: str, file: str, limits: Limits | None = None) -> Board:
    check = DayChecker(file, workshop, limits or Limits())
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


def board_to_data(board: Board) -> dict:
    entries = [
        without_empty(
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
    return file_head(board, group=board.group, prefilled=board.prefilled, entries=entries)
