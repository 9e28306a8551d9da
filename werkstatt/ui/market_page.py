"""Themenbörse: fellows bring topic ideas, mark "betrifft uns auch" and put dots; the facilitator merges and marks.

Every click is one operation on the newest file (``store.update_market``), so twelve Kommunen voting
at once all count. The list of ideas redraws every few seconds, so everyone sees the others' dots.
"""

from __future__ import annotations

import streamlit as st

from werkstatt import day, texts
from werkstatt.model import Workshop
from werkstatt.store import WorkshopFolder
from werkstatt.ui import common

FORM_KEYS = {"title": "pw.idea_title", "description": "pw.idea_description", "step": "pw.idea_step"}
TOPICS_KEY = "pw.idea_topics"
ORDER_KEY = "pw.market_order"  # idea ids as ranked when this person asked; None: as they came in


def page() -> None:
    st.title(texts.MARKET_TITLE)
    st.markdown(texts.MARKET_INTRO)
    chosen = common.chosen_workshop()
    if chosen is None:
        return
    slug, workshop, folder = chosen
    if common.read_day(folder.market) is None:
        return
    kommune = common.acting_kommune(slug, workshop)
    common.show_flash("market")
    if kommune:
        _new_idea(folder, workshop, kommune)
    _ideas(slug, kommune)
    common.facilitator_section(texts.MARKET_FACILITATION, _facilitation, folder, workshop)


def _new_idea(folder: WorkshopFolder, workshop: Workshop, kommune: str) -> None:
    with st.form("pw.idea_form", border=True):
        st.markdown(f"**{texts.MARKET_NEW}**")
        st.text_input(texts.MARKET_FIELD_TITLE, key=FORM_KEYS["title"], max_chars=200)
        st.text_area(texts.MARKET_FIELD_DESCRIPTION, key=FORM_KEYS["description"], max_chars=1500, height=90)
        left, right = st.columns(2)
        left.selectbox(
            texts.MARKET_FIELD_STEP,
            ["", *day.PLANNING_STEPS],
            format_func=lambda s: day.PLANNING_STEPS.get(s, texts.MARKET_STEP_NONE),
            key=FORM_KEYS["step"],
        )
        right.multiselect(
            texts.MARKET_FIELD_TOPICS,
            list(workshop.topic_ids),
            format_func=workshop.topic_label,
            key=TOPICS_KEY,
            placeholder=texts.WIZ_TOPICS_PLACEHOLDER,
        )
        st.form_submit_button(
            texts.MARKET_SUBMIT, type="primary", icon=":material/add:", on_click=_submit, args=(folder, kommune)
        )
    _from_persona(folder, workshop, kommune)


def _submit(folder: WorkshopFolder, kommune: str) -> None:
    state = st.session_state
    title = state.get(FORM_KEYS["title"], "")
    values = (
        title,
        state.get(FORM_KEYS["description"], ""),
        state.get(FORM_KEYS["step"]) or "",
        kommune,
        list(state.get(TOPICS_KEY, [])),
    )
    done = common.apply(
        "market",
        lambda: folder.update_market(lambda m: m.submit_idea(*values)),
        texts.MARKET_SUBMITTED.format(title=title.strip()),
    )
    if done:  # only a saved idea empties the form; a refused one keeps every word
        for key in FORM_KEYS.values():
            state[key] = ""
        state[TOPICS_KEY] = []


def _from_persona(folder: WorkshopFolder, workshop: Workshop, kommune: str) -> None:
    with st.expander(texts.MARKET_FROM_PERSONA, icon=":material/person:"):
        st.caption(texts.MARKET_FROM_PERSONA_HINT)
        common.show_flash("from_persona")
        result = folder.persona(kommune)
        if not result.ok:
            st.info(texts.MARKET_NO_PERSONA)
            return
        taken = {i.source for i in folder.market().ideas}
        for source, text, topics in day.persona_suggestions(workshop, result.persona):
            kind = texts.SECTION_TITLES["questions" if "questions" in source else "obstacles"]
            words, button = st.columns([5, 2], vertical_alignment="center")
            words.markdown(f"*{kind}:* {common.md_escape(text)}")
            if source in taken:
                button.caption(texts.MARKET_TAKEN)
            else:
                button.button(
                    texts.MARKET_TAKE,
                    key=f"pw.take.{source}",
                    on_click=_take,
                    args=(folder, kommune, source, text, topics),
                    icon=":material/add:",
                )


def _take(folder: WorkshopFolder, kommune: str, source: str, text: str, topics: list[str]) -> None:
    """One click puts the persona's words into the market (the first sentence as title), as the button says."""
    title = day.short_title(text)
    description = "" if title == text else text
    common.apply(
        "from_persona",
        lambda: folder.update_market(lambda m: m.submit_idea(title, description, "", kommune, topics, source)),
        texts.MARKET_SUBMITTED.format(title=title),
    )


@st.fragment(run_every=3)
def _ideas(slug: str, kommune: str | None) -> None:
    workshop = common.load_workshop(slug)
    folder = common.folder_for(slug)
    market = common.read_day(folder.market)
    if workshop is None or market is None:
        return
    st.subheader(texts.MARKET_LIST)
    common.show_flash("ideas")
    if kommune:
        left = market.dots_left(kommune)
        st.markdown(
            texts.MARKET_DOTS_LEFT.format(
                name=common.md_escape(workshop.kommune(kommune).name), left=left, total=market.dots_per_kommune
            )
        )
    if not market.ideas:
        st.info(texts.MARKET_EMPTY, icon=":material/lightbulb:")
    order = st.session_state.get(ORDER_KEY)
    if market.ideas:
        hint, button = st.columns([4, 2], vertical_alignment="center")
        hint.caption(texts.MARKET_ORDER_RANKED if order else texts.MARKET_ORDER_ARRIVAL)
        if order:
            button.button(texts.MARKET_UNSORT, key="pw.market_unsort", on_click=_set_order, args=(None,))
        else:
            ranked = [i.id for i in market.ranking()]
            button.button(
                texts.MARKET_SORT, key="pw.market_sort", icon=":material/sort:", on_click=_set_order, args=(ranked,)
            )
    for idea in market.in_order(order):
        _idea_card(folder, workshop, market, idea, kommune)
    merged = [i for i in market.ideas if not i.active]
    for idea in merged:
        target = next((i for i in market.ideas if i.id == idea.merged_into), None)
        title = target.title if target else idea.merged_into
        st.caption(f"{common.md_escape(idea.title)} – {common.md_escape(texts.MARKET_MERGED_INTO.format(title=title))}")


def _set_order(order: list[str] | None) -> None:
    st.session_state[ORDER_KEY] = order


def _idea_card(
    folder: WorkshopFolder, workshop: Workshop, market: day.Market, idea: day.Idea, kommune: str | None
) -> None:
    with st.container(border=True):
        words, dots = st.columns([5, 2])
        status = (
            "" if idea.status == "offen" else f" · *{texts.MARKET_STATUS.format(status=day.IDEA_STATUS[idea.status])}*"
        )
        words.markdown(f"**{common.md_escape(idea.title)}**{status}")
        if idea.description:
            words.markdown(common.md_escape(idea.description))
        who = (
            texts.MARKET_FROM.format(name=common.kommune_names(workshop, [idea.kommune]))
            if idea.kommune
            else (texts.MARKET_BY_FACILITATION)
        )
        meta = [who]
        if idea.step:
            meta.append(texts.MARKET_STEP_LABEL.format(step=day.PLANNING_STEPS[idea.step]))
        if idea.topics:
            meta.append(", ".join(workshop.topic_label(t) for t in idea.topics))
        if idea.supporters:
            meta.append(texts.MARKET_SUPPORTERS.format(names=common.kommune_names(workshop, idea.supporters)))
        merged = market.merged_titles(idea.id)
        if merged:
            meta.append(texts.MARKET_MERGED_FROM.format(titles=", ".join(merged)))
        words.caption(common.md_escape(" · ".join(meta)))
        count = texts.MARKET_DOT_ONE if idea.dots == 1 else texts.MARKET_DOTS.format(dots=idea.dots)
        dots.markdown(f"<span aria-hidden='true'>{'●' * min(idea.dots, 30)}</span> **{count}**", unsafe_allow_html=True)
        if not kommune:
            return
        own = idea.votes.get(kommune, 0)
        if own:
            dots.caption(texts.MARKET_YOUR_DOTS.format(dots=own))
        vote, unvote, support = st.columns([2, 2, 3])
        vote.button(
            texts.MARKET_VOTE,
            key=f"pw.vote.{idea.id}",
            icon=":material/add_circle:",
            disabled=market.dots_left(kommune) == 0,
            on_click=_vote,
            args=(folder, idea.id, kommune, 1),
            help=None,
        )
        unvote.button(
            texts.MARKET_UNVOTE,
            key=f"pw.unvote.{idea.id}",
            icon=":material/remove_circle:",
            disabled=own == 0,
            on_click=_vote,
            args=(folder, idea.id, kommune, -1),
        )
        if idea.kommune != kommune:
            supported = kommune in idea.supporters
            support.button(
                texts.MARKET_UNSUPPORT if supported else texts.MARKET_SUPPORT,
                key=f"pw.support.{idea.id}",
                icon=":material/check_box:" if supported else ":material/check_box_outline_blank:",
                on_click=_support,
                args=(folder, idea.id, kommune),
            )


def _vote(folder: WorkshopFolder, idea_id: str, kommune: str, change: int) -> None:
    common.apply("ideas", lambda: folder.update_market(lambda m: m.vote(idea_id, kommune, change)))


def _support(folder: WorkshopFolder, idea_id: str, kommune: str) -> None:
    common.apply("ideas", lambda: folder.update_market(lambda m: m.toggle_support(idea_id, kommune)))


def _facilitation(folder: WorkshopFolder, workshop: Workshop) -> None:
    market = common.read_day(folder.market)
    if market is None:
        return
    common.show_flash("facilitation")
    _who_voted(workshop, market)
    with st.form("pw.dots_form"):
        dots = st.number_input(
            texts.MARKET_SET_DOTS, min_value=0, max_value=day.MAX_DOTS, value=market.dots_per_kommune, step=1
        )
        if st.form_submit_button(texts.MARKET_SAVE_DOTS):
            common.apply("facilitation", lambda: folder.update_market(lambda m: m.set_dots(int(dots))))
            st.rerun()
    active = market.ranking()
    if not active:
        return
    labels = {i.id: texts.MARKET_IDEA_LABEL.format(title=i.title, dots=i.dots) for i in active}
    with st.form("pw.mark_form"):
        left, right = st.columns([3, 1])
        idea_id = left.selectbox(texts.DOC_COL_IDEA, list(labels), format_func=labels.get)
        status = right.selectbox(
            texts.MARKET_MARK,
            [s for s in day.IDEA_STATUS if s != "zusammengelegt"],
            format_func=day.IDEA_STATUS.get,
        )
        if st.form_submit_button(texts.MARKET_MARK_SAVE):
            common.apply("facilitation", lambda: folder.update_market(lambda m: m.mark(idea_id, status)))
            st.rerun()
    if len(active) < 2:
        return
    with st.form("pw.merge_form"):
        left, right = st.columns(2)
        source = left.selectbox(texts.MARKET_MERGE_SOURCE, list(labels), format_func=labels.get)
        target = right.selectbox(texts.MARKET_MERGE_TARGET, list(labels), index=1, format_func=labels.get)
        if st.form_submit_button(texts.MARKET_MERGE, icon=":material/merge:"):
            common.apply(
                "facilitation",
                lambda: folder.update_market(lambda m: m.merge(source, target, folder.limits.max_text_chars)),
                texts.MARKET_MERGED,
            )
            st.rerun()
    _unmerge_form(folder, market)
    _edit_form(folder, workshop, active, labels)


def _unmerge_form(folder: WorkshopFolder, market: day.Market) -> None:
    """A merge done by mistake is taken back with its dots; only merges recorded since this version can be."""
    merged = {i.id: i.title for i in market.ideas if not i.active and i.undo}
    if not merged:
        return
    with st.form("pw.unmerge_form"):
        idea_id = st.selectbox(texts.MARKET_UNMERGE_CHOOSE, list(merged), format_func=merged.get)
        if st.form_submit_button(texts.MARKET_UNMERGE, icon=":material/undo:"):
            common.apply(
                "facilitation",
                lambda: folder.update_market(lambda m: m.unmerge(idea_id)),
                texts.MARKET_UNMERGED.format(title=merged[idea_id]),
            )
            st.rerun()


def _edit_form(folder: WorkshopFolder, workshop: Workshop, active: list[day.Idea], labels: dict[str, str]) -> None:
    """The facilitator corrects an idea's words (a typo, a clearer title) without touching its dots."""
    idea_id = st.selectbox(texts.MARKET_EDIT_CHOOSE, list(labels), format_func=labels.get, key="pw.edit_idea")
    idea = next(i for i in active if i.id == idea_id)
    with st.form(f"pw.edit_form.{idea.id}"):
        title = st.text_input(texts.MARKET_FIELD_TITLE, value=idea.title, max_chars=200)
        description = st.text_area(texts.MARKET_FIELD_DESCRIPTION, value=idea.description, max_chars=1500)
        step = st.selectbox(
            texts.MARKET_FIELD_STEP,
            ["", *day.PLANNING_STEPS],
            index=["", *day.PLANNING_STEPS].index(idea.step),
            format_func=lambda s: day.PLANNING_STEPS.get(s, texts.MARKET_STEP_NONE),
        )
        topics = st.multiselect(
            texts.MARKET_FIELD_TOPICS,
            list(workshop.topic_ids),
            default=idea.topics,
            format_func=workshop.topic_label,
            placeholder=texts.WIZ_TOPICS_PLACEHOLDER,
        )
        if st.form_submit_button(texts.MARKET_EDIT_SAVE, icon=":material/save:"):
            common.apply(
                "facilitation",
                lambda: folder.update_market(lambda m: m.edit_idea(idea.id, title, description, step, topics)),
                texts.TAKEAWAYS_SAVED,
            )
            st.rerun()


def _who_voted(workshop: Workshop, market: day.Market) -> None:
    """Which Kommunen still have dots, and how many ideas each brought: who to encourage before closing."""
    import pandas as pd

    rows = [
        {
            texts.DOC_COL_WHO: k.name,
            texts.MARKET_COL_USED: market.dots_used(k.slug),
            texts.MARKET_COL_LEFT: market.dots_left(k.slug),
            texts.MARKET_COL_IDEAS: sum(1 for i in market.ideas if i.kommune == k.slug),
        }
        for k in workshop.kommunen
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
