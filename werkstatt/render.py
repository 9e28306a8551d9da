"""HTML and PDF from jinja2 templates: one persona card for the app preview and for print.

The templates never compute: ``card_context`` prepares every label and number, and jinja2
autoescapes everything, so ``<script>`` in a quote is shown as text on screen and on paper.
PDFs are rendered by WeasyPrint with a deny-by-default URL fetcher: a template may load its own
assets from ``templates/``, nothing else (no ``file://``, no network).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import jinja2

from werkstatt import texts
from werkstatt.avatar import avatar_data_uri
from werkstatt.model import ENTRY_SECTIONS, EVIDENCE, STAGES, Persona, Workshop

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
INLINE_IMAGE_PREFIXES = ("data:image/svg+xml;base64,", "data:image/png;base64,", "data:image/jpeg;base64,")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=16)
def stylesheet(name: str) -> str:
    return (TEMPLATES_DIR / name).read_text(encoding="utf-8")


def card_context(workshop: Workshop, persona: Persona) -> dict:
    """Everything the persona card shows, already in German and in display order."""
    profile = persona.profile
    kommune = workshop.kommune(persona.kommune)
    name = profile.name.strip() or texts.CARD_NO_NAME
    stages = []
    for topic in workshop.topics:
        entry = persona.stage_of(topic.id)
        stages.append(
            {
                "topic": topic.label,
                "stage": entry.stage if entry else None,
                "label": texts.CARD_STAGE_LABEL.format(stage=entry.stage, label=STAGES[entry.stage])
                if entry
                else texts.CARD_STAGE_NOT_SET,
                "stage_name": STAGES[entry.stage] if entry else texts.CARD_STAGE_NOT_SET,
                "note": entry.note.strip() if entry else "",
            }
        )
    sections = []
    for section in ENTRY_SECTIONS:
        entries = [
            {
                "text": e.text.strip(),
                "topics": [workshop.topic_label(t) for t in e.topics],
                "evidence": EVIDENCE.get(e.evidence or "", ""),
                "evidence_id": e.evidence or "",
            }
            for e in persona.entries(section)
            if e.text.strip()
        ]
        sections.append({"id": section, "title": texts.SECTION_TITLES[section], "entries": entries})
    updated = persona.updated.strftime("%d.%m.%Y, %H:%M") if persona.updated else ""
    return {
        "kommune": kommune.name if kommune else persona.kommune,
        "kommune_detail": " · ".join(x for x in (kommune.kind, kommune.state) if x) if kommune else "",
        "name": name,
        "age": texts.CARD_AGE.format(age=profile.age) if profile.age is not None else "",
        "role": profile.role.strip(),
        "quote": profile.quote.strip(),
        "story": profile.story.strip(),
        "avatar": profile.avatar_image or avatar_data_uri(profile.avatar_seed or persona.kommune),
        "avatar_alt": texts.CARD_AVATAR_LABEL.format(name=name),
        "stages": stages,
        "sections": sections,
        "saved": (
            texts.CARD_REVISION.format(revision=persona.revision, updated=updated)
            if updated
            else texts.CARD_REVISION_ONLY.format(revision=persona.revision)
        )
        if persona.revision
        else texts.CARD_NOT_SAVED,
        "t": texts,
    }


def persona_card_html(workshop: Workshop, persona: Persona) -> str:
    """The card as an HTML fragment with its stylesheet, for the app preview."""
    card = environment().get_template("persona_card.html.j2").render(card_context(workshop, persona))
    return f"<style>{stylesheet('card.css')}</style>{card}"


def _deny_all_fetcher():  # the class needs WeasyPrint, imported lazily
    from weasyprint.urls import URLFetcher

    class DenyAllFetcher(URLFetcher):
        """Refuse every URL but inline images: templates carry their CSS and avatars with them.

        Whatever a user smuggles into text or CSS (``file:///etc/passwd``, ``http://…``) is never
        read. ``refused`` keeps the attempts so tests can see they happened and were stopped.
        """

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",))
            self.refused: list[str] = []

        def fetch(self, url, headers=None):  # WeasyPrint's signature
            if url.startswith(INLINE_IMAGE_PREFIXES):
                return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"URL refused: {url}")

    return DenyAllFetcher()


@lru_cache(maxsize=1)
def renderer():  # pdfrender.Renderer, one per process
    from werkstatt.pdfrender import Renderer

    return Renderer(_deny_all_fetcher)


def html_to_pdf(html: str) -> bytes:
    """Render an HTML document to PDF bytes, tagged for accessibility, without fetching anything.

    Title, author and language come from the document's own ``<title>``, ``<meta>`` and ``lang``.
    WeasyPrint is imported only here (it is heavy and most reruns never print); a long-lived process
    re-lays only the parts of a document that changed since its last export (see ``pdfrender``).
    """
    return renderer().pdf(html)


def comparison_context(
    workshop: Workshop,
    personas: list[Persona],
    incomplete: set[str] | None = None,
    sections: tuple[str, ...] = ENTRY_SECTIONS,
    limit: int | None = None,
) -> dict:
    """Personas side by side, rows aligned: stage beside stage, obstacles beside obstacles.

    ``limit`` keeps the first entries of each list (print: "main obstacles") and says how many more.
    """
    from werkstatt.compare import shared_topics  # compare imports pandas; keep it off the card path

    shared = shared_topics(personas)
    cards = [card_context(workshop, p) for p in personas]
    incomplete = incomplete or set()
    columns = [
        {
            "kommune": card["kommune"],
            "name": card["name"],
            "role": card["role"],
            "avatar": card["avatar"],
            "avatar_alt": card["avatar_alt"],
            "quote": card["quote"],
            "incomplete": persona.kommune in incomplete,
        }
        for card, persona in zip(cards, personas, strict=True)
    ]
    stage_rows = [
        {"topic": topic.label, "shared": topic.id in shared, "cells": [card["stages"][index] for card in cards]}
        for index, topic in enumerate(workshop.topics)
    ]
    section_rows = []
    for section in sections:
        cells = []
        for persona in personas:
            entries = [
                {
                    "text": e.text.strip(),
                    "topics": [{"label": workshop.topic_label(t), "shared": t in shared} for t in e.topics],
                    # Said in so many words: such an entry is missing from every comparison by topic.
                    "no_topic": texts.COMPARE_NO_TOPIC if not e.topics else "",
                    "evidence": EVIDENCE.get(e.evidence or "", ""),
                }
                for e in persona.entries(section)
                if e.text.strip()
            ]
            shown = entries if limit is None else entries[:limit]
            more = texts.DOC_MORE.format(count=len(entries) - len(shown)) if len(entries) > len(shown) else ""
            cells.append({"entries": shown, "more": more})
        section_rows.append({"title": texts.SECTION_TITLES[section], "cells": cells})
    return {"columns": columns, "stage_rows": stage_rows, "section_rows": section_rows, "t": texts}


def comparison_html(workshop: Workshop, personas: list[Persona], incomplete: set[str] | None = None) -> str:
    """The side-by-side table as an HTML fragment with its stylesheet, for the app."""
    table = environment().get_template("comparison.html.j2").render(comparison_context(workshop, personas, incomplete))
    return f"<style>{stylesheet('card.css')}{stylesheet('comparison.css')}</style>{table}"


def presenter_slide_html(workshop: Workshop, slide, personas: list[Persona]) -> str:  # presenter.Slide
    """One projector slide (cut to fit the screen by ``presenter.slides``) with its stylesheet."""
    by_slug = {p.kommune: p for p in personas}
    context = {"slide": slide, "t": texts, "card": None, "cards": {}}
    if slide.kommune in by_slug:
        context["card"] = card_context(workshop, by_slug[slide.kommune])
    if slide.kind == "overview":
        context["cards"] = {s: card_context(workshop, by_slug[s]) for s in slide.columns[0].items if s in by_slug}
    html = environment().get_template("presenter.html.j2").render(context)
    return f"<style>{stylesheet('presenter.css')}</style>{html}"


def presenter_persona_html(workshop: Workshop, persona: Persona) -> str:
    """All slides of one persona, one after the other (a preview; the projector shows one at a time)."""
    from werkstatt.presenter import persona_slides

    return "".join(presenter_slide_html(workshop, s, [persona]) for s in persona_slides(workshop, persona))


def _name(workshop: Workshop, slug: str) -> str:
    kommune = workshop.kommune(slug)
    return kommune.name if kommune else slug


# ---------------------------------------------------------------------------------------------
# Printed documents


COMPARISON_COLUMNS_PER_PAGE = 4
PRINT_CSS = ("card.css", "comparison.css", "print.css", "document.css")


def _document(template: str, workshop: Workshop, title: str, **context) -> str:
    date = workshop.date.strftime("%d.%m.%Y") if workshop.date else ""
    return (
        environment()
        .get_template(template)
        .render(
            title=title,
            author=texts.APP_TITLE,
            running=" · ".join(x for x in (workshop.title, date, title) if x),
            css="".join(stylesheet(name) for name in PRINT_CSS),
            t=texts,
            **context,
        )
    )


def _card_html(workshop: Workshop, persona: Persona) -> str:
    return environment().get_template("persona_card.html.j2").render(card_context(workshop, persona))


def comparison_chunks(workshop: Workshop, personas: list[Persona], incomplete: set[str] | None = None) -> list[dict]:
    """The comparison split into pages of a few Kommunen each, so 30 Kommunen stay readable."""
    chunks = []
    size = COMPARISON_COLUMNS_PER_PAGE
    for start in range(0, len(personas), size):
        part = personas[start : start + size]
        context = comparison_context(workshop, part, incomplete, sections=("obstacles", "successes"), limit=3)
        last = start + len(part)
        context["title"] = texts.DOC_COMPARISON_PART.format(first=start + 1, last=last, total=len(personas))
        chunks.append(context)
    return chunks


def partner_groups(workshop: Workshop, personas: list[Persona], partners: list) -> list[dict]:
    """Per Kommune: each obstacle and question with the Kommunen to talk to, and why."""
    groups = []
    for persona in personas:
        needs: dict[tuple[str, int], dict] = {}
        for partner in partners:
            if partner.need.kommune != persona.kommune:
                continue
            key = (partner.need.section, partner.need.index)
            need = needs.setdefault(
                key,
                {
                    "kind": texts.PARTNERS_NEED_OBSTACLE if key[0] == "obstacles" else texts.PARTNERS_NEED_QUESTION,
                    "text": partner.need.entry.text,
                    "partners": [],
                },
            )
            need["partners"].append(
                {
                    "kommune": _name(workshop, partner.help.kommune),
                    "kind": texts.PARTNERS_HELP[partner.help.section],
                    "text": partner.help.text,
                    "reasons": " · ".join(partner.reasons),
                }
            )
        title = texts.DOC_PARTNERS_FOR.format(kommune=_name(workshop, persona.kommune))
        groups.append({"title": title, "needs": list(needs.values())})
    return groups


def theme_items(themes: list) -> list[dict]:
    items = []
    for theme in themes:
        if not theme.topic:  # compare.NO_TOPIC: obstacles nobody gave a topic
            stage = texts.CONNECT_NO_TOPIC_NOTE
        elif theme.median_stage is None:
            stage = texts.CONNECT_NO_STAGE
        else:
            stage = texts.CONNECT_GROUP_STAGE.format(median=f"{theme.median_stage:g}".replace(".", ","))
        heading = texts.CONNECT_THEME.format(label=theme.label, count=theme.kommunen)
        items.append({"heading": heading, "stage": stage, "obstacles": theme.obstacles})
    return items


def steckbriefe_html(workshop: Workshop, personas: list[Persona]) -> str:
    cards = [_card_html(workshop, p) for p in personas]
    return _document("steckbriefe.html.j2", workshop, texts.DOC_STECKBRIEFE, cards=cards)


def vergleichsbogen_html(workshop: Workshop, personas: list[Persona], incomplete: set[str] | None = None) -> str:
    chunks = comparison_chunks(workshop, personas, incomplete)
    return _document("vergleichsbogen.html.j2", workshop, texts.DOC_VERGLEICH, chunks=chunks)


def lernpartner_html(workshop: Workshop, personas: list[Persona], partners: list) -> str:
    groups = partner_groups(workshop, personas, partners)
    return _document("lernpartner.html.j2", workshop, texts.DOC_LERNPARTNER, partner_groups=groups)


def dokumentation_html(
    workshop: Workshop,
    personas: list[Persona],
    partners: list,
    themes: list,
    drivers: list,
    incomplete: set[str] | None = None,
    anonymous: bool = False,
    today: str = "",
    the_day=None,  # day.Day; its sections follow when anything was recorded
) -> str:
    """The day's documentation: cover, contents with page numbers, personas, comparison, themes, partners,
    then the Themenbörse, the programme, every topic session, the takeaways and the contacts."""
    date = workshop.date.strftime("%d.%m.%Y") if workshop.date else ""
    cards = [{"id": f"persona-{p.kommune}", "html": _card_html(workshop, p)} for p in personas]
    toc = [{"id": "personas", "title": texts.DOC_PERSONAS, "level": 1}]
    toc += [{"id": f"persona-{p.kommune}", "title": _name(workshop, p.kommune), "level": 2} for p in personas]
    toc += [
        {"id": "vergleich", "title": texts.DOC_VERGLEICH, "level": 1},
        {"id": "verbindendes", "title": texts.CONNECT_TITLE, "level": 1},
        {"id": "lernpartner", "title": texts.DOC_LERNPARTNER, "level": 1},
    ]
    day_context = None
    if the_day is not None and not the_day.empty:
        day_context = _day_context(workshop, the_day)
        toc += [
            {"id": "themenboerse", "title": texts.DOC_MARKET, "level": 1},
            {"id": "programm", "title": texts.DOC_AGENDA, "level": 1},
            {"id": "themenrunden", "title": texts.DOC_SESSIONS, "level": 1},
        ]
        toc += [{"id": s["id"], "title": s["title"], "level": 2} for s in day_context["sessions"]]
        toc += [
            {"id": "mitnehmen", "title": texts.DOC_TAKEAWAYS, "level": 1},
            {"id": "kontakte", "title": texts.DOC_CONTACTS, "level": 1},
        ]
    return _document(
        "dokumentation.html.j2",
        workshop,
        texts.DOC_DOKUMENTATION,
        workshop_title=workshop.title,
        meta=" · ".join(x for x in (date, workshop.place) if x),
        anonymous=anonymous,
        questions=workshop.questions,
        kommunen=[k.name for k in workshop.kommunen],
        generated=texts.DOC_GENERATED.format(date=today) if today else "",
        toc=toc,
        cards=cards,
        chunks=comparison_chunks(workshop, personas, incomplete),
        themes=theme_items(themes),
        drivers=drivers,
        partner_groups=partner_groups(workshop, personas, partners),
        day=day_context,
    )


def _day_context(workshop: Workshop, the_day) -> dict:  # day.Day
    market = the_day.market
    sessions = session_items(workshop, the_day)
    intro = texts.DOC_MARKET_INTRO.format(
        ideas=len(market.ranking()), dots=sum(i.dots for i in market.ideas), per=market.dots_per_kommune
    )
    return {
        "market_intro": intro,
        "market": market_rows(workshop, market),
        "agenda": agenda_rows(workshop, the_day.agenda),
        "sessions": [s for s in sessions if not s["empty"]],
        # Rounds nobody wrote on are named in one line: a page holding only a title says nothing.
        "empty_sessions": "; ".join(
            f"{s['title']} ({s['meta']})" if s["meta"] else s["title"] for s in sessions if s["empty"]
        ),
        "takeaways": takeaway_groups(workshop, the_day.takeaways),
        "contacts": contact_rows(workshop, the_day.takeaways),
    }


def join_link(base_url: str, code: str, workshop: str = "") -> str:
    """The card's link: it names the workshop, so it never lands in another one (such as the demo)."""
    query = urlencode({"workshop": workshop, "code": code} if workshop else {"code": code})
    return f"{base_url.rstrip('/')}/?{query}"


def qr_data_uri(text: str) -> str:
    """A QR code as an inline SVG image (segno): no service, same on screen and on paper."""
    import base64
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def zugangskarten_html(workshop: Workshop, codes: dict[str, str], base_url: str) -> str:
    cards = [
        {
            "kommune": _name(workshop, kommune),
            "code": code,
            "address": base_url.rstrip("/"),  # short enough to type; the QR code carries the whole link
            "qr": qr_data_uri(join_link(base_url, code, workshop.slug)),
        }
        for kommune, code in codes.items()
    ]
    return _document("zugangskarten.html.j2", workshop, texts.CARDS_TITLE, cards=cards, workshop_title=workshop.title)


# ---------------------------------------------------------------------------------------------
# The day: Themenbörse, programme, topic sessions, takeaways (app and print share these contexts)


def board_questions(workshop: Workshop) -> tuple[str, ...]:
    """The column headings: the workshop's own four questions, or the short defaults."""
    return workshop.questions if len(workshop.questions) == 4 else texts.BOARD_DEFAULT_QUESTIONS


def _names(workshop: Workshop, slugs: list[str]) -> str:
    return ", ".join(_name(workshop, s) for s in slugs)


def market_rows(workshop: Workshop, market) -> list[dict]:  # day.Market
    from werkstatt.day import IDEA_STATUS, PLANNING_STEPS

    return [
        {
            "id": idea.id,
            "title": idea.title,
            "description": idea.description,
            "from": _name(workshop, idea.kommune) if idea.kommune else texts.MARKET_BY_FACILITATION,
            "supporters": _names(workshop, idea.supporters),
            "dots": idea.dots,
            "status": IDEA_STATUS[idea.status],
            "step": PLANNING_STEPS.get(idea.step, ""),
            "topics": ", ".join(workshop.topic_label(t) for t in idea.topics),
            "merged": ", ".join(market.merged_titles(idea.id)),
        }
        for idea in market.ranking()
    ]


def agenda_rows(workshop: Workshop, agenda) -> list[dict]:  # day.Agenda
    return [
        {
            "time": slot.when,
            "title": slot.title,
            "groups": [
                {"id": g.id, "title": g.title, "room": g.room, "presenters": _names(workshop, g.presenters)}
                for g in slot.groups
            ],
        }
        for slot in agenda.slots
    ]


def board_columns(workshop: Workshop, board) -> list[dict]:  # day.Board or None
    """The visible entries of a board under its four questions (hidden entries stay out of every view)."""
    from werkstatt.day import EXPERIENCE_KINDS

    columns = []
    for number, question in enumerate(board_questions(workshop), start=1):
        entries = [
            {
                "text": e.text,
                "who": _name(workshop, e.kommune) if e.kommune else "",
                "kind": e.kind,
                "kind_label": EXPERIENCE_KINDS.get(e.kind, ""),
                "from_persona": bool(e.source),
            }
            for e in (board.column(number) if board else [])
        ]
        columns.append({"number": number, "question": question, "entries": entries})
    return columns


def round_meta(workshop: Workshop, slot, group) -> str:  # day.Slot, day.Group
    """ "11:15–12:30 · Raum: Elbe · Es stellen vor: …" for a topic round."""
    parts = [slot.when, texts.AGENDA_ROOM.format(room=group.room) if group.room else ""]
    if group.presenters:
        parts.append(texts.AGENDA_PRESENTERS.format(names=_names(workshop, group.presenters)))
    return " · ".join(p for p in parts if p)


def session_items(workshop: Workshop, the_day) -> list[dict]:  # day.Day
    """Every topic session of the programme with its visible board entries, column by column."""
    sessions = []
    for slot, group in the_day.agenda.groups():
        columns = board_columns(workshop, the_day.boards.get(group.id))
        sessions.append(
            {
                "id": f"runde-{group.id}",
                "title": group.title,
                "meta": round_meta(workshop, slot, group),
                "columns": columns,
                "empty": not any(c["entries"] for c in columns),
            }
        )
    return sessions


def takeaway_groups(workshop: Workshop, takeaways) -> list[dict]:  # day.Takeaways
    groups = []
    for kommune in workshop.kommunen:
        items = takeaways.of(kommune.slug)
        if items:
            groups.append(
                {
                    "kommune": kommune.name,
                    "items": [
                        {"text": t.text, "next_step": t.next_step, "contacts": _names(workshop, t.contacts)}
                        for t in items
                    ],
                }
            )
    return groups


def contact_rows(workshop: Workshop, takeaways) -> list[dict]:  # day.Takeaways
    order = {k.slug: n for n, k in enumerate(workshop.kommunen)}
    contacts = sorted(takeaways.contacts(), key=lambda c: (order.get(c[0], 0), order.get(c[1], 0)))
    return [{"from": _name(workshop, a), "to": _name(workshop, b), "about": about} for a, b, about in contacts]


def board_html(workshop: Workshop, title: str, meta: str, board, projector: bool = False) -> str:
    """The live board of one topic session for the app and the projector: four columns of cards."""
    columns = board_columns(workshop, board)
    return (
        environment()
        .get_template("board.html.j2")
        .render(css=stylesheet("board.css"), title=title, meta=meta, columns=columns, projector=projector, t=texts)
    )


def programm_html(workshop: Workshop, agenda) -> str:  # day.Agenda
    return _document("programm.html.j2", workshop, texts.AGENDA_TITLE, slots=agenda_rows(workshop, agenda))


def mitnehmen_html(workshop: Workshop, kommunen: list[str], takeaways, partners: list) -> str:
    """A page per Kommune: what it will try, the next steps, whom it contacts, and its suggested partners."""
    pages = []
    for kommune in kommunen:
        items = [
            {"text": t.text, "next_step": t.next_step, "contacts": _names(workshop, t.contacts)}
            for t in takeaways.of(kommune)
        ]
        suggested = sorted({_name(workshop, p.help.kommune) for p in partners if p.need.kommune == kommune})
        title = texts.DOC_TAKEAWAYS_TITLE.format(name=_name(workshop, kommune))
        pages.append({"title": title, "items": items, "suggested": ", ".join(suggested)})
    title = pages[0]["title"] if len(pages) == 1 else texts.DOC_TAKEAWAYS  # one Kommune's page, or all
    return _document("mitnehmen.html.j2", workshop, title, pages=pages)
