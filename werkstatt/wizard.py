"""The persona wizard's state, without Streamlit: drafts, steps, completeness, field errors.

A *draft* is the persona being edited, shaped for the form: status keyed by topic, every list
entry with a ``uid`` so that widgets keep their identity when entries are reordered or removed.
The draft lives in the session and is the only copy of unsaved text; widgets are just views on it
(Streamlit forgets a widget's value when the widget is not drawn, so the draft must not).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from werkstatt import texts
from werkstatt.model import (
    ENTRY_ID_RE,
    ENTRY_SECTIONS,
    EVIDENCE,
    Entry,
    Limits,
    Persona,
    Problem,
    Profile,
    StatusEntry,
    ValidationError,
    Workshop,
    clean_text,
    empty_persona,
    new_entry_id,
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


def _uid(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A new entry's id; it becomes the entry's ``id`` in the file, so it must follow that format."""
    return new_entry_id(taken)


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
        # The entry's id from the file is its identity in the form too; entries of older files
        # get a new one here, which becomes their id when the draft is saved.
        taken = {e.id for e in persona.entries(section) if e.id}
        items = []
        for e in persona.entries(section):
            uid = e.id or _uid(taken)
            taken.add(uid)
            items.append({"uid": uid, "text": e.text, "topics": list(e.topics), "evidence": e.evidence})
        draft[section] = items
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
            entry = {"id": item["uid"], "text": item["text"], "topics": list(item["topics"])}
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
            Entry(item["text"], list(item["topics"]), item["evidence"], id=item["uid"])
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
    for section in ENTRY_SECTIONS:  # ids are identity, not content: a file without ids is not "unsaved"
        for item in data[section]:
            item.pop("id")
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


# ---------------------------------------------------------------------------------------------
# Keeping unsaved input across a reload


def kept_draft_data(draft: dict, saved_at: dt.datetime) -> dict:
    """What the store keeps of an unsaved draft (plain data, read back by ``draft_from_kept``)."""
    return {"schema_version": 1, "saved_at": saved_at.isoformat(timespec="seconds"), "draft": copy.deepcopy(draft)}


def draft_from_kept(data: Any, workshop: Workshop, kommune: str) -> tuple[dict, dt.datetime] | None:
    """A kept draft, rebuilt field by field from what the file holds; None when it is not one.

    The file is ours, but it is still a file: only well-typed values of known fields come back,
    so a damaged or edited draft can never put something into the form that the form can't hold.
    """
    if not isinstance(data, dict) or not isinstance(data.get("draft"), dict):
        return None
    try:
        saved_at = dt.datetime.fromisoformat(str(data.get("saved_at")))
    except ValueError:
        return None
    raw = data["draft"]
    if raw.get("kommune") != kommune:
        return None
    draft = draft_from_persona(empty_persona(kommune), workshop)
    revision = raw.get("revision")
    if isinstance(revision, int) and not isinstance(revision, bool) and revision >= -1:
        draft["revision"] = revision
    person = raw.get("persona") if isinstance(raw.get("persona"), dict) else {}
    for key in ("name", "role", "quote", "story", "avatar_seed", "avatar_file"):
        if isinstance(person.get(key), str):
            draft["persona"][key] = clean_text(person[key])
    age = person.get("age")
    if isinstance(age, int) and not isinstance(age, bool) and 0 <= age <= 120:
        draft["persona"]["age"] = age
    status = raw.get("status") if isinstance(raw.get("status"), dict) else {}
    for topic in workshop.topic_ids:
        item = status.get(topic) if isinstance(status.get(topic), dict) else {}
        stage = item.get("stage")
        if isinstance(stage, int) and not isinstance(stage, bool) and 0 <= stage <= 4:
            draft["status"][topic]["stage"] = stage
        if isinstance(item.get("note"), str):
            draft["status"][topic]["note"] = clean_text(item["note"])
    for section in ENTRY_SECTIONS:
        items = raw.get(section) if isinstance(raw.get(section), list) else []
        taken: set[str] = set()
        for item in items[:200]:
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                continue
            uid = item.get("uid")
            if not isinstance(uid, str) or not ENTRY_ID_RE.match(uid) or uid in taken:
                uid = _uid(taken)
            taken.add(uid)
            topics = item.get("topics") if isinstance(item.get("topics"), list) else []
            evidence = item.get("evidence")
            draft[section].append(
                {
                    "uid": uid,
                    "text": clean_text(item["text"]),
                    "topics": [t for t in dict.fromkeys(topics) if t in workshop.topic_ids],
                    "evidence": evidence if evidence in EVIDENCE else None,
                }
            )
    return draft, saved_at


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
    uid = _uid({item["uid"] for item in draft[section]})
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


# ---------------------------------------------------------------------------------------------
# Merging two laptops' versions


_ENTRY_FIELDS = ("text", "topics", "evidence")
_SINGLE_LINE_FIELDS = ("name", "role", "quote")


def _three_way(base: Any, mine: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value and whether both sides changed it differently (then mine is returned)."""
    if mine == theirs or theirs == base:
        return mine, False
    if mine == base:
        return theirs, False
    return mine, True


def _content(item: dict) -> tuple:
    return (item["text"], tuple(item["topics"]), item["evidence"])


def _marked(text: str) -> str:
    mark = texts.WIZ_MERGE_CONFLICT_MARK
    return text if text.startswith(mark) else mark + text


def _match(base: list[dict], other: list[dict]) -> dict[str, dict]:
    """Base entry uid → the same entry in ``other``: by id, else by unchanged text.

    The text fallback covers entries of files written before entries had ids: two laptops that
    loaded such a file gave the same entry different ids.
    """
    by_uid = {item["uid"]: item for item in other}
    matched: dict[str, dict] = {}
    used: set[int] = set()
    for item in base:
        found = by_uid.get(item["uid"])
        if found is not None and id(found) not in used:
            matched[item["uid"]] = found
            used.add(id(found))
    for item in base:
        if item["uid"] in matched:
            continue
        found = next((o for o in other if id(o) not in used and o["text"].strip() == item["text"].strip()), None)
        if found is not None:
            matched[item["uid"]] = found
            used.add(id(found))
    if base and not {item["uid"] for item in base} & {item["uid"] for item in other}:
        # No id in common: both sides started from a file without ids. An entry whose text was
        # edited is then found by its place among the entries left over on both sides.
        left_base = [item for item in base if item["uid"] not in matched]
        left_other = [item for item in other if id(item) not in used]
        for item, found in zip(left_base, left_other, strict=False):
            matched[item["uid"]] = found
    return matched


def _merge_entries(base: list[dict], mine: list[dict], theirs: list[dict]) -> list[dict]:
    """Three-way merge of one list, entry by entry, in their order with my new entries where I put them."""
    mine_of, theirs_of = _match(base, mine), _match(base, theirs)
    base_of_theirs = {id(item): uid for uid, item in theirs_of.items()}
    base_by_uid = {item["uid"]: item for item in base}
    result: list[dict] = []
    placed: dict[int, dict] = {}  # id(my entry) → the result entry that stands for it
    for item in theirs:
        base_uid = base_of_theirs.get(id(item))
        if base_uid is None:  # added on their side
            result.append(copy.deepcopy(item))
            continue
        original, my_item = base_by_uid[base_uid], mine_of.get(base_uid)
        if my_item is None:  # I removed it: gone, unless they changed it meanwhile
            if _content(item) != _content(original):
                result.append(copy.deepcopy(item))
            continue
        merged = copy.deepcopy(item)
        conflict = False
        for key in _ENTRY_FIELDS:
            merged[key], clash = _three_way(original[key], my_item[key], item[key])
            conflict = conflict or clash
        if conflict:
            theirs_copy = copy.deepcopy(item)
            theirs_copy["text"] = _marked(item["text"])
            mine_copy = copy.deepcopy(my_item)
            mine_copy["text"] = _marked(my_item["text"])
            mine_copy["uid"] = _uid({i["uid"] for i in theirs} | {i["uid"] for i in mine})
            result += [theirs_copy, mine_copy]
            placed[id(my_item)] = mine_copy
        else:
            result.append(merged)
            placed[id(my_item)] = merged
    kept_by_me = {
        id(m) for uid, m in mine_of.items() if uid not in theirs_of and _content(m) != _content(base_by_uid[uid])
    }
    new_by_me = {id(m) for m in mine} - {id(m) for m in mine_of.values()}
    # My new entries (and my edits of entries they removed) go after the entry they followed on my side.
    anchor: dict | None = None
    for item in mine:
        if id(item) in placed:
            anchor = placed[id(item)]
            continue
        if id(item) not in kept_by_me | new_by_me:
            continue
        if id(item) in new_by_me and any(r["text"].strip() == item["text"].strip() for r in result):
            continue  # the same entry added on both sides is kept once
        added = copy.deepcopy(item)
        if added["uid"] in {r["uid"] for r in result}:
            added["uid"] = _uid({r["uid"] for r in result})
        position = next((i + 1 for i, r in enumerate(result) if r is anchor), 0)
        result.insert(position, added)
        anchor = added
    return result


def _joined(field: str, theirs: str, mine: str) -> str:
    separator = " / " if field in _SINGLE_LINE_FIELDS else "\n\n"
    return _marked(f"{theirs}{separator}{mine}")


def merge_drafts(base: dict, mine: dict, theirs: dict) -> dict:
    """My version and theirs in one, compared with the version both started from (three-way).

    Used after a save conflict when two laptops of one Kommune worked at the same time. A field or
    entry changed on one side only takes that change; an entry removed on one side and untouched
    on the other is removed; entries added on either side are kept once. Where both sides changed
    the same text differently, both texts are kept, marked „Konflikt: beide Fassungen“, for the
    fellows to settle (a stage or a picture changed on both sides takes mine, the newer choice).
    The result keeps their revision, so it saves on top of theirs.
    """
    merged = copy.deepcopy(theirs)
    for key, value in mine["persona"].items():
        original = base["persona"].get(key)
        result, clash = _three_way(original, value, theirs["persona"].get(key))
        if clash and key in ("name", "role", "quote", "story") and value.strip() and theirs["persona"][key].strip():
            result = _joined(key, theirs["persona"][key], value)
        merged["persona"][key] = result
    empty = {"stage": None, "note": ""}
    for topic in {*mine["status"], *theirs["status"]}:
        original = base["status"].get(topic, empty)
        my_item, their_item = mine["status"].get(topic, empty), theirs["status"].get(topic, empty)
        stage, _ = _three_way(original["stage"], my_item["stage"], their_item["stage"])
        note, clash = _three_way(original["note"], my_item["note"], their_item["note"])
        if clash and my_item["note"].strip() and their_item["note"].strip():
            note = _joined("note", their_item["note"], my_item["note"])
        merged["status"][topic] = {"stage": stage, "note": note}
    for section in ENTRY_SECTIONS:
        merged[section] = _merge_entries(base[section], mine[section], theirs[section])
    return merged


def has_conflict_marks(draft: dict) -> bool:
    """Whether a merge left texts for the fellows to settle (the wizard then says so)."""
    mark = texts.WIZ_MERGE_CONFLICT_MARK
    texts_in_draft = [draft["persona"][k] for k in ("name", "role", "quote", "story")]
    texts_in_draft += [item["note"] for item in draft["status"].values()]
    texts_in_draft += [item["text"] for section in ENTRY_SECTIONS for item in draft[section]]
    return any(isinstance(t, str) and t.startswith(mark) for t in texts_in_draft)


def incomplete(workshop: Workshop, personas: list[Persona]) -> set[str]:
    """Kommunen whose persona still has open steps (marked "unvollständig" side by side)."""
    return {p.kommune for p in personas if len(completed_steps(draft_from_persona(p, workshop))) < len(STEP_IDS) - 1}
