"""Pseudonymised copies of a workshop for sharing beyond the group: "Kommune A, B, …".

Kommune names (and their core, "Lindenau" of "Stadt Lindenau") are replaced in every text of every
persona; kind and Land are dropped, because with a dozen Kommunen they identify just as well.
The invented persona names stay: they name no real person.
"""

from __future__ import annotations

import copy
import re
import string
from collections.abc import Callable
from dataclasses import replace

from werkstatt import texts
from werkstatt.day import Day
from werkstatt.model import ENTRY_SECTIONS, Kommune, Persona, Workshop

_PREFIXES = ("Landkreis ", "Kreis ", "Stadt ", "Große Kreisstadt ", "Hansestadt ", "Gemeinde ")


def letters(index: int) -> str:
    """A, B, …, Z, AA, AB, … for any number of Kommunen."""
    result = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        result = string.ascii_uppercase[rest] + result
    return result


def _name_pattern(kommune: Kommune) -> re.Pattern:
    names = {kommune.name}
    for prefix in _PREFIXES:
        if kommune.name.startswith(prefix):
            names.add(kommune.name[len(prefix) :])
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) >= 3)
    # Derived words ("Lindenauer Straße") identify the Kommune too: the whole word is replaced.
    return re.compile(rf"(?<![\w-])(?:{alternatives})\w*")


def scrubber(workshop: Workshop) -> Callable[[str], str]:
    """A function that replaces every Kommune name of the workshop in a text by its pseudonym."""
    pseudonyms = _pseudonyms(workshop)
    patterns = [(_name_pattern(k), pseudonyms[k.slug]) for k in workshop.kommunen]

    def scrub(text: str) -> str:
        for pattern, pseudonym in patterns:
            text = pattern.sub(pseudonym, text)
        return text

    return scrub


def _pseudonyms(workshop: Workshop) -> dict[str, str]:
    return {k.slug: texts.DOC_PSEUDONYM.format(letter=letters(i)) for i, k in enumerate(workshop.kommunen)}


def pseudonymise(workshop: Workshop, personas: list[Persona]) -> tuple[Workshop, list[Persona]]:
    pseudonyms = _pseudonyms(workshop)
    scrub = scrubber(workshop)

    anonymous_workshop = replace(
        workshop,
        title=scrub(workshop.title),
        place=scrub(workshop.place),
        kommunen=tuple(Kommune(k.slug, pseudonyms[k.slug]) for k in workshop.kommunen),
    )
    result = []
    for persona in personas:
        copied = copy.deepcopy(persona)
        profile = copied.profile
        profile.role, profile.quote, profile.story = scrub(profile.role), scrub(profile.quote), scrub(profile.story)
        for status in copied.status:
            status.note = scrub(status.note)
        for section in ENTRY_SECTIONS:
            for entry in copied.entries(section):
                entry.text = scrub(entry.text)
        result.append(copied)
    return anonymous_workshop, result


def pseudonymise_day(workshop: Workshop, the_day: Day) -> Day:
    """The day's texts without Kommune names; who said what stays attached by slug (shown as pseudonym)."""
    scrub = scrubber(workshop)
    copied = copy.deepcopy(the_day)
    for idea in copied.market.ideas:
        idea.title, idea.description = scrub(idea.title), scrub(idea.description)
    for slot in copied.agenda.slots:
        slot.title = scrub(slot.title)
        for group in slot.groups:
            group.title, group.room = scrub(group.title), scrub(group.room)
    for board in copied.boards.values():
        for entry in board.entries:
            entry.text = scrub(entry.text)
    for items in copied.takeaways.kommunen.values():
        for item in items:
            item.text, item.next_step = scrub(item.text), scrub(item.next_step)
    return copied
