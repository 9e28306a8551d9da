"""Verbindende Elemente: which topics connect the Kommunen, shared drivers, the group's stage."""

from __future__ import annotations

import streamlit as st

from werkstatt import compare, texts
from werkstatt.model import STAGES
from werkstatt.ui import common


def page() -> None:
    st.title(texts.CONNECT_TITLE)
    st.markdown(texts.CONNECT_INTRO)
    data = common.snapshot_with_personas()
    if data is None:
        return
    for theme in compare.connecting_themes(data.workshop, list(data.personas)):
        with st.container(border=True):
            st.subheader(texts.CONNECT_THEME.format(label=common.md_escape(theme.label), count=theme.kommunen))
            if theme.topic == compare.NO_TOPIC:  # obstacles without a topic have no stage to show
                st.caption(texts.CONNECT_NO_TOPIC_NOTE)
            elif theme.median_stage is None:
                st.caption(texts.CONNECT_NO_STAGE)
            else:
                median = f"{theme.median_stage:g}".replace(".", ",")
                counts = " · ".join(
                    texts.CONNECT_STAGE_COUNT.format(stage=stage, label=STAGES[stage], count=count)
                    for stage, count in enumerate(theme.stage_counts)
                    if count
                )
                st.caption(
                    f"{texts.CONNECT_GROUP_STAGE.format(median=median)}. "
                    + texts.CONNECT_STAGE_COUNTS.format(counts=counts)
                )
            if theme.obstacles:
                st.markdown(
                    "\n".join(f"- **{common.md_escape(k)}:** {common.md_escape(text)}" for k, text in theme.obstacles)
                )
            else:
                st.caption(texts.CONNECT_NO_OBSTACLES)

    st.header(texts.CONNECT_DRIVERS)
    groups = compare.shared_drivers(data.workshop, list(data.personas))
    if not groups:
        st.caption(texts.CONNECT_NO_DRIVERS)
    for group in groups:
        with st.container(border=True):
            st.markdown("\n".join(f"- **{common.md_escape(k)}:** {common.md_escape(text)}" for k, text in group))
