"""HTML and PDF from jinja2 templates: one persona card for the app preview and for print.

The templates never compute: ``card_context`` prepares every label and number, and jinja2
autoescapes everything, so ``<script>`` in a quote is shown as text on screen and on paper.
PDFs are rendered by WeasyPrint with a deny-by-default URL fetcher: a template may load its own
assets from ``templates/``, nothing else (no ``file://``, no network).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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


@lru_cache(maxsize=4)
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
        "avatar": avatar_data_uri(profile.avatar_seed or persona.kommune),
        "avatar_alt": texts.CARD_AVATAR_LABEL.format(name=name),
        "stages": stages,
        "sections": sections,
        "saved": texts.CARD_REVISION.format(revision=persona.revision, updated=updated)
        if persona.revision
        else texts.CARD_NOT_SAVED,
        "t": texts,
    }


def persona_card_html(workshop: Workshop, persona: Persona) -> str:
    """The card as an HTML fragment with its stylesheet, for the app preview."""
    card = environment().get_template("persona_card.html.j2").render(card_context(workshop, persona))
    return f"<style>{stylesheet('card.css')}</style>{card}"


def persona_page_html(workshop: Workshop, persona: Persona) -> str:
    """A whole printable document around the same persona card, for WeasyPrint."""
    context = card_context(workshop, persona)
    date = workshop.date.strftime("%d.%m.%Y") if workshop.date else ""
    return (
        environment()
        .get_template("persona_page.html.j2")
        .render(
            name=context["name"],
            kommune=context["kommune"],
            author=texts.APP_TITLE,
            running=" · ".join(x for x in (workshop.title, date) if x),
            card_html=environment().get_template("persona_card.html.j2").render(context),
            css=stylesheet("card.css") + stylesheet("print.css"),
        )
    )


def _deny_all_fetcher():  # noqa: ANN202 - the class needs WeasyPrint, imported lazily
    from weasyprint.urls import URLFetcher

    class DenyAllFetcher(URLFetcher):
        """Refuse every URL but inline images: templates carry their CSS and avatars with them.

        Whatever a user smuggles into text or CSS (``file:///etc/passwd``, ``http://…``) is never
        read. ``refused`` keeps the attempts so tests can see they happened and were stopped.
        """

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",))
            self.refused: list[str] = []

        def fetch(self, url, headers=None):  # noqa: ANN001, ANN201 - WeasyPrint's signature
            if url.startswith(INLINE_IMAGE_PREFIXES):
                return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"URL refused: {url}")

    return DenyAllFetcher()


def html_to_pdf(html: str, title: str = "", author: str = texts.APP_TITLE) -> bytes:
    """Render an HTML document to PDF bytes, tagged for accessibility, without fetching anything."""
    import weasyprint  # imported lazily: it is heavy and most reruns never print

    document = weasyprint.HTML(string=html, url_fetcher=_deny_all_fetcher(), base_url=None)
    return document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=False)


def comparison_context(workshop: Workshop, personas: list[Persona], incomplete: set[str] | None = None) -> dict:
    """Personas side by side, rows aligned: stage beside stage, obstacles beside obstacles."""
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
        {
            "topic": topic.label,
            "shared": topic.id in shared,
            "cells": [card["stages"][index] for card in cards],
        }
        for index, topic in enumerate(workshop.topics)
    ]
    section_rows = []
    for index, section in enumerate(ENTRY_SECTIONS):
        cells = []
        for persona in personas:
            cells.append(
                [
                    {
                        "text": e.text.strip(),
                        "topics": [{"label": workshop.topic_label(t), "shared": t in shared} for t in e.topics],
                        "evidence": EVIDENCE.get(e.evidence or "", ""),
                    }
                    for e in persona.entries(section)
                    if e.text.strip()
                ]
            )
        section_rows.append({"title": cards[0]["sections"][index]["title"] if cards else "", "cells": cells})
    return {"columns": columns, "stage_rows": stage_rows, "section_rows": section_rows, "t": texts}


def comparison_html(workshop: Workshop, personas: list[Persona], incomplete: set[str] | None = None) -> str:
    """The side-by-side table as an HTML fragment with its stylesheet, for the app."""
    table = environment().get_template("comparison.html.j2").render(comparison_context(workshop, personas, incomplete))
    return f"<style>{stylesheet('card.css')}{stylesheet('comparison.css')}</style>{table}"


def _presenter(context: dict) -> str:
    slide = environment().get_template("presenter.html.j2").render(context)
    return f"<style>{stylesheet('presenter.css')}</style>{slide}"


def presenter_persona_html(workshop: Workshop, persona: Persona) -> str:
    return _presenter({"kind": "persona", "card": card_context(workshop, persona)})


def presenter_overview_html(workshop: Workshop, personas: list[Persona]) -> str:
    cards = [card_context(workshop, p) for p in personas]
    return _presenter({"kind": "overview", "title": texts.PRESENT_OVERVIEW, "cards": cards})


def presenter_connections_html(themes: list, limit: int = 4) -> str:
    shown = [
        {"heading": texts.PRESENT_THEME.format(count=t.kommunen, label=t.label), "obstacles": t.obstacles}
        for t in themes[:limit]
        if t.kommunen
    ]
    return _presenter({"kind": "connections", "title": texts.PRESENT_CONNECTIONS, "themes": shown})


def presenter_partners_html(workshop: Workshop, partners: list, limit: int = 8) -> str:
    """The strongest pairs of the whole group, one per seeking Kommune and need, best first."""
    best = sorted((p for p in partners), key=lambda p: -p.score)
    lines, seen = [], set()
    for partner in best:
        key = (partner.need.kommune, partner.help.kommune)
        if key in seen:
            continue
        seen.add(key)
        lines.append(
            {
                "seeker": _name(workshop, partner.need.kommune),
                "need": partner.need.entry.text,
                "helper": _name(workshop, partner.help.kommune),
                "help": partner.help.text,
                "reason": " · ".join(partner.reasons),
            }
        )
        if len(lines) == limit:
            break
    return _presenter({"kind": "partners", "title": texts.PRESENT_PARTNERS, "partners": lines})


def _name(workshop: Workshop, slug: str) -> str:
    kommune = workshop.kommune(slug)
    return kommune.name if kommune else slug
