"""What changed between two versions of a persona, said in German (for the history view)."""

from __future__ import annotations

from werkstatt import texts
from werkstatt.model import ENTRY_SECTIONS, Entry, Persona, Workshop

PROFILE_FIELDS = {
    "name": "Name",
    "age": "Alter",
    "role": "Rolle",
    "quote": "Zitat",
    "story": "Geschichte",
    "avatar_seed": "Porträt",
    "avatar_file": "Bild",
}


def changes(workshop: Workshop, old: Persona, new: Persona) -> list[str]:
    """Short German lines: which fields changed, which entries came and went, which stages moved."""
    lines = [
        texts.HISTORY_CHANGED.format(field=label)
        for key, label in PROFILE_FIELDS.items()
        if getattr(old.profile, key) != getattr(new.profile, key)
    ]
    for topic in workshop.topics:
        before, after = old.stage_of(topic.id), new.stage_of(topic.id)
        stage_before = before.stage if before else None
        stage_after = after.stage if after else None
        if stage_before != stage_after:
            lines.append(
                texts.HISTORY_STAGE.format(
                    topic=topic.label,
                    before="–" if stage_before is None else stage_before,
                    after="–" if stage_after is None else stage_after,
                )
            )
        elif before and after and before.note != after.note:
            lines.append(texts.HISTORY_NOTE.format(topic=topic.label))
    for section in ENTRY_SECTIONS:
        added, removed, edited = _entry_changes(old.entries(section), new.entries(section))
        title = texts.SECTION_TITLES[section]
        if added:
            lines.append(texts.HISTORY_ADDED.format(count=added, section=title))
        if removed:
            lines.append(texts.HISTORY_REMOVED.format(count=removed, section=title))
        if edited:
            lines.append(texts.HISTORY_EDITED_COUNT.format(count=edited, section=title))
        elif not added and not removed and old.entries(section) != new.entries(section):
            lines.append(texts.HISTORY_EDITED.format(section=title))
    return lines or [texts.HISTORY_NO_CHANGE]


def _entry_changes(before: list[Entry], after: list[Entry]) -> tuple[int, int, int]:
    """How many entries came, went and were edited: matched by id, else (older files) by their text."""
    after_by_id = {e.id: e for e in after if e.id}
    unmatched_after = list(after)
    unmatched_before = []
    edited = 0
    for entry in before:
        twin = after_by_id.get(entry.id) if entry.id else None
        if twin is None:
            unmatched_before.append(entry)
            continue
        unmatched_after = [e for e in unmatched_after if e is not twin]
        edited += twin != entry
    texts_before = {e.text for e in unmatched_before}
    texts_after = {e.text for e in unmatched_after}
    added = sum(1 for e in unmatched_after if e.text not in texts_before)
    removed = sum(1 for e in unmatched_before if e.text not in texts_after)
    return added, removed, edited
