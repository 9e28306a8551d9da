"""Präsentation for the projector: one persona at a time, then overview, connections, partners.

The slide itself is a fragment that redraws every two seconds from the (cached) workshop snapshot,
so personas saved on the fellows' laptops appear without a reload and without moving the
facilitator's place. The timer is a fragment of its own that ticks every second.
"""

from __future__ import annotations

import time

import streamlit as st

from werkstatt import compare, presenter, render, texts
from werkstatt.ui import common

CURRENT = "pw.present_slide"
LAST_INDEX = "pw.present_index"
TIMERS = "pw.present_timers"
MINUTES = "pw.present_minutes"

PROJECTOR_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
.block-container, [data-testid="stMainBlockContainer"] { max-width: none; padding-top: 1.2rem; padding-bottom: 1rem; }
</style>
"""
# Clickers send PageDown/PageUp, keyboards arrows: both press the Weiter/Zurück buttons.
KEYS_JS = """
<script>
if (!window.pwPresenterKeys) {
  window.pwPresenterKeys = true;
  document.addEventListener("keydown", (event) => {
    const tag = (document.activeElement && document.activeElement.tagName) || "";
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag)) return;
    const label = {ArrowRight: "Weiter", PageDown: "Weiter", ArrowLeft: "Zurück", PageUp: "Zurück"}[event.key];
    if (!label) return;
    const button = Array.from(document.querySelectorAll("button")).find((b) => b.innerText.trim().endsWith(label));
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
}
</script>
"""


def page() -> None:
    if not common.facilitator_allowed():
        return
    st.html(PROJECTOR_CSS)
    st.html(KEYS_JS, unsafe_allow_javascript=True)
    slug = common.chosen_workshop_slug()
    data = common.snapshot(slug) if slug else None
    if data is None:
        return
    all_slides = presenter.slides(data.workshop, list(data.personas))
    index = presenter.position(all_slides, st.session_state.get(CURRENT), st.session_state.get(LAST_INDEX, 0))
    st.session_state[CURRENT] = all_slides[index].key
    st.session_state[LAST_INDEX] = index

    back, forward, info, timer_box = st.columns([2, 2, 3, 7], vertical_alignment="center")
    back.button(
        texts.PRESENT_PREVIOUS,
        icon=":material/arrow_back:",
        on_click=_move,
        args=(slug, -1),
        disabled=index == 0,
        width="stretch",
    )
    forward.button(
        texts.PRESENT_NEXT,
        icon=":material/arrow_forward:",
        on_click=_move,
        args=(slug, 1),
        disabled=index == len(all_slides) - 1,
        width="stretch",
    )
    with info:
        st.caption(texts.PRESENT_KEYS)
    with timer_box:
        if all_slides[index].kind == "persona":
            _timer()
    _slide(slug)
    with st.expander(texts.PRESENT_TIMER):
        st.number_input(
            texts.PRESENT_TIMER_MINUTES, min_value=1, max_value=30, value=presenter.DEFAULT_MINUTES, key=MINUTES
        )


def _move(slug: str, delta: int) -> None:
    data = common.snapshot(slug)
    if data is None:
        return
    all_slides = presenter.slides(data.workshop, list(data.personas))
    target = presenter.step(all_slides, st.session_state.get(CURRENT), delta, st.session_state.get(LAST_INDEX, 0))
    st.session_state[CURRENT] = target.key


def _current_timer() -> presenter.Timer:
    timers = st.session_state.setdefault(TIMERS, {})
    timer = timers.setdefault(st.session_state[CURRENT], presenter.Timer())
    if not timer.running and not timer.elapsed:
        timer.duration = st.session_state.get(MINUTES, presenter.DEFAULT_MINUTES) * 60
    return timer


@st.fragment(run_every=1)
def _timer() -> None:
    timer = _current_timer()
    now = time.monotonic()
    remaining = timer.remaining(now)
    label = texts.PRESENT_TIME_UP if remaining <= 0 else texts.PRESENT_TIME_LEFT.format(time=presenter.clock(remaining))
    shown, start, pause, reset = st.columns([2, 1, 1, 1], vertical_alignment="center")
    shown.markdown(f"### {':material/alarm:' if remaining <= 0 else ':material/timer:'} {label}")
    start.button(
        texts.PRESENT_TIMER_START, on_click=timer.start, args=(now,), disabled=timer.running, key="pw.timer_start"
    )
    pause.button(
        texts.PRESENT_TIMER_PAUSE,
        on_click=lambda: timer.pause(time.monotonic()),
        disabled=not timer.running,
        key="pw.timer_pause",
    )
    reset.button(texts.PRESENT_TIMER_RESET, on_click=timer.reset, key="pw.timer_reset")


@st.fragment(run_every=2)
def _slide(slug: str) -> None:
    data = common.snapshot(slug)
    if data is None:
        return
    all_slides = presenter.slides(data.workshop, list(data.personas))
    index = presenter.position(all_slides, st.session_state.get(CURRENT), st.session_state.get(LAST_INDEX, 0))
    slide = all_slides[index]
    st.caption(texts.PRESENT_POSITION.format(index=index + 1, total=len(all_slides)) + f" · {slide.title}")
    personas = list(data.personas)
    if slide.kind == "persona":
        persona = next(p for p in personas if p.kommune == slide.kommune)
        st.html(render.presenter_persona_html(data.workshop, persona))
    elif slide.kind == "overview":
        if not personas:
            st.info(texts.PRESENT_NO_PERSONAS)
        st.html(render.presenter_overview_html(data.workshop, personas))
    elif slide.kind == "connections":
        st.html(render.presenter_connections_html(compare.connecting_themes(data.workshop, personas)))
    else:
        st.html(render.presenter_partners_html(data.workshop, list(data.partners)))
