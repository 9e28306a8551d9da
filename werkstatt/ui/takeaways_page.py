"""Mitnehmen: what each Kommune will try, its next concrete step and whom it will contact; with a one-page PDF."""

from __future__ import annotations

import streamlit as st

from werkstatt import day, render, texts
from werkstatt.matching import partners_for
from werkstatt.model import Workshop
from werkstatt.store import WorkshopFolder
from werkstatt.ui import common


def page() -> None:
    st.title(texts.TAKEAWAYS_TITLE)
    st.markdown(texts.TAKEAWAYS_INTRO)
    chosen = common.chosen_workshop()
    if chosen is None:
        return
    slug, workshop, folder = chosen
    takeaways = common.read_day(folder.takeaways)
    if takeaways is None:
        return
    kommune = common.acting_kommune(slug, workshop)
    common.show_flash("takeaways")
    if kommune:
        _own(slug, folder, workshop, takeaways, kommune)
    if common.may_see_others(slug):
        st.subheader(texts.TAKEAWAYS_ALL)
        show_all(workshop, takeaways)


def _own(slug: str, folder: WorkshopFolder, workshop: Workshop, takeaways: day.Takeaways, kommune: str) -> None:
    others = [k.slug for k in workshop.kommunen if k.slug != kommune]
    data = common.snapshot(slug)
    suggested = sorted({p.help.kommune for p in partners_for(list(data.partners), kommune)}) if data else []
    if suggested:
        st.caption(texts.TAKEAWAYS_SUGGESTED.format(names=common.md_escape(common.kommune_names(workshop, suggested))))
    items = takeaways.of(kommune)
    if not items:
        st.caption(texts.TAKEAWAYS_NONE)
    for item in items:
        with st.expander(common.md_escape(item.text), icon=":material/flag:"):
            _item_form(folder, workshop, kommune, others, item)
    with st.container(border=True):
        st.markdown(f"**{texts.TAKEAWAYS_ADD}**")
        _item_form(folder, workshop, kommune, others, None, suggested)
    _pdf(slug, kommune, bool(items))


def _item_form(
    folder: WorkshopFolder,
    workshop: Workshop,
    kommune: str,
    others: list[str],
    item: day.Takeaway | None,
    suggested: list[str] | None = None,
) -> None:
    key = f"pw.takeaway.{item.id if item else 'new'}"
    # The new item's form starts without values of its own: it is emptied through session state (in the save
    # callback), the only way Streamlit also empties the browser's fields; dropping the keys leaves them there.
    initial = {"value": item.text} if item else {}
    with st.form(key, border=False, clear_on_submit=False):
        st.text_area(texts.TAKEAWAYS_TEXT, max_chars=1500, height=80, key=f"{key}.text", **initial)
        st.text_input(
            texts.TAKEAWAYS_NEXT, max_chars=500, key=f"{key}.next", **({"value": item.next_step} if item else {})
        )
        st.multiselect(
            texts.TAKEAWAYS_CONTACTS,
            others,
            format_func=lambda s: workshop.kommune(s).name,
            placeholder=texts.DAY_KOMMUNEN_PLACEHOLDER,
            key=f"{key}.contacts",
            **({"default": item.contacts} if item else {}),
        )
        save, remove = st.columns([2, 1])
        save.form_submit_button(
            texts.TAKEAWAYS_SAVE if item else texts.TAKEAWAYS_ADD,
            type="primary",
            icon=":material/save:",
            on_click=_save,
            args=(folder, kommune, item, key),
        )
        if item:
            remove.form_submit_button(
                texts.TAKEAWAYS_REMOVE, icon=":material/delete:", on_click=_remove, args=(folder, kommune, item, key)
            )
    common.show_flash(key)  # the outcome under the form it belongs to; a refused form keeps every word


def _save(folder: WorkshopFolder, kommune: str, item: day.Takeaway | None, key: str) -> None:
    state = st.session_state
    text, step, contacts = state.get(f"{key}.text", ""), state.get(f"{key}.next", ""), list(state[f"{key}.contacts"])
    if item:
        operation = lambda t: t.edit_takeaway(kommune, item.id, text, step, contacts)  # noqa: E731
    else:
        operation = lambda t: t.add_takeaway(kommune, text, step, contacts)  # noqa: E731
    if common.apply(key, lambda: folder.update_takeaways(operation), texts.TAKEAWAYS_SAVED) and not item:
        state[f"{key}.text"], state[f"{key}.next"], state[f"{key}.contacts"] = "", "", []


def _remove(folder: WorkshopFolder, kommune: str, item: day.Takeaway, key: str) -> None:
    common.apply(key, lambda: folder.update_takeaways(lambda t: t.remove_takeaway(kommune, item.id)))


def _pdf(slug: str, kommune: str, any_items: bool) -> None:
    from werkstatt.ui.exporting import pdf_button, request_for

    request = request_for(slug, ("mitnehmen",), kommune)
    pdf_button(request, texts.TAKEAWAYS_MAKE_PDF, texts.TAKEAWAYS_PDF, disabled=not any_items)


def show_all(workshop: Workshop, takeaways: day.Takeaways) -> None:
    groups = render.takeaway_groups(workshop, takeaways)
    if not groups:
        st.caption(texts.TAKEAWAYS_NONE)
    for group in groups:
        with st.container(border=True):
            st.markdown(f"**{common.md_escape(group['kommune'])}**")
            for item in group["items"]:
                show_item(item)


def show_item(item: dict) -> None:
    lines = [f"- **{common.md_escape(item['text'])}**"]
    if item["next_step"]:
        lines.append(f"  {common.md_escape(texts.TAKEAWAYS_NEXT_LINE.format(step=item['next_step']))}")
    if item["contacts"]:
        lines.append(f"  {common.md_escape(texts.TAKEAWAYS_CONTACT_LINE.format(names=item['contacts']))}")
    st.markdown("  \n".join(lines))
