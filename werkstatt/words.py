"""Which words two German texts share, without any service.

Words are folded (ä → a) and stemmed with the Snowball German stemmer (``Beteiligungen`` ~
``Beteiligung``), and compounds match their parts (``Jugendhilfeausschuss`` ~ ``Ausschuss``,
``Datenbestand`` ~ ``Daten``) because a word that is the head or the start of a longer word counts
as a weaker match. Used by the learning partners, the connecting themes and the board prefill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

MIN_KEY = 4  # shortest word part that may match inside a compound

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
