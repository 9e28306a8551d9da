"""Workshop anlegen (facilitator): a new workshop folder in a minute, no YAML needed."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from werkstatt import texts
from werkstatt.model import Kommune, Topic, ValidationError, Workshop, slugify
from werkstatt.store import create_workshop
from werkstatt.ui import common


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def page() -> None:
    st.title(texts.SETUP_TITLE)
    if not common.facilitator_allowed():
        return
    st.markdown(texts.SETUP_INTRO)
    with st.form("pw.setup"):
        title = st.text_input(texts.SETUP_WORKSHOP_TITLE, key="pw.setup_title")
        left, right = st.columns(2)
        date = left.date_input(texts.SETUP_DATE, value=dt.date.today(), format="DD.MM.YYYY", key="pw.setup_date")
        place = right.text_input(texts.SETUP_PLACE, key="pw.setup_place")
        st.markdown(f"**{texts.SETUP_TOPICS}**")
        topics = st.data_editor(
            pd.DataFrame(
                {
                    texts.SETUP_COL_NR: range(1, len(texts.DEFAULT_TOPICS) + 1),
                    texts.SETUP_COL_ID: list(texts.DEFAULT_TOPICS),
                    texts.SETUP_COL_LABEL: list(texts.DEFAULT_TOPICS.values()),
                }
            ),
            num_rows="dynamic",
            hide_index=True,
            key="pw.setup_topics",
        )
        st.markdown(f"**{texts.SETUP_QUESTIONS}**")
        questions = [
            st.text_input(texts.SETUP_QUESTION.format(number=i + 1), value=q, key=f"pw.setup_q{i}")
            for i, q in enumerate(texts.GUIDING_QUESTIONS)
        ]
        st.markdown(f"**{texts.SETUP_KOMMUNEN}**")
        kommunen = st.data_editor(
            pd.DataFrame({texts.SETUP_COL_NAME: [""], texts.SETUP_COL_KIND: [None], texts.SETUP_COL_STATE: [None]}),
            num_rows="dynamic",
            hide_index=True,
            key="pw.setup_kommunen",
            column_config={
                texts.SETUP_COL_KIND: st.column_config.SelectboxColumn(options=list(texts.KOMMUNE_KINDS)),
                texts.SETUP_COL_STATE: st.column_config.SelectboxColumn(options=list(texts.LAENDER)),
            },
        )
        submitted = st.form_submit_button(texts.SETUP_CREATE, type="primary", icon=":material/add_circle:")
    if submitted:
        _create(title, date, place, topics, questions, kommunen)


def _create(title: str, date, place: str, topics: pd.DataFrame, questions: list[str], kommunen: pd.DataFrame) -> None:  # noqa: ANN001
    ordered = topics.sort_values(texts.SETUP_COL_NR, na_position="last")
    workshop = Workshop(
        slug=slugify(title),
        title=title.strip(),
        date=date,
        place=place.strip(),
        topics=tuple(
            Topic(_text(row[texts.SETUP_COL_ID]), _text(row[texts.SETUP_COL_LABEL]))
            for _, row in ordered.iterrows()
            if _text(row[texts.SETUP_COL_ID]) or _text(row[texts.SETUP_COL_LABEL])
        ),
        questions=tuple(q.strip() for q in questions if q.strip()),
        kommunen=tuple(
            Kommune(
                slugify(_text(row[texts.SETUP_COL_NAME])),
                _text(row[texts.SETUP_COL_NAME]),
                _text(row[texts.SETUP_COL_KIND]),
                _text(row[texts.SETUP_COL_STATE]),
            )
            for _, row in kommunen.iterrows()
            if _text(row[texts.SETUP_COL_NAME])
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
    st.session_state["pw.workshop"] = workshop.slug
    st.success(texts.SETUP_DONE.format(title=common.md_escape(workshop.title)), icon=":material/check_circle:")
    st.page_link(st.session_state["pw.pages"]["access"], label=texts.NAV_ACCESS, icon=":material/key:")
