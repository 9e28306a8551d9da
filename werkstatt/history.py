"""What changed between two versions of a persona, said in German (for the history view)."""

from __future__ import annotations

from werkstatt import texts
from werkstatt.model import ENTRY_SECTIONS, Persona, Workshop

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
        before = [e.text for e in old.entries(section)]
        after = [e.text for e in new.entries(section)]
        added = sum(1 for text in after if text not in before)
        removed = sum(1 for text in before if text not in after)
        title = texts.SECTION_TITLES[section]
        if added:
            lines.append(texts.HISTORY_ADDED.format(count=added, section=title))
        if removed:
            lines.append(texts.HISTORY_REMOVED.format(count=removed, section=title))
        if not added and not removed and [e for e in old.entries(section)] != [e for e in new.entries(section)]:
            lines.append(texts.HISTORY_EDITED.format(section=title))
    return lines or [texts.HISTORY_NO_CHANGE]
