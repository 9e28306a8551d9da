"""Property: whatever text a person types, saving and loading gives it back unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from werkstatt.model import Entry, StatusEntry, clean_text, parse_persona
from werkstatt.store import WorkshopFolder, load_yaml_text, persona_yaml

ROOT = Path(__file__).resolve().parent.parent
STORE = WorkshopFolder(ROOT / "personas" / "fellowtag-demo")
WORKSHOP = STORE.workshop()
BASE = STORE.persona("lindenau").persona

# Any Unicode a keyboard, a paste or an emoji picker can produce, cleaned as the app cleans input.
typed = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300).map(clean_text)
entry_text = typed.filter(lambda s: s.strip() != "")
topics = st.lists(st.sampled_from(WORKSHOP.topic_ids), unique=True, max_size=3)
evidence = st.sampled_from([None, "gefuehl", "erfahrung", "daten"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=typed,
    quote=typed,
    story=typed,
    note=typed,
    age=st.one_of(st.none(), st.integers(0, 120)),
    stage=st.integers(0, 4),
    entries=st.lists(st.tuples(entry_text, topics, evidence), max_size=5),
)
def test_any_text_round_trips_through_yaml(name, quote, story, note, age, stage, entries) -> None:
    persona = parse_persona(load_yaml_text(persona_yaml(BASE), "lindenau.yaml"), WORKSHOP, "lindenau.yaml")
    persona.profile.name, persona.profile.quote, persona.profile.story, persona.profile.age = name, quote, story, age
    persona.status = [StatusEntry("kjsg", stage, note)]
    persona.obstacles = [Entry(text, list(tags), ev) for text, tags, ev in entries]

    reread = parse_persona(load_yaml_text(persona_yaml(persona), "lindenau.yaml"), WORKSHOP, "lindenau.yaml")
    assert reread == persona


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=entry_text)
def test_any_text_round_trips_through_the_store(tmp_path_factory, text) -> None:
    folder = tmp_path_factory.mktemp("ws") / "fellowtag-demo"
    shutil.copytree(ROOT / "personas" / "fellowtag-demo", folder)
    store = WorkshopFolder(folder)
    persona = store.persona("lindenau").persona
    persona.questions.append(Entry(text, ["daten"], None))
    store.save_persona(persona, base_revision=persona.revision)
    assert WorkshopFolder(folder).persona("lindenau").persona.questions[-1].text == text
