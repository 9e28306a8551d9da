"""Präsentation for the projector: each persona (on as many slides as it needs), then overview,
connections, partners.

The slide itself is a fragment that redraws every two seconds from the (cached) workshop snapshot,
so personas saved on the fellows' laptops appear without a reload and without moving the
facilitator's place. The timer is a fragment of its own that ticks every second. The controls are
one thin row; the slide fills the rest of the screen (``presenter.css``) and never needs scrolling,
because a presenter remote cannot scroll.
"""

from __future__ import annotations

import html
import time

import streamlit as st

from werkstatt import compare, presenter, render, texts
from werkstatt.ui import common

CURRENT = "pw.present_slide"
LAST_INDEX = "pw.present_index"
TIMERS = "pw.present_timers"
MINUTES = "pw.present_minutes"
TIMER_KEY = "pw.present_timer_key"  # all slides of one persona share its timer

# Projector pages (this one and the board's projector view): no sidebar, no header, little padding.
PROJECTOR_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {
  display: none;
}
.block-container, [data-testid="stMainBlockContainer"] {
  max-width: none; padding: 0.5rem 1.5rem 0.5rem 1.5rem;
}
[data-testid="stLayoutWrapper"]:has(> .st-key-pw-projector-footer) {
  position: fixed; left: auto; right: 1.5rem; bottom: 0; width: auto !important; z-index: 2; background: #ffffff;
}
.st-key-pw-projector-footer p { font-size: 14px; line-height: 18px; color: #46535e; margin: 0; padding: 0 0 2px; }
.pw-timer { font-size: 1.35rem; font-weight: 700; white-space: nowrap; margin: 0; }
.pw-timer-up {
  display: inline-block; font-size: 1.7rem; font-weight: 800; letter-spacing: 0.03em; text-transform: uppercase;
  color: #ffffff; background: #000000; border: 4px solid #b00020; border-radius: 6px; padding: 0 0.5em;
}
</style>
"""
# Style-only st.html blocks draw nothing but still get the column's gap: 16 px each.
CHROME_HIDDEN = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-pw-projector-chrome), .st-key-pw-projector-chrome { display: none; }
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > :is(style, script):only-child) { display: none; }
</style>"""
# Clickers send PageDown/PageUp, keyboards arrows: both press the Weiter/Zurück buttons. The minutes field
# gives up its focus to a key (its value is kept, as on Tab), so the remote never goes dead. The slide's
# font follows the room left below the controls: --pw-chrome is that room's top edge plus the footer.
PRESENTER_JS = """
<script>
if (!window.pwPresenterKeys) {
  window.pwPresenterKeys = true;
  document.addEventListener("keydown", (event) => {
    const label = {ArrowRight: "Weiter", PageDown: "Weiter", ArrowLeft: "Zurück", PageUp: "Zurück"}[event.key];
    // The listener outlives the page (Streamlit switches pages without a reload): act on slides only.
    if (!label || !document.querySelector(".pw-slide")) return;
    const active = document.activeElement;
    const tag = (active && active.tagName) || "";
    const press = () => {
      const button = Array.from(document.querySelectorAll("button")).find((b) => b.innerText.trim().endsWith(label));
      if (button && !button.disabled) button.click();
    };
    if (tag === "INPUT" && active.type === "number") {
      // Leaving the field sends its value; the slide moves once that message is out, so neither is lost.
      event.preventDefault();
      active.blur();
      setTimeout(press, 300);
      return;
    }
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag) || (active && active.isContentEditable)) return;
    event.preventDefault();
    press();
  }, true);
  let queued = false;
  const fit = () => {
    queued = false;
    const slide = document.querySelector(".pw-slide");
    const main = document.querySelector('[data-testid="stMain"]');
    if (!slide) return;
    const top = slide.getBoundingClientRect().top + (main ? main.scrollTop : 0);
    document.documentElement.style.setProperty("--pw-chrome", Math.ceil(top + 20) + "px");
  };
  const later = () => { if (!queued) { queued = true; requestAnimationFrame(fit); } };
  new ResizeObserver(later).observe(document.body);
  new MutationObserver(later).observe(document.body, {childList: true, subtree: true});
}
</script>
"""


def page() -> None:
    # The PIN note and the workshop line take a fifth of a 720 px screen; once the slide can be shown, the
    # workshop's name moves into the slide's footer line and the note stays on the other facilitator pages.
    with st.container(key="pw-projector-chrome"):
        if not common.is_facilitator() and (common.configured_pin_hash() or common.codes_anywhere()):
            st.title(texts.PRESENT_LOCKED_TITLE)  # the PIN form alone did not say which page it locks
        if not common.facilitator_allowed():
            return
        slug = common.chosen_workshop_slug()
    data = common.snapshot(slug) if slug else None
    if data is None:
        return
    st.html(PROJECTOR_CSS + CHROME_HIDDEN)
    st.html(PRESENTER_JS, unsafe_allow_javascript=True)
    all_slides = _slides(data)
    index = presenter.position(all_slides, st.session_state.get(CURRENT), st.session_state.get(LAST_INDEX, 0))
    st.session_state[CURRENT] = all_slides[index].key
    st.session_state[LAST_INDEX] = index
    st.session_state[TIMER_KEY] = all_slides[index].timer_key

    back, forward, timer_box, minutes = st.columns([1.2, 1.2, 6.2, 1.6], vertical_alignment="center")
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
    with timer_box:
        if all_slides[index].timer_key:
            _timer()
    chosen = st.session_state.get(MINUTES, presenter.DEFAULT_MINUTES)
    with minutes.popover(texts.PRESENT_TIMER_BUTTON.format(minutes=chosen), icon=":material/timer:", width="stretch"):
        st.number_input(
            texts.PRESENT_TIMER_MINUTES, min_value=1, max_value=30, value=presenter.DEFAULT_MINUTES, key=MINUTES
        )
        st.caption(texts.PRESENT_KEYS)
    _slide(slug)


def footer(*parts: str) -> None:
    """The projector's one line of small print (workshop, slide number), fixed in the bottom right corner."""
    st.html(f"<p>{html.escape(' · '.join(parts))}</p>")


def _slides(data: common.Snapshot) -> list[presenter.Slide]:
    personas = list(data.personas)
    themes = compare.connecting_themes(data.workshop, personas)
    return presenter.slides(data.workshop, personas, themes, list(data.partners))


def _move(slug: str, delta: int) -> None:
    data = common.snapshot(slug)
    if data is None:
        return
    all_slides = _slides(data)
    target = presenter.step(all_slides, st.session_state.get(CURRENT), delta, st.session_state.get(LAST_INDEX, 0))
    st.session_state[CURRENT] = target.key


def _current_timer() -> presenter.Timer:
    timers = st.session_state.setdefault(TIMERS, {})
    key = st.session_state.get(TIMER_KEY) or st.session_state[CURRENT]
    timer = timers.setdefault(key, presenter.Timer())
    if not timer.running and not timer.elapsed:
        timer.duration = st.session_state.get(MINUTES, presenter.DEFAULT_MINUTES) * 60
    return timer


@st.fragment(run_every=1)
def _timer() -> None:
    timer = _current_timer()
    now = time.monotonic()
    remaining = timer.remaining(now)
    shown, start, pause, reset = st.columns([2.6, 1, 1, 1.3], vertical_alignment="center")
    if remaining <= 0:
        # Not colour alone: inverted, larger, capitals, a frame and a sign; the words say what it means.
        label = f"⚠ {html.escape(texts.PRESENT_TIME_UP)}"
        note = html.escape(texts.PRESENT_TIME_UP_NOTE)
        words = f'title="{note}" aria-label="{label}. {note}"'
        shown.html(f'<p class="pw-timer pw-timer-up" role="timer" {words}>{label}</p>')
    else:
        label = texts.PRESENT_TIME_LEFT.format(time=presenter.clock(remaining))
        shown.html(f'<p class="pw-timer" role="timer">{html.escape(label)}</p>')
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
    all_slides = _slides(data)
    index = presenter.position(all_slides, st.session_state.get(CURRENT), st.session_state.get(LAST_INDEX, 0))
    slide = all_slides[index]
    with st.container(key="pw-projector-footer"):
        position = texts.PRESENT_POSITION.format(index=index + 1, total=len(all_slides))
        footer(common.workshop_title(slug), position, slide.title)
    st.html(render.presenter_slide_html(data.workshop, slide, list(data.personas)))
