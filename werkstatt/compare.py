"""Side by side: pandas frames for comparison, stages, connecting themes and the group's progress.

Everything here takes the workshop and the personas that could be read and returns plain data
(DataFrames, small dataclasses) for the pages and templates; nothing is drawn here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from werkstatt import texts, wizard
from werkstatt.model import ENTRY_SECTIONS, STAGES, Persona, Workshop
from werkstatt.store import PersonaResult
from werkstatt.words import similar_words, terms

STEPS_TOTAL = len(wizard.STEP_IDS) - 1  # the preview is not a step to fill in
# Entries nobody gave a topic are counted and listed under this id and label, after the topics:
# left out, they would silently drop out of every comparison.
NO_TOPIC = ""


def kommune_name(workshop: Workshop, slug: str) -> str:
    kommune = workshop.kommune(slug)
    return kommune.name if kommune else slug


def steps_done(workshop: Workshop, persona: Persona) -> int:
    return len(wizard.completed_steps(wizard.draft_from_persona(persona, workshop)))


def group_status(workshop: Workshop, results: list[PersonaResult]) -> pd.DataFrame:
    """One row per Kommune: started?, readable?, how complete, when last saved."""
    rows = []
    for result in results:
        persona = result.persona
        done = steps_done(workshop, persona) if persona else 0
        if persona is not None:
            state = texts.GROUP_STATE_COMPLETE if done == STEPS_TOTAL else texts.GROUP_STATE_WORKING
        else:
            state = texts.GROUP_STATE_BROKEN if result.exists else texts.GROUP_STATE_NEW
        rows.append(
            {
                "slug": result.slug,
                "Kommune": kommune_name(workshop, result.slug),
                "Status": state,
                "Fortschritt": done / STEPS_TOTAL,
                "Schritte": f"{done} von {STEPS_TOTAL}",
                "Stand": persona.revision if persona else None,
                "Zuletzt gespeichert": persona.updated if persona else None,
            }
        )
    return pd.DataFrame(rows)


def stage_frame(workshop: Workshop, personas: list[Persona]) -> pd.DataFrame:
    """Long frame of stages: one row per Kommune and topic (stage missing when not assessed)."""
    rows = []
    for persona in personas:
        name = kommune_name(workshop, persona.kommune)
        for topic in workshop.topics:
            entry = persona.stage_of(topic.id)
            rows.append(
                {
                    "slug": persona.kommune,
                    "Kommune": name,
                    "topic": topic.id,
                    "Thema": topic.label,
                    "Stufe": entry.stage if entry else None,
                    "Stufe (Text)": f"{entry.stage} – {STAGES[entry.stage]}" if entry else texts.CARD_STAGE_NOT_SET,
                    "Notiz": entry.note if entry else "",
                }
            )
    frame = pd.DataFrame(rows)
    frame["Stufe"] = frame["Stufe"].astype("Int64")
    return frame


def stage_matrix(workshop: Workshop, personas: list[Persona]) -> pd.DataFrame:
    """Kommunen × topics of stages, in the workshop's order (for tables and sorting)."""
    frame = stage_frame(workshop, personas)
    matrix = frame.pivot(index="Kommune", columns="Thema", values="Stufe")
    names = [kommune_name(workshop, p.kommune) for p in personas]
    return matrix.reindex(index=names, columns=[t.label for t in workshop.topics])


def entry_counts(workshop: Workshop, personas: list[Persona]) -> pd.DataFrame:
    """How many obstacles, successes, … each Kommune names per topic (long frame, zeros included)."""
    rows = []
    for persona in personas:
        name = kommune_name(workshop, persona.kommune)
        for section in ENTRY_SECTIONS:
            entries = [e for e in persona.entries(section) if e.text.strip()]
            bereich = texts.SECTION_TITLES[section]
            for topic in workshop.topics:
                count = sum(1 for e in entries if topic.id in e.topics)
                rows.append({"Kommune": name, "Thema": topic.label, "Bereich": bereich, "Anzahl": count})
            count = sum(1 for e in entries if not e.topics)
            rows.append({"Kommune": name, "Thema": texts.COMPARE_NO_TOPIC, "Bereich": bereich, "Anzahl": count})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Theme:
    """A topic that connects Kommunen: who names obstacles there, in their own words."""

    topic: str
    label: str
    kommunen: int
    obstacles: tuple[tuple[str, str], ...]  # (Kommune name, obstacle text)
    median_stage: float | None
    stage_counts: tuple[int, ...]  # how many Kommunen stand at stage 0, 1, 2, 3, 4


def connecting_themes(workshop: Workshop, personas: list[Persona]) -> list[Theme]:
    """Topics ranked by how many Kommunen name obstacles there (ties: more obstacles first), then,
    when there are any, the obstacles without a topic (``NO_TOPIC``), so none is lost."""
    themes = []
    for topic in workshop.topics:
        obstacles = tuple(
            (kommune_name(workshop, p.kommune), e.text)
            for p in personas
            for e in p.obstacles
            if topic.id in e.topics and e.text.strip()
        )
        stages = [s.stage for p in personas if (s := p.stage_of(topic.id)) is not None]
        counts = tuple(stages.count(stage) for stage in STAGES)
        median = float(pd.Series(stages).median()) if stages else None
        themes.append(Theme(topic.id, topic.label, len({k for k, _ in obstacles}), obstacles, median, counts))
    themes.sort(key=lambda t: (-t.kommunen, -len(t.obstacles), t.label))
    untopical = tuple(
        (kommune_name(workshop, p.kommune), e.text)
        for p in personas
        for e in p.obstacles
        if not e.topics and e.text.strip()
    )
    if untopical:
        kommunen = len({k for k, _ in untopical})
        themes.append(Theme(NO_TOPIC, texts.COMPARE_NO_TOPIC, kommunen, untopical, None, (0,) * len(STAGES)))
    return themes


def shared_drivers(workshop: Workshop, personas: list[Persona]) -> list[list[tuple[str, str]]]:
    """Groups of similar drivers named by at least two Kommunen, largest group first."""
    drivers = [(p.kommune, e) for p in personas for e in p.drivers if e.text.strip()]
    parent = list(range(len(drivers)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (kommune_a, a) in enumerate(drivers):
        for j in range(i + 1, len(drivers)):
            kommune_b, b = drivers[j]
            if kommune_a == kommune_b:
                continue
            exact, compound = similar_words(terms(a.text), terms(b.text))
            closeness = len(exact) + 0.5 * len(compound) + (0.5 if set(a.topics) & set(b.topics) else 0)
            if a.text.strip().lower() == b.text.strip().lower() or closeness >= 1.5:
                parent[root(i)] = root(j)
    groups: dict[int, list[tuple[str, str]]] = {}
    for i, (kommune, entry) in enumerate(drivers):
        groups.setdefault(root(i), []).append((kommune_name(workshop, kommune), entry.text))
    shared = [g for g in groups.values() if len({k for k, _ in g}) >= 2]
    return sorted(shared, key=lambda g: (-len(g), g[0][1]))


def shared_topics(personas: list[Persona]) -> set[str]:
    """Topics where at least two of these Kommunen name obstacles: "Gibt es unser Problem auch anderswo?"."""
    seen: dict[str, set[str]] = {}
    for persona in personas:
        for entry in persona.obstacles:
            for topic in entry.topics:
                seen.setdefault(topic, set()).add(persona.kommune)
    return {topic for topic, kommunen in seen.items() if len(kommunen) >= 2}
