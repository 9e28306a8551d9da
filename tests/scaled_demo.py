"""Larger workshops made from the demo's nine personas, for tests and benchmarks at scale."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from werkstatt.model import Kommune, Persona, Workshop, workshop_to_data
from werkstatt.store import WorkshopFolder, dump_yaml, persona_yaml

DEMO = Path(__file__).resolve().parent.parent / "personas" / "fellowtag-demo"


def scaled_demo(
    count: int, slug_format: str = "{source}-{i}", name_format: str = "{name} {i}"
) -> tuple[Workshop, list[Persona]]:
    """``count`` Kommunen, each with a copy of a demo persona; formats get i, n (= i + 1), source, name."""
    demo = WorkshopFolder(DEMO)
    workshop, personas = demo.workshop(), [r.persona for r in demo.personas()]
    kommunen, copies = [], []
    for i in range(count):
        source = personas[i % len(personas)]
        values = {"i": i, "n": i + 1, "source": source.kommune, "name": workshop.kommune(source.kommune).name}
        slug = slug_format.format(**values)
        kommunen.append(Kommune(slug, name_format.format(**values), "Landkreis", "Hessen"))
        copies.append(replace(copy.deepcopy(source), kommune=slug))
    return replace(workshop, kommunen=tuple(kommunen)), copies


def write_workshop(folder: Path, workshop: Workshop, personas: list[Persona]) -> WorkshopFolder:
    folder.mkdir(parents=True)
    for persona in personas:
        (folder / f"{persona.kommune}.yaml").write_text(persona_yaml(persona), "utf-8")
    (folder / "workshop.yaml").write_text(dump_yaml(workshop_to_data(workshop)), "utf-8")
    return WorkshopFolder(folder)
