"""Start page: what this is; the code field first when there are join codes; else choose workshop and Kommune."""

from __future__ import annotations

import streamlit as st

from werkstatt import texts
from werkstatt.ui import common


def page() -> None:
    st.title(texts.APP_TITLE)
    slugs = common.workshop_slugs()
    # With join codes anywhere, a fellow joins by code (typed or from the card's link) and the code
    # decides the workshop: no list of workshops, no free choice of Kommune — and the field comes
    # first, so a phone shows it without scrolling past the introduction.
    by_code = bool(slugs) and common.codes_anywhere() and not common.is_facilitator()
    if by_code:
        _join_by_code()
    st.markdown(f"**{texts.APP_TAGLINE}**")
    st.markdown(texts.START_INTRO)
    if not slugs:
        st.warning(texts.START_NO_WORKSHOP.format(root=common.personas_root()))
        return
    if not by_code:
        _choose_kommune(slugs)


def _join_by_code() -> None:
    link_code = st.query_params.get("code")
    if link_code and st.session_state.get("pw.link_code_tried") != link_code:
        st.session_state["pw.link_code_tried"] = link_code  # a link is tried once, not on every rerun
        if common.join_anywhere(link_code):
            st.switch_page(st.session_state["pw.pages"]["wizard"])
    joined = st.session_state.get("pw.joined")
    kommune = common.joined_kommune(joined[0]) if joined else None
    if kommune:
        slug = common.chosen_workshop_slug()  # the code's workshop, named and kept in the address
        workshop = common.load_workshop(slug) if slug else None
        if workshop is not None and workshop.kommune(kommune):
            st.success(texts.JOIN_SIGNED_IN.format(name=common.md_escape(workshop.kommune(kommune).name)))
            if st.button(texts.JOIN_TO_PERSONA, type="primary", icon=":material/edit:"):
                st.switch_page(st.session_state["pw.pages"]["wizard"])
            return
    with st.form("pw.join_form"):
        code = st.text_input(texts.JOIN_CODE, placeholder=texts.JOIN_CODE_PLACEHOLDER, key="pw.join_code")
        submitted = st.form_submit_button(texts.JOIN_SUBMIT, type="primary", icon=":material/login:")
        st.caption(texts.JOIN_INTRO)
    if submitted and common.join_anywhere(code):
        st.switch_page(st.session_state["pw.pages"]["wizard"])


def _choose_kommune(slugs: list[str]) -> None:
    """Without codes (or for the facilitator): choose the workshop, then the Kommune whose persona to edit."""
    if len(slugs) > 1:
        current = st.query_params.get("workshop") or st.session_state.get("pw.workshop")
        choice = st.selectbox(
            texts.START_WORKSHOP,
            slugs,
            index=slugs.index(current) if current in slugs else None,
            format_func=common.workshop_title,
            placeholder=texts.WORKSHOP_CHOOSE_PLACEHOLDER,
            key="pw.start_workshop",
        )
        if choice is None:
            return
        st.session_state["pw.workshop"] = choice
        st.query_params["workshop"] = choice
    slug = common.chosen_workshop_slug()
    workshop = common.load_workshop(slug) if slug else None
    if workshop is None:
        return
    st.subheader(common.md_escape(workshop.title))
    date = workshop.date.strftime("%d.%m.%Y") if workshop.date else ""
    place = common.md_escape(workshop.place)
    st.caption(texts.START_WORKSHOP_INFO.format(date=date, place=place, count=len(workshop.kommunen)))
    st.markdown(texts.START_STEPS)

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
