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
``model.py``), their conversion back to YAML data and the operations people perform. Queries and
operations are methods of the file's class (``market.dots_left(k)``, ``market.vote(idea, k)``); reading
and writing are functions (``parse_market``, ``market_to_data``), as for personas in ``model.py``.
An operation changes the object and raises ``RuleError`` with a German message when it is not allowed
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
    agenda_to_data,
    normalise_time,
    parse_agenda,
)
from werkstatt.day.board import (
    BOARD_QUESTIONS,
    BOARDS_DIR,
    EXPERIENCE_KINDS,
    Board,
    BoardEntry,
    board_file,
    board_to_data,
    parse_board,
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
    market_to_data,
    parse_market,
    persona_suggestions,
    short_title,
)
from werkstatt.day.takeaways import (
    TAKEAWAYS_FILE,
    Takeaway,
    Takeaways,
    parse_takeaways,
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
    "agenda_to_data",
    "board_file",
    "board_to_data",
    "market_to_data",
    "next_id",
    "normalise_time",
    "parse_agenda",
    "parse_board",
    "parse_market",
    "parse_takeaways",
    "persona_suggestions",
    "short_title",
    "takeaways_to_data",
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
