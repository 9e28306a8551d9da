"""Programm: the agenda built from the Themenbörse — time slots, parallel groups, who presents — and its PDF."""

from __future__ import annotations

import streamlit as st

from werkstatt import day, texts
from werkstatt.model import ValidationError, Workshop
from werkstatt.store import WorkshopFolder
from werkstatt.ui import common

TIME_CHARS = 12  # "9.30 Uhr" and the like: day.normalise_time makes HH:MM of it


def page() -> None:
    st.title(texts.AGENDA_TITLE)
    st.markdown(texts.AGENDA_INTRO)
    chosen = common.chosen_workshop()
    if chosen is None:
        return
    slug, workshop, folder = chosen
    agenda = common.read_day(folder.agenda)
    if agenda is None:
        return
    common.show_flash("agenda")
    _show(workshop, agenda)
    if agenda.slots:
        _pdf(slug)
    common.facilitator_section(texts.AGENDA_EDIT, _edit, folder, workshop, agenda)


def _show(workshop: Workshop, agenda: day.Agenda) -> None:
    if not agenda.slots:
        st.info(texts.AGENDA_EMPTY, icon=":material/event:")
        return
    for slot in agenda.slots:
        with st.container(border=True):
            when = slot.when
            st.markdown(f"**{common.md_escape(when)}** · {common.md_escape(slot.title) or ''}")
            if not slot.groups:
                st.caption(texts.AGENDA_NO_GROUPS)
            columns = st.columns(max(1, len(slot.groups)))
            for column, group in zip(columns, slot.groups, strict=False):
                with column:
                    st.markdown(f"**{common.md_escape(group.title)}**")
                    details = []
                    if group.room:
                        details.append(texts.AGENDA_ROOM.format(room=group.room))
                    if group.presenters:
                        details.append(
                            texts.AGENDA_PRESENTERS.format(names=common.kommune_names(workshop, group.presenters))
                        )
                    if details:
                        st.caption(common.md_escape(" · ".join(details)))
                    st.page_link(
                        st.session_state["pw.pages"]["board"],
                        label=texts.AGENDA_OPEN_BOARD,
                        icon=":material/view_kanban:",
                        query_params={"runde": group.id},
                    )


def _pdf(slug: str) -> None:
    from werkstatt.ui.exporting import pdf_button, request_for

    pdf_button(request_for(slug, ("programm",)), texts.AGENDA_MAKE_PDF, texts.AGENDA_PDF)


def _edit(folder: WorkshopFolder, workshop: Workshop, agenda: day.Agenda) -> None:
    with st.form("pw.slot_form"):
        st.markdown(f"**{texts.AGENDA_ADD_SLOT}**")
        start, end, title = st.columns([1, 1, 3])
        start.text_input(texts.AGENDA_START, key="pw.slot_start", max_chars=TIME_CHARS, placeholder="9:30")
        end.text_input(texts.AGENDA_END, key="pw.slot_end", max_chars=TIME_CHARS, placeholder="11:00")
        title.text_input(texts.AGENDA_SLOT_TITLE, key="pw.slot_title", max_chars=200)
        st.form_submit_button(texts.AGENDA_SLOT_SUBMIT, icon=":material/add:", on_click=_add_slot, args=(folder,))
    market = common.read_day(folder.market)  # a broken Themenbörse is named; the programme stays editable
    ideas = sorted(market.ranking(), key=lambda i: i.status != "aufgenommen") if market else []
    for slot in agenda.slots:
        with st.container(border=True):
            _slot_row(folder, workshop, agenda, slot)
            _group_form(folder, workshop, slot, ideas)


def _slot_row(folder: WorkshopFolder, workshop: Workshop, agenda: day.Agenda, slot: day.Slot) -> None:
    """One block with its rounds: edit and remove; a round whose board has entries is not removed by accident."""
    entries = {g.id: _entry_count(folder, g.id) for g in slot.groups}
    head, edit, remove = st.columns([4, 1, 1], vertical_alignment="center")
    head.markdown(f"**{common.md_escape(slot.when)} · {common.md_escape(slot.title)}**")
    with edit.popover(texts.BOARD_EDIT, icon=":material/edit:"), st.form(f"pw.edit_slot.{slot.id}", border=False):
        start = st.text_input(texts.AGENDA_START, value=slot.start, max_chars=TIME_CHARS)
        end = st.text_input(texts.AGENDA_END, value=slot.end, max_chars=TIME_CHARS)
        title = st.text_input(texts.AGENDA_SLOT_TITLE, value=slot.title, max_chars=200)
        if st.form_submit_button(texts.BOARD_EDIT_SAVE):
            common.apply(
                "agenda",
                lambda: folder.update_agenda(lambda a: a.edit_slot(slot.id, start.strip(), end.strip(), title)),
            )
            st.rerun()
    remove.button(
        texts.AGENDA_REMOVE_SLOT,
        key=f"pw.remove_slot.{slot.id}",
        disabled=any(entries.values()),
        on_click=lambda: common.apply("agenda", lambda: folder.update_agenda(lambda a: a.remove_slot(slot.id))),
    )
    for group in slot.groups:
        line, edit_group, drop = st.columns([4, 1, 1], vertical_alignment="center")
        line.markdown(f"– {common.md_escape(group.title)}")
        if entries[group.id]:
            line.caption(texts.AGENDA_HAS_ENTRIES.format(count=entries[group.id]))
        with edit_group.popover(texts.BOARD_EDIT, icon=":material/edit:"):
            _group_editor(folder, workshop, agenda, slot, group)
        drop.button(
            texts.AGENDA_REMOVE_GROUP,
            key=f"pw.remove_group.{group.id}",
            disabled=bool(entries[group.id]),
            on_click=lambda g=group.id: common.apply(
                "agenda", lambda: folder.update_agenda(lambda a: a.remove_group(g))
            ),
        )


def _entry_count(folder: WorkshopFolder, group_id: str) -> int:
    """Entries on a round's board; one that cannot be read counts as written on, so it is not removed unseen."""
    try:
        return len(folder.board(group_id).entries)
    except ValidationError:
        return 1


def _group_editor(
    folder: WorkshopFolder, workshop: Workshop, agenda: day.Agenda, slot: day.Slot, group: day.Group
) -> None:
    slots = {s.id: " · ".join(x for x in (s.when, s.title) if x) for s in agenda.slots}
    with st.form(f"pw.edit_group.{group.id}", border=False):
        title = st.text_input(texts.AGENDA_GROUP_TITLE_EDIT, value=group.title, max_chars=200)
        room = st.text_input(texts.AGENDA_GROUP_ROOM, value=group.room, max_chars=80)
        presenters = st.multiselect(
            texts.AGENDA_GROUP_PRESENTERS,
            [k.slug for k in workshop.kommunen],
            default=group.presenters,
            format_func=lambda s: workshop.kommune(s).name,
            placeholder=texts.DAY_KOMMUNEN_PLACEHOLDER,
        )
        target = st.selectbox(
            texts.AGENDA_GROUP_SLOT, list(slots), index=list(slots).index(slot.id), format_func=slots.get
        )
        if st.form_submit_button(texts.BOARD_EDIT_SAVE):
            common.apply(
                "agenda",
                lambda: folder.update_agenda(lambda a: a.edit_group(group.id, title, room, presenters, target)),
            )
            st.rerun()


def _group_form(folder: WorkshopFolder, workshop: Workshop, slot: day.Slot, ideas: list[day.Idea]) -> None:
    prefix = f"pw.group.{slot.id}"
    labels = {"": texts.AGENDA_GROUP_IDEA_NONE}
    labels |= {i.id: f"{i.title} ({day.IDEA_STATUS[i.status]}, {i.dots})" for i in ideas}
    # Open for a block without rounds; a block that has its rounds keeps the form folded away.
    with st.expander(texts.AGENDA_ADD_GROUP, expanded=not slot.groups), st.form(f"{prefix}.form", border=False):
        st.selectbox(texts.AGENDA_GROUP_IDEA, list(labels), format_func=labels.get, key=f"{prefix}.idea")
        st.text_input(texts.AGENDA_GROUP_TITLE, key=f"{prefix}.title", max_chars=200)
        room, presenters = st.columns([1, 3])
        room.text_input(texts.AGENDA_GROUP_ROOM, key=f"{prefix}.room", max_chars=80)
        presenters.multiselect(
            texts.AGENDA_GROUP_PRESENTERS,
            [k.slug for k in workshop.kommunen],
            format_func=lambda s: workshop.kommune(s).name,
            key=f"{prefix}.presenters",
            placeholder=texts.DAY_KOMMUNEN_PLACEHOLDER,
        )
        st.form_submit_button(
            texts.AGENDA_GROUP_SUBMIT, icon=":material/add:", on_click=_add_group, args=(folder, slot.id, prefix)
        )


def _add_slot(folder: WorkshopFolder) -> None:
    state = st.session_state
    values = (state["pw.slot_start"].strip(), state["pw.slot_end"].strip(), state["pw.slot_title"])
    if common.apply("agenda", lambda: folder.update_agenda(lambda a: a.add_slot(*values))):
        for key in ("pw.slot_start", "pw.slot_end", "pw.slot_title"):
            state[key] = ""


def _add_group(folder: WorkshopFolder, slot_id: str, prefix: str) -> None:
    state = st.session_state
    idea_id = state.get(f"{prefix}.idea") or ""
    title = state.get(f"{prefix}.title", "").strip()
    if not title and idea_id:
        title = next((i.title for i in folder.market().ideas if i.id == idea_id), "")
    room, presenters = state.get(f"{prefix}.room", ""), list(state.get(f"{prefix}.presenters", []))
    operation = lambda: folder.update_agenda(  # noqa: E731
        lambda a: a.add_group(slot_id, title, idea_id, room, presenters)
    )
    if common.apply("agenda", operation):
        state[f"{prefix}.title"], state[f"{prefix}.room"], state[f"{prefix}.presenters"] = "", "", []
        state[f"{prefix}.idea"] = ""
