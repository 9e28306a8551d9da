"""Matrix: topics × Kommunen of stages as a heatmap (Altair), and counts of entries per topic.

The chart grows with the data: one row of ``ROW_STEP`` pixels per Kommune and a label column as wide
as the longest name, so 2 and 30 Kommunen are equally readable. A phone (below 600 px) gets the same
values as a table instead: Streamlit cannot know the screen's width, so both are sent and CSS shows one.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from werkstatt import compare, texts
from werkstatt.model import STAGES
from werkstatt.ui import common

# Light to dark in one hue: readable in greyscale, labels carry the meaning too.
STAGE_COLOURS = ["#eef3f6", "#c6d8e4", "#8fb1c7", "#4f7f9e", "#1f4e6b"]
EMPTY_COLOUR = "#f7f7f7"
ROW_STEP = 36  # px per Kommune: room for the stage number and a finger on a tablet
LABEL_FONT = 13
LABEL_CHAR = 7.2  # px per character of a 13 px label (Source Sans), a little generous
NARROW_CSS = """<style>
.st-key-pw-matrix-phone { display: none; }
@media (max-width: 600px) {
  .st-key-pw-matrix-chart, [data-testid="stLayoutWrapper"]:has(> .st-key-pw-matrix-chart) { display: none; }
  .st-key-pw-matrix-phone { display: flex; }
}
</style>"""


def page() -> None:
    st.title(texts.MATRIX_TITLE)
    data = common.snapshot_with_personas()
    if data is None:
        return
    workshop, personas = data.workshop, list(data.personas)
    frame = compare.stage_frame(workshop, personas)
    matrix = compare.stage_matrix(workshop, personas)

    sort_options = ["name", "mean", *[t.id for t in workshop.topics]]
    sort_labels = {"name": texts.MATRIX_SORT_NAME, "mean": texts.MATRIX_SORT_MEAN} | {
        t.id: texts.MATRIX_SORT_TOPIC.format(topic=t.label) for t in workshop.topics
    }
    left, right = st.columns([3, 1])
    sort_by = left.selectbox(texts.MATRIX_SORT, sort_options, format_func=sort_labels.get, key="pw.matrix_sort")
    descending = right.toggle(texts.MATRIX_DESCENDING, value=True, key="pw.matrix_desc", disabled=sort_by == "name")
    if sort_by == "name":
        order = sorted(matrix.index)
    else:
        key = matrix.mean(axis=1) if sort_by == "mean" else matrix[workshop.topic_label(sort_by)]
        order = list(key.astype("Float64").sort_values(ascending=not descending, na_position="last").index)

    st.html(NARROW_CSS)
    as_table = st.toggle(texts.MATRIX_TABLE_TOGGLE, key="pw.matrix_table", help=texts.MATRIX_TABLE_TOGGLE_HELP)
    table = _stage_table(matrix.reindex(order))
    if as_table:
        st.dataframe(table, width="stretch")
    else:
        with st.container(key="pw-matrix-chart"):
            _chart(workshop, frame, order)
            with st.expander(texts.MATRIX_AS_TABLE):
                st.dataframe(table, width="stretch")
        with st.container(key="pw-matrix-phone"):
            st.caption(texts.MATRIX_PHONE_NOTE)
            st.dataframe(table, width="stretch", key="pw.matrix_phone_table")

    st.subheader(texts.MATRIX_COUNTS_TITLE)
    counts = compare.entry_counts(workshop, personas)
    sections = [texts.MATRIX_COUNTS_ALL, *texts.SECTION_TITLES.values()]
    section = st.selectbox(texts.MATRIX_COUNTS_SECTION, sections, key="pw.matrix_section")
    if section != texts.MATRIX_COUNTS_ALL:
        counts = counts[counts["Bereich"] == section]
    pivot = counts.pivot_table(index="Kommune", columns="Thema", values="Anzahl", aggfunc="sum", fill_value=0)
    columns = [t.label for t in workshop.topics]
    if texts.COMPARE_NO_TOPIC in pivot.columns:  # entries without a topic are counted too, not dropped
        columns.append(texts.COMPARE_NO_TOPIC)
    pivot = pivot.reindex(index=order, columns=columns, fill_value=0)
    pivot["Summe"] = pivot.sum(axis=1)
    st.dataframe(pivot, width="stretch")


def _stage_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """Stages as text: „3“, or „keine Angabe“ where nothing was assessed (never None or an empty cell)."""
    return matrix.apply(lambda column: column.map(lambda v: texts.MATRIX_EMPTY if pd.isna(v) else str(int(v))))


def _chart(workshop, frame: pd.DataFrame, order: list[str]) -> None:  # model.Workshop
    frame = frame.copy()
    frame["Stufe (Legende)"] = frame["Stufe"].map(lambda s: f"{s} – {STAGES[s]}", na_action="ignore")
    frame["Stufe (Legende)"] = frame["Stufe (Legende)"].astype(object).fillna(texts.MATRIX_EMPTY)
    # Every field a tooltip or a label shows is text: Vega would print a missing value as „null“.
    empty = texts.MATRIX_EMPTY if len(workshop.topics) <= 7 else texts.MATRIX_EMPTY_SHORT  # narrow cells
    frame["Zelle"] = frame["Stufe"].map(lambda s: str(s), na_action="ignore").astype(object).fillna(empty)
    frame["Stufe (Text)"] = frame["Stufe (Text)"].where(frame["Stufe"].notna(), texts.MATRIX_EMPTY)
    frame["Notiz"] = frame["Notiz"].fillna("").map(lambda note: note or "–")
    frame["Hell"] = frame["Stufe"].fillna(0).astype(int) < 3
    legend = [f"{s} – {label}" for s, label in STAGES.items()] + [texts.MATRIX_EMPTY]
    longest = max((len(name) for name in order), default=10)
    base = alt.Chart(frame).encode(
        x=alt.X(
            "Thema:N",
            sort=[t.label for t in workshop.topics],
            title=None,
            axis=alt.Axis(labelAngle=-35, labelLimit=260, labelOverlap=False, orient="top", labelFontSize=LABEL_FONT),
        ),
        y=alt.Y(
            "Kommune:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelLimit=int(longest * LABEL_CHAR) + 12, labelOverlap=False, labelFontSize=LABEL_FONT),
        ),
        tooltip=[
            alt.Tooltip("Kommune:N"),
            alt.Tooltip("Thema:N"),
            alt.Tooltip("Stufe (Text):N", title="Stufe"),
            alt.Tooltip("Notiz:N"),
        ],
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        color=alt.Color(
            "Stufe (Legende):N",
            scale=alt.Scale(domain=legend, range=[*STAGE_COLOURS, EMPTY_COLOUR]),
            legend=alt.Legend(title=texts.MATRIX_LEGEND, orient="bottom", columns=3, labelLimit=260),
        ),
    )
    labels = base.mark_text(fontSize=LABEL_FONT).encode(
        text=alt.Text("Zelle:N"),
        color=alt.condition(alt.datum.Hell, alt.value("#1b2730"), alt.value("#ffffff")),
    )
    st.altair_chart(
        (cells + labels).properties(height=alt.Step(ROW_STEP)),
        width="stretch",
        alt=texts.MATRIX_ALT.format(count=len(order), topics=len(workshop.topics)),
    )
