"""Lernpartner: for each obstacle and question, who could help, and why."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from werkstatt import compare, texts
from werkstatt.matching import partners_for
from werkstatt.ui import common


def page() -> None:
    st.title(texts.PARTNERS_TITLE)
    st.markdown(texts.PARTNERS_INTRO)
    data = common.snapshot_with_personas()
    if data is None:
        return
    workshop = data.workshop
    options = [p.kommune for p in data.personas]
    own = st.session_state.get("pw.kommune")
    kommune = st.selectbox(
        texts.PARTNERS_KOMMUNE,
        options,
        index=options.index(own) if own in options else 0,
        format_func=lambda s: compare.kommune_name(workshop, s),
        key="pw.partners_kommune",
    )
    partners = partners_for(list(data.partners), kommune)
    if not partners:
        st.info(texts.PARTNERS_NONE)
    needs: dict[tuple[str, int], list] = {}
    for partner in partners:
        needs.setdefault((partner.need.section, partner.need.index), []).append(partner)
    for (section, _), found in needs.items():
        kind = texts.PARTNERS_NEED_OBSTACLE if section == "obstacles" else texts.PARTNERS_NEED_QUESTION
        with st.container(border=True):
            st.markdown(f"**{kind}:** {common.md_escape(found[0].need.entry.text)}")
            for partner in found:
                helper = compare.kommune_name(workshop, partner.help.kommune)
                what = texts.PARTNERS_HELP[partner.help.section]
                st.markdown(
                    f"→ **{common.md_escape(texts.PARTNERS_TALK_TO.format(kommune=helper))}** "
                    f"({what}: {common.md_escape(partner.help.text)})  \n"
                    f"{common.md_escape(' · '.join(partner.reasons))}"
                )

    st.subheader(texts.PARTNERS_OVERVIEW)
    rows = [
        {
            "Kommune": compare.kommune_name(workshop, p.help.kommune),
            "kann helfen": compare.kommune_name(workshop, p.need.kommune),
        }
        for p in data.partners
    ]
    if rows:
        table = pd.crosstab(pd.DataFrame(rows)["Kommune"], pd.DataFrame(rows)["kann helfen"])
        st.dataframe(table, width="stretch")
