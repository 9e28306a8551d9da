"""Mitnehmen (``tag/mitnehmen.yaml``): per Kommune what it will try, the next step and whom it will contact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from werkstatt import texts
from werkstatt.day._common import DayChecker, RuleError, file_head, find_item, next_id, required, without_empty
from werkstatt.model import Limits, Workshop

TAKEAWAYS_FILE = "mitnehmen.yaml"


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

    # -- changes: each changes the takeaways in place; the store saves them under the file's lock

    def add_takeaway(
        self,
        kommune: str,
        text: str,
        next_step: str = "",
        contacts: list[str] | None = None,
        limit: int = 50,
    ) -> Takeaway:
        items = self.kommunen.setdefault(kommune, [])
        if len(items) >= limit:
            raise RuleError(texts.DAY_TOO_MANY.format(limit=limit))
        item = Takeaway(
            next_id("vorhaben-", [t.id for t in items]),
            required(text, texts.DAY_TAKEAWAY_TEXT).strip(),
            next_step.strip(),
            [c for c in (contacts or []) if c != kommune],
        )
        items.append(item)
        return item

    def edit_takeaway(self, kommune: str, takeaway_id: str, text: str, next_step: str, contacts: list[str]) -> None:
        item = self._takeaway(kommune, takeaway_id)
        item.text = required(text, texts.DAY_TAKEAWAY_TEXT).strip()
        item.next_step, item.contacts = next_step.strip(), [c for c in contacts if c != kommune]

    def remove_takeaway(self, kommune: str, takeaway_id: str) -> None:
        self.kommunen[kommune].remove(self._takeaway(kommune, takeaway_id))

    def _takeaway(self, kommune: str, takeaway_id: str) -> Takeaway:
        return find_item(self.of(kommune), takeaway_id, texts.DAY_UNKNOWN_ENTRY)


# ---------------------------------------------------------------------------------------------
# Reading and writing


def parse_takeaways(
    data: Any, workshop: Workshop, file: str = TAKEAWAYS_FILE, limits: Limits | None = None
) -> Takeaways:
    check = DayChecker(file, workshop, limits or Limits())
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


def takeaways_to_data(takeaways: Takeaways) -> dict:
    kommunen = {
        slug: [
            without_empty(
                {"id": t.id, "text": t.text, "next_step": t.next_step, "contacts": list(t.contacts)}, ("id", "text")
            )
            for t in items
        ]
        for slug, items in takeaways.kommunen.items()
    }
    return file_head(takeaways, kommunen=kommunen)
