"""Themenbörse (``tag/themenboerse.yaml``): topic ideas, „betrifft uns auch“, dots per Kommune, the facilitator's
marks and merges of duplicates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from typing import Any

from werkstatt import texts
from werkstatt.day._common import DayChecker, RuleError, file_head, find_item, next_id, required, without_empty
from werkstatt.model import Limits, Persona, Workshop, slug_problem

MARKET_FILE = "themenboerse.yaml"

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
DEFAULT_DOTS = 3
MAX_DOTS = 20
MAX_IDEAS = 200  # a market with more ideas than this cannot be worked through in one day


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
        return find_item(self.ideas, idea_id, texts.DAY_UNKNOWN_IDEA)

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

    # -- changes: each changes the market in place; the store saves it under the file's lock

    def submit_idea(
        self,
        title: str,
        description: str = "",
        step: str = "",
        kommune: str = "",
        topics: list[str] | None = None,
        source: str = "",
    ) -> Idea:
        if len(self.ideas) >= MAX_IDEAS:
            raise RuleError(texts.DAY_TOO_MANY_IDEAS.format(limit=MAX_IDEAS))
        if source and any(i.source == source for i in self.ideas):
            raise RuleError(texts.DAY_ALREADY_TAKEN)
        idea = Idea(
            id=next_id("idee-", [i.id for i in self.ideas]),
            title=required(title, texts.DAY_IDEA_TITLE).strip(),
            description=description.strip(),
            step=step,
            kommune=kommune,
            topics=list(topics or []),
            source=source,
        )
        self.ideas.append(idea)
        return idea

    def toggle_support(self, idea_id: str, kommune: str) -> bool:
        """ "Betrifft uns auch" on or off; returns whether the Kommune now supports the idea."""
        idea = self.idea(idea_id)
        if idea.kommune == kommune:
            raise RuleError(texts.DAY_OWN_IDEA)
        if kommune in idea.supporters:
            idea.supporters.remove(kommune)
            return False
        idea.supporters.append(kommune)
        return True

    def vote(self, idea_id: str, kommune: str, change: int = 1) -> None:
        """Put a dot on an idea (``change=1``) or take one back (``-1``), within the Kommune's dots."""
        idea = self.idea(idea_id)
        if not idea.active:
            raise RuleError(texts.DAY_VOTE_MERGED)
        current = idea.votes.get(kommune, 0)
        if change > 0 and self.dots_left(kommune) < change:
            raise RuleError(texts.DAY_NO_DOTS_LEFT.format(dots=self.dots_per_kommune))
        new = current + change
        if new < 0:
            raise RuleError(texts.DAY_NO_DOT_HERE)
        if new:
            idea.votes[kommune] = new
        else:
            idea.votes.pop(kommune, None)

    def set_dots(self, dots: int) -> None:
        if not 0 <= dots <= MAX_DOTS:
            raise RuleError(texts.DAY_DOTS_RANGE.format(limit=MAX_DOTS))
        self.dots_per_kommune = dots

    def mark(self, idea_id: str, status: str) -> None:
        if status not in IDEA_STATUS or status == "zusammengelegt":
            raise RuleError(texts.DAY_MARK_INVALID)
        idea = self.idea(idea_id)
        if not idea.active:
            raise RuleError(texts.DAY_VOTE_MERGED)
        idea.status = status

    def edit_idea(self, idea_id: str, title: str, description: str, step: str, topics: list[str]) -> None:
        idea = self.idea(idea_id)
        idea.title = required(title, texts.DAY_IDEA_TITLE).strip()
        idea.description, idea.step, idea.topics = description.strip(), step, list(topics)

    def merge(self, source_id: str, target_id: str, limit: int = 4000) -> None:
        """Merge a duplicate into another idea: its dots, supporters, Kommune, topics and description move along.

        What moved is written down on the merged idea (``undo``), so ``unmerge`` can take it back exactly.
        """
        if source_id == target_id:
            raise RuleError(texts.DAY_MERGE_SELF)
        source, target = self.idea(source_id), self.idea(target_id)
        if not source.active or not target.active:
            raise RuleError(texts.DAY_VOTE_MERGED)
        undo = MergeUndo(status=source.status, votes=dict(source.votes), supporters=list(source.supporters))
        if source.description.strip():
            # The duplicate's words often say what the other idea does not; they stay, marked with where they came from.
            undo.added_description = texts.DAY_MERGED_DESCRIPTION.format(title=source.title, text=source.description)
            joined = (
                f"{target.description}\n\n{undo.added_description}" if target.description else undo.added_description
            )
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
        for other in self.ideas:  # ideas merged into the source before now belong to the target
            if other.merged_into == source.id:
                other.merged_into = target.id
                undo.repointed.append(other.id)
        source.undo = undo

    def unmerge(self, source_id: str) -> Idea:
        """Take a merge back: the idea returns with its dots, supporters and mark; the other idea loses what it gained.

        Dots the other idea has lost since (a Kommune took one back) are not given back twice: only what is
        still there returns, so no Kommune ends with more dots than it has. Returns the idea merged into.
        """
        source = self.idea(source_id)
        if source.active or source.undo is None:
            raise RuleError(texts.DAY_NOT_MERGED)
        target, undo = self.idea(source.merged_into), source.undo
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
        for other in self.ideas:
            if other.id in undo.repointed and other.merged_into == target.id:
                other.merged_into = source.id
        source.status, source.merged_into, source.undo = undo.status, "", None
        return target


# ---------------------------------------------------------------------------------------------
# Reading and writing


def parse_market(data: Any, workshop: Workshop, file: str = MARKET_FILE, limits: Limits | None = None) -> Market:
    check = DayChecker(file, workshop, limits or Limits())
    revision, updated = check.head(data, {"dots_per_kommune", "ideas"})
    data = data or {}
    dots = check.integer(data.get("dots_per_kommune", DEFAULT_DOTS), "dots_per_kommune", 0, MAX_DOTS)
    ideas: list[Idea] = []
    seen: set[str] = set()
    for n, raw in enumerate(check.sequence(data.get("ideas"), "ideas", limit=MAX_IDEAS)):
        path = f"ideas[{n}]"
        item = check.mapping(raw, path)
        check.unknown_keys(item, {f.name for f in fields(Idea)}, f"{path}.")  # the file's keys are the fields
        votes = _parse_votes(check, item.get("votes"), f"{path}.votes")
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


def _parse_votes(check: DayChecker, raw: Any, path: str) -> dict[str, int]:
    """Dots per Kommune: known Kommunen only, each count 1 to MAX_DOTS."""
    votes: dict[str, int] = {}
    for slug, count in check.mapping(raw, path).items():
        kommune = check.kommune(slug, f"{path}.{slug}")
        number = check.integer(count, f"{path}.{slug}", 1, MAX_DOTS)
        if kommune and number:
            votes[kommune] = number
    return votes


def _parse_undo(check: DayChecker, raw: Any, path: str) -> MergeUndo | None:
    if raw is None:
        return None
    item = check.mapping(raw, path)
    check.unknown_keys(item, {f.name for f in fields(MergeUndo)}, f"{path}.")
    votes = _parse_votes(check, item.get("votes"), f"{path}.votes")
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


def market_to_data(market: Market) -> dict:
    ideas = [
        without_empty(
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
    return file_head(market, dots_per_kommune=market.dots_per_kommune, ideas=ideas)


def _undo_to_data(undo: MergeUndo) -> dict:
    return without_empty(
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
