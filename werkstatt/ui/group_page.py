"""Stand der Gruppe: who has started, how complete each persona is, when it was last saved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from werkstatt import compare, texts
from werkstatt.ui import common


def page() -> None:
    st.title(texts.GROUP_TITLE)  # above the PIN form too: a fellow who clicks here sees which page is locked
    if not common.facilitator_allowed():
        return
    slug = common.chosen_workshop_slug()
    if slug:
        _live_table(slug)


@st.fragment(run_every=3)
def _live_table(slug: str) -> None:
    data = common.snapshot(slug)
    if data is None:
        return
    frame = compare.group_status(data.workshop, list(data.results))
    started = int((frame["Status"] != texts.GROUP_STATE_NEW).sum())
    complete = int((frame["Status"] == texts.GROUP_STATE_COMPLETE).sum())
    st.caption(texts.GROUP_CAPTION.format(started=started, total=len(frame), complete=complete))
    # Streamlit paints an empty cell as "None": a Kommune that has not saved yet gets empty cells.
    shown = frame.drop(columns=["slug"])
    shown["Stand"] = shown["Stand"].map(lambda revision: "" if pd.isna(revision) else str(int(revision)))
    shown["Zuletzt gespeichert"] = shown["Zuletzt gespeichert"].map(
        lambda when: "" if pd.isna(when) else when.strftime("%d.%m.%Y, %H:%M")
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "Fortschritt": st.column_config.ProgressColumn(texts.GROUP_PROGRESS, min_value=0.0, max_value=1.0),
        },
    )
    broken = [r for r in data.results if r.exists and not r.ok]
    for result in broken:
        name = compare.kommune_name(data.workshop, result.slug)
        common.show_problems(texts.OVERVIEW_BROKEN.format(kommune=common.md_escape(name)), result.problems)
