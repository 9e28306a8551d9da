"""Cutting the presentation into slides that fit a projector (werkstatt.presenter), without a browser."""

from __future__ import annotations

import copy
from pathlib import Path

from scaled_demo import scaled_demo

from werkstatt import compare, presenter
from werkstatt.matching import learning_partners
from werkstatt.model import Entry
from werkstatt.store import WorkshopFolder

DEMO = WorkshopFolder(Path(__file__).resolve().parent.parent / "personas" / "fellowtag-demo")
WORKSHOP = DEMO.workshop()
PERSONAS = [r.persona for r in DEMO.personas() if r.ok]


def demo_slides() -> list[presenter.Slide]:
    themes = compare.connecting_themes(WORKSHOP, PERSONAS)
    return presenter.slides(WORKSHOP, PERSONAS, themes, learning_partners(WORKSHOP, PERSONAS))


def test_each_persona_has_its_slides_then_its_stages_and_one_timer() -> None:
    slides = demo_slides()
    keys = [s.key for s in slides]
    assert len(keys) == len(set(keys))
    lindenau = [s for s in slides if s.kommune == "lindenau"]
    assert [s.key for s in lindenau] == ["persona:lindenau", "persona:lindenau:stufen"]
    assert {s.timer_key for s in lindenau} == {"persona:lindenau"}
    assert lindenau[0].quote and lindenau[0].first and not lindenau[1].first
    assert [row.topic for row in lindenau[1].columns[0].items] == [t.label for t in WORKSHOP.topics]
    kinds = [s.kind for s in slides]
    last_persona = max(i for i, kind in enumerate(kinds) if kind in ("persona", "stages"))
    assert kinds.index("overview") == last_persona + 1 and kinds.count("stages") >= len(PERSONAS)
    assert kinds[-1] == "partners" and "connections" in kinds
    assert all(s.timer_key is None for s in slides if s.kind in ("overview", "connections", "partners"))


def test_a_long_persona_continues_as_numbered_lists_and_loses_no_words() -> None:
    persona = copy.deepcopy(PERSONAS[0])
    persona.obstacles = [Entry(f"Stolperstein {n}: " + "Daten liegen verstreut. " * 6) for n in range(12)]
    persona.obstacles.append(Entry("Ein sehr langer Bericht. " * 200))
    persona.profile.quote = "Ich habe die Daten – aber wer liest sie? " * 20
    slides = presenter.persona_slides(WORKSHOP, persona)
    content = [s for s in slides if s.kind == "persona"]
    assert len(content) >= 3
    titles = [c.title for s in content for c in s.columns if c.title.startswith("Stolpersteine")]
    assert titles[0] == f"Stolpersteine 1/{len(titles)}" and titles[-1] == f"Stolpersteine {len(titles)}/{len(titles)}"
    assert content[1].part == f"Teil 2 von {len(content)}" and not content[1].first
    shown = " ".join(item for s in content for c in s.columns for item in c.items)
    for entry in persona.obstacles[:12]:
        assert entry.text.strip() in shown
    pieces = [item for s in content for item in s.columns[0].items if "Bericht" in item]
    assert len(pieces) > 1 and pieces[0].endswith("…") and pieces[1].startswith("…")  # cut at words, marked
    assert " ".join(p.strip("…") for p in pieces).split() == persona.obstacles[-1].text.split()
    assert content[0].quote.endswith(" …") and len(content[0].quote) < 300  # shortened on the slide only


def test_thirty_kommunen_give_overview_slides_of_six() -> None:
    workshop, personas = scaled_demo(30)
    overview = [s for s in presenter.slides(workshop, personas) if s.kind == "overview"]
    assert [len(s.columns[0].items) for s in overview] == [6, 6, 6, 6, 6]
    assert overview[0].title.endswith("1/5") and overview[-1].key == "overview:5"


def test_no_persona_yet_still_gives_an_overview_slide() -> None:
    slides = presenter.slides(WORKSHOP, [])
    assert [s.kind for s in slides] == ["overview", "connections", "partners"]
    assert slides[0].columns[0].items == ()


def test_line_estimate_errs_on_the_long_side() -> None:
    assert presenter.lines("", 10) == 1
    assert presenter.lines("kurz", 10) == 1
    assert presenter.lines("Wort " * 40, 15) >= 200 * presenter.CHAR / 15
    assert presenter.shorten("ein Satz", 20, 3) == "ein Satz"
