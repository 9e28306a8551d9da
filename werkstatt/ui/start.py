"""Start page: what this is, choose the workshop and your Kommune, go to the wizard."""

from __future__ import annotations

import streamlit as st

from werkstatt import texts
from werkstatt.model import ValidationError
from werkstatt.ui import common


def page() -> None:
    st.title(texts.APP_TITLE)
    st.markdown(f"**{texts.APP_TAGLINE}**")
    st.markdown(texts.START_INTRO)

    slugs = common.workshop_slugs()
    if not slugs:
        st.warning(texts.START_NO_WORKSHOP.format(root=common.personas_root()))
        return
    slug = common.chosen_workshop_slug()
    if len(slugs) > 1:
        slug = st.selectbox(
            texts.START_WORKSHOP, slugs, index=slugs.index(slug), format_func=_workshop_title, key="pw.start_workshop"
        )
        st.session_state["pw.workshop"] = slug
    workshop = common.load_workshop(slug)
    if workshop is None:
        return
    st.subheader(workshop.title)
    date = workshop.date.strftime("%d.%m.%Y") if workshop.date else ""
    st.caption(texts.START_WORKSHOP_INFO.format(date=date, place=workshop.place, count=len(workshop.kommunen)))
    st.markdown(texts.START_STEPS)

    if common.codes_active(slug) and not common.is_facilitator():
        _join_form(slug)
        return
    folder = common.folder_for(slug)
    states = {result.slug: result for result in folder.personas()}

    def option_label(kommune_slug: str) -> str:
        kommune = workshop.kommune(kommune_slug)
        result = states[kommune_slug]
        if result.ok:
            state = texts.START_KOMMUNE_STATE_SAVED.format(revision=result.persona.revision)
        elif result.exists:
            state = texts.START_KOMMUNE_STATE_BROKEN
        else:
            state = texts.START_KOMMUNE_STATE_NEW
        return texts.START_KOMMUNE_OPTION.format(name=kommune.name, detail=state)

    options = [k.slug for k in workshop.kommunen]
    current = st.session_state.get("pw.kommune")
    choice = st.selectbox(
        texts.START_KOMMUNE,
        options,
        index=options.index(current) if current in options else None,
        format_func=option_label,
        placeholder=texts.START_KOMMUNE_PLACEHOLDER,
        key="pw.start_kommune",
    )
    if st.button(texts.START_EDIT, type="primary", disabled=choice is None, icon=":material/edit:"):
        st.session_state["pw.kommune"] = choice
        st.switch_page(st.session_state["pw.pages"]["wizard"])


def _workshop_title(slug: str) -> str:
    try:
        return common.folder_for(slug).workshop().title
    except ValidationError:  # a broken workshop still needs a name in the list
        return slug


def _join_form(slug: str) -> None:
    """With join codes: the code from the table card (typed, or from the QR code's link)."""
    link_code = st.query_params.get("code")
    if link_code and st.session_state.get("pw.link_code_tried") != link_code:
        st.session_state["pw.link_code_tried"] = link_code  # a link is tried once, not on every rerun
        if common.join(slug, link_code):
            st.switch_page(st.session_state["pw.pages"]["wizard"])
    st.markdown(texts.JOIN_INTRO)
    with st.form("pw.join_form"):
        code = st.text_input(texts.JOIN_CODE, placeholder=texts.JOIN_CODE_PLACEHOLDER, key="pw.join_code")
        submitted = st.form_submit_button(texts.JOIN_SUBMIT, type="primary", icon=":material/login:")
    if submitted and common.join(slug, code):
        st.switch_page(st.session_state["pw.pages"]["wizard"])
