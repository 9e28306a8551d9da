"""The day after the persona round: Themenbörse, programme, topic round boards, takeaways.

Four kinds of file in the workshop's ``tag/`` folder, each a plain YAML document with
``schema_version`` and ``revision`` like a persona, and one module here for each, matching one page:

- ``market.py`` – ``themenboerse.yaml``: topic ideas with "betrifft uns auch", dots per Kommune and the
  facilitator's marks (page Themenbörse);
- ``agenda.py`` – ``programm.yaml``: time slots with parallel topic rounds (topic, room, who presents)
  (page Programm);
- ``board.py`` – ``themenrunden/<round>.yaml``: the board of one topic round along the four guiding
  questions (page Themenrunde);
- ``takeaways.py`` – ``mitnehmen.yaml``: per Kommune what it will try, the next step and whom it will
  contact (page Mitnehmen).

Each module holds its types, their validation (German messages naming file › field, like
``model.py``), their conversion back to YAML data and the operations people perform. An operation
changes the object it is given and raises ``RuleError`` with a German message when it is not allowed
(no dots left, unknown idea …); ``store.WorkshopFolder.update_market`` (``update_agenda``,
``update_board``, ``update_takeaways``) runs it under the file's lock on the newest version from
disk, so fellows adding entries at the same moment never overwrite each other. ``_common.py`` holds
what the four share (ids, the file head, the checker for their fields).

Everything public is importable from here (``from werkstatt import day; day.Market``).
"""

from __future__ import annotations

from dataclasses import dataclass

from werkstatt.day._common import RuleError, next_id
from werkstatt.day.agenda import (
    AGENDA_FILE,
    MAX_GROUPS,
    MAX_SLOTS,
    Agenda,
    Group,
    Slot,
    add_group,
    add_slot,
    agenda_to_data,
    edit_group,
    edit_slot,
    normalise_time,
    parse_agenda,
    remove_group,
    remove_slot,
)
from werkstatt.day.board import (
    BOARD_QUESTIONS,
    BOARDS_DIR,
    EXPERIENCE_KINDS,
    Board,
    BoardEntry,
    add_entry,
    board_file,
    board_to_data,
    edit_entry,
    move_entry,
    parse_board,
    prefill,
    set_hidden,
)
from werkstatt.day.market import (
    DEFAULT_DOTS,
    IDEA_STATUS,
    MARKET_FILE,
    MAX_DOTS,
    MAX_IDEAS,
    PLANNING_STEPS,
    Idea,
    Market,
    MergeUndo,
    edit_idea,
    mark,
    market_to_data,
    merge,
    parse_market,
    persona_suggestions,
    set_dots,
    short_title,
    submit_idea,
    toggle_support,
    unmerge,
    vote,
)
from werkstatt.day.takeaways import (
    TAKEAWAYS_FILE,
    Takeaway,
    Takeaways,
    add_takeaway,
    edit_takeaway,
    parse_takeaways,
    remove_takeaway,
    takeaways_to_data,
)

DAY_DIR = "tag"

__all__ = [
    "AGENDA_FILE",
    "Agenda",
    "BOARDS_DIR",
    "BOARD_QUESTIONS",
    "Board",
    "BoardEntry",
    "DAY_DIR",
    "DEFAULT_DOTS",
    "Day",
    "EXPERIENCE_KINDS",
    "Group",
    "IDEA_STATUS",
    "Idea",
    "MARKET_FILE",
    "MAX_DOTS",
    "MAX_GROUPS",
    "MAX_IDEAS",
    "MAX_SLOTS",
    "Market",
    "MergeUndo",
    "PLANNING_STEPS",
    "RuleError",
    "Slot",
    "TAKEAWAYS_FILE",
    "Takeaway",
    "Takeaways",
    "add_entry",
    "add_group",
    "add_slot",
    "add_takeaway",
    "agenda_to_data",
    "board_file",
    "board_to_data",
    "edit_entry",
    "edit_group",
    "edit_idea",
    "edit_slot",
    "edit_takeaway",
    "mark",
    "market_to_data",
    "merge",
    "move_entry",
    "next_id",
    "normalise_time",
    "parse_agenda",
    "parse_board",
    "parse_market",
    "parse_takeaways",
    "persona_suggestions",
    "prefill",
    "remove_group",
    "remove_slot",
    "remove_takeaway",
    "set_dots",
    "set_hidden",
    "short_title",
    "submit_idea",
    "takeaways_to_data",
    "toggle_support",
    "unmerge",
    "vote",
]


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
