"""All personas of the workshop, as cards; a broken file shows its errors, the rest keeps working."""

from __future__ import annotations

import streamlit as st

from werkstatt import render, texts
from werkstatt.ui import common


def page() -> None:
    slug = common.chosen_workshop_slug()
    st.title(texts.OVERVIEW_TITLE)
    if slug is None:
        st.warning(texts.START_NO_WORKSHOP.format(root=common.personas_root()))
        return
    workshop = common.load_workshop(slug)
    if workshop is None:
        return
    if not common.may_see_others(slug):
        st.info(texts.JOIN_NOT_REVEALED, icon=":material/visibility_off:")
        return
    folder = common.folder_for(slug)
    results = folder.personas()
    started = sum(1 for r in results if r.exists)
    st.caption(texts.OVERVIEW_CAPTION.format(started=started, total=len(results)))
    stray = folder.stray_files()
    if stray:
        st.warning(texts.OVERVIEW_STRAY.format(files=common.md_escape(", ".join(stray))))

    columns = st.columns(2)
    for index, result in enumerate(results):
        name = workshop.kommune(result.slug).name
        with columns[index % 2]:
            if result.ok:
                st.html(render.persona_card_html(workshop, result.persona))
            elif result.exists:
                common.show_problems(texts.OVERVIEW_BROKEN.format(kommune=common.md_escape(name)), result.problems)
            else:
                st.info(
                    texts.OVERVIEW_MISSING.format(kommune=common.md_escape(name)), icon=":material/hourglass_empty:"
                )
