"""AppTest for the shared pages: presenter navigation and timer, comparison, matrix, partners, group."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from werkstatt.store import WorkshopFolder


@pytest.fixture
def personas(workshop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(workshop_dir.parent))
    return workshop_dir


def open_page(module: str) -> AppTest:
    script = f"from werkstatt.ui import {module}\n{module}.page()\n"
    return AppTest.from_string(script, default_timeout=30).run()


def caption_texts(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def press(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def position(at: AppTest) -> str:
    """The projector's footer line: workshop, „Folie n von m“ and the slide's title."""
    return "\n".join(h.proto.body for h in at.get("html") if "Folie " in h.proto.body and "<p>" in h.proto.body)


def slide_html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_presenter_walks_through_personas_then_overview(personas: Path) -> None:
    at = open_page("presenter_page")
    assert not at.exception, at.exception
    assert "Folie 1 von" in position(at) and "Persona: Stadt Lindenau" in position(at)
    press(at, "Weiter")  # the persona's stages are a slide of their own: the table is readable from the back
    assert "Persona: Stadt Lindenau · Stand je Thema" in position(at)
    assert "Datenbasis und Sozialberichterstattung" in slide_html(at)
    press(at, "Weiter")
    assert "Folie 3 von" in position(at) and "Persona: Landkreis Talheim" in position(at)
    for _ in range(60):
        if "Alle Personas im Überblick" in position(at):
            break
        press(at, "Weiter")
    assert "Jana Brückner" in slide_html(at) and "Alle Personas im Überblick 1/2" in position(at)
    press(at, "Weiter")
    assert "Lukas Brandt" in slide_html(at)  # Neustrand, the ninth persona, on the overview's second slide
    press(at, "Weiter")
    assert "Was uns verbindet" in position(at)
    while "Wer kann von wem lernen?" not in position(at):
        press(at, "Weiter")
    while not next(b for b in at.button if b.label == "Weiter").disabled:
        press(at, "Weiter")
    assert "Wer kann von wem lernen?" in position(at)
    press(at, "Zurück")
    press(at, "Zurück")
    assert "Wer kann von wem lernen?" in position(at) or "Was uns verbindet" in position(at)


def test_presenter_keeps_its_place_when_a_persona_arrives(personas: Path) -> None:
    talheim = (personas / "landkreis-talheim.yaml").read_text(encoding="utf-8")
    (personas / "landkreis-talheim.yaml").unlink()
    at = open_page("presenter_page")
    press(at, "Weiter")
    press(at, "Weiter")
    assert "Folie 3 von" in position(at) and "Persona: Stadt Hafenstedt" in position(at)
    (personas / "landkreis-talheim.yaml").write_text(talheim, encoding="utf-8")
    at.run()
    # Talheim's slides (persona and stages) come in before: the projector stays on Hafenstedt.
    assert "Folie 5 von" in position(at) and "Persona: Stadt Hafenstedt" in position(at)


def test_presenter_timer_starts_pauses_and_resets(personas: Path) -> None:
    at = open_page("presenter_page")
    assert "noch 3:00" in slide_html(at)
    at.button(key="pw.timer_start").click().run()
    timer = at.session_state["pw.present_timers"]["persona:lindenau"]
    assert timer.running and at.button(key="pw.timer_start").disabled
    press(at, "Weiter")  # the stages slide of the same persona: the same speaking time runs on
    assert at.button(key="pw.timer_start").disabled
    assert list(at.session_state["pw.present_timers"]) == ["persona:lindenau"]
    at.button(key="pw.timer_pause").click().run()
    timer = at.session_state["pw.present_timers"]["persona:lindenau"]
    assert not timer.running and timer.elapsed >= 0
    at.button(key="pw.timer_reset").click().run()
    timer = at.session_state["pw.present_timers"]["persona:lindenau"]
    assert timer.elapsed == 0 and not timer.running
    at.number_input(key="pw.present_minutes").set_value(5).run()
    press(at, "Weiter")
    assert "Persona: Landkreis Talheim" in position(at)
    assert "noch 5:00" in slide_html(at)  # the next persona gets the new length


def test_presenter_time_up_is_shown_large_and_not_by_colour_alone(personas: Path) -> None:
    from werkstatt.presenter import Timer

    at = open_page("presenter_page")
    assert "pw-timer pw-timer-up" not in slide_html(at) and "noch 3:00" in slide_html(at)
    at.session_state["pw.present_timers"] = {"persona:lindenau": Timer(duration=60, elapsed=60)}
    at.run()
    html = slide_html(at)
    assert 'class="pw-timer pw-timer-up"' in html and "Zeit ist um" in html
    assert "⚠" in html and 'aria-label="⚠ Zeit ist um. Bitte zum Schluss kommen."' in html


def test_comparison_marks_incomplete_and_names_broken_files(personas: Path) -> None:
    (personas / "kesselbrunn.yaml").write_text("kaputt: [", encoding="utf-8")
    store = WorkshopFolder(personas)
    half = store.persona("neustrand").persona
    half.questions, half.offers = [], []
    store.save_persona(half, base_revision=half.revision)
    at = open_page("compare_page")
    assert not at.exception
    assert any("Stadt Kesselbrunn" in w.value for w in at.warning)
    at.toggle(key="pw.compare_all").set_value(True).run()
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert html.count('class="pw-col-kommune"') == 8
    assert "unvollständig" in html


def test_matrix_sorts_and_counts(personas: Path) -> None:
    at = open_page("matrix_page")
    assert not at.exception, at.exception
    at.selectbox(key="pw.matrix_sort").set_value("kinderarmut").run()
    assert not at.exception
    tables = at.dataframe
    assert len(tables) == 3  # stages under the chart, stages for phones, counts
    stages = tables[0].value
    assert list(stages.index)[0] == "Stadt Hafenstedt"  # stage 4 in Kinderarmut, sorted descending
    at.selectbox(key="pw.matrix_section").set_value("Stolpersteine").run()
    counts = at.dataframe[-1].value
    assert counts.loc["Stadt Lindenau", "Summe"] == 4  # three obstacles tagged with four topics


def vega_spec(at: AppTest) -> dict:
    import json

    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


@pytest.mark.parametrize("count", [2, 4, 30])
def test_matrix_grows_with_the_kommunen_and_never_says_null(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """4 Kommunen × 7 topics (one never assessed) up to 30: a row per Kommune, every name, German empty cells."""
    from dataclasses import replace

    from scaled_demo import scaled_demo, write_workshop
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    from werkstatt.model import Topic

    workshop, personas = scaled_demo(count, "kommune-{i:02d}", "Landkreis Mittelhessen-Nord {n}")
    workshop = replace(workshop, topics=(*workshop.topics, Topic("jugendarbeit", "Offene Kinder- und Jugendarbeit")))
    personas[0].status = personas[0].status[:3]
    write_workshop(tmp_path / "personas" / "matrix", workshop, personas)
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(tmp_path / "personas"))
    at = open_page("matrix_page")
    assert not at.exception, at.exception
    spec = vega_spec(at)
    assert spec["height"] == {"step": 36}  # the chart is as tall as its rows, 36 px each
    y_axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert y_axis["labelLimit"] >= 7 * len("Landkreis Mittelhessen-Nord 30") and y_axis["labelOverlap"] is False
    assert y_axis["labelLimit"] < 320
    stages = at.dataframe[0].value
    assert len(stages) == count and list(stages.columns)[-1] == "Offene Kinder- und Jugendarbeit"
    assert (stages["Offene Kinder- und Jugendarbeit"] == "keine Angabe").all()
    assert stages.loc["Landkreis Mittelhessen-Nord 1", "Kooperation und Vernetzung"] == "keine Angabe"
    shown = stages.to_string() + at.dataframe[1].value.to_string()
    assert "None" not in shown and "nan" not in shown.lower() and "<NA>" not in shown
    chart = at.get("vega_lite_chart")[0].proto
    cells = convert_arrow_bytes_to_pandas_df(chart.datasets[0].data.data)
    for field in ("Zelle", "Stufe (Text)", "Notiz", "Kommune", "Thema"):  # what labels and tooltips show
        assert cells[field].map(lambda v: isinstance(v, str) and v != "").all(), field
    assert (cells.loc[cells["Thema"] == "Offene Kinder- und Jugendarbeit", "Zelle"] == "keine Angabe").all()
    at.toggle(key="pw.matrix_table").set_value(True).run()  # the table instead of the chart, on request
    assert not at.get("vega_lite_chart") and len(at.dataframe) == 2


def test_partners_and_connections_pages_render(personas: Path) -> None:
    at = open_page("partners_page")
    assert not at.exception
    assert any("Sprechen Sie mit Landkreis Talheim" in m.value for m in at.markdown)
    at = open_page("connections_page")
    assert not at.exception
    assert any("Personal und Ressourcen" in s.value for s in at.subheader)
    # The group's stage and the count per stage are two sentences: „bei Stufe 1 – Stufe 1 (…)“ read as a slip.
    stages = [c.value for c in at.caption if c.value.startswith("Die Gruppe steht")]
    assert stages and all(". Kommunen je Stufe: Stufe " in c and " – Stufe" not in c for c in stages), stages


def test_connections_page_names_obstacles_without_a_topic_without_a_stage(personas: Path) -> None:
    lindenau = personas / "lindenau.yaml"
    text = lindenau.read_text("utf-8")
    untopical = "obstacles:\n  - text: Ohne Zuordnung bleibt alles liegen\n"
    lindenau.write_text(text.replace("obstacles:\n", untopical, 1), "utf-8")
    at = open_page("connections_page")
    assert not at.exception, at.exception
    assert any(s.value.startswith("ohne Thema") for s in at.subheader)
    assert "kein Thema zugeordnet" in caption_texts(at)


def test_group_page_shows_progress(personas: Path) -> None:
    (personas / "neustrand.yaml").unlink()
    at = open_page("group_page")
    assert not at.exception
    frame = at.dataframe[0].value.set_index("Kommune")
    assert frame.loc["Stadt Neustrand", "Status"] == "noch nicht begonnen"
    assert "8 von 9 Kommunen haben begonnen" in caption_texts(at)


PAGES = (
    "start",
    "overview",
    "compare_page",
    "matrix_page",
    "connections_page",
    "partners_page",
    "presenter_page",
    "group_page",
    "export_page",
)


@pytest.mark.parametrize("module", PAGES)
def test_a_broken_workshop_file_gives_a_german_error_on_every_page(personas: Path, module: str) -> None:
    (personas / "workshop.yaml").write_text("schema_version: 1\ntitle: [kaputt\n", encoding="utf-8")
    at = open_page(module)
    assert not at.exception, at.exception
    assert any("workshop.yaml" in e.value and "kein gültiges YAML" in e.value for e in at.error)


@pytest.mark.parametrize("module", PAGES)
def test_every_page_copes_with_no_workshop_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(tmp_path / "leer"))
    at = open_page(module)
    assert not at.exception, at.exception


@pytest.mark.parametrize(
    "module", ("compare_page", "matrix_page", "connections_page", "partners_page", "presenter_page")
)
def test_shared_pages_with_no_saved_persona_yet(personas: Path, module: str) -> None:
    for path in personas.glob("*.yaml"):
        if path.name != "workshop.yaml":
            path.unlink()
    at = open_page(module)
    assert not at.exception, at.exception


@pytest.fixture
def hundred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workshop folder with 100 Kommunen generated from the demo personas."""
    from scaled_demo import scaled_demo, write_workshop

    folder = tmp_path / "personas" / "gross"
    write_workshop(folder, *scaled_demo(100, "kommune-{i:03d}", "Kommune {i:03d}"))
    monkeypatch.setenv("WERKSTATT_PERSONAS", str(folder.parent))
    return folder


def test_pages_work_for_a_hundred_kommunen(hundred: Path) -> None:
    matrix = open_page("matrix_page")
    assert not matrix.exception, matrix.exception
    assert matrix.dataframe[0].value.shape == (100, 6)
    compare = open_page("compare_page")
    compare.toggle(key="pw.compare_all").set_value(True).run()
    assert not compare.exception
    assert "\n".join(h.proto.body for h in compare.get("html")).count('class="pw-col-kommune"') == 100
    presenter = open_page("presenter_page")
    assert not presenter.exception, presenter.exception
    assert "Folie 1 von" in position(presenter) and "Persona: Kommune 000" in position(presenter)
    group = open_page("group_page")
    assert len(group.dataframe[0].value) == 100
