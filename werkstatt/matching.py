"""Learning partners: who has our problem, and who has already solved it.

For every obstacle and question of a Kommune, the other Kommunen whose successes, offers or higher
stage on the same topic could help are ranked, each with the reasons shown in German (same topic,
"Stufe 3 statt 1", similar words).

Text similarity handles German without any service: words are folded (ä → a) and stemmed with the
Snowball German stemmer (``Beteiligungen`` ~ ``Beteiligung``), and compounds match their parts
(``Jugendhilfeausschuss`` ~ ``Ausschuss``, ``Datenbestand`` ~ ``Daten``) because a word that is the
head or the start of a longer word counts as a weaker match.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from werkstatt.model import STAGES, Entry, Persona, Workshop

NEED_SECTIONS = ("obstacles", "questions")
HELP_SECTIONS = ("successes", "offers")
MIN_KEY = 4  # shortest word part that may match inside a compound
MAX_PARTNERS = 3

WEIGHT_TOPIC = 1.0
WEIGHT_EXACT = 1.6
WEIGHT_COMPOUND = 0.8
WEIGHT_STAGE = 0.35
WEIGHT_OFFER = 0.2
MIN_SCORE = 1.0

# Function words, and words every persona uses, which say nothing about who can help whom.
STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an andere anderen anders auch auf aus bei beim bin bis
    bisher bleibt bzw da damit dann das dass dem den denen der des die dies diese diesem diesen dieser
    dieses doch dort du durch ein eine einem einen einer eines einfach er es etwas euch euer eure fur
    gab gar geht gibt gut haben habt hat hatte hier ihr ihre ihren im immer in ins ist ja jede jedem
    jeden jeder jedes jetzt kann kaum kein keine keinen konnen konnte man mehr mit muss nach nicht nichts
    noch nur ob oder ohne schon sehr sein seine seit selbst sich sie sind so soll sollen sowie uber um
    und uns unser unsere unter viel viele vom von vor war waren was weil welche wenn wer werden wie wieder
    wir wird wo wurde zu zum zur zwischen
    kommune kommunen stadt landkreis kreis thema themen frage fragen
    laufen lauft liegen liegt zusammen gemeinsam gemeinsame gemeinsamen gemeinsamer fehlt fehlen neue neuen
    eigene eigenen eigener gute guten zwei drei
    """.split()
)
_WORD_RE = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("german")


@dataclass(frozen=True)
class Terms:
    """The comparable words of one text."""

    stems: frozenset[str]  # inflection-free forms, for exact matches
    words: frozenset[str]  # whole (folded) words, looked up inside the other text's compounds
    parts: frozenset[str]  # starts and ends of the longer words (compound heads and modifiers)
    shown: dict[str, str] = field(hash=False, compare=False)  # stem or word → the word as written


@lru_cache(maxsize=20_000)
def terms(text: str) -> Terms:
    written = [w for w in _WORD_RE.findall(text) if len(w) >= 3]
    folded = [w.lower().translate(_FOLD) for w in written]
    kept = [(original, word) for original, word in zip(written, folded, strict=True) if word not in STOPWORDS]
    stems = _stemmer().stemWords([word for _, word in kept])
    shown: dict[str, str] = {}
    parts: set[str] = set()
    for (original, word), stem in zip(kept, stems, strict=True):
        shown.setdefault(stem, original)
        shown.setdefault(word, original)
        for cut in range(MIN_KEY, len(word) - MIN_KEY + 1):
            parts.add(word[:cut])
            parts.add(word[cut:])
    return Terms(frozenset(stems), frozenset(w for _, w in kept), frozenset(parts), shown)


def similar_words(a: Terms, b: Terms) -> tuple[list[str], list[str]]:
    """(exact matches, compound matches), as the words the people wrote."""
    exact = a.stems & b.stems
    compound = (a.words & b.parts) | (b.words & a.parts)
    exact_words = sorted({a.shown.get(s, s) for s in exact})
    compound_words = sorted({a.shown.get(w) or b.shown.get(w) or w for w in compound} - set(exact_words))
    return exact_words, compound_words


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
                    if score >= MIN_SCORE and score > best.get(help.kommune, (0.0,))[0]:
                        best[help.kommune] = (score, help, help_terms)
                ranked = sorted(best.values(), key=lambda item: (-item[0], item[1].kommune))[:max_partners]
                need = Need(seeker.kommune, section, index, entry)
                for score, help, help_terms in ranked:
                    _, reasons = _score(entry, need_terms, ours, help, help_terms, stages[help.kommune], workshop)
                    partners.append(Partner(need, help, score, reasons))
    return partners


def partners_for(partners: list[Partner], kommune: str) -> list[Partner]:
    return [p for p in partners if p.need.kommune == kommune]
