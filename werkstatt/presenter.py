"""The presentation's order of slides and its speaking timer, without Streamlit.

Slides are identified by a key (``persona:<slug>``, ``overview``, …), never by position, so a persona
that arrives while the facilitator presents is added in its place without moving the current slide.

A projector cannot scroll (a presenter remote only sends "next" and "previous"), so every slide must
fit the screen. The slide is laid out in ``em`` on a fixed 16:9 stage (``STAGE_WIDTH`` × ``STAGE_HEIGHT``;
``presenter.css`` picks the font size so that this stage fills the screen below the controls), and the
content is cut into slides here by an estimate of its lines: long personas become „Stolpersteine 1/2“
and „Stolpersteine 2/2“, long lists continue on the next slide. The estimate errs on the long side;
``tests/test_browser_projector.py`` measures real slides against the screen.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from werkstatt import texts
from werkstatt.model import ENTRY_SECTIONS, STAGES, Persona, Workshop

DEFAULT_MINUTES = 3

# The stage in em of the slide's body text (presenter.css: 51em wide, 26.2em high below the controls).
STAGE_WIDTH = 51.0
STAGE_HEIGHT = 25.4  # a little less than the stage: the estimate is an estimate
LINE = 1.3  # line-height of the slide text
CHAR = 0.54  # average width of a DejaVu Sans character in em (German text; measured 0.53 on the demo)
CHAR_CAPS = 0.75  # bold uppercase headings with letter spacing
SHOWN_SECTIONS = ENTRY_SECTIONS[:3]  # obstacles, successes, drivers: what a persona is presented with
QUOTE_LINES = 3  # a quote is one sentence; a longer one is shortened on the slide (the card has it all)
OVERVIEW_TILES = 6  # three across, two down


@dataclass(frozen=True)
class Column:
    """One titled list on a slide: a persona section, a connecting theme, a stage table."""

    title: str
    items: tuple = ()


@dataclass(frozen=True)
class Slide:
    key: str
    kind: str  # persona | stages | overview | connections | partners
    title: str
    kommune: str | None = None
    columns: tuple[Column, ...] = ()
    quote: str = ""  # the persona's quote, on its first slide only
    first: bool = True  # the first slide of a persona (full head) or a follow-up (one-line head)
    part: str = ""  # „Teil 2 von 3“ on a persona's follow-up slides

    @property
    def timer_key(self) -> str | None:
        """All slides of one persona share its speaking time."""
        return f"persona:{self.kommune}" if self.kommune else None


@dataclass(frozen=True)
class StageRow:
    topic: str
    stage: int | None
    stage_name: str
    note: str


@dataclass(frozen=True)
class PartnerLine:
    seeker: str
    need: str
    helper: str
    help: str
    reason: str


def position(all_slides: list[Slide], key: str | None, fallback: int = 0) -> int:
    """Index of the slide ``key``; if it vanished (file now broken), stay near where it was."""
    for index, slide in enumerate(all_slides):
        if slide.key == key:
            return index
    return max(0, min(fallback, len(all_slides) - 1))


def step(all_slides: list[Slide], key: str | None, delta: int, fallback: int = 0) -> Slide:
    index = position(all_slides, key, fallback) + delta
    return all_slides[max(0, min(index, len(all_slides) - 1))]


@dataclass
class Timer:
    """A speaking timer: counts down ``duration`` seconds; pausing keeps the time already spoken."""

    duration: float = DEFAULT_MINUTES * 60
    elapsed: float = 0.0
    started_at: float | None = None

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def spoken(self, now: float) -> float:
        return self.elapsed + (now - self.started_at if self.started_at is not None else 0.0)

    def remaining(self, now: float) -> float:
        return max(0.0, self.duration - self.spoken(now))

    def start(self, now: float) -> None:
        if self.started_at is None:
            self.started_at = now

    def pause(self, now: float) -> None:
        if self.started_at is not None:
            self.elapsed = self.spoken(now)
            self.started_at = None

    def reset(self) -> None:
        self.elapsed = 0.0
        self.started_at = None


def clock(seconds: float) -> str:
    """``mm:ss``, rounded up so a timer shows 0:00 only when time is really up."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


# ---------------------------------------------------------------------------------------------
# Estimating heights (in em of the slide text)


def lines(text: str, width_em: float, char_em: float = CHAR) -> int:
    """How many lines ``text`` needs in a box ``width_em`` wide (word wrapping, never less than one)."""
    per_line = max(8, int(width_em / char_em))
    return sum(max(1, len(textwrap.wrap(part, per_line, break_long_words=True))) for part in text.split("\n"))


def _split_long(text: str, width_em: float, max_lines: int) -> list[str]:
    """A text taller than ``max_lines`` cut at word boundaries into pieces that each fit; „…“ marks a cut."""
    per_line = max(8, int(width_em / CHAR))
    wrapped = textwrap.wrap(text, per_line - 2, break_long_words=True)
    if len(wrapped) <= max_lines:
        return [text]
    pieces = [" ".join(wrapped[i : i + max_lines]) for i in range(0, len(wrapped), max_lines)]
    return [("…" if i else "") + piece + ("…" if i < len(pieces) - 1 else "") for i, piece in enumerate(pieces)]


def shorten(text: str, width_em: float, max_lines: int, char_em: float = CHAR) -> str:
    per_line = max(8, int(width_em / char_em))
    wrapped = textwrap.wrap(" ".join(text.split()), per_line - 2)
    return text if len(wrapped) <= max_lines else " ".join(wrapped[:max_lines]).rstrip(" ,.;:–-") + " …"


def _flow(
    groups: list[tuple[str, list[tuple[str, str]]]], width_em: float, budget: float, heading_char: float = CHAR_CAPS
) -> list[list[tuple[str, list[tuple[str, str]]]]]:
    """Titled lists poured into pages of height ``budget``; a list cut by a page goes on under its title.

    Returns pages of (title, items); a title is repeated where its list continues.
    """
    item_width = width_em - 1.1  # list indent
    max_item_lines = max(1, int((budget - 2 * LINE - 0.6) / LINE))
    pages: list[list[tuple[str, list[tuple[str, str]]]]] = [[]]
    used = 0.0
    for title, items in groups:
        title_height = lines(title, width_em, heading_char) * LINE + 0.5
        # An item is (who, text), shown as „who: text“; a long text is cut, each piece keeps its who.
        pieces = [
            (who, piece) for who, text in items for piece in _split_long(f"{who}: {text}", item_width, max_item_lines)
        ]
        pieces = [(who, piece.replace(f"{who}: ", "", 1)) for who, piece in pieces]
        current: list[tuple[str, str]] = []

        def height_of(item: tuple[str, str]) -> float:
            return lines(f"{item[0]}: {item[1]}", item_width) * LINE + 0.3

        if pages[-1] and used + title_height + (height_of(pieces[0]) if pieces else 0) > budget:
            pages.append([])
            used = 0.0
        used += title_height
        for piece in pieces:
            height = height_of(piece)
            if used + height > budget and (current or pages[-1]):
                pages[-1].append((title, current))
                pages.append([])
                current, used = [], title_height
            current.append(piece)
            used += height
        pages[-1].append((title, current))
        used += 0.6  # space below a list
    return [page for page in pages if page]


def _numbered(title: str, index: int, total: int) -> str:
    return texts.PRESENT_PART_TITLE.format(title=title, part=index + 1, total=total) if total > 1 else title


# ---------------------------------------------------------------------------------------------
# The slides


def persona_slides(workshop: Workshop, persona: Persona) -> list[Slide]:
    """A persona's slides: head, quote and its three lists (as many slides as they need), then its stages."""
    kommune = workshop.kommune(persona.kommune)
    name = kommune.name if kommune else persona.kommune
    title = texts.PRESENT_SLIDE_PERSONA.format(kommune=name)
    profile = persona.profile
    quote = shorten(profile.quote.strip(), STAGE_WIDTH / 1.15, QUOTE_LINES) if profile.quote.strip() else ""
    head = _head_height(name, profile.name, profile.role)
    first_budget = STAGE_HEIGHT - head - (lines(quote, STAGE_WIDTH / 1.15) * 1.15 * LINE + 0.9 if quote else 0)
    later_budget = STAGE_HEIGHT - FOLLOW_HEAD
    column_width = (STAGE_WIDTH - 2 * 1.2) / 3
    # Each list is cut into pieces on its own; slide n shows piece n of every list that still has one.
    chunks = []
    for section in SHOWN_SECTIONS:
        items = [e.text.strip() for e in persona.entries(section) if e.text.strip()]
        pages = _column_pages(items, column_width, first_budget, later_budget)
        chunks.append((texts.SECTION_TITLES[section], pages))
    count = max(len(pages) for _, pages in chunks)
    key = f"persona:{persona.kommune}"
    result = []
    for n in range(count):
        columns = tuple(
            Column(_numbered(section_title, n, len(pages)), tuple(pages[n]))
            for section_title, pages in chunks
            if n < len(pages) and (n == 0 or pages[n])
        )
        result.append(
            Slide(
                key if n == 0 else f"{key}:{n + 1}",
                "persona",
                title if count == 1 else f"{title} · {texts.PRESENT_PART.format(part=n + 1, total=count)}",
                persona.kommune,
                columns,
                quote=quote if n == 0 else "",
                first=n == 0,
                part=texts.PRESENT_PART.format(part=n + 1, total=count) if count > 1 else "",
            )
        )
    result += _stage_slides(workshop, persona, key, title)
    return result


HEAD_AVATAR = 4.2
FOLLOW_HEAD = 1.2 * LINE + 0.6  # one line „Kommune · Name“ at 1.2em


def _head_height(kommune: str, name: str, role: str) -> float:
    width = STAGE_WIDTH - HEAD_AVATAR - 0.8
    text = lines(kommune, width, CHAR_CAPS) * LINE + 1.8 * 1.15 * lines(name, width / 1.8, CHAR * 1.1)
    text += lines(role, width) * LINE if role else 0
    return max(HEAD_AVATAR, text) + 0.5


def _column_pages(items: list[str], width: float, first_budget: float, later_budget: float) -> list[list[str]]:
    """One list of a persona cut into column-high pieces (the first piece is shorter: it shares with the head)."""
    heading = 2 * LINE + 0.5  # section headings may wrap once in a third of the slide
    item_width = width - 1.1
    max_lines = max(1, int((min(first_budget, later_budget) - heading) / LINE) - 1)
    pages: list[list[str]] = [[]]
    used, budget = heading, first_budget
    for piece in (p for item in items for p in _split_long(item, item_width, max_lines)):
        height = lines(piece, item_width) * LINE + 0.3
        if used + height > budget and pages[-1]:
            pages.append([])
            used, budget = heading, later_budget
        pages[-1].append(piece)
        used += height
    return pages


def _stage_slides(workshop: Workshop, persona: Persona, key: str, title: str) -> list[Slide]:
    rows = []
    for topic in workshop.topics:
        entry = persona.stage_of(topic.id)
        rows.append(
            StageRow(
                topic.label,
                entry.stage if entry else None,
                STAGES[entry.stage] if entry else texts.CARD_STAGE_NOT_SET,
                entry.note.strip() if entry else "",
            )
        )
    # Table columns: topic 34 %, stage 28 %, note 38 % of the stage width; cells have 0.5em padding.
    widths = (STAGE_WIDTH * 0.34 - 1, STAGE_WIDTH * 0.28 - 2.4, STAGE_WIDTH * 0.38 - 1)
    budget = STAGE_HEIGHT - FOLLOW_HEAD - 1.2 * LINE - 0.6 - (LINE + 0.6)  # head, caption, header row
    pages: list[list[StageRow]] = [[]]
    used = 0.0
    for row in rows:
        note = _split_long(row.note, widths[2], int(budget / LINE) - 1)[0] if row.note else ""
        row = StageRow(row.topic, row.stage, row.stage_name, note)
        height = max(lines(row.topic, widths[0]), lines(row.stage_name, widths[1]), lines(note, widths[2])) * LINE
        height += 0.4
        if used + height > budget and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += height
    return [
        Slide(
            f"{key}:stufen" if n == 0 else f"{key}:stufen:{n + 1}",
            "stages",
            f"{title} · {_numbered(texts.CARD_STATUS_TITLE, n, len(pages))}",
            persona.kommune,
            (Column(_numbered(texts.CARD_STATUS_TITLE, n, len(pages)), tuple(page)),),
            first=False,
        )
        for n, page in enumerate(pages)
    ]


def _list_slides(key: str, kind: str, title: str, groups: list[tuple[str, list[tuple[str, str]]]]) -> list[Slide]:
    """Slides of titled lists under one slide title (connections, partners), continued as „2/3“."""
    budget = STAGE_HEIGHT - 1.7 * 1.2 - 0.5
    pages = _flow(groups, STAGE_WIDTH, budget) or [[]]
    return [
        Slide(
            key if n == 0 else f"{key}:{n + 1}",
            kind,
            _numbered(title, n, len(pages)),
            columns=tuple(Column(t, tuple(items)) for t, items in page),
        )
        for n, page in enumerate(pages)
    ]


def partner_lines(workshop: Workshop, partners: list, limit: int = 8) -> list[PartnerLine]:
    """The strongest pairs of the whole group, one per seeking and helping Kommune, best first."""

    def name(slug: str) -> str:
        kommune = workshop.kommune(slug)
        return kommune.name if kommune else slug

    result, seen = [], set()
    for partner in sorted(partners, key=lambda p: -p.score):
        pair = (partner.need.kommune, partner.help.kommune)
        if pair in seen:
            continue
        seen.add(pair)
        result.append(
            PartnerLine(
                name(partner.need.kommune),
                partner.need.entry.text,
                name(partner.help.kommune),
                partner.help.text,
                " · ".join(partner.reasons),
            )
        )
        if len(result) == limit:
            break
    return result


def slides(workshop: Workshop, personas: list[Persona], themes: list = (), partners: list = ()) -> list[Slide]:
    """Each saved persona in the workshop's order (its slides), then the overview, connections, partners."""
    by_slug = {p.kommune: p for p in personas}
    result = [s for k in workshop.kommunen if k.slug in by_slug for s in persona_slides(workshop, by_slug[k.slug])]
    tiles = [k.slug for k in workshop.kommunen if k.slug in by_slug] or [""]
    pages = [tiles[i : i + OVERVIEW_TILES] for i in range(0, len(tiles), OVERVIEW_TILES)]
    result += [
        Slide(
            "overview" if n == 0 else f"overview:{n + 1}",
            "overview",
            _numbered(texts.PRESENT_OVERVIEW, n, len(pages)),
            columns=(Column("", tuple(s for s in page if s)),),
        )
        for n, page in enumerate(pages)
    ]
    shown = [t for t in themes[:4] if t.kommunen]
    connections = [(texts.PRESENT_THEME.format(count=t.kommunen, label=t.label), list(t.obstacles)) for t in shown]
    result += _list_slides("connections", "connections", texts.PRESENT_CONNECTIONS, connections)
    lines_ = partner_lines(workshop, list(partners))
    result += _partner_slides(lines_)
    return result


def _partner_slides(partner_lines_: list[PartnerLine]) -> list[Slide]:
    budget = STAGE_HEIGHT - 1.7 * 1.2 - 0.5
    width = STAGE_WIDTH - 1.1
    pages: list[list[PartnerLine]] = [[]]
    used = 0.0
    for line in partner_lines_:
        text_lines = lines(f"{line.seeker} fragt: {line.need}", width) + lines(f"→ {line.helper}: {line.help}", width)
        height = (text_lines + lines(line.reason, width)) * LINE + 0.6
        if used + height > budget and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(line)
        used += height
    return [
        Slide(
            "partners" if n == 0 else f"partners:{n + 1}",
            "partners",
            _numbered(texts.PRESENT_PARTNERS, n, len(pages)),
            columns=(Column("", tuple(page)),),
        )
        for n, page in enumerate(pages)
    ]
