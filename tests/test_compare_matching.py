"""Comparison frames and learning partners on the demo workshop: the overlaps built into it are found."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from scaled_demo import scaled_demo

from werkstatt import compare, presenter, render
from werkstatt.matching import learning_partners, partners_for
from werkstatt.model import ENTRY_SECTIONS, Entry, Persona, Profile, StatusEntry, empty_persona
from werkstatt.store import WorkshopFolder
from werkstatt.words import STOPWORDS, similar_words, terms

ROOT = Path(__file__).resolve().parent.parent
STORE = WorkshopFolder(ROOT / "personas" / "fellowtag-demo")
WORKSHOP = STORE.workshop()
PERSONAS = [r.persona for r in STORE.personas()]
PARTNERS = learning_partners(WORKSHOP, PERSONAS)


def best_helper(kommune: str, need_text_start: str) -> list[str]:
    found = [p for p in partners_for(PARTNERS, kommune) if p.need.entry.text.startswith(need_text_start)]
    assert found, f"no partners for {kommune}: {need_text_start}"
    return [p.help.kommune for p in found]


# --- German similarity --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "exact", "compound"),
    [
        ("Beteiligungen der Jugendlichen", "Beteiligung von Jugendlichen", ["Beteiligungen", "Jugendlichen"], []),
        ("Der Jugendhilfeausschuss", "Im Ausschuss", [], ["Ausschuss"]),
        ("Ein gemeinsamer Datenbestand", "Daten fehlen", [], ["Daten"]),
        ("Kinderarmut sichtbar machen", "Armut auf dem Land", [], ["Armut"]),
        ("Präventionsketten aufbauen", "Unsere Präventionskette", ["Präventionsketten"], []),
        ("Wie habt ihr das bei euch?", "Wir haben es auch bei uns", [], []),  # function words only
        ("Der Ausschuss tagt einmal im Jahr.", "Seit zwei Jahren tagt der Kreistag gegen Ende.", [], []),
        ("Es gibt immer wieder neue Ideen.", "Immer gibt es neue Wege, die Städte gehen.", [], []),
        ("Im Jahresbericht fehlt die Stadt.", "Jedes Jahr fehlen Städte.", [], []),  # no compound of fillers
        ("Der ASD ist überlastet.", "Unser ASD hat eine Warteliste.", ["ASD"], []),  # abbreviations count
    ],
)
def test_similarity_understands_german_inflection_and_compounds(a, b, exact, compound) -> None:
    found_exact, found_compound = similar_words(terms(a), terms(b))
    assert found_exact == exact
    assert found_compound == compound


def test_demo_reasons_name_only_meaningful_words() -> None:
    words = [
        word
        for p in PARTNERS
        for reason in p.reasons
        if reason.startswith("ähnliche Wörter: ")
        for word in reason.removeprefix("ähnliche Wörter: ").split(", ")
    ]
    assert len(words) > 50  # the demo's partners are still explained by their words
    assert {"Beteiligung", "Präventionskette", "Ombudsstelle", "KJSG"} <= set(words)
    folded = {w.lower().translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})) for w in words}
    assert not folded & (STOPWORDS | {"gegen", "jahr", "jahre", "tagt", "gibt", "immer", "neue", "seit", "wieder"})
    assert all(len(w) >= 4 or w.isupper() for w in words)


# --- learning partners on the demo ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("seeker", "need", "helper"),
    [
        ("lindenau", "Wie habt ihr den Jugendhilfeausschuss", "landkreis-talheim"),
        ("lindenau", "Wie bringt man Daten aus Schulamt", "kesselbrunn"),
        ("kesselbrunn", "Wie habt ihr einen Träger für die Ombudsstelle", "neustrand"),
        ("kesselbrunn", "Für die Ombudsstelle nach KJSG", "neustrand"),
        ("landkreis-seenwalde", "Wie habt ihr den Verfahrenslotsen", "landkreis-talheim"),
        ("landkreis-seenwalde", "Wie baut man einen gemeinsamen Datenbestand", "kesselbrunn"),
        ("landkreis-saalwinkel", "Wie baut man eine Präventionskette", "hafenstedt"),
        ("rheinfurt", "Wie steuert man eine Präventionskette", "hafenstedt"),
        ("landkreis-hohenau-tannberg", "Wie erreicht man mit Beteiligung", "rheinfurt"),
        ("hafenstedt", "Die Stelle für den Verfahrenslotsen", "landkreis-talheim"),
        ("neustrand", "Wie wird aus einer einmaligen Umfrage", "rheinfurt"),
    ],
)
def test_demo_overlaps_are_found_first(seeker: str, need: str, helper: str) -> None:
    assert best_helper(seeker, need)[0] == helper


def test_second_best_partners_are_plausible_too() -> None:
    assert "lindenau" in best_helper("landkreis-saalwinkel", "Wie baut man eine Präventionskette")[:2]
    assert "landkreis-talheim" in best_helper("landkreis-hohenau-tannberg", "Wie erreicht man mit Beteiligung")[:2]


def test_reasons_are_shown_in_german() -> None:
    partner = next(
        p for p in partners_for(PARTNERS, "lindenau") if p.need.entry.text.startswith("Wie habt ihr den Jugend")
    )
    reasons = " · ".join(partner.reasons)
    assert "gleiches Thema: Beteiligung in der Kinder- und Jugendhilfe" in reasons
    assert "ähnliche Wörter: Beteiligung, Jugendhilfeausschuss" in reasons
    assert "Stufe 3 statt Stufe 1" in reasons


def test_no_kommune_is_its_own_partner_and_at_most_three_each() -> None:
    assert all(p.need.kommune != p.help.kommune for p in PARTNERS)
    per_need: dict = {}
    for p in PARTNERS:
        per_need.setdefault((p.need.kommune, p.need.section, p.need.index), []).append(p.help.kommune)
    assert all(len(helpers) <= 3 and len(set(helpers)) == len(helpers) for helpers in per_need.values())


def test_half_filled_and_empty_personas_do_not_break_matching() -> None:
    half = Persona("neustrand", profile=Profile(name="Nur ein Name"), obstacles=[Entry("Daten fehlen überall")])
    others = [p for p in PERSONAS if p.kommune != "neustrand"] + [half, empty_persona("x")]
    found = partners_for(learning_partners(WORKSHOP, others), "neustrand")
    assert found and found[0].help.kommune in {"kesselbrunn", "lindenau", "hafenstedt"}


# --- comparison frames --------------------------------------------------------------------------


def test_stage_matrix_has_every_kommune_and_topic() -> None:
    matrix = compare.stage_matrix(WORKSHOP, PERSONAS)
    assert matrix.shape == (9, 6)
    assert matrix.loc["Stadt Hafenstedt", "Steuerung im Themenfeld Kinderarmut"] == 4
    assert matrix.loc["Landkreis Hohenau-Tannberg", "Steuerung im Themenfeld Kinderarmut"] == 0


def test_entry_counts_count_topics_per_section() -> None:
    counts = compare.entry_counts(WORKSHOP, PERSONAS)
    lindenau = counts[(counts["Kommune"] == "Stadt Lindenau") & (counts["Bereich"] == "Stolpersteine")]
    assert dict(zip(lindenau["Thema"], lindenau["Anzahl"], strict=True))["Datenbasis und Sozialberichterstattung"] == 1
    assert len(counts) == 9 * 5 * (6 + 1)  # six topics and „ohne Thema“
    assert counts[counts["Thema"] == "ohne Thema"]["Anzahl"].sum() == sum(
        1
        for p in PERSONAS
        for s in ("obstacles", "successes", "drivers", "questions", "offers")
        for e in p.entries(s)
        if not e.topics
    )


def test_connecting_themes_rank_shared_obstacles() -> None:
    themes = compare.connecting_themes(WORKSHOP, PERSONAS)
    top = {t.topic: t for t in themes[:3]}
    assert "personal" in top and top["personal"].kommunen >= 5
    daten = next(t for t in themes if t.topic == "daten")
    assert daten.kommunen >= 3
    assert ("Stadt Lindenau", "Daten liegen in fünf Ämtern und passen nicht zusammen.") in daten.obstacles
    assert sum(daten.stage_counts) == 9 and daten.median_stage == 2.0


def without_topics(persona: Persona, sections: tuple[str, ...] = ("obstacles", "successes", "questions", "offers")):
    """A copy of the persona whose entries carry no topic, as a hurried fellow might leave them."""
    persona = copy.deepcopy(persona)
    for section in sections:
        for entry in persona.entries(section):
            entry.topics = []
    return persona


def test_obstacles_without_a_topic_are_their_own_group_after_the_topics() -> None:
    personas = [without_topics(p) if p.kommune in {"lindenau", "neustrand"} else p for p in PERSONAS]
    themes = compare.connecting_themes(WORKSHOP, personas)
    assert sorted(t.topic for t in themes[:-1]) == sorted(t.id for t in WORKSHOP.topics)
    last = themes[-1]
    assert (last.topic, last.label, last.kommunen) == (compare.NO_TOPIC, "ohne Thema", 2)
    assert ("Stadt Lindenau", "Daten liegen in fünf Ämtern und passen nicht zusammen.") in last.obstacles
    assert len(last.obstacles) == len(personas[0].obstacles) + len(
        next(p for p in personas if p.kommune == "neustrand").obstacles
    )
    items = render.theme_items(themes)
    assert items[-1]["heading"] == "ohne Thema: 2 Kommunen" and "kein Thema" in items[-1]["stage"]
    assert compare.connecting_themes(WORKSHOP, PERSONAS)[-1].topic != compare.NO_TOPIC  # none: no group


def test_entries_without_a_topic_are_marked_in_the_comparison() -> None:
    lindenau = without_topics(PERSONAS[0])
    html = render.comparison_html(WORKSHOP, [lindenau, PERSONAS[1]])
    untopical = [e for p in (lindenau, PERSONAS[1]) for s in ENTRY_SECTIONS for e in p.entries(s) if not e.topics]
    assert len(untopical) >= len(lindenau.obstacles) + len(lindenau.questions)
    assert html.count('class="pw-tag pw-tag-none"') == len(untopical)
    sheet = render.vergleichsbogen_html(WORKSHOP, [lindenau, PERSONAS[1]])
    assert 'Daten liegen in fünf Ämtern und passen nicht zusammen. <span class="pw-muted">(ohne Thema)</span>' in sheet


def test_entries_without_a_topic_find_partners_by_their_words() -> None:
    personas = [without_topics(p) for p in PERSONAS]
    found = partners_for(learning_partners(WORKSHOP, personas), "landkreis-seenwalde")
    datenbestand = [p for p in found if p.need.entry.text.startswith("Wie baut man einen gemeinsamen Datenbestand")]
    assert datenbestand and datenbestand[0].help.kommune == "kesselbrunn"
    assert datenbestand[0].reasons == ("ähnliche Wörter: Datenbestand",)
    lotsen = [p for p in found if p.need.entry.text.startswith("Wie habt ihr den Verfahrenslotsen")]
    assert lotsen and lotsen[0].help.kommune == "landkreis-talheim"
    everyone = learning_partners(WORKSHOP, personas)
    assert len({(p.need.kommune, p.need.section, p.need.index) for p in everyone}) >= 30  # of 35 needs


def test_shared_drivers_group_similar_motivations() -> None:
    groups = compare.shared_drivers(WORKSHOP, PERSONAS)
    exchange = next(g for g in groups if any("Austausch" in text for _, text in g))
    assert {k for k, _ in exchange} >= {"Stadt Hafenstedt", "Stadt Rheinfurt", "Stadt Neustrand"}
    families = next(g for g in groups if any("Familien früher Hilfe" in text for _, text in g))
    assert {k for k, _ in families} == {"Stadt Hafenstedt", "Landkreis Saalwinkel"}


def test_shared_topics_are_obstacle_topics_of_at_least_two() -> None:
    by_slug = {p.kommune: p for p in PERSONAS}
    chosen = [by_slug["lindenau"], by_slug["landkreis-talheim"], by_slug["hafenstedt"]]
    assert compare.shared_topics(chosen) == {"daten", "kooperation", "personal"}


def test_group_status_reports_progress_and_broken_files(workshop_dir: Path) -> None:
    (workshop_dir / "kesselbrunn.yaml").write_text("kaputt: [", encoding="utf-8")
    (workshop_dir / "neustrand.yaml").unlink()
    store = WorkshopFolder(workshop_dir)
    frame = compare.group_status(store.workshop(), store.personas()).set_index("slug")
    assert frame.loc["kesselbrunn", "Status"] == "Datei fehlerhaft"
    assert frame.loc["neustrand", "Status"] == "noch nicht begonnen"
    assert frame.loc["lindenau", "Status"] == "vollständig"
    assert frame.loc["lindenau", "Fortschritt"] == 1.0
    assert str(frame.loc["lindenau", "Zuletzt gespeichert"]).startswith("2026-11-19 10:42")


def test_comparison_and_presenter_escape_html() -> None:
    evil = copy.deepcopy(PERSONAS[0])
    evil.profile.quote = "<script>alert(1)</script>"
    evil.obstacles.append(Entry("<img src=x onerror=alert(1)>", ["daten"]))
    html = render.comparison_html(WORKSHOP, [evil, PERSONAS[1]], {evil.kommune})
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "<img src=x" not in html
    assert "unvollständig" in html
    slide = render.presenter_persona_html(WORKSHOP, evil)
    assert "<script>alert" not in slide and "&lt;img src=x onerror=alert(1)&gt;" in slide


# --- scale: 100 Kommunen ------------------------------------------------------------------------


def hundred_personas() -> tuple:
    return scaled_demo(100)


def test_everything_works_for_a_hundred_kommunen() -> None:
    workshop, personas = hundred_personas()
    assert compare.stage_matrix(workshop, personas).shape == (100, 6)
    partners = learning_partners(workshop, personas)
    assert len({p.need.kommune for p in partners}) == 100
    slides = presenter.slides(workshop, personas)
    assert [s.kommune for s in slides if s.key.startswith("persona:") and s.first] == [p.kommune for p in personas]
    assert sum(s.kind == "overview" for s in slides) == 17  # six Kommunen per overview slide


def test_two_kommunen_are_enough() -> None:
    two = PERSONAS[:2]
    assert compare.stage_matrix(WORKSHOP, two).shape == (2, 6)
    assert partners_for(learning_partners(WORKSHOP, two), "lindenau")


# --- presenter logic ----------------------------------------------------------------------------


def test_slides_keep_the_place_when_a_persona_arrives() -> None:
    without = [p for p in PERSONAS if p.kommune != "landkreis-talheim"]
    before = presenter.slides(WORKSHOP, without)
    assert [s.key for s in before[:3]] == ["persona:lindenau", "persona:lindenau:stufen", "persona:hafenstedt"]
    after = presenter.slides(WORKSHOP, PERSONAS)  # Talheim saved meanwhile: its slides slot in before Hafenstedt
    talheim = [s for s in after if s.kommune == "landkreis-talheim"]
    assert presenter.position(after, "persona:hafenstedt") == 2 + len(talheim)
    assert presenter.step(after, "persona:hafenstedt", -1) == talheim[-1]
    assert [s.kind for s in after[-2:]] == ["connections", "partners"]


def test_step_stays_inside_the_slides() -> None:
    all_slides = presenter.slides(WORKSHOP, PERSONAS)
    assert presenter.step(all_slides, all_slides[0].key, -1) == all_slides[0]
    assert presenter.step(all_slides, "partners", 1).key == "partners"
    assert presenter.position(all_slides, "persona:gone", fallback=3) == 3


def test_timer_counts_down_pauses_and_resets() -> None:
    timer = presenter.Timer(duration=180)
    assert timer.remaining(0) == 180 and not timer.running
    timer.start(100.0)
    assert timer.remaining(130.0) == 150
    timer.pause(160.0)
    assert timer.remaining(500.0) == 120  # paused: time stands still
    timer.start(600.0)
    assert timer.remaining(720.5) == 0  # never below zero
    timer.reset()
    assert timer.remaining(1000.0) == 180 and not timer.running
    assert presenter.clock(179.2) == "3:00" and presenter.clock(61) == "1:01" and presenter.clock(0) == "0:00"


def test_status_entries_of_stage_three_or_more_can_help() -> None:
    seeker = Persona("lindenau", status=[StatusEntry("kjsg", 1)], questions=[Entry("Wie geht KJSG?", ["kjsg"])])
    helper = Persona("hafenstedt", status=[StatusEntry("kjsg", 4, "Verfahrenslotse seit 2024")])
    found = learning_partners(WORKSHOP, [seeker, helper])
    assert found and found[0].help.section == "status" and "Stufe 4 statt Stufe 1" in " ".join(found[0].reasons)
