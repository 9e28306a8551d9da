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
# An entry without a topic can only be matched by its words: one meaningful word in common (the
# stop words keep out "Jahr" and "gibt") is enough, so such entries do not silently drop out.
MIN_SCORE_WORDS_ONLY = 0.5

# German function words (articles, pronouns, prepositions, conjunctions, auxiliaries and modal
# verbs, adverbs of time and degree; written folded: ä → a, ß → ss), then words every persona in
# these workshops uses: the calendar ("Jahr", "tagt"), everyday verbs and vague adjectives. None of
# them says who can help whom, and a reason "ähnliche Wörter: Jahr, tagt" reads as nonsense.
# No package in the environment ships a German list (snowballstemmer has none), so it lives here.
STOPWORDS = frozenset(
    """
    aber ab alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    anders auch auf aus bei beide beiden beim bereits besonders bin bis bisher bist bitte bleibt bzw
    da dabei dadurch dafur dagegen daher dahin damals damit danach daneben dann daran darauf daraus
    darin daruber darum darunter das dass davon davor dazu dein deine dem demnach den denen denn der
    deren des deshalb dessen dich die dies diese diesem diesen dieser dieses doch dort drin du durch
    eben ebenfalls ebenso ein eine einem einen einer eines einfach einige einigem einigen einiger einmal
    einzeln er erst erste ersten es etwa etwas euch euer eure eurem euren eurer fast fur ganz ganze
    ganzen gar gegen genau gerade gern gestern heute hier hin hinter ich ihm ihn ihnen ihr ihre ihrem
    ihren ihrer ihres im immer in indem ins inzwischen irgendwie ist ja je jede jedem jeden jeder jedes
    jedoch jemand jene jenem jenen jener jetzt kaum kein keine keinem keinen keiner man manche manchem
    manchen mancher manchmal mehr mein meine meist meistens mich mir mit morgen nach nachdem
    neben nicht nichts nie niemand noch nun nur ob oben oder oft ohne sehr seid sein seine seinem
    seinen seiner seit seitdem selbst sich sie sind so sogar solche solchem solchen solcher sondern
    sowie sowohl statt trotz uber ubrigens um und uns unser unsere unserem unseren unserer unter viel
    viele vielem vielen vieles vielleicht vom von vor wahrend wann war waren warum was weder weil
    weiter weitere weiteren welche welchem welchen welcher welches wem wen wenig wenige weniger wenn
    wer wessen wie wieder wir wo wohl womit woran worauf wozu zu zudem zum zur zusatzlich zwar zwischen
    bin bist ist sind seid war warst waren wart gewesen sein habe hast hat haben habt hatte hatten
    gehabt werde wirst wird werden werdet wurde wurden worden kann kannst konnen konnt konnte konnten
    muss musst mussen musste mussten soll sollst sollen sollt sollte sollten will willst wollen wollt
    wollte wollten darf durfen durfte mag mogen mochte mochten lasst lassen gelassen
    jahr jahre jahren jahres jahrlich monat monate monaten woche wochen tag tage tagen tagt tagte
    mal male zeit zeiten uhr zuletzt zuerst spater fruher bald lange langer schon
    gibt gab geben gegeben geht ging gehen gegangen kommt kam kommen gekommen macht machte machen
    gemacht sagt sagen gesagt sieht sehen gesehen steht stehen stand gestanden liegt liegen lag
    lauft laufen lief braucht brauchen brauchte bekommt bekommen bekam nimmt nehmen genommen bringt
    bringen gebracht halt halten hielt zeigt zeigen gezeigt heisst heissen bleibt bleiben blieb
    findet finden gefunden fehlt fehlen fehlte passt passen klappt klappen
    weiss wissen wusste denkt denken glaubt glauben versucht versuchen wirkt wirken
    gut gute guten guter besser beste neu neue neuen neuer neues grosse grossen
    richtig wichtig wichtige wichtigen moglich moglichst eigene eigenen eigener gemeinsam gemeinsame
    gemeinsamen gemeinsamer zusammen zwei drei vier funf zehn hundert
    kommune kommunen stadt landkreis kreis thema themen frage fragen beispiel
    """.split()
)
# Short words match only when written as an abbreviation ("ASD", "KJSG"); otherwise a word needs
# at least this many letters to count.
MIN_WORD = 4
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


@lru_cache(maxsize=1)
def _stop_stems() -> frozenset[str]:
    """The stop words' stems, so every inflection is caught ("Jahren", "Städte", "neuesten")."""
    return frozenset(_stemmer().stemWords(sorted(STOPWORDS)))


def _meaningful(written: str) -> bool:
    return len(written) >= MIN_WORD or (len(written) >= 3 and written.isupper())


@lru_cache(maxsize=20_000)
def terms(text: str) -> Terms:
    written = [w for w in _WORD_RE.findall(text) if _meaningful(w)]
    folded = [w.lower().translate(_FOLD) for w in written]
    candidates = [(original, word) for original, word in zip(written, folded, strict=True) if word not in STOPWORDS]
    stop_stems = _stop_stems()
    kept, stems = [], []
    for (original, word), stem in zip(candidates, _stemmer().stemWords([w for _, w in candidates]), strict=True):
        if stem not in stop_stems:
            kept.append((original, word))
            stems.append(stem)
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
