"""Workshop anlegen (facilitator): a new workshop folder in a minute, no YAML needed.

Topics and Kommunen are rows of ordinary fields, not a data grid: a grid cell needs a double click
before it takes typing, drops keys typed while a new row is still being added and shows "None" in
empty cells. A field takes a single click, keeps every key and reads well with a screen reader.
A free row at the end opens the next one as soon as something is typed into it.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from werkstatt import texts
from werkstatt.model import Kommune, Topic, ValidationError, Workshop, slugify
from werkstatt.store import create_workshop, write_problem
from werkstatt.ui import common

TOPICS = "pw.setup_topic"
KOMMUNEN = "pw.setup_kommune"
TOPIC_COLUMNS = (("nr", texts.SETUP_COL_NR, ()), ("id", texts.SETUP_COL_ID, ()), ("label", texts.SETUP_COL_LABEL, ()))
KOMMUNE_COLUMNS = (
    ("name", texts.SETUP_COL_NAME, ()),
    ("kind", texts.SETUP_COL_KIND, texts.KOMMUNE_KINDS),
    ("state", texts.SETUP_COL_STATE, texts.LAENDER),
)
MAX_ROWS = 60  # more topics or Kommunen than this do not fit one day


def page() -> None:
    st.title(texts.SETUP_TITLE)
    if not common.facilitator_allowed():
        return
    st.markdown(texts.SETUP_INTRO)
    title = st.text_input(texts.SETUP_WORKSHOP_TITLE, key="pw.setup_title")
    left, right = st.columns(2)
    date = left.date_input(texts.SETUP_DATE, value=dt.date.today(), format="DD.MM.YYYY", key="pw.setup_date")
    place = right.text_input(texts.SETUP_PLACE, key="pw.setup_place")
    st.markdown(f"**{texts.SETUP_TOPICS}**")
    st.caption(texts.SETUP_ROWS_HINT)
    defaults = [
        {"nr": str(n), "id": topic_id, "label": label}
        for n, (topic_id, label) in enumerate(texts.DEFAULT_TOPICS.items(), start=1)
    ]
    topics = rows(TOPICS, texts.SETUP_ROW_TOPIC, TOPIC_COLUMNS, [1, 3, 6], defaults)
    st.markdown(f"**{texts.SETUP_QUESTIONS}**")
    questions = [
        st.text_input(texts.SETUP_QUESTION.format(number=i + 1), value=q, key=f"pw.setup_q{i}")
        for i, q in enumerate(texts.GUIDING_QUESTIONS)
    ]
    st.markdown(f"**{texts.SETUP_KOMMUNEN}**")
    kommunen = rows(KOMMUNEN, texts.SETUP_ROW_KOMMUNE, KOMMUNE_COLUMNS, [5, 3, 3], [])
    if st.button(texts.SETUP_CREATE, type="primary", icon=":material/add_circle:"):
        _create(title, date, place, topics, questions, kommunen)


def rows(
    prefix: str, what: str, columns: tuple, widths: list[int], defaults: list[dict[str, str]]
) -> list[dict[str, str]]:
    """Rows of fields with one free row at the end; returns the rows with anything typed (and their number)."""
    state = st.session_state
    for n, row in enumerate(defaults):
        for name, value in row.items():
            state.setdefault(f"{prefix}.{n}.{name}", value)  # again after the page was left: Streamlit forgot it

    def filled(n: int) -> bool:
        return any(str(state.get(f"{prefix}.{n}.{name}") or "").strip() for name, _, _ in columns)

    last = max((n for n in range(MAX_ROWS) if filled(n)), default=-1)
    count = min(MAX_ROWS, max(last + 2, len(defaults) + 1))
    head = st.columns(widths)
    for cell, (_, label, _) in zip(head, columns, strict=True):
        cell.caption(label)
    for n in range(count):
        cells = st.columns(widths)
        for cell, (name, label, options) in zip(cells, columns, strict=True):
            key, field = f"{prefix}.{n}.{name}", texts.SETUP_FIELD.format(what=what, row=n + 1, column=label)
            if options:
                cell.selectbox(
                    field,
                    ["", *options],
                    format_func=lambda v: v or texts.SETUP_NOT_GIVEN,
                    key=key,
                    label_visibility="collapsed",
                )
            else:
                cell.text_input(field, key=key, label_visibility="collapsed")
    return [
        {"row": str(n + 1)} | {name: str(state.get(f"{prefix}.{n}.{name}") or "").strip() for name, _, _ in columns}
        for n in range(count)
        if filled(n)
    ]


def _position(row: dict[str, str]) -> float | None:
    try:
        return float(row["nr"].replace(",", "."))
    except ValueError:
        return None


def topic_order(topics: list[dict[str, str]]) -> list[dict[str, str]]:
    """Ordered by the typed Nr. (3,5 goes between 3 and 4); rows without a number keep their place at the end."""
    return sorted(topics, key=lambda row: (_position(row) is None, _position(row) or 0.0))


def _create(title: str, date, place: str, topics: list, questions: list[str], kommunen: list) -> None:
    nameless = [row["row"] for row in kommunen if not row["name"]]
    if nameless:  # a Kommune chosen by kind or Land but without a name would silently go missing
        st.error(texts.SETUP_KOMMUNE_NAMELESS.format(rows=", ".join(nameless)), icon=":material/error:")
        return
    workshop = Workshop(
        slug=slugify(title),
        title=title.strip(),
        date=date,
        place=place.strip(),
        topics=tuple(Topic(row["id"], row["label"]) for row in topic_order(topics) if row["id"] or row["label"]),
        questions=tuple(q.strip() for q in questions if q.strip()),
        kommunen=tuple(
            Kommune(slugify(row["name"]), row["name"], row["kind"], row["state"]) for row in kommunen if row["name"]
        ),
    )
    try:
        create_workshop(common.personas_root(), workshop)
    except FileExistsError:
        st.error(texts.SETUP_EXISTS.format(slug=workshop.slug), icon=":material/error:")
        return
    except ValidationError as err:
        common.show_problems(texts.SETUP_PROBLEMS, err.problems)
        return
    except OSError as err:  # a read-only or full personas folder: the form keeps what was typed
        st.error(texts.SETUP_WRITE_FAILED.format(reason=write_problem(err)), icon=":material/error:")
        return
    st.session_state["pw.workshop"] = workshop.slug
    st.success(texts.SETUP_DONE.format(title=common.md_escape(workshop.title)), icon=":material/check_circle:")
    st.page_link(st.session_state["pw.pages"]["access"], label=texts.NAV_ACCESS, icon=":material/key:")
