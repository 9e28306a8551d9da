"""Learning partners: who has our problem, and who has already solved it.

For every obstacle and question of a Kommune, the other Kommunen whose successes, offers or higher
stage on the same topic could help are ranked, each with the reasons shown in German (same topic,
"Stufe 3 statt 1", similar words).

Which words two texts share comes from ``werkstatt.words`` (stems and compound parts). The same
comparison fills the board of a topic round: ``matching_obstacles`` finds the Kommunen whose
personas already named the round's problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from werkstatt.model import STAGES, Entry, Persona, Workshop
from werkstatt.words import Terms, similar_words, terms

NEED_SECTIONS = ("obstacles", "questions")
HELP_SECTIONS = ("successes", "offers")
MAX_PARTNERS = 3
PREFILL_LIMIT = 12  # persona obstacles put on a new topic round board at most

WEIGHT_TOPIC = 1.0
WEIGHT_EXACT = 1.6
WEIGHT_COMPOUND = 0.8
WEIGHT_STAGE = 0.35
WEIGHT_OFFER = 0.2
MIN_SCORE = 1.0
# An entry without a topic can only be matched by its words: one meaningful word in common (the
# stop words keep out "Jahr" and "gibt") is enough, so such entries do not silently drop out.
MIN_SCORE_WORDS_ONLY = 0.5


@dataclass(frozen=True)
class Need:
    kommune: str
    section: str  # obstacles | questions
    index: int
    entry: Entry


@dataclass(frozen=True)
class Help:
    """What another Kommune brings: a success, an offer, or simply a higher stage on the topic."""

    kommune: str
    section: str  # successes | offers | status
    text: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Partner:
    need: Need
    help: Help
    score: float
    reasons: tuple[str, ...]


def _helps_of(persona: Persona) -> list[Help]:
    helps = [
        Help(persona.kommune, section, e.text, tuple(e.topics))
        for section in HELP_SECTIONS
        for e in persona.entries(section)
        if e.text.strip()
    ]
    helps += [
        Help(persona.kommune, "status", s.note, (s.topic,)) for s in persona.status if s.stage >= 3 and s.note.strip()
    ]
    return helps


def _stages(persona: Persona) -> dict[str, int]:
    return {s.topic: s.stage for s in persona.status}


def _score(
    need: Entry,
    need_terms: Terms,
    our_stages: dict[str, int],
    help: Help,
    help_terms: Terms,
    their_stages: dict[str, int],
    workshop: Workshop | None = None,
) -> tuple[float, tuple[str, ...]]:
    """How well ``help`` answers ``need``. Reasons (German) are only written when ``workshop`` is
    given: ranking thousands of pairs needs the number, the page needs the words for the best few."""
    shared = [t for t in need.topics if t in help.topics]
    exact_count = len(need_terms.stems & help_terms.stems)
    compound = (need_terms.words & help_terms.parts) | (help_terms.words & need_terms.parts)
    if not shared and not exact_count and not compound:
        return 0.0, ()
    score = WEIGHT_TOPIC * min(len(shared), 2)
    if exact_count or compound:
        size = math.sqrt(max(len(need_terms.stems), 1) * max(len(help_terms.stems), 1))
        score += (WEIGHT_EXACT * exact_count + WEIGHT_COMPOUND * len(compound)) / size * 2
    stage_topic = None
    for topic in shared or need.topics:
        theirs, ours = their_stages.get(topic), our_stages.get(topic)
        if theirs is not None and theirs >= 3 and (ours is None or theirs > ours):
            score += WEIGHT_STAGE * (theirs - (ours or 0))
            stage_topic = topic
            break
    if help.section == "offers":
        score += WEIGHT_OFFER
    if workshop is None:
        return round(score, 3), ()

    reasons = []
    if shared:
        reasons.append("gleiches Thema: " + ", ".join(workshop.topic_label(t) for t in shared))
    exact, similar = similar_words(need_terms, help_terms)
    if exact or similar:
        reasons.append("ähnliche Wörter: " + ", ".join(exact + similar))
    if stage_topic is not None:
        theirs, ours = their_stages[stage_topic], our_stages.get(stage_topic)
        ours_text = f"Stufe {ours}" if ours is not None else "keine Stufe"
        reasons.append(f"{workshop.topic_label(stage_topic)}: Stufe {theirs} statt {ours_text} ({STAGES[theirs]})")
    return round(score, 3), tuple(reasons)


def learning_partners(workshop: Workshop, personas: list[Persona], max_partners: int = MAX_PARTNERS) -> list[Partner]:
    """For every need of every Kommune, the best help of up to ``max_partners`` other Kommunen."""
    stages = {p.kommune: _stages(p) for p in personas}
    offers = [(h, terms(h.text)) for p in personas for h in _helps_of(p)]
    partners: list[Partner] = []
    for seeker in personas:
        ours = stages[seeker.kommune]
        for section in NEED_SECTIONS:
            for index, entry in enumerate(seeker.entries(section)):
                if not entry.text.strip():
                    continue
                need_terms = terms(entry.text)
                best: dict[str, tuple[float, Help, Terms]] = {}
                for help, help_terms in offers:
                    if help.kommune == seeker.kommune:
                        continue
                    score, _ = _score(entry, need_terms, ours, help, help_terms, stages[help.kommune])
                    threshold = MIN_SCORE if entry.topics and help.topics else MIN_SCORE_WORDS_ONLY
                    if score >= threshold and score > best.get(help.kommune, (0.0,))[0]:
                        best[help.kommune] = (score, help, help_terms)
                ranked = sorted(best.values(), key=lambda item: (-item[0], item[1].kommune))[:max_partners]
                need = Need(seeker.kommune, section, index, entry)
                for score, help, help_terms in ranked:
                    _, reasons = _score(entry, need_terms, ours, help, help_terms, stages[help.kommune], workshop)
                    partners.append(Partner(need, help, score, reasons))
    return partners


def partners_for(partners: list[Partner], kommune: str) -> list[Partner]:
    return [p for p in partners if p.need.kommune == kommune]


def matching_obstacles(
    workshop: Workshop, personas: list[Persona], title: str, description: str = "", topics: list[str] | None = None
) -> list[tuple[str, str, str]]:
    """(Kommune, source, words) of persona obstacles that match a topic: the same topic or similar words.

    This is what column 1, *Wo gibt es das Problem noch?*, starts with: the Kommunen whose
    personas already named the problem, in their own words.
    """
    wanted = set(topics or [])
    topic_terms = terms(f"{title} {description}")
    scored = []
    for persona in personas:
        for n, entry in enumerate(persona.obstacles):
            exact, compound = similar_words(topic_terms, terms(entry.text))
            # A shared topic or one shared word alone is too broad ("Kooperation", "Daten" cover half the
            # day): it takes a second topic, or a topic and a word, or a word and a part of a compound.
            score = len(wanted & set(entry.topics)) + len(exact) + 0.5 * len(compound)
            if score >= 1.5:
                scored.append((score, persona.kommune, f"{persona.kommune} › obstacles[{n}]", entry.text))
    order = {k.slug: n for n, k in enumerate(workshop.kommunen)}
    scored.sort(key=lambda s: (-s[0], order.get(s[1], 0)))
    return [(kommune, source, text) for _, kommune, source, text in scored[:PREFILL_LIMIT]]
