"""Matrix: topics × Kommunen of stages as a heatmap (Altair), and counts of entries per topic."""

from __future__ import annotations

import altair as alt
import streamlit as st

from werkstatt import compare, texts
from werkstatt.model import STAGES
from werkstatt.ui import common

# Light to dark in one hue: readable in greyscale, labels carry the meaning too.
STAGE_COLOURS = ["#eef3f6", "#c6d8e4", "#8fb1c7", "#4f7f9e", "#1f4e6b"]


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

    frame["Stufe (Legende)"] = frame["Stufe"].map(lambda s: f"{s} – {STAGES[s]}", na_action="ignore")
    frame["Stufe (Legende)"] = frame["Stufe (Legende)"].fillna(texts.MATRIX_NOT_SET)
    legend = [f"{s} – {label}" for s, label in STAGES.items()] + [texts.MATRIX_NOT_SET]
    base = alt.Chart(frame).encode(
        x=alt.X(
            "Thema:N",
            sort=[t.label for t in workshop.topics],
            title=None,
            axis=alt.Axis(labelAngle=-35, labelLimit=240, labelOverlap=False, orient="top"),
        ),
        y=alt.Y("Kommune:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(
        color=alt.Color(
            "Stufe (Legende):N",
            scale=alt.Scale(domain=legend, range=[*STAGE_COLOURS, "#ffffff"]),
            legend=alt.Legend(title=texts.MATRIX_LEGEND, orient="bottom", columns=3, labelLimit=260),
        ),
        tooltip=["Kommune", "Thema", "Stufe (Text)", "Notiz"],
    )
    labels = base.mark_text(fontSize=13).encode(
        text=alt.Text("Stufe:Q"),
        color=alt.condition(alt.datum.Stufe >= 3, alt.value("#ffffff"), alt.value("#1b2730")),
    )
    height = max(120, 34 * len(order))
    st.altair_chart(
        (cells + labels).properties(height=height),
        width="stretch",
        height=height + 160,
        alt=texts.MATRIX_ALT.format(count=len(order), topics=len(workshop.topics)),
    )
    with st.expander(texts.MATRIX_AS_TABLE):
        st.dataframe(matrix.reindex(order), width="stretch")

    st.subheader(texts.MATRIX_COUNTS_TITLE)
    counts = compare.entry_counts(workshop, personas)
    sections = [texts.MATRIX_COUNTS_ALL, *texts.SECTION_TITLES.values()]
    section = st.selectbox(texts.MATRIX_COUNTS_SECTION, sections, key="pw.matrix_section")
    if section != texts.MATRIX_COUNTS_ALL:
        counts = counts[counts["Bereich"] == section]
    table = counts.pivot_table(index="Kommune", columns="Thema", values="Anzahl", aggfunc="sum", fill_value=0)
    table = table.reindex(index=order, columns=[t.label for t in workshop.topics])
    table["Summe"] = table.sum(axis=1)
    st.dataframe(table, width="stretch")
