"""Workshop and persona types, and their validation with German error messages.

The YAML files are the source of truth (see ``shared/persona-format.md``). This module turns the
plain data PyYAML returns into typed objects and back, and it is the only place that decides what
is valid: the store, the CLI and the wizard all call ``parse_workshop`` / ``parse_persona`` so that
an error reads the same everywhere (``lindenau.yaml › obstacles[2].topics: …``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from werkstatt import texts

SCHEMA_VERSION = 1

STAGES: dict[int, str] = {
    0: "noch nicht auf der Agenda",
    1: "Bedarf erkannt",
    2: "Bestand und Bedarf erhoben",
    3: "in Umsetzung",
    4: "verankert und fortgeschrieben",
}

EVIDENCE: dict[str, str] = {
    "gefuehl": "Bauchgefühl",
    "erfahrung": "Erfahrung",
    "daten": "Daten",
}

# The five lists of a persona, in the order the wizard and the card show them.
ENTRY_SECTIONS: tuple[str, ...] = ("obstacles", "successes", "drivers", "questions", "offers")

_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
# Names Windows refuses as file names (with any extension); a workshop folder may travel there.
_RESERVED_SLUGS = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
# Characters YAML cannot carry in a file, or that silently turn into line breaks on the way back.
_UNSAFE_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS_RE = re.compile("\r\n|[\r\x85\u2028\u2029]")
# Bidirectional controls reorder what is shown (U+202E makes „gnp.exe“ look like „exe.png“); German
# text never needs them, so they are removed rather than balanced.
_BIDI_CONTROLS_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Entry ids: short, lowercase, safe in any file; made by ``new_entry_id`` (8 hex digits).
ENTRY_ID_RE = re.compile(r"^[a-z0-9]{1,16}$")


@dataclass(frozen=True)
class Limits:
    """Limits that protect the server; defaults from the format, overridable by environment."""

    max_file_bytes: int = 256 * 1024
    max_text_chars: int = 4000
    max_entries: int = 50
    max_image_bytes: int = 5 * 1024 * 1024

    @classmethod
    def from_env(cls) -> Limits:
        def read(name: str, default: int) -> int:
            raw = os.environ.get(f"WERKSTATT_{name.upper()}")
            return int(raw) if raw and raw.isdigit() else default

        base = cls()
        return cls(**{name: read(name, getattr(base, name)) for name in base.__dataclass_fields__})


@dataclass(frozen=True)
class Problem:
    """One validation error: which file, which field, what is wrong (in German)."""

    file: str
    field: str
    message: str

    def __post_init__(self) -> None:
        # A field name or quoted value may come straight from a hostile file: a lone surrogate in it
        # cannot be sent to the browser or printed, so the error card would take its page down.
        for name in ("file", "field", "message"):
            object.__setattr__(self, name, clean_text(str(getattr(self, name))))

    def __str__(self) -> str:
        where = f"{self.file} › {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ValidationError(Exception):
    """Raised with every problem found, never just the first one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class NewerSchemaError(ValidationError):
    """The file was written by a newer program; it is refused, never half-read."""


@dataclass(frozen=True)
class Topic:
    id: str
    label: str


@dataclass(frozen=True)
class Kommune:
    slug: str
    name: str
    kind: str = ""
    state: str = ""


@dataclass(frozen=True)
class Workshop:
    slug: str
    title: str
    date: dt.date | None
    place: str
    topics: tuple[Topic, ...]
    questions: tuple[str, ...]
    kommunen: tuple[Kommune, ...]

    def topic_label(self, topic_id: str) -> str:
        return next((t.label for t in self.topics if t.id == topic_id), topic_id)

    def kommune(self, slug: str) -> Kommune | None:
        return next((k for k in self.kommunen if k.slug == slug), None)

    @property
    def topic_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.topics)


@dataclass
class Entry:
    """One item of a persona list (a Stolperstein, a success, a question …).

    ``id`` is the entry's identity, not its content: it stays the same when the text is edited,
    so that merging two laptops' versions can tell "edited" from "removed and added". Equality
    compares content only (an old file without ids equals the same file saved with ids).
    """

    text: str
    topics: list[str] = field(default_factory=list)
    evidence: str | None = None
    id: str = field(default="", compare=False)


@dataclass
class StatusEntry:
    topic: str
    stage: int
    note: str = ""


@dataclass
class Profile:
    """The invented person: who they are and what they say."""

    name: str = ""
    age: int | None = None
    role: str = ""
    quote: str = ""
    story: str = ""
    avatar_seed: str = ""
    avatar_file: str = ""
    # Not in the file: the uploaded picture as a data URI, filled in by the store when it reads the
    # persona, so that cards and PDFs never open a file or URL themselves.
    avatar_image: str = field(default="", compare=False, repr=False)


@dataclass
class Persona:
    kommune: str
    revision: int = 0
    updated: dt.datetime | None = None
    profile: Profile = field(default_factory=Profile)
    status: list[StatusEntry] = field(default_factory=list)
    obstacles: list[Entry] = field(default_factory=list)
    successes: list[Entry] = field(default_factory=list)
    drivers: list[Entry] = field(default_factory=list)
    questions: list[Entry] = field(default_factory=list)
    offers: list[Entry] = field(default_factory=list)

    def entries(self, section: str) -> list[Entry]:
        return getattr(self, section)

    def stage_of(self, topic_id: str) -> StatusEntry | None:
        return next((s for s in self.status if s.topic == topic_id), None)


# ---------------------------------------------------------------------------------------------
# Slugs and text


def slugify(name: str) -> str:
    """Make a slug from a German name: ``Landkreis Märkisch-Oderland`` → ``landkreis-maerkisch-oderland``."""
    text = name.translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].rstrip("-")


def slug_problem(slug: Any) -> str | None:
    """Return a German message if ``slug`` may not name a file or folder, else None."""
    if not isinstance(slug, str) or not slug:
        return texts.ERR_SLUG_EMPTY
    if len(slug) > 60:
        return texts.ERR_SLUG_TOO_LONG.format(length=len(slug))
    if not _SLUG_RE.match(slug):
        return texts.ERR_SLUG_CHARS.format(slug=slug)
    if slug in _RESERVED_SLUGS:
        return texts.ERR_SLUG_RESERVED.format(slug=slug)
    return None


def clean_text(value: str) -> str:
    """Normalise typed or pasted text so it survives a YAML round trip exactly.

    Line breaks become ``\\n`` (YAML would fold ``\\r\\n``, NEL and U+2028 into ``\\n`` anyway) and
    control characters that no one types on purpose are dropped, and so are bidirectional controls
    that make a text show something else than it says. Everything else — umlauts, emoji, leading
    spaces, trailing spaces — is kept as it is.
    """
    return _BIDI_CONTROLS_RE.sub("", _UNSAFE_CHARS_RE.sub("", _LINE_BREAKS_RE.sub("\n", value)))


# ---------------------------------------------------------------------------------------------
# Reading: plain data → objects


class Checker:
    """Collects problems for one file while walking its data; public because the day's files
    (``werkstatt/day/``) extend it with their own checks and must report problems the same way."""

    def __init__(self, file: str, limits: Limits):
        self.file = file
        self.limits = limits
        self.problems: list[Problem] = []

    def add(self, field_path: str, message: str) -> None:
        self.problems.append(Problem(self.file, field_path, message))

    def mapping(self, value: Any, path: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(path, texts.ERR_EXPECTED_MAPPING)
            return {}
        return value

    def unknown_keys(self, data: dict, allowed: set[str], prefix: str) -> None:
        for key in data:
            if key not in allowed:
                self.add(f"{prefix}{key}", texts.ERR_UNKNOWN_FIELD)

    def text(self, data: dict, key: str, path: str, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add(path, texts.ERR_REQUIRED)
            return ""
        if not isinstance(value, str):
            self.add(path, texts.ERR_EXPECTED_TEXT.format(value=describe(value)))
            return ""
        value = clean_text(value)
        if len(value) > self.limits.max_text_chars:
            self.add(path, texts.ERR_TEXT_TOO_LONG.format(length=len(value), limit=self.limits.max_text_chars))
        if required and not value.strip():
            self.add(path, texts.ERR_REQUIRED)
        return value

    def integer(self, value: Any, path: str, low: int, high: int | None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, texts.ERR_EXPECTED_INT.format(value=describe(value)))
            return None
        if value < low or (high is not None and value > high):
            bounds = f"{low} bis {high}" if high is not None else f"ab {low}"
            self.add(path, texts.ERR_INT_RANGE.format(value=value, bounds=bounds))
            return None
        return value

    def sequence(self, value: Any, path: str, limit: int | None = None) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(path, texts.ERR_EXPECTED_LIST)
            return []
        limit = self.limits.max_entries if limit is None else limit
        if len(value) > limit:
            self.add(path, texts.ERR_LIST_TOO_LONG.format(count=len(value), limit=limit))
        return value

    def schema_version(self, data: dict) -> None:
        version = data.get("schema_version")
        if version is None:
            self.add("schema_version", texts.ERR_REQUIRED)
        elif isinstance(version, bool) or not isinstance(version, int):
            self.add("schema_version", texts.ERR_EXPECTED_INT.format(value=describe(version)))
        elif version > SCHEMA_VERSION:
            raise NewerSchemaError(
                [
                    Problem(
                        self.file, "schema_version", texts.ERR_SCHEMA_NEWER.format(found=version, known=SCHEMA_VERSION)
                    )
                ]
            )
        elif version < 1:
            self.add("schema_version", texts.ERR_INT_RANGE.format(value=version, bounds=f"1 bis {SCHEMA_VERSION}"))

    def top_level(self, data: Any, allowed: set[str]) -> None:
        """A file must be a mapping of known keys with a schema version this program can read."""
        if not isinstance(data, dict):
            self.add("", texts.ERR_FILE_NOT_MAPPING)
            self.raise_if_any()
        self.schema_version(data)
        self.unknown_keys(data, allowed, "")

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def describe(value: Any) -> str:
    """Say in German what YAML made of an unquoted value, so the fix is obvious."""
    if value is None:
        return "leer"
    if isinstance(value, bool):
        return f"Wahrheitswert {'ja' if value else 'nein'}"
    if isinstance(value, (int, float)):
        return f"Zahl {value}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"Datum {value.isoformat()}"
    if isinstance(value, list):
        return "Liste"
    if isinstance(value, dict):
        return "Abschnitt"
    text = str(value)  # a whole story in the wrong field would flood the error card
    return f"„{text if len(text) <= 80 else text[:79] + '…'}“"


WORKSHOP_KEYS = {"schema_version", "title", "date", "place", "topics", "questions", "kommunen"}
PERSONA_KEYS = {"schema_version", "kommune", "revision", "updated", "persona", "status", *ENTRY_SECTIONS}
PROFILE_KEYS = {"name", "age", "role", "quote", "story", "avatar"}
ENTRY_KEYS = {"id", "text", "topics", "evidence"}
STATUS_KEYS = {"topic", "stage", "note"}


def parse_workshop(data: Any, slug: str, file: str = "workshop.yaml", limits: Limits | None = None) -> Workshop:
    """Validate the plain data of ``workshop.yaml``; raise ``ValidationError`` with every problem."""
    check = Checker(file, limits or Limits())
    check.top_level(data, WORKSHOP_KEYS)
    title = check.text(data, "title", "title", required=True)
    place = check.text(data, "place", "place")
    date = data.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if date is not None and not isinstance(date, dt.date):
        check.add("date", texts.ERR_EXPECTED_DATE.format(value=describe(date)))
        date = None

    topics: list[Topic] = []
    for i, raw in enumerate(check.sequence(data.get("topics"), "topics")):
        path = f"topics[{i}]"
        item = check.mapping(raw, path)
        check.unknown_keys(item, {"id", "label"}, f"{path}.")
        topic_id = item.get("id")
        problem = slug_problem(topic_id)
        if problem:
            check.add(f"{path}.id", problem)
            continue
        if topic_id in {t.id for t in topics}:
            check.add(f"{path}.id", texts.ERR_DUPLICATE_TOPIC.format(topic=topic_id))
            continue
        topics.append(Topic(topic_id, check.text(item, "label", f"{path}.label", required=True)))
    if not topics and "topics" not in {p.field.split("[")[0] for p in check.problems}:
        check.add("topics", texts.ERR_NO_TOPICS)

    questions: list[str] = []
    for i, raw in enumerate(check.sequence(data.get("questions"), "questions")):
        if isinstance(raw, str) and raw.strip():
            questions.append(raw)
        else:
            check.add(f"questions[{i}]", texts.ERR_EXPECTED_TEXT.format(value=describe(raw)))

    kommunen: list[Kommune] = []
    for i, raw in enumerate(check.sequence(data.get("kommunen"), "kommunen", limit=500)):
        path = f"kommunen[{i}]"
        item = check.mapping(raw, path)
        check.unknown_keys(item, {"slug", "name", "kind", "state"}, f"{path}.")
        kommune_slug = item.get("slug")
        problem = slug_problem(kommune_slug)
        if kommune_slug == "workshop":
            problem = texts.ERR_SLUG_RESERVED.format(slug=kommune_slug)
        if problem:
            check.add(f"{path}.slug", problem)
            continue
        if kommune_slug in {k.slug for k in kommunen}:
            check.add(f"{path}.slug", texts.ERR_DUPLICATE_KOMMUNE.format(slug=kommune_slug))
            continue
        kommunen.append(
            Kommune(
                slug=kommune_slug,
                name=check.text(item, "name", f"{path}.name", required=True),
                kind=check.text(item, "kind", f"{path}.kind"),
                state=check.text(item, "state", f"{path}.state"),
            )
        )
    check.raise_if_any()
    return Workshop(
        slug=slug,
        title=title,
        date=date,
        place=place,
        topics=tuple(topics),
        questions=tuple(questions),
        kommunen=tuple(kommunen),
    )


def parse_persona(data: Any, workshop: Workshop, file: str, limits: Limits | None = None) -> Persona:
    """Validate the plain data of one persona file against its workshop."""
    check = Checker(file, limits or Limits())
    check.top_level(data, PERSONA_KEYS)

    expected_slug = file.removesuffix(".yaml")
    kommune = data.get("kommune")
    if kommune != expected_slug:
        check.add("kommune", texts.ERR_KOMMUNE_MISMATCH.format(found=describe(kommune), expected=expected_slug))
    elif workshop.kommune(kommune) is None:
        check.add("kommune", texts.ERR_KOMMUNE_UNKNOWN.format(slug=kommune))

    revision = data.get("revision", 0)
    revision = check.integer(revision, "revision", 0, None) or 0
    updated = data.get("updated")
    if updated is not None and not isinstance(updated, dt.datetime):
        if isinstance(updated, str):
            try:
                updated = dt.datetime.fromisoformat(updated)
            except ValueError:
                check.add("updated", texts.ERR_EXPECTED_DATE.format(value=describe(updated)))
                updated = None
        else:
            check.add("updated", texts.ERR_EXPECTED_DATE.format(value=describe(updated)))
            updated = None

    raw_profile = check.mapping(data.get("persona"), "persona")
    check.unknown_keys(raw_profile, PROFILE_KEYS, "persona.")
    age = raw_profile.get("age")
    if age is not None:
        age = check.integer(age, "persona.age", 0, 120)
    avatar = check.mapping(raw_profile.get("avatar"), "persona.avatar")
    check.unknown_keys(avatar, {"seed", "file"}, "persona.avatar.")
    avatar_file = check.text(avatar, "file", "persona.avatar.file")
    if avatar_file and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", avatar_file):
        check.add("persona.avatar.file", texts.ERR_AVATAR_FILE)
        avatar_file = ""
    profile = Profile(
        name=check.text(raw_profile, "name", "persona.name"),
        age=age,
        role=check.text(raw_profile, "role", "persona.role"),
        quote=check.text(raw_profile, "quote", "persona.quote"),
        story=check.text(raw_profile, "story", "persona.story"),
        avatar_seed=check.text(avatar, "seed", "persona.avatar.seed"),
        avatar_file=avatar_file,
    )

    topic_ids = set(workshop.topic_ids)
    status: list[StatusEntry] = []
    for i, raw in enumerate(check.sequence(data.get("status"), "status")):
        path = f"status[{i}]"
        item = check.mapping(raw, path)
        check.unknown_keys(item, STATUS_KEYS, f"{path}.")
        topic = item.get("topic")
        if not isinstance(topic, str) or topic not in topic_ids:
            check.add(f"{path}.topic", texts.ERR_UNKNOWN_TOPIC.format(topic=topic))
            continue
        if any(s.topic == topic for s in status):
            check.add(f"{path}.topic", texts.ERR_DUPLICATE_STATUS.format(topic=topic))
            continue
        stage = check.integer(item.get("stage"), f"{path}.stage", 0, 4)
        note = check.text(item, "note", f"{path}.note")
        if stage is not None:
            status.append(StatusEntry(topic, stage, note))

    sections: dict[str, list[Entry]] = {}
    for section in ENTRY_SECTIONS:
        entries: list[Entry] = []
        seen_ids: set[str] = set()
        for i, raw in enumerate(check.sequence(data.get(section), section)):
            path = f"{section}[{i}]"
            item = check.mapping(raw, path)
            check.unknown_keys(item, ENTRY_KEYS, f"{path}.")
            entry_id = item.get("id")
            if entry_id is None:
                entry_id = ""  # files written before entries had ids: they get one on the next save
            elif not isinstance(entry_id, str) or not ENTRY_ID_RE.match(entry_id):
                check.add(f"{path}.id", texts.ERR_ENTRY_ID.format(value=describe(entry_id)))
                entry_id = ""
            elif entry_id in seen_ids:
                check.add(f"{path}.id", texts.ERR_ENTRY_ID_DUPLICATE.format(value=entry_id))
                entry_id = ""
            seen_ids.add(entry_id)
            text = check.text(item, "text", f"{path}.text", required=True)
            topics = []
            for topic in check.sequence(item.get("topics"), f"{path}.topics"):
                if not isinstance(topic, str) or topic not in topic_ids:
                    check.add(f"{path}.topics", texts.ERR_UNKNOWN_TOPIC.format(topic=topic))
                elif topic not in topics:
                    topics.append(topic)
            evidence = item.get("evidence")
            if evidence is not None and (not isinstance(evidence, str) or evidence not in EVIDENCE):
                check.add(f"{path}.evidence", texts.ERR_EVIDENCE.format(value=describe(evidence)))
                evidence = None
            entries.append(Entry(text=text, topics=topics, evidence=evidence, id=entry_id))
        sections[section] = entries

    check.raise_if_any()
    return Persona(
        kommune=kommune,
        revision=revision,
        updated=updated,
        profile=profile,
        status=status,
        **sections,
    )


# ---------------------------------------------------------------------------------------------
# Writing: objects → plain data


def persona_to_data(persona: Persona) -> dict:
    """The plain data of a persona file, keys in the order of the format description."""
    profile = persona.profile
    person: dict[str, Any] = {"name": profile.name}
    if profile.age is not None:
        person["age"] = profile.age
    person.update(role=profile.role, quote=profile.quote, story=profile.story)
    avatar = {k: v for k, v in (("seed", profile.avatar_seed), ("file", profile.avatar_file)) if v}
    if avatar:
        person["avatar"] = avatar
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kommune": persona.kommune,
        "revision": persona.revision,
    }
    if persona.updated is not None:
        data["updated"] = persona.updated
    data["persona"] = person
    data["status"] = [{"topic": s.topic, "stage": s.stage, "note": s.note} for s in persona.status]
    for section in ENTRY_SECTIONS:
        data[section] = [_entry_to_data(e) for e in persona.entries(section)]
    return data


def _entry_to_data(entry: Entry) -> dict:
    item: dict[str, Any] = {"id": entry.id} if entry.id else {}
    item.update(text=entry.text, topics=list(entry.topics))
    if entry.evidence:
        item["evidence"] = entry.evidence
    return item


def workshop_to_data(workshop: Workshop) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "title": workshop.title,
        "date": workshop.date,
        "place": workshop.place,
        "topics": [{"id": t.id, "label": t.label} for t in workshop.topics],
        "questions": list(workshop.questions),
        "kommunen": [{"slug": k.slug, "name": k.name, "kind": k.kind, "state": k.state} for k in workshop.kommunen],
    }


def empty_persona(kommune: str) -> Persona:
    return Persona(kommune=kommune, profile=Profile(avatar_seed=kommune))


def with_revision(persona: Persona, revision: int, updated: dt.datetime) -> Persona:
    return replace(persona, revision=revision, updated=updated)


def new_entry_id(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A fresh entry id, different from every id in ``taken``."""
    while True:
        candidate = secrets.token_hex(4)
        if candidate not in taken:
            return candidate


def with_entry_ids(persona: Persona) -> Persona:
    """A copy in which every list entry has an id (old files and new entries get one on save)."""
    sections = {}
    for section in ENTRY_SECTIONS:
        taken = {e.id for e in persona.entries(section) if e.id}
        entries = []
        for entry in persona.entries(section):
            if not entry.id:
                entry = replace(entry, id=new_entry_id(taken))
                taken.add(entry.id)
            entries.append(entry)
        sections[section] = entries
    return replace(persona, **sections)
