"""The workshop folder on disk: safe reading, atomic writing, revisions, locks and history.

Only this module touches the files. Reads are cached by (modification time, size) so a Streamlit
rerun parses YAML only when a file really changed. Every save of a persona goes through
``save_persona``: under a file lock it compares the revision the editor started from with the one
on disk (a stale save raises ``ConflictError`` instead of overwriting), keeps the previous version
in ``.history/`` and replaces the file atomically.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import errno
import hashlib
import io
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from stat import S_ISREG
from typing import Any

import yaml
from filelock import FileLock

from werkstatt import day, texts
from werkstatt.model import (
    Limits,
    Persona,
    Problem,
    ValidationError,
    Workshop,
    clean_text,
    parse_persona,
    parse_workshop,
    persona_to_data,
    slug_problem,
    with_entry_ids,
    with_revision,
    workshop_to_data,
)

WORKSHOP_FILE = "workshop.yaml"
HISTORY_DIR = ".history"
# Unsaved wizard input, kept so that a reload or a dropped connection loses nothing; one file per
# browser tab (Kommune + a token in the tab's address), hidden, never exported or validated.
DRAFTS_DIR = ".entwuerfe"
DRAFT_TOKEN_RE = re.compile(r"^[a-z0-9]{8,32}$")
DRAFT_MAX_AGE_SECONDS = 7 * 24 * 3600
IMAGES_DIR = "bilder"
ACCESS_FILE = ".zugang.yaml"  # hashed join codes and the reveal switch; hidden, never exported
IMAGE_MAX_SIDE = 600
# Pixels an upload may have before it is decoded: a 13000 × 13000 PNG is 0.5 MB on disk but
# 0.7 GB in memory once decoded. 40 megapixels is more than any phone camera makes.
IMAGE_MAX_PIXELS = 40_000_000
LOCK_TIMEOUT_SECONDS = 10


class ConflictError(Exception):
    """A save started from an older revision than the one on disk.

    ``on_disk`` is the revision a save must state to go through now: 0 when the file was deleted
    meanwhile, -1 for a file that does not validate.
    """

    def __init__(self, current: Persona | None, attempted_from: int, on_disk: int | None = None):
        self.current = current
        self.attempted_from = attempted_from
        self.on_disk = (current.revision if current else 0) if on_disk is None else on_disk
        theirs = current.revision if current else 0
        super().__init__(texts.ERR_CONFLICT.format(theirs=theirs, yours=attempted_from))


# ---------------------------------------------------------------------------------------------
# YAML in and out


# Real files nest five or six levels; PyYAML's composer recurses once per level, so 20,000 "["
# would end in a RecursionError long before any check of ours could run.
MAX_NESTING = 30
# Longer "numbers" are not numbers anyone meant; Python refuses to print ints over 4,300 digits.
MAX_NUMBER_CHARS = 40


class _Refused(yaml.MarkedYAMLError):
    """A value the loader refuses, already worded in German; ``node`` lets the message name the field."""

    def __init__(self, message: str, mark: Any, node: yaml.Node | None = None):
        super().__init__(problem=message, problem_mark=mark)
        self.node = node


class _SafeLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses what would crash or mislead later: aliases, deep nesting,
    duplicate keys, impossible dates, endless numbers — each as a German message, never a traceback.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.YAMLError(texts.ERR_YAML_ALIAS.format(line=event.start_mark.line + 1))
        if self._depth >= MAX_NESTING:
            message = texts.ERR_YAML_NESTING.format(limit=MAX_NESTING, line=event.start_mark.line + 1)
            raise _Refused(message, event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):  # PyYAML's signature
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            # PyYAML's own constructors raise these for 2026-02-30, "!!int x", "!!bool vielleicht" …
            kind = texts.YAML_KINDS.get(node.tag, texts.YAML_KIND_OTHER)
            template = texts.ERR_YAML_BAD_DATE if node.tag.endswith(":timestamp") else texts.ERR_YAML_BAD_VALUE
            value = _shorten(str(node.value)) if isinstance(node, yaml.ScalarNode) else "…"
            message = template.format(value=value, kind=kind, line=node.start_mark.line + 1)
            raise _Refused(message, node.start_mark, node) from None

    def construct_yaml_int(self, node):  # PyYAML's signature
        if len(node.value) > MAX_NUMBER_CHARS:
            message = texts.ERR_YAML_NUMBER_TOO_LONG.format(
                length=len(node.value), limit=MAX_NUMBER_CHARS, line=node.start_mark.line + 1
            )
            raise _Refused(message, node.start_mark, node)
        return super().construct_yaml_int(node)

    def construct_mapping(self, node, deep=False):  # PyYAML's signature
        # PyYAML lets the last of two equal keys win in silence; a person editing the file would
        # never know which of their two texts counts.
        if isinstance(node, yaml.MappingNode):
            first_seen: dict[Any, yaml.Node] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=deep)
                try:
                    first = first_seen.setdefault(key, key_node)
                except TypeError:
                    continue  # an unhashable key: PyYAML refuses it below
                if first is not key_node:
                    message = texts.ERR_YAML_DUPLICATE_KEY.format(
                        first=first.start_mark.line + 1, line=key_node.start_mark.line + 1
                    )
                    raise _Refused(message, key_node.start_mark, key_node)
        return super().construct_mapping(node, deep)


_SafeLoader.add_constructor("tag:yaml.org,2002:int", _SafeLoader.construct_yaml_int)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_of(root: yaml.Node, target: yaml.Node) -> str:
    """The field path (``obstacles[2].text``) of a node, as the model's messages name fields.

    Walked without recursion: the tree may be as deep as MAX_NESTING allows.
    """
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = _shorten(str(key_node.value)) if isinstance(key_node, yaml.ScalarNode) else "?"
                child_path = f"{path}.{key}" if path else key
                if key_node is target:
                    return child_path
                stack.append((value_node, child_path))
    return ""


def _parser_hint(err: yaml.MarkedYAMLError) -> str:
    """PyYAML's English hint in German where we know it (it words some in ``context``, some in ``problem``)."""
    words = f"{err.context or ''} {err.problem or ''}"
    known = (german for english, german in texts.YAML_PROBLEMS.items() if english in words)
    return next(known, texts.YAML_PROBLEM_OTHER)


class _FlowList(list):
    """A short list written on one line (``topics: [daten, kooperation]``) for readable diffs."""


class _Dumper(yaml.SafeDumper):
    """Writes readable YAML; PyYAML quotes every string that would read back as another type."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Literal blocks keep stories readable; the emitter falls back to quotes when a block can't
    # carry the text exactly (leading spaces on the first line, trailing spaces, …).
    # Every text written is cleaned as typed text is (bidi controls, stray control characters), so the
    # day's pages, the setup page and the CLI need not each remember to.
    value = clean_text(value)
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_flow_list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_FlowList, _represent_flow_list)


def load_yaml_text(text: str, file: str) -> Any:
    """Parse YAML safely; every way a file can be wrong becomes a German ``ValidationError``."""
    root: yaml.Node | None = None
    loader: _SafeLoader | None = None
    try:
        loader = _SafeLoader(text)  # checks the characters right away
        root = loader.get_single_node()
        return None if root is None else loader.construct_document(root)
    except _Refused as err:
        field = _field_of(root, err.node) if root is not None and err.node is not None else ""
        raise ValidationError([Problem(file, field, err.problem)]) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = _parser_hint(err)
        message = (
            texts.ERR_YAML_SYNTAX.format(line=mark.line + 1, column=mark.column + 1, problem=problem)
            if mark
            else texts.ERR_YAML_SYNTAX_NOPOS.format(problem=problem)
        )
        raise ValidationError([Problem(file, "", message)]) from None
    except yaml.reader.ReaderError as err:
        code = err.character if isinstance(err.character, int) else 0
        message = texts.ERR_YAML_CHARACTER.format(line=text.count("\n", 0, err.position) + 1, code=code)
        raise ValidationError([Problem(file, "", message)]) from None
    except yaml.YAMLError as err:
        raise ValidationError([Problem(file, "", str(err))]) from None
    finally:
        if loader is not None:
            loader.dispose()


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def persona_yaml(persona: Persona) -> str:
    data = persona_to_data(persona)
    for section in ("obstacles", "successes", "drivers", "questions", "offers"):
        for item in data[section]:
            item["topics"] = _FlowList(item["topics"])
    return dump_yaml(data)


def read_yaml_file(path: Path, limits: Limits) -> Any:
    """Read one file with the size limit and encoding check, then parse it safely."""
    file = path.name
    try:
        # A link could show any file of the server on a page; a named pipe would block the page forever.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise ValidationError([Problem(file, "", texts.ERR_FILE_MISSING)]) from None
    except OSError as err:
        message = texts.ERR_SYMLINK if err.errno == errno.ELOOP else texts.ERR_FILE_UNREADABLE
        raise ValidationError([Problem(file, "", message)]) from None
    status = os.fstat(fd)
    if not S_ISREG(status.st_mode):  # a folder named like a file, a pipe, a device
        os.close(fd)
        raise ValidationError([Problem(file, "", texts.ERR_FILE_UNREADABLE)])
    if status.st_size > limits.max_file_bytes:
        os.close(fd)
        message = texts.ERR_FILE_TOO_BIG.format(size=status.st_size // 1024, limit=limits.max_file_bytes // 1024)
        raise ValidationError([Problem(file, "", message)])
    with os.fdopen(fd, "rb") as handle:
        try:
            raw = handle.read(limits.max_file_bytes + 1)
        except OSError:  # no permission, a vanished network share …
            raise ValidationError([Problem(file, "", texts.ERR_FILE_UNREADABLE)]) from None
    if len(raw) > limits.max_file_bytes:  # it grew while being read
        message = texts.ERR_FILE_TOO_BIG.format(size=len(raw) // 1024, limit=limits.max_file_bytes // 1024)
        raise ValidationError([Problem(file, "", message)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        message = texts.ERR_FILE_ENCODING.format(line=line, position=err.start)
        raise ValidationError([Problem(file, "", message)]) from None
    return load_yaml_text(text, file)


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write so that ``path`` is always either the old or the new file, even on SIGKILL."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o644)  # mkstemp makes 0600; these files are meant to be shared
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_problem(err: OSError) -> str:
    """Why a write failed, said in German for the person who pressed *Speichern*."""
    from filelock import Timeout

    if isinstance(err, Timeout):
        return texts.ERR_WRITE_LOCKED
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return texts.ERR_WRITE_READ_ONLY
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return texts.ERR_WRITE_DISK_FULL
    return texts.ERR_WRITE_OTHER.format(code=errno.errorcode.get(err.errno or 0, err.errno or "?"))


# ---------------------------------------------------------------------------------------------
# The folder


@dataclass(frozen=True)
class PersonaResult:
    """What reading one Kommune's file gave: a persona, or the problems that kept it from loading."""

    slug: str
    persona: Persona | None
    problems: tuple[Problem, ...] = ()
    exists: bool = True

    @property
    def ok(self) -> bool:
        return self.persona is not None


class WorkshopFolder:
    """One workshop folder: ``workshop.yaml`` plus one ``<kommune>.yaml`` per persona.

    Thread-safe: Streamlit serves every browser tab from a thread of one process, and several
    processes (the app, the CLI) may write the same folder; the file lock covers both.
    """

    def __init__(self, path: Path | str, limits: Limits | None = None):
        self.path = Path(path)
        self.slug = self.path.name
        self.limits = limits or Limits.from_env()
        self._cache: dict[Path, tuple[tuple[int, int], Any]] = {}
        self._cache_lock = threading.Lock()

    # -- reading ---------------------------------------------------------------------------
    def _cached(self, path: Path, parse) -> Any:
        """Return ``parse(path)``, reusing the last result while the file is unchanged."""
        try:
            stat = path.stat()
            key = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            key = (0, -1)
        with self._cache_lock:
            hit = self._cache.get(path)
        if hit and hit[0] == key:
            return hit[1]
        try:
            value: Any = parse(path)
        except ValidationError as err:
            value = err
        with self._cache_lock:
            self._cache[path] = (key, value)
        return value

    def workshop(self) -> Workshop:
        """The workshop description; raises ``ValidationError`` when it is broken."""
        result = self._cached(
            self.path / WORKSHOP_FILE,
            lambda p: parse_workshop(read_yaml_file(p, self.limits), self.slug, WORKSHOP_FILE, self.limits),
        )
        if isinstance(result, ValidationError):
            raise result
        return result

    def persona_path(self, slug: str) -> Path:
        problem = slug_problem(slug)
        if problem or slug == "workshop":
            raise ValueError(problem or texts.ERR_SLUG_RESERVED.format(slug=slug))
        return self.path / f"{slug}.yaml"

    def persona(self, slug: str) -> PersonaResult:
        """Read one Kommune's persona; never raises for a broken file, returns its problems."""
        workshop = self.workshop()
        path = self.persona_path(slug)
        if not path.exists():
            return PersonaResult(slug, None, exists=False)
        result = self._cached(
            path,
            lambda p: self._with_image(parse_persona(read_yaml_file(p, self.limits), workshop, p.name, self.limits)),
        )
        if isinstance(result, ValidationError):
            return PersonaResult(slug, None, tuple(result.problems))
        return PersonaResult(slug, result)

    def _with_image(self, persona: Persona) -> Persona:
        persona.profile.avatar_image = self.image_uri(persona.profile.avatar_file)
        return persona

    def image_uri(self, file: str) -> str:
        """The workshop's own uploaded picture as a data URI, or "" (unknown names are never opened).

        A symbolic link is never followed (``bilder/x.png -> /etc/passwd`` must not end up in a
        page or PDF); ``image_problem`` says why such a picture is not shown.
        """
        if not file or slug_problem(file.removesuffix(".png")) is not None or not file.endswith(".png"):
            return ""
        if self.image_problem(file):
            return ""
        path = self.path / IMAGES_DIR / file
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)  # a link swapped in after the check is refused too
        except OSError:
            return ""
        with os.fdopen(fd, "rb") as handle:
            if not S_ISREG(os.fstat(handle.fileno()).st_mode):
                return ""
            data = handle.read(self.limits.max_image_bytes + 1)
        if len(data) > self.limits.max_image_bytes:
            return ""
        return "data:image/png;base64," + base64.b64encode(data).decode("ascii")

    def image_problem(self, file: str) -> str | None:
        """A German message when the named picture is a link (or lies in a linked folder), else None."""
        if not file:
            return None
        folder = self.path / IMAGES_DIR
        if folder.is_symlink() or (folder / file).is_symlink():
            return texts.ERR_IMAGE_SYMLINK.format(file=file)
        return None

    def save_image(self, kommune: str, data: bytes) -> str:
        """Store an uploaded picture safely and return its file name for ``persona.avatar.file``.

        The upload is decoded and re-encoded with Pillow: only pixels survive (no EXIF, no GPS, no
        embedded profiles or scripts), turned upright, at most 600 px a side, as PNG. The name carries
        a hash of the content, so a new picture is a new file and no cache shows an old one.
        """
        from PIL import Image, ImageOps, UnidentifiedImageError

        # Pillow itself then refuses more than twice this (DecompressionBombError) while opening;
        # between one and two times it only warns, so the size is checked below before decoding.
        Image.MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS
        limit = self.limits.max_image_bytes
        if len(data) > limit:
            message = texts.ERR_IMAGE_TOO_BIG.format(
                size=f"{len(data) / 2**20:.1f}".replace(".", ","), limit=limit // 2**20
            )
            raise ValidationError([Problem(IMAGES_DIR, "persona.avatar.file", message)])
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ("PNG", "JPEG"):
                    raise UnidentifiedImageError(image.format)
                if image.width * image.height > IMAGE_MAX_PIXELS:  # the header's size, nothing decoded yet
                    raise Image.DecompressionBombError(f"({image.width * image.height} pixels)")
                image = ImageOps.exif_transpose(image)
                image.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))
                clean = Image.new("RGB", image.size, "white")
                clean.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        except Image.DecompressionBombError as err:
            found = re.search(r"\((\d+) pixels\)", str(err))
            message = texts.ERR_IMAGE_TOO_MANY_PIXELS.format(
                megapixels=round(int(found.group(1)) / 1e6) if found else "?", limit=IMAGE_MAX_PIXELS // 10**6
            )
            raise ValidationError([Problem(IMAGES_DIR, "persona.avatar.file", message)]) from None
        except (UnidentifiedImageError, OSError, ValueError):
            raise ValidationError([Problem(IMAGES_DIR, "persona.avatar.file", texts.ERR_IMAGE_UNREADABLE)]) from None
        buffer = io.BytesIO()
        clean.save(buffer, format="PNG", optimize=True)
        encoded = buffer.getvalue()
        name = f"{kommune}-{hashlib.sha256(encoded).hexdigest()[:10]}.png"
        folder = self.path / IMAGES_DIR
        if folder.is_symlink():  # writing there would put the file wherever the link points
            raise ValidationError([Problem(IMAGES_DIR, "persona.avatar.file", texts.ERR_IMAGES_FOLDER_SYMLINK)])
        folder.mkdir(exist_ok=True)
        write_atomically(folder / name, encoded)
        return name

    # -- access: join codes and the reveal switch --------------------------------------------
    def access(self) -> dict:
        """``{"salt", "codes": {kommune: digest}, "revealed", "generation"}``; empty codes when none were made.

        ``generation`` rises with every new set of codes: a session joined with an older one is over.
        """
        path = self.path / ACCESS_FILE
        if not path.exists():
            return {"salt": b"", "codes": {}, "revealed": True, "generation": 0}
        data = self._cached(path, lambda p: read_yaml_file(p, self.limits))
        damaged = {"salt": b"", "codes": {"": ""}, "revealed": False, "generation": -1}
        if isinstance(data, ValidationError) or not isinstance(data, dict):
            # A damaged access file must not open the doors: nobody joins, nothing is revealed.
            return damaged
        try:
            salt = base64.b64decode(str(data.get("salt", "")))
        except ValueError:  # not base64: damaged too, and every page asks this file
            return damaged
        codes = data.get("codes") or {}
        if not isinstance(codes, dict):
            return damaged
        generation = data.get("generation", 0)
        return {
            "salt": salt,
            "codes": {str(k): str(v) for k, v in codes.items()},
            "revealed": data.get("revealed") is True,
            "generation": generation if type(generation) is int else -1,
        }

    def set_codes(self, codes: dict[str, str]) -> None:
        """Store the digests of new join codes (old codes and their sessions end); the codes are not kept."""
        from werkstatt.access import code_digest

        salt = os.urandom(16)
        with FileLock(str(self.path / ".zugang.lock"), timeout=LOCK_TIMEOUT_SECONDS):
            exists = (self.path / ACCESS_FILE).exists()
            current = self.access()
            self._write_access_locked(
                {
                    "salt": base64.b64encode(salt).decode(),
                    "codes": {kommune: code_digest(code, salt) for kommune, code in codes.items()},
                    "revealed": current["revealed"] if exists else False,
                    "generation": max(current["generation"], 0) + 1,
                }
            )

    def set_revealed(self, revealed: bool) -> None:
        with FileLock(str(self.path / ".zugang.lock"), timeout=LOCK_TIMEOUT_SECONDS):
            current = self.access()
            self._write_access_locked(
                {
                    "salt": base64.b64encode(current["salt"]).decode(),
                    "codes": current["codes"],
                    "revealed": revealed,
                    "generation": current["generation"],
                }
            )

    def _write_access_locked(self, data: dict) -> None:
        """Write the access file; the caller holds ``.zugang.lock`` around its read and this write."""
        write_atomically(self.path / ACCESS_FILE, dump_yaml({"schema_version": 1, **data}))

    def kommune_for_code(self, code: str) -> str | None:
        from werkstatt.access import find_kommune

        current = self.access()
        return find_kommune(code, current["salt"], current["codes"]) if current["codes"] else None

    # -- the day (tag/): Themenbörse, programme, topic session boards, takeaways ---------------
    def _day_read(self, name: str, parse) -> Any:
        """A day file as an object (an empty one while the file does not exist); ``ValidationError`` if broken.

        The object is shared by every session through the cache: read it, never change it.
        """
        path = self.path / day.DAY_DIR / name
        self._refuse_linked_folder(path)
        if not path.exists():
            return parse(None)
        result = self._cached(path, lambda p: parse(read_yaml_file(p, self.limits)))
        if isinstance(result, ValidationError):
            raise result
        return result

    def _day_file(self, kind: str, group: str = "") -> tuple[str, Any, Any]:
        """(file name under tag/, parse(data), to_data(object)) of one kind of day file."""
        workshop, limits = self.workshop(), self.limits
        if kind == "board":
            name = day.board_file(group)
            return name, lambda d: day.parse_board(d, workshop, group, f"{group}.yaml", limits), day.board_to_data
        name, parse, to_data = {
            "market": (day.MARKET_FILE, day.parse_market, day.market_to_data),
            "agenda": (day.AGENDA_FILE, day.parse_agenda, day.agenda_to_data),
            "takeaways": (day.TAKEAWAYS_FILE, day.parse_takeaways, day.takeaways_to_data),
        }[kind]
        return name, lambda d: parse(d, workshop, limits=limits), to_data

    def market(self) -> day.Market:
        return self._day_read(*self._day_file("market")[:2])

    def agenda(self) -> day.Agenda:
        return self._day_read(*self._day_file("agenda")[:2])

    def board(self, group: str) -> day.Board:
        return self._day_read(*self._day_file("board", group)[:2])

    def takeaways(self) -> day.Takeaways:
        return self._day_read(*self._day_file("takeaways")[:2])

    def day(self) -> day.Day:
        """The whole day for documents: market, programme, the board of every group, takeaways."""
        agenda = self.agenda()
        boards = {group.id: self.board(group.id) for _, group in agenda.groups()}
        return day.Day(self.market(), agenda, boards, self.takeaways())

    def update_market(self, change) -> Any:  # change(market) -> its result
        return self._update_day(*self._day_file("market"), change)

    def update_agenda(self, change) -> Any:
        return self._update_day(*self._day_file("agenda"), change)

    def update_board(self, group: str, change) -> Any:
        return self._update_day(*self._day_file("board", group), change)

    def update_takeaways(self, change) -> Any:
        return self._update_day(*self._day_file("takeaways"), change)

    def _update_day(self, name: str, parse, to_data, change, now: dt.datetime | None = None) -> Any:
        """Apply ``change`` to the newest version of a day file under its lock and save it; return its result.

        Every change is an operation on what is on disk at that moment (add an entry, put a dot …),
        so two fellows acting at once both get through, one after the other. A broken file is never
        overwritten: its problems are raised as ``ValidationError``; a refused operation raises
        ``day.RuleError`` and writes nothing. The old file goes to the history like a persona's.
        """
        path = self.path / day.DAY_DIR / name
        folder = path.parent
        self._refuse_linked_folder(path)
        folder.mkdir(parents=True, exist_ok=True)

        def update(stamp: dt.datetime) -> tuple[str, int, Any]:
            current = parse(read_yaml_file(path, self.limits) if path.exists() else None)
            old_revision = current.revision
            result = change(current)
            current.revision, current.updated = old_revision + 1, stamp
            return dump_yaml(_flow_lists(to_data(current))), old_revision, result

        lock = folder / f".{path.name}.lock"
        history = f"{day.DAY_DIR}-{path.stem}"
        return self._write_under_lock(path, lock, update, parse, texts.ERR_FILE_TOO_BIG, history, now)

    def personas(self) -> list[PersonaResult]:
        """Every Kommune of the workshop in its order, including those without a file yet."""
        return [self.persona(k.slug) for k in self.workshop().kommunen]

    def signature(self) -> tuple:
        """Changes whenever any file of the workshop changes: a cheap key for derived results."""
        return _signature(self.path)

    def stray_files(self) -> list[str]:
        """YAML files in the folder that belong to no Kommune of the workshop (typos, leftovers)."""
        known = {f"{k.slug}.yaml" for k in self.workshop().kommunen} | {WORKSHOP_FILE}
        return sorted(p.name for p in self.path.glob("*.yaml") if p.name not in known and not p.name.startswith("."))

    # -- writing ---------------------------------------------------------------------------
    def save_persona(self, persona: Persona, base_revision: int, now: dt.datetime | None = None) -> Persona:
        """Save ``persona`` if the file is still at ``base_revision``; return the saved persona.

        Raises ``ConflictError`` when someone saved in between, ``ValidationError`` when the
        persona is invalid or too big. On success the old file is kept in the history.
        """
        workshop = self.workshop()
        path = self.persona_path(persona.kommune)

        def update(stamp: dt.datetime) -> tuple[str, int, Persona]:
            current = self._read_current(path, workshop)
            current_revision = current.revision if current else (self._revision_on_disk(path) if path.exists() else 0)
            if current_revision != base_revision:
                raise ConflictError(current, base_revision, current_revision)
            saved = with_revision(with_entry_ids(persona), base_revision + 1, stamp)
            return persona_yaml(saved), current_revision, saved

        def reads_back(data: Any) -> None:
            parse_persona(data, workshop, path.name, self.limits)

        lock = self.path / f".{persona.kommune}.lock"
        saved = self._write_under_lock(path, lock, update, reads_back, texts.ERR_PERSONA_TOO_BIG, persona.kommune, now)
        self._remove_stale_temporary_files()
        return saved

    def _write_under_lock(
        self,
        path: Path,
        lock: Path,
        update: Callable[[dt.datetime], tuple[str, int, Any]],
        reads_back: Callable[[Any], object],
        too_big: str,
        history: str,
        now: dt.datetime | None = None,
    ) -> Any:
        """The one way a file of the workshop is changed: lock, read, check, write.

        Under the file's lock ``update(stamp)`` reads the newest version from disk, checks it (a conflict,
        a rule) and returns (the text to write, the revision on disk, its result); raising there writes
        nothing. The text is written only if ``reads_back`` parses it (a saved file always reads back) and
        it fits ``max_file_bytes`` (``too_big`` says so in German); the old file goes to the history
        under ``history`` first. Returns ``update``'s result.
        """
        stamp = (now or dt.datetime.now().astimezone()).replace(microsecond=0)
        with FileLock(str(lock), timeout=LOCK_TIMEOUT_SECONDS):
            text, old_revision, result = update(stamp)
            reads_back(load_yaml_text(text, path.name))
            size = len(text.encode("utf-8"))
            if size > self.limits.max_file_bytes:
                message = too_big.format(size=size // 1024 + 1, limit=self.limits.max_file_bytes // 1024)
                raise ValidationError([Problem(path.name, "", message)])
            if path.exists():
                self._keep_in_history(path, history, old_revision)
            write_atomically(path, text)
        return result

    def _remove_stale_temporary_files(self, older_than_seconds: float = 60) -> None:
        """A writer killed mid-save leaves its temporary file behind; tidy those up later."""
        limit = time.time() - older_than_seconds
        for leftover in self.path.glob(".tmp-*"):
            with contextlib.suppress(FileNotFoundError):
                if leftover.stat().st_mtime < limit:
                    leftover.unlink()

    def _read_current(self, path: Path, workshop: Workshop) -> Persona | None:
        if not path.exists():
            return None
        try:
            return parse_persona(read_yaml_file(path, self.limits), workshop, path.name, self.limits)
        except ValidationError:
            return None

    def _revision_on_disk(self, path: Path) -> int:
        """The revision of a file that does not validate, so a fix can still be saved over it."""
        try:
            data = read_yaml_file(path, self.limits)
        except ValidationError:
            return -1
        revision = data.get("revision") if isinstance(data, dict) else None
        return revision if isinstance(revision, int) and not isinstance(revision, bool) else -1

    def _refuse_linked_folder(self, path: Path) -> None:
        """A file under a linked folder (``tag -> elsewhere``) is neither read nor written: it could be anywhere."""
        parts = path.relative_to(self.path).parts[:-1]
        if any((self.path / Path(*parts[: n + 1])).is_symlink() for n in range(len(parts))):
            raise ValidationError([Problem(path.name, "", texts.ERR_SYMLINK)])

    def _keep_in_history(self, path: Path, slug: str, revision: int) -> None:
        folder = self.path / HISTORY_DIR / slug
        if folder.is_symlink() or folder.parent.is_symlink():  # writing there would put the copy anywhere
            raise PermissionError(errno.EACCES, "linked history folder")
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{max(revision, 0):06d}.yaml", path.read_text(encoding="utf-8", errors="replace"))

    # -- unsaved wizard input (drafts) -------------------------------------------------------
    def _draft_path(self, kommune: str, token: str) -> Path:
        if not DRAFT_TOKEN_RE.match(token):
            raise ValueError(token)
        return self.path / DRAFTS_DIR / f"{self.persona_path(kommune).stem}-{token}.yaml"

    def save_draft(self, kommune: str, token: str, data: dict) -> None:
        """Keep a tab's unsaved input (atomically; raises ``OSError`` when the disk refuses)."""
        path = self._draft_path(kommune, token)
        if path.parent.is_symlink():
            raise PermissionError(errno.EACCES, "linked drafts folder")
        path.parent.mkdir(exist_ok=True)
        write_atomically(path, dump_yaml(data))
        limit = time.time() - DRAFT_MAX_AGE_SECONDS
        for old in path.parent.glob("*.yaml"):  # tabs nobody came back to
            with contextlib.suppress(OSError):
                if old.stat().st_mtime < limit:
                    old.unlink()

    def read_draft(self, kommune: str, token: str) -> Any:
        """The data of a kept draft, None when there is none; ``ValidationError`` when it is damaged."""
        path = self._draft_path(kommune, token)
        if path.is_symlink() or path.parent.is_symlink() or not path.is_file():
            return None
        # A draft may hold more than a valid persona (too long texts are kept to be shortened).
        return read_yaml_file(path, replace(self.limits, max_file_bytes=4 * self.limits.max_file_bytes))

    def delete_draft(self, kommune: str, token: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._draft_path(kommune, token).unlink()

    def history(self, slug: str) -> list[int]:
        """Revisions kept for a Kommune, oldest first."""
        folder = self.path / HISTORY_DIR / slug
        return sorted(int(p.stem) for p in folder.glob("*.yaml") if p.stem.isdigit()) if folder.exists() else []

    def past_version(self, slug: str, revision: int) -> Persona | None:
        """A kept version of a persona, or None if that file cannot be read (it is never trusted)."""
        path = self.path / HISTORY_DIR / self.persona_path(slug).stem / f"{revision:06d}.yaml"
        workshop = self.workshop()
        result = self._cached(  # kept versions never change: parsed once, not on every rerun
            path, lambda p: parse_persona(read_yaml_file(p, self.limits), workshop, f"{slug}.yaml", self.limits)
        )
        return None if isinstance(result, ValidationError) else result


def _signature(folder: Path) -> tuple:
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        entries.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def _flow_lists(data: Any) -> Any:
    """Short lists of names (topics, supporters, contacts) on one line, for readable diffs."""
    if isinstance(data, dict):
        return {k: _flow_lists(v) for k, v in data.items()}
    if isinstance(data, list):
        if data and all(isinstance(v, str) and len(v) <= 60 for v in data):
            return _FlowList(data)
        return [_flow_lists(v) for v in data]
    return data


def create_workshop(root: Path | str, workshop: Workshop) -> Path:
    """Write a new workshop folder; refuses what reading would refuse, and never overwrites."""
    data = workshop_to_data(workshop)
    parse_workshop(data, workshop.slug)  # raises ValidationError with German messages
    problem = slug_problem(workshop.slug)
    if problem:
        raise ValidationError([Problem(WORKSHOP_FILE, "title", problem)])
    folder = Path(root) / workshop.slug
    if folder.exists():
        raise FileExistsError(folder)
    folder.mkdir(parents=True)
    write_atomically(folder / WORKSHOP_FILE, dump_yaml(data))
    return folder


def find_workshops(root: Path | str) -> list[Path]:
    """Workshop folders directly under ``root`` (each holds a ``workshop.yaml``), sorted by name."""
    root = Path(root)
    if (root / WORKSHOP_FILE).exists():
        return [root]
    return sorted(p for p in root.iterdir() if (p / WORKSHOP_FILE).is_file()) if root.is_dir() else []


def find_code(folders: Iterable[WorkshopFolder], code: str) -> tuple[WorkshopFolder, str, int] | None:
    """(folder, Kommune, code generation) of the workshop whose join code this is, looked up in all.

    Every workshop with codes costs one hash, found or not, so the time says nothing about which exist.
    """
    from werkstatt.access import CODE_LENGTH, find_kommune, normalise_code

    if len(normalise_code(code)) != CODE_LENGTH:
        return None
    found = None
    for folder in folders:
        current = folder.access()
        if current["codes"] and current["generation"] >= 0:
            kommune = find_kommune(code, current["salt"], current["codes"])
            if kommune and found is None:
                found = (folder, kommune, current["generation"])
    return found
