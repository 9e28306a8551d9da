"""What the four files of the day share: the rule error, ids, the file head, and the checker for their fields."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from werkstatt import texts
from werkstatt.model import Checker, Limits, Workshop, describe, slug_problem

TIME_RE = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


class RuleError(Exception):
    """An operation that the rules of the day do not allow; the message is German and shown as it is."""


def find_item(items: list, item_id: str, message: str):  # the item of that list's type
    """The item with this id; a German ``RuleError`` (someone removed or merged it meanwhile) otherwise."""
    for item in items:
        if item.id == item_id:
            return item
    raise RuleError(message.format(id=item_id))


def next_id(prefix: str, existing: list[str]) -> str:
    """``prefix`` plus one more than the highest number in use (ids are never reused after a merge)."""
    numbers = [int(e[len(prefix) :]) for e in existing if e.startswith(prefix) and e[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def required(text: str, what: str) -> str:
    if not text.strip():
        raise RuleError(texts.DAY_REQUIRED.format(what=what))
    return text


class DayChecker(Checker):
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
        if value and not TIME_RE.match(value):
            self.add(path, texts.DAY_TIME.format(value=value))
        return value


def file_head(kind: Any, **rest: Any) -> dict:
    return {"schema_version": 1, "revision": kind.revision, "updated": kind.updated, **rest}


def without_empty(item: dict, keep: tuple[str, ...]) -> dict:
    return {k: v for k, v in item.items() if k in keep or v not in ("", [], {}, False, None)}
