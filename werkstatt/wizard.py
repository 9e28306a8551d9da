"""The persona wizard's state, without Streamlit: drafts, steps, completeness, field errors.

A *draft* is the persona being edited, shaped for the form: status keyed by topic, every list
entry with a ``uid`` so that widgets keep their identity when entries are reordered or removed.
The draft lives in the session and is the only copy of unsaved text; widgets are just views on it
(Streamlit forgets a widget's value when the widget is not drawn, so the draft must not).
"""

from __future__ import annotations

import copy
import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

from werkstatt import texts
from werkstatt.model import (
    ENTRY_SECTIONS,
    Entry,
    Limits,
    Persona,
    Problem,
    Profile,
    StatusEntry,
    ValidationError,
    Workshop,
    clean_text,
    parse_persona,
)

STEP_IDS: tuple[str, ...] = ("persona", "story", "status", "obstacles", "successes", "drivers", "exchange", "preview")
STEP_SECTIONS: dict[str, tuple[str, ...]] = {
    "obstacles": ("obstacles",),
    "successes": ("successes",),
    "drivers": ("drivers",),
    "exchange": ("questions", "offers"),
}
GENERAL = ""  # error key for problems that belong to no single field (file too big, …)


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    title: str
    question: str
    hint: str
    examples: tuple[str, ...]


STEPS: tuple[Step, ...] = tuple(
    Step(step_id, i + 1, s["title"], s["question"], s["hint"], tuple(s["examples"]))
    for i, step_id in enumerate(STEP_IDS)
    for s in [texts.STEPS[step_id]]
)


def _uid() -> str:
    return secrets.token_hex(4)


# ---------------------------------------------------------------------------------------------
# Draft ↔ persona


def draft_from_persona(persona: Persona, workshop: Workshop) -> dict:
    p = persona.profile
    status: dict[str, dict[str, Any]] = {t.id: {"stage": None, "note": ""} for t in workshop.topics}
    for s in persona.status:
        status[s.topic] = {"stage": s.stage, "note": s.note}
    draft: dict[str, Any] = {
        "kommune": persona.kommune,
        "revision": persona.revision,
        "persona": {
            "name": p.name,
            "age": p.age,
            "role": p.role,
            "quote": p.quote,
            "story": p.story,
            "avatar_seed": p.avatar_seed or persona.kommune,
            "avatar_file": p.avatar_file,
        },
        "status": status,
    }
    for section in ENTRY_SECTIONS:
        draft[section] = [
            {"uid": _uid(), "text": e.text, "topics": list(e.topics), "evidence": e.evidence}
            for e in persona.entries(section)
        ]
    return draft


def _entry_is_blank(item: dict) -> bool:
    return not item["text"].strip() and not item["topics"] and not item["evidence"]


def draft_to_data(draft: dict) -> tuple[dict, dict[str, str]]:
    """The YAML-shaped data of a draft, and a map from model field paths to draft error keys.

    Entries left completely blank (a freshly added row) are not part of the data: they are
    form furniture, not content.
    """
    person = draft["persona"]
    avatar = {k: v for k, v in (("seed", person["avatar_seed"]), ("file", person["avatar_file"])) if v}
    profile: dict[str, Any] = {k: person[k] for k in ("name", "role", "quote", "story")}
    if person["age"] is not None:
        profile["age"] = person["age"]
    if avatar:
        profile["avatar"] = avatar
    locate: dict[str, str] = {}
    status = []
    for topic, item in draft["status"].items():
        if item["stage"] is None:
            continue
        locate[f"status[{len(status)}]"] = f"status.{topic}"
        status.append({"topic": topic, "stage": item["stage"], "note": item["note"]})
    data: dict[str, Any] = {
        "schema_version": 1,
        "kommune": draft["kommune"],
        "revision": draft["revision"],
        "persona": profile,
        "status": status,
    }
    for section in ENTRY_SECTIONS:
        items = []
        for item in draft[section]:
            if _entry_is_blank(item):
                continue
            locate[f"{section}[{len(items)}]"] = f"{section}.{item['uid']}"
            entry = {"text": item["text"], "topics": list(item["topics"])}
            if item["evidence"]:
                entry["evidence"] = item["evidence"]
            items.append(entry)
        data[section] = items
    return data, locate


def error_key(problem: Problem, locate: dict[str, str]) -> str:
    """Translate ``obstacles[2].text`` into the draft key ``obstacles.<uid>.text``."""
    match = re.match(r"^((?:status|obstacles|successes|drivers|questions|offers)\[\d+\])(.*)$", problem.field)
    if match and match.group(1) in locate:
        return locate[match.group(1)] + match.group(2)
    return problem.field


def validate_draft(draft: dict, workshop: Workshop, limits: Limits) -> tuple[Persona | None, dict[str, list[str]]]:
    """Check a draft with the same rules as a file; return the persona or errors keyed by field."""
    data, locate = draft_to_data(draft)
    errors: dict[str, list[str]] = {}
    for topic, item in draft["status"].items():
        if item["stage"] is None and item["note"].strip():
            errors.setdefault(f"status.{topic}.note", []).append(texts.WIZ_NOTE_NEEDS_STAGE)
    try:
        persona = parse_persona(data, workshop, f"{draft['kommune']}.yaml", limits)
    except ValidationError as err:
        for problem in err.problems:
            errors.setdefault(error_key(problem, locate), []).append(problem.message)
        return None, errors
    return (None, errors) if errors else (persona, errors)


def draft_to_persona(draft: dict) -> Persona:
    """A persona built from the draft without validation, for the live preview."""
    person = draft["persona"]
    age = person["age"] if isinstance(person["age"], int) else None
    sections = {
        section: [
            Entry(item["text"], list(item["topics"]), item["evidence"])
            for item in draft[section]
            if item["text"].strip()
        ]
        for section in ENTRY_SECTIONS
    }
    return Persona(
        kommune=draft["kommune"],
        revision=draft["revision"],
        profile=Profile(
            name=person["name"],
            age=age,
            role=person["role"],
            quote=person["quote"],
            story=person["story"],
            avatar_seed=person["avatar_seed"],
            avatar_file=person["avatar_file"],
        ),
        status=[
            StatusEntry(topic, item["stage"], item["note"])
            for topic, item in draft["status"].items()
            if item["stage"] is not None
        ],
        **sections,
    )


def fingerprint(draft: dict) -> str:
    """A stable summary of the content, to tell whether there is anything unsaved."""
    data, _ = draft_to_data(draft)
    data.pop("revision")
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


# ---------------------------------------------------------------------------------------------
# Editing


def set_field(draft: dict, path: tuple, value: Any) -> None:
    """Write a form value into the draft; ``path`` names the field the widget edits.

    Paths: ``("persona", field)``, ``("status", topic, "stage"|"note")``,
    ``("entry", section, uid, "text"|"topics"|"evidence")``. An entry that was removed in the
    meantime is skipped, never resurrected.
    """
    if isinstance(value, str):
        value = clean_text(value)
    kind = path[0]
    if kind == "persona":
        draft["persona"][path[1]] = value
    elif kind == "status":
        draft["status"].setdefault(path[1], {"stage": None, "note": ""})[path[2]] = value
    elif kind == "entry":
        _, section, uid, key = path
        for item in draft[section]:
            if item["uid"] == uid:
                item[key] = list(value) if key == "topics" else value
                break


def add_entry(draft: dict, section: str, limits: Limits) -> str | None:
    if len(draft[section]) >= limits.max_entries:
        return None
    uid = _uid()
    draft[section].append({"uid": uid, "text": "", "topics": [], "evidence": None})
    return uid


def remove_entry(draft: dict, section: str, uid: str) -> None:
    draft[section] = [item for item in draft[section] if item["uid"] != uid]


def move_entry(draft: dict, section: str, uid: str, delta: int) -> None:
    items = draft[section]
    index = next((i for i, item in enumerate(items) if item["uid"] == uid), None)
    if index is None:
        return
    target = index + delta
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]


# ---------------------------------------------------------------------------------------------
# Progress


def step_complete(draft: dict, step_id: str) -> bool:
    person = draft["persona"]
    if step_id == "persona":
        return bool(person["name"].strip() and person["role"].strip())
    if step_id == "story":
        return bool(person["quote"].strip() and person["story"].strip())
    if step_id == "status":
        return all(item["stage"] is not None for item in draft["status"].values())
    if step_id in STEP_SECTIONS:
        return all(any(item["text"].strip() for item in draft[s]) for s in STEP_SECTIONS[step_id])
    if step_id == "preview":
        return all(step_complete(draft, s) for s in STEP_IDS if s != "preview")
    raise ValueError(step_id)


def completed_steps(draft: dict) -> list[str]:
    return [s for s in STEP_IDS if s != "preview" and step_complete(draft, s)]


def merge_drafts(mine: dict, theirs: dict) -> dict:
    """Both versions in one: their entries plus mine that they lack; my texts and stages where I typed.

    Used after a save conflict when two laptops of one Kommune worked at the same time, so that no
    entry of either is lost. The result keeps their revision, so it saves on top of theirs.
    """
    merged = copy.deepcopy(theirs)
    for key, value in mine["persona"].items():
        if value not in ("", None):
            merged["persona"][key] = value
    for topic, item in mine["status"].items():
        if item["stage"] is not None or item["note"].strip():
            merged["status"][topic] = dict(item)
    for section in ENTRY_SECTIONS:
        known = {item["text"].strip() for item in merged[section]}
        for item in mine[section]:
            if item["text"].strip() and item["text"].strip() not in known:
                merged[section].append(dict(item, uid=_uid()))
                known.add(item["text"].strip())
    return merged


def incomplete(workshop: Workshop, personas: list[Persona]) -> set[str]:
    """Kommunen whose persona still has open steps (marked "unvollständig" side by side)."""
    return {p.kommune for p in personas if len(completed_steps(draft_from_persona(p, workshop))) < len(STEP_IDS) - 1}
