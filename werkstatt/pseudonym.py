"""Pseudonymised copies of a workshop for sharing beyond the group: "Kommune A, B, …", "Persona A, B, …".

Every form in which a Kommune's name turns up in free text is replaced: the official name, the name
without its prefix ("Mühlheim" of "Stadt Mühlheim"), the first word of a compound name ("Weißenfels"
of "Weißenfels-Süd"), the slug, any case, ß/ss and umlaut spellings (``weissenfels-sued.de``), and
inflected or derived words ("Mühlheimer", "Weißenfelsern"). Word boundaries hold: "Nord" (of
"Landkreis Nord") is replaced, "Nordsee" is not. The persona's invented name is replaced as well:
it is not a real person's, but it is printed beside the Kommune and identifies it to anyone who was there.
Slugs become ``kommune-a`` …, so no anchor, file name or reference in a document carries the real one;
kind and Land are dropped, because with a dozen Kommunen they identify just as well.
"""

from __future__ import annotations

import copy
import re
import string
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from werkstatt import texts
from werkstatt.day import Day
from werkstatt.model import ENTRY_SECTIONS, Kommune, Persona, Topic, Workshop, slugify

# Words that stand before the actual name of a Kommune; in text they may come with any name form.
_PREFIXES = (
    "Freie und Hansestadt",
    "Große Kreisstadt",
    "Kreisfreie Stadt",
    "Landeshauptstadt",
    "Universitätsstadt",
    "Verbandsgemeinde",
    "Regionalverband",
    "Marktgemeinde",
    "Samtgemeinde",
    "Städteregion",
    "Hansestadt",
    "Kreisstadt",
    "Stadtkreis",
    "Großstadt",
    "Landkreis",
    "Gemeinde",
    "Bezirk",
    "Region",
    "Stadt",
    "Kreis",
    "Markt",
    "Amt",
)
# Parts of compound names that name no place on their own ("Süd" of "Weißenfels-Süd").
_GENERIC_PARTS = {
    "nord", "süd", "ost", "west", "nordost", "nordwest", "südost", "südwest", "ober", "unter", "nieder",
    "mittel", "alt", "neu", "bad", "sankt", "an", "am", "der", "die", "den", "dem", "im", "in", "bei", "vor",
    "ob", "und", "land", "stadt", "kreis",
}  # fmt: skip
# German inflection and derivation: Mühlheims, Mühlheimer(in/innen/n/s), mühlheimisch(e/en/er/es/em).
_SUFFIX = r"(?:er(?:innen|in|n|s)?|s|isch(?:e[mnrs]?)?)?"
# A name this long is distinctive enough that compounds made from it ("Mühlheimstraße") are replaced
# whole; shorter names ("Nord") only with the endings above, so "Nordsee" stays "Nordsee".
_COMPOUND_MIN_LETTERS = 7
_TITLES = {"dr", "prof", "frau", "herr", "med", "dipl", "ing"}
_SPELLINGS = {"ä": "(?:ä|ae|a)", "ö": "(?:ö|oe|o)", "ü": "(?:ü|ue|u)", "ß": "(?:ß|ss)"}
_SPELLED_OUT = {"ae": "(?:ae|ä)", "oe": "(?:oe|ö)", "ue": "(?:ue|ü)", "ss": "(?:ss|ß)"}
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_DEMONYM = r"er(?:innen|in|n|s)?"
# Soft hyphens and zero-width marks between two letters: invisible in print, but they split a name.
_HIDDEN_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u00ad\u200b-\u200d\u2060\ufeff]+(?=[^\W\d_])")


def letters(index: int) -> str:
    """A, B, …, Z, AA, AB, … for any number of Kommunen."""
    result = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        result = string.ascii_uppercase[rest] + result
    return result


def _spelled(form: str) -> str:
    """A regex for ``form`` in every spelling: any case, ä/ae/a, ß/ss, and space, hyphen or nothing between words."""
    out = []
    index = 0
    lowered = form.lower()
    while index < len(lowered):
        char = lowered[index]
        pair = lowered[index : index + 2]
        if pair in _SPELLED_OUT:  # a name already spelled "Muehlheim" also matches "Mühlheim"
            out.append(_SPELLED_OUT[pair])
            index += 2
            continue
        if char in " -_.":
            while index < len(lowered) and lowered[index] in " -_.":
                index += 1
            out.append(r"[\s_.-]*")
            continue
        out.append(_SPELLINGS.get(char, re.escape(char)))
        index += 1
    return "".join(out)


def _strip_prefix(name: str) -> str:
    for prefix in _PREFIXES:
        if name.lower().startswith(prefix.lower() + " ") and len(name) > len(prefix) + 1:
            return name[len(prefix) + 1 :].strip()
    return name


def kommune_forms(kommune: Kommune) -> list[str]:
    """The name forms of one Kommune that are searched for (spellings and endings are added by the regex)."""
    core = _strip_prefix(kommune.name.strip())
    forms = {kommune.name.strip(), core}
    if kommune.slug not in {slugify(p) for p in _PREFIXES}:  # a slug "grossstadt" must not eat every "Großstadt"
        forms.add(kommune.slug)
    parts = [p for p in re.split(r"[\s-]+", core) if p]
    if len(parts) > 1:
        forms.update(p for p in parts if len(p) >= 4 and p.lower() not in _GENERIC_PARTS)
    return [f for f in forms if len(f) >= 3 or f == core]


def person_forms(name: str) -> list[str]:
    """The invented person's full name and each of its parts, without titles ("Dr. Thomas Weber")."""
    parts = [p for p in re.split(r"[\s.]+", name) if p and p.lower().rstrip(".") not in _TITLES]
    forms = {name.strip(), " ".join(parts)} | {p for p in parts if len(p) >= 3}
    return [f for f in forms if len(f) >= 3]


def _alternative(form: str, derived: bool) -> str:
    letters_only = re.sub(r"[\W\d_]", "", form)
    if not derived:
        return f"{_spelled(form)}(?:s)?"
    ending = _SUFFIX
    if len(letters_only) >= _COMPOUND_MIN_LETTERS:
        ending = r"[^\W\d_]*"
    elif form.lower() in _GENERIC_PARTS:  # "Nord" of "Landkreis Nord", but not of "Nord-Süd-Gefälle"
        ending += r"(?!-[^\W\d_])"
    # Demonyms that drop the name's ending: Göttingen → Göttinger, Dresden → Dresdner, Celle → Celler.
    stem = re.sub(r"(?:en|e)$", "", form) if re.search(r"[^\W\d_]{4}(?:en|e)$", form) else ""
    if stem:
        return f"(?:{_spelled(form)}{ending}|{_spelled(stem)}n?{_DEMONYM})"
    return f"{_spelled(form)}{ending}"


class Scrubber:
    """Replaces every name form of every Kommune (and every persona's name) by its pseudonym.

    One regex with every form as an alternative is tried alternative by alternative at every position
    (Python's ``re`` builds no trie): 100 Kommunen took a minute for 34,000 characters. So the text is
    walked word by word instead, and only the forms whose first letters fit the word (after folding
    case, umlauts and ß) are tried there, anchored; the longest match wins.
    """

    def __init__(self, replacements: list[tuple[str, str, bool]]) -> None:
        self._by_key: dict[str, list[tuple[re.Pattern, str]]] = {}
        for form, pseudonym, derived in replacements:
            first = _WORD.search(form)
            if first is None:
                continue
            pattern = re.compile(_alternative(form, derived) + _NOT_LETTER_AFTER, re.IGNORECASE)
            self._by_key.setdefault(_key(first.group()), []).append((pattern, pseudonym))

    def _forms_at(self, word: re.Match) -> list[tuple[re.Pattern, str]]:
        folded = _fold(word.group())
        return [f for n in range(1, min(_KEY_LETTERS, len(folded)) + 1) for f in self._by_key.get(folded[:n], [])]

    def _match(self, text: str, word: re.Match) -> tuple[int, str] | None:
        """(end, pseudonym) of the longest name starting with this word, or with the prefix it begins."""
        candidates = [(word, form) for form in self._forms_at(word)]
        # "Stadt Mühlheim", "Große Kreisstadt Mühlheim": the prefix goes with the name it stands before.
        words = [word]
        while len(words) <= _LONGEST_PREFIX:
            following = _WORD.search(text, words[-1].end())
            if following is None or text[words[-1].end() : following.start()].strip(" \t\n-_.") != "":
                break
            words.append(following)
        folded = tuple(_fold(w.group()) for w in words)
        for phrase in _PREFIX_PHRASES:
            if len(folded) > len(phrase) and folded[: len(phrase)] == phrase:
                after = words[len(phrase)]
                candidates += [(after, form) for form in self._forms_at(after)]
                break
        best: tuple[int, str] | None = None
        for start, (pattern, pseudonym) in candidates:
            match = pattern.match(text, start.start())
            if match and (best is None or match.end() > best[0]):
                best = (match.end(), pseudonym)
        return best

    def __call__(self, text: str) -> str:
        if not text or not self._by_key:
            return text
        # "Mühlheim" typed with a combining umlaut (macOS, some web forms) prints the same as the name.
        text = _HIDDEN_IN_WORD.sub("", unicodedata.normalize("NFC", text))
        pieces, done = [], 0
        for word in _WORD.finditer(text):
            if word.start() < done:
                continue
            best = self._match(text, word)
            if best:
                pieces += [text[done : word.start()], best[1]]
                done = best[0]
        return "".join([*pieces, text[done:]])


_WORD = re.compile(r"[^\W\d_]+")
_KEY_LETTERS = 3
_FOLDING = (("ß", "ss"), ("ä", "a"), ("ö", "o"), ("ü", "u"), ("ae", "a"), ("oe", "o"), ("ue", "u"))


def _fold(word: str) -> str:
    """A word's letters as they are compared: "MÜHLHEIM", "Muehlheim", "muhlheim" all give "muhlheim"."""
    word = word.lower()
    for old, new in _FOLDING:
        word = word.replace(old, new)
    return word


def _key(word: str) -> str:
    return _fold(word)[:_KEY_LETTERS]


# Longest first: "Große Kreisstadt" before "Kreisstadt".
_PREFIX_PHRASES = sorted({tuple(_fold(w) for w in p.split()) for p in _PREFIXES}, key=len, reverse=True)
_LONGEST_PREFIX = max(len(p) for p in _PREFIX_PHRASES)


def pseudonyms(workshop: Workshop) -> dict[str, str]:
    """Kommune slug → "Kommune A" …, in the workshop's order."""
    return {k.slug: texts.DOC_PSEUDONYM.format(letter=letters(i)) for i, k in enumerate(workshop.kommunen)}


def pseudonym_slugs(workshop: Workshop) -> dict[str, str]:
    """Kommune slug → "kommune-a" …: what anchors, references and file names carry instead."""
    return {slug: slugify(name) for slug, name in pseudonyms(workshop).items()}


def scrubber(workshop: Workshop, personas: list[Persona] = ()) -> Callable[[str], str]:
    """A function that replaces every Kommune name (and persona name) of the workshop in a text."""
    names = pseudonyms(workshop)
    replacements = [(form, names[k.slug], True) for k in workshop.kommunen for form in kommune_forms(k)]
    letter = {k.slug: letters(i) for i, k in enumerate(workshop.kommunen)}
    for persona in personas:
        if persona.kommune in letter:
            person = texts.DOC_PERSON_PSEUDONYM.format(letter=letter[persona.kommune])
            replacements += [(form, person, False) for form in person_forms(persona.profile.name)]
    return Scrubber(replacements)


def pseudonymise(workshop: Workshop, personas: list[Persona]) -> tuple[Workshop, list[Persona]]:
    names, slugs = pseudonyms(workshop), pseudonym_slugs(workshop)
    letter = {k.slug: letters(i) for i, k in enumerate(workshop.kommunen)}
    scrub = scrubber(workshop, personas)

    anonymous_title = scrub(workshop.title)
    anonymous_workshop = replace(
        workshop,
        slug=slugify(anonymous_title) or "workshop",
        title=anonymous_title,
        place=scrub(workshop.place),
        topics=tuple(Topic(t.id, scrub(t.label)) for t in workshop.topics),
        questions=tuple(scrub(q) for q in workshop.questions),
        kommunen=tuple(Kommune(slugs[k.slug], names[k.slug]) for k in workshop.kommunen),
    )
    result = []
    for persona in personas:
        copied = copy.deepcopy(persona)
        profile = copied.profile
        # The same drawn face as in the named documents; an uploaded picture may show a real person.
        profile.avatar_seed = profile.avatar_seed or persona.kommune
        profile.avatar_image = profile.avatar_file = ""
        if profile.name.strip():
            profile.name = texts.DOC_PERSON_PSEUDONYM.format(letter=letter.get(persona.kommune, "?"))
        profile.role, profile.quote, profile.story = scrub(profile.role), scrub(profile.quote), scrub(profile.story)
        for status in copied.status:
            status.note = scrub(status.note)
        for section in ENTRY_SECTIONS:
            for entry in copied.entries(section):
                entry.text = scrub(entry.text)
        copied.kommune = slugs.get(persona.kommune, persona.kommune)
        result.append(copied)
    return anonymous_workshop, result


def pseudonymise_day(workshop: Workshop, the_day: Day, personas: list[Persona] = ()) -> Day:
    """The day's texts without names; who said what stays attached, by the pseudonymous slug."""
    scrub = scrubber(workshop, personas)
    slugs = pseudonym_slugs(workshop)

    def slug(value: str) -> str:
        return slugs.get(value, value)

    def source(value: str) -> str:  # "lindenau › obstacles[1]"
        kommune, mark, rest = value.partition(" › ")
        return f"{slug(kommune)}{mark}{rest}" if mark else scrub(value)

    copied = copy.deepcopy(the_day)
    for idea in copied.market.ideas:
        idea.title, idea.description = scrub(idea.title), scrub(idea.description)
        idea.kommune, idea.source = slug(idea.kommune), source(idea.source)
        idea.supporters = [slug(s) for s in idea.supporters]
        idea.votes = {slug(k): v for k, v in idea.votes.items()}
        idea.undo = None  # a merge's record names Kommunen and titles; no document needs it
    for slot in copied.agenda.slots:
        slot.title = scrub(slot.title)
        for group in slot.groups:
            group.title, group.room = scrub(group.title), scrub(group.room)
            group.presenters = [slug(s) for s in group.presenters]
    for board in copied.boards.values():
        for entry in board.entries:
            entry.text, entry.kommune, entry.source = scrub(entry.text), slug(entry.kommune), source(entry.source)
    takeaways = copied.takeaways
    for items in takeaways.kommunen.values():
        for item in items:
            item.text, item.next_step = scrub(item.text), scrub(item.next_step)
            item.contacts = [slug(s) for s in item.contacts]
    takeaways.kommunen = {slug(k): items for k, items in takeaways.kommunen.items()}
    return copied
