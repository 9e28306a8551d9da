"""Shared pieces of the Streamlit pages: where the workshops are, which one is chosen, errors."""

from __future__ import annotations

import math
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from werkstatt import access, render, texts, wizard
from werkstatt.matching import Partner, learning_partners
from werkstatt.model import Persona, Problem, ValidationError, Workshop
from werkstatt.store import PersonaResult, WorkshopFolder, find_workshops

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_WORKSHOP = "fellowtag-demo"


def personas_root() -> Path:
    """The folder that holds the workshops; ``WERKSTATT_PERSONAS`` points elsewhere (tests, real days)."""
    return Path(os.environ.get("WERKSTATT_PERSONAS", PROJECT_ROOT / "personas"))


@st.cache_resource
def workshop_folder(path: str) -> WorkshopFolder:
    """One shared, thread-safe folder object per workshop: its parse cache serves every session."""
    return WorkshopFolder(path)


def workshop_slugs() -> list[str]:
    return [p.name for p in find_workshops(personas_root())]


def chosen_workshop_slug() -> str | None:
    """The workshop of this session: chosen before, named in the link, or the only/demo one."""
    slugs = workshop_slugs()
    for candidate in (st.session_state.get("pw.workshop"), st.query_params.get("workshop")):
        if candidate in slugs:
            st.session_state["pw.workshop"] = candidate
            return candidate
    if not slugs:
        return None
    slug = DEFAULT_WORKSHOP if DEFAULT_WORKSHOP in slugs else slugs[0]
    st.session_state["pw.workshop"] = slug
    return slug


def folder_for(slug: str) -> WorkshopFolder:
    return workshop_folder(str(personas_root() / slug))


def load_workshop(slug: str) -> Workshop | None:
    """The workshop, or None after showing its errors (the page then stops for this user only)."""
    try:
        return folder_for(slug).workshop()
    except ValidationError as err:
        show_problems(texts.WORKSHOP_ERROR_TITLE, err.problems)
        return None


def md_escape(text: str) -> str:
    """Show user text literally inside Streamlit markdown (no emphasis, links or HTML)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def show_problems(title: str, problems: list[Problem] | tuple[Problem, ...]) -> None:
    lines = "\n".join(f"- {md_escape(str(p))}" for p in problems)
    st.error(f"{title}\n\n{lines}", icon=":material/error:")


def apply_page_basics() -> None:
    """German page language (Streamlit's page says ``lang="en"``; WCAG 3.1.1) and contrast fixes."""
    st.html("<script>document.documentElement.lang = 'de';</script>", unsafe_allow_javascript=True)
    st.html(f"<style>{render.stylesheet('app.css')}</style>")


@dataclass(frozen=True)
class Snapshot:
    """Everything the shared pages show, computed once per change of the workshop's files."""

    workshop: Workshop
    results: tuple[PersonaResult, ...]
    personas: tuple[Persona, ...]
    partners: tuple[Partner, ...]
    incomplete: frozenset[str]


@st.cache_data(max_entries=16, show_spinner=False)
def _snapshot(path: str, signature: tuple) -> Snapshot:
    folder = workshop_folder(path)
    workshop = folder.workshop()
    results = tuple(folder.personas())
    personas = tuple(r.persona for r in results if r.ok)
    partners = tuple(learning_partners(workshop, list(personas)))
    return Snapshot(workshop, results, personas, partners, frozenset(wizard.incomplete(workshop, list(personas))))


def snapshot(slug: str) -> Snapshot | None:
    """The workshop's personas and learning partners; reparsed and recomputed only after a change.

    None after showing the errors of a broken workshop.yaml.
    """
    folder = folder_for(slug)
    try:
        return _snapshot(str(folder.path), folder.signature())
    except ValidationError as err:
        show_problems(texts.WORKSHOP_ERROR_TITLE, err.problems)
        return None


def snapshot_with_personas() -> Snapshot | None:
    """The chosen workshop's snapshot for pages that need saved personas; None after saying why not."""
    slug = chosen_workshop_slug()
    if slug and not may_see_others(slug):
        st.info(texts.JOIN_NOT_REVEALED, icon=":material/visibility_off:")
        return None
    data = snapshot(slug) if slug else None
    if data is not None and not data.personas:
        st.info(texts.COMPARE_NO_PERSONAS)
        return None
    return data


@st.cache_resource
def _pin_hash(pin: str) -> str:
    """The PIN from the environment, hashed once per process; only the hash is kept around."""
    return access.hash_pin(pin)


@st.cache_resource
def _throttles() -> dict[str, access.Throttle]:
    """Wrong attempts per browser session, shared by the server (a reload does not reset them)."""
    return {}


def facilitator_allowed() -> bool:
    """True when this session may use facilitator pages; otherwise draws the PIN form and returns False."""
    pin = os.environ.get("WERKSTATT_PIN", "")
    if not pin:
        st.info(texts.PIN_NOT_SET, icon=":material/lock_open:")
        return True
    if st.session_state.get("pw.facilitator"):
        return True
    stored = _pin_hash(pin)
    throttle = _throttles().setdefault(_client_key(), access.Throttle())
    st.markdown(texts.PIN_INTRO)
    with st.form("pw.pin_form"):
        entered = st.text_input(texts.PIN_LABEL, type="password", key="pw.pin")
        submitted = st.form_submit_button(texts.PIN_SUBMIT, icon=":material/lock:")
    if submitted:
        now = time.monotonic()
        wait = throttle.wait(now)
        if wait > 0:
            st.error(texts.PIN_WAIT.format(seconds=math.ceil(wait)), icon=":material/timer:")
        elif access.verify_pin(entered, stored):
            throttle.succeeded()
            st.session_state["pw.facilitator"] = True
            st.rerun()
        else:
            throttle.failed(now)
            st.error(texts.PIN_WRONG, icon=":material/error:")
    return False


def _client_key() -> str:
    """Who is trying: the client's address (so a reload does not reset the count), else this session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    return st.context.ip_address or (context.session_id if context else "local")


# -- join codes ---------------------------------------------------------------------------------


def codes_active(slug: str) -> bool:
    return bool(folder_for(slug).access()["codes"])


def is_facilitator() -> bool:
    return bool(st.session_state.get("pw.facilitator"))


def may_edit(slug: str, kommune: str) -> bool:
    """With join codes, a fellow edits only the Kommune of the code; the facilitator (PIN) any."""
    if not codes_active(slug) or is_facilitator():
        return True
    return st.session_state.get("pw.joined") == (slug, kommune)


def may_see_others(slug: str) -> bool:
    """Until the facilitator reveals them, fellows with codes write first and see only their own."""
    return not codes_active(slug) or folder_for(slug).access()["revealed"] or is_facilitator()


def join(slug: str, code: str) -> str | None:
    """Join with a code (throttled per client like the PIN); returns the Kommune or None."""
    throttle = _throttles().setdefault("code:" + _client_key(), access.Throttle())
    now = time.monotonic()
    if throttle.wait(now) > 0:
        st.error(texts.PIN_WAIT.format(seconds=math.ceil(throttle.wait(now))), icon=":material/timer:")
        return None
    kommune = folder_for(slug).kommune_for_code(code)
    if kommune is None:
        throttle.failed(now)
        st.error(texts.JOIN_WRONG, icon=":material/error:")
        return None
    throttle.succeeded()
    st.session_state["pw.joined"] = (slug, kommune)
    st.session_state["pw.kommune"] = kommune
    st.session_state["pw.code"] = access.normalise_code(code)
    return kommune


# -- the day's pages: who acts, and operations with their messages ----------------------------------


def acting_kommune(slug: str, workshop: Workshop) -> str | None:
    """The Kommune this session speaks for on the day's pages; None until it has joined or chosen one.

    With join codes a fellow is the Kommune of the code (a ``?code=`` link signs in again after a
    reload). Without codes, or for the facilitator, a select box chooses, shared with the wizard.
    """
    if codes_active(slug) and not is_facilitator():
        joined = st.session_state.get("pw.joined")
        if (not joined or joined[0] != slug) and st.query_params.get("code"):
            join(slug, st.query_params["code"])
            joined = st.session_state.get("pw.joined")
        if joined and joined[0] == slug and workshop.kommune(joined[1]):
            st.caption(texts.DAY_SIGNED_IN.format(name=md_escape(workshop.kommune(joined[1]).name)))
            return joined[1]
        st.info(texts.DAY_JOIN_NEEDED, icon=":material/key:")
        return None
    options = [k.slug for k in workshop.kommunen]
    current = st.session_state.get("pw.kommune")
    if st.session_state.get("pw.day_kommune") not in options:
        st.session_state["pw.day_kommune"] = current if current in options else None
    choice = st.selectbox(
        texts.DAY_ACT_AS,
        options,
        format_func=lambda s: workshop.kommune(s).name,
        placeholder=texts.DAY_ACT_AS_NONE,
        key="pw.day_kommune",
    )
    if choice:
        st.session_state["pw.kommune"] = choice
    else:
        st.caption(texts.DAY_ACT_AS_NEEDED)
    return choice


def flash(channel: str, kind: str, message: object) -> None:
    """Keep a message for the next drawing of ``channel`` (callbacks run before the page is drawn)."""
    st.session_state.setdefault("pw.flash", {}).setdefault(channel, []).append((kind, message))


def show_flash(channel: str) -> None:
    for kind, message in st.session_state.get("pw.flash", {}).pop(channel, []):
        if kind == "problems":
            show_problems(texts.DAY_FILE_ERROR, message)
        elif kind == "error":
            st.error(md_escape(str(message)), icon=":material/error:")
        else:
            st.success(md_escape(str(message)), icon=":material/check_circle:")


def apply(channel: str, operation, success: str = "") -> bool:  # noqa: ANN001 - a call that saves a day file
    """Run one change of a day file; a refusal, a broken file or a busy lock becomes a German message."""
    from filelock import Timeout

    from werkstatt.day import RuleError

    try:
        operation()
    except RuleError as err:
        flash(channel, "error", str(err))
    except ValidationError as err:
        flash(channel, "problems", err.problems)
    except Timeout:
        flash(channel, "error", texts.DAY_BUSY)
    else:
        if success:
            flash(channel, "success", success)
        return True
    return False


def read_day(read):  # noqa: ANN001, ANN201 - a WorkshopFolder reader such as folder.market
    """A day file for showing, or None after showing why it cannot be read (only this page stops)."""
    try:
        return read()
    except ValidationError as err:
        show_problems(texts.DAY_FILE_ERROR, err.problems)
        return None


def kommune_names(workshop: Workshop, slugs: list[str] | tuple[str, ...]) -> str:
    return ", ".join(workshop.kommune(s).name if workshop.kommune(s) else s for s in slugs)


def facilitator_section(title: str, draw, *args) -> None:  # noqa: ANN001 - draw(*args) draws the section
    """A part only the facilitator uses: shown once unlocked (or without PIN), else a PIN form in an expander."""
    if is_facilitator() or not os.environ.get("WERKSTATT_PIN"):
        st.subheader(title)
        if facilitator_allowed():
            draw(*args)
        return
    with st.expander(title, icon=":material/lock:"):
        facilitator_allowed()  # unlocking reruns the page, which then shows the section itself


def chosen_workshop() -> tuple[str, Workshop, WorkshopFolder] | None:
    """(slug, workshop, folder) of this session's workshop, or None after saying why there is none."""
    slug = chosen_workshop_slug()
    if slug is None:
        st.warning(texts.START_NO_WORKSHOP.format(root=personas_root()))
        return None
    workshop = load_workshop(slug)
    return (slug, workshop, folder_for(slug)) if workshop is not None else None
