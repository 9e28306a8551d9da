"""All personas of the workshop, as cards; a broken file shows its errors, the rest keeps working."""

from __future__ import annotations

import streamlit as st

from werkstatt import render, texts
from werkstatt.model import ValidationError
from werkstatt.ui import common
from werkstatt.ui.takeaways_page import show_item


def page() -> None:
    slug = common.chosen_workshop_slug()
    st.title(texts.OVERVIEW_TITLE)
    if slug is None:
        if not common.workshop_slugs():
            st.warning(texts.START_NO_WORKSHOP.format(root=common.personas_root()))
        return
    workshop = common.load_workshop(slug)
    if workshop is None:
        return
    if not common.may_see_others(slug):
        common.wait_for_reveal(slug)
        return
    folder = common.folder_for(slug)
    results = folder.personas()
    started = sum(1 for r in results if r.exists)
    st.caption(texts.OVERVIEW_CAPTION.format(started=started, total=len(results)))
    stray = folder.stray_files()
    if stray:
        st.warning(texts.OVERVIEW_STRAY.format(files=common.md_escape(", ".join(stray))))

    takeaways = _takeaways(folder)
    columns = st.columns(2)
    for index, result in enumerate(results):
        name = workshop.kommune(result.slug).name
        with columns[index % 2]:
            if result.ok:
                st.html(render.persona_card_html(workshop, result.persona))
                _own_takeaways(workshop, takeaways, result.slug, name)
            elif result.exists:
                common.show_problems(texts.OVERVIEW_BROKEN.format(kommune=common.md_escape(name)), result.problems)
            else:
                st.info(
                    texts.OVERVIEW_MISSING.format(kommune=common.md_escape(name)), icon=":material/hourglass_empty:"
                )


def _takeaways(folder):
    """What the Kommunen take home (Mitnehmen), or None if that file cannot be read right now."""
    try:
        return folder.takeaways()
    except ValidationError:
        return None  # the Mitnehmen page names the problem; the personas stay visible here


def _own_takeaways(workshop, takeaways, slug: str, name: str) -> None:
    if takeaways is None or not takeaways.of(slug):
        return
    with st.container(border=True):
        st.markdown(f"**{common.md_escape(texts.TAKEAWAYS_ON_PERSONA.format(name=name))}**")
        for group in render.takeaway_groups(workshop, takeaways):
            if group["kommune"] == name:
                for item in group["items"]:
                    show_item(item)
