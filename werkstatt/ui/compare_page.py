"""Vergleich: two to four personas (or all) side by side, rows aligned, shared topics marked."""

from __future__ import annotations

import streamlit as st

from werkstatt import compare, render, texts
from werkstatt.ui import common

PHONE_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-pw-compare-phone), .st-key-pw-compare-phone { display: none; }
@media (max-width: 600px) {
  [data-testid="stLayoutWrapper"]:has(> .st-key-pw-compare-table), .st-key-pw-compare-table { display: none; }
  [data-testid="stLayoutWrapper"]:has(> .st-key-pw-compare-phone), .st-key-pw-compare-phone { display: flex; }
}
</style>"""


def page() -> None:
    st.title(texts.COMPARE_TITLE)
    data = common.snapshot_with_personas()
    if data is None:
        return
    broken = [compare.kommune_name(data.workshop, r.slug) for r in data.results if r.exists and not r.ok]
    if broken:
        st.warning(texts.COMPARE_BROKEN.format(names=common.md_escape(", ".join(broken))), icon=":material/error:")
    names = {p.kommune: compare.kommune_name(data.workshop, p.kommune) for p in data.personas}
    options = list(names)
    show_all = st.toggle(texts.COMPARE_ALL, key="pw.compare_all")
    if show_all:
        chosen = options
    else:
        default = [k for k in st.session_state.get("pw.compare_last", options[:3]) if k in options]
        chosen = st.multiselect(
            texts.COMPARE_CHOOSE,
            options,
            default=default,
            format_func=names.get,
            max_selections=4,
            help=texts.COMPARE_CHOOSE_HELP,
            placeholder=texts.WIZ_TOPICS_PLACEHOLDER,
        )
        st.session_state["pw.compare_last"] = chosen
    if len(chosen) < 2:
        st.info(texts.COMPARE_TOO_FEW)
        return
    personas = [p for p in data.personas if p.kommune in chosen]
    # A phone has room for one column: there the personas stand one under the other, each as its whole card,
    # instead of a table cut after a column and a half. Streamlit cannot know the width, so CSS picks one.
    st.html(PHONE_CSS)
    with st.container(key="pw-compare-table"):
        st.html(render.comparison_html(data.workshop, personas, data.incomplete))
    with st.container(key="pw-compare-phone"):
        st.caption(texts.COMPARE_PHONE_NOTE)
        for persona in personas:
            st.html(render.persona_card_html(data.workshop, persona))
