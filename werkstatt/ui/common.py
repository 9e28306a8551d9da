"""Shared pieces of the Streamlit pages: where the workshops are, which one is chosen, errors."""

from __future__ import annotations

import json
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
from werkstatt.store import PersonaResult, WorkshopFolder, find_code, find_workshops, write_problem

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


def personas_root() -> Path:
    """The folder that holds the workshops; ``WERKSTATT_PERSONAS`` points elsewhere (tests, real days)."""
    return Path(os.environ.get("WERKSTATT_PERSONAS", PROJECT_ROOT / "personas"))


@st.cache_resource
def workshop_folder(path: str) -> WorkshopFolder:
    """One shared, thread-safe folder object per workshop: its parse cache serves every session."""
    return WorkshopFolder(path)


def workshop_slugs() -> list[str]:
    return [p.name for p in find_workshops(personas_root())]


def workshop_title(slug: str) -> str:
    try:
        return folder_for(slug).workshop().title
    except ValidationError:  # a broken workshop still needs a name
        return slug


def chosen_workshop_slug() -> str | None:
    """The workshop of this page, named in a small line on it and kept in the address (``?workshop=``).

    A fellow who joined by code is in the code's workshop. Otherwise the address names it (a reload,
    a link), or this session chose it before, or this browser did (a cookie: a new tab opened from the
    navigation has no ``?workshop=``), or there is only one. With several and none named, the
    facilitator chooses here — never silently the demo; a fellow is sent to the code field, without a
    list of the workshops that exist.
    """
    slug = _resolve_workshop_slug()
    if slug is not None:
        st.session_state["pw.workshop"] = slug
        if st.query_params.get("workshop") != slug:
            st.query_params["workshop"] = slug
        if _browser_cookie(WORKSHOP_COOKIE) != slug and st.session_state.get("pw.workshop_cookie") != slug:
            st.session_state["pw.workshop_cookie"] = slug
            _set_cookie(WORKSHOP_COOKIE, slug, access.TOKEN_LIFETIME_SECONDS)
        st.caption(texts.WORKSHOP_SHOWN.format(title=md_escape(workshop_title(slug))))
    return slug


WORKSHOP_COOKIE = "werkstatt_workshop"


def _browser_cookie(name: str) -> str | None:
    """A cookie of the page load (Streamlit reports those, not ones set later); None without a browser."""
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser behind this session (AppTest)
        return None
    return value if isinstance(value, str) else None


def _set_cookie(name: str, value: str, max_age: int) -> None:
    """Cookie values here are slugs and tokens (``a-z0-9.-``): nothing to escape in the script."""
    st.html(
        f"<script>document.cookie = '{name}={value}; Max-Age={max_age}; Path=/; SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )


def _resolve_workshop_slug() -> str | None:
    slugs = workshop_slugs()
    joined = st.session_state.get("pw.joined")
    if joined and joined[0] in slugs and not is_facilitator():
        return joined[0]
    for candidate in (st.query_params.get("workshop"), st.session_state.get("pw.workshop")):
        if candidate in slugs:
            return candidate
    remembered = _browser_cookie(WORKSHOP_COOKIE)
    if remembered in slugs and (is_facilitator() or not codes_anywhere()):
        return remembered
    if len(slugs) <= 1:
        return slugs[0] if slugs else None
    if codes_anywhere() and not is_facilitator():
        st.info(texts.JOIN_FIRST, icon=":material/key:")
        return None
    choice = st.selectbox(
        texts.WORKSHOP_CHOOSE,
        slugs,
        index=None,
        format_func=workshop_title,
        placeholder=texts.WORKSHOP_CHOOSE_PLACEHOLDER,
        key="pw.choose_workshop",
    )
    if choice is None:
        st.caption(texts.WORKSHOP_CHOOSE_NEEDED)
    return choice


def folder_for(slug: str) -> WorkshopFolder:
    return workshop_folder(str(personas_root() / slug))


def load_workshop(slug: str) -> Workshop | None:
    """The workshop, or None after showing its errors (the page then stops for this user only)."""
    try:
        return folder_for(slug).workshop()
    except ValidationError as err:
        show_problems(texts.WORKSHOP_ERROR_TITLE, err.problems)
        return None


_BARE_ADDRESS_RE = re.compile(r"(?i)(https?|www)(?=\\[:.])")


def md_escape(text: str) -> str:
    """Show user text literally inside Streamlit markdown (no emphasis, links, images, HTML or entities).

    Backslashes stop markdown syntax, ``&`` stops entities such as ``&#x202E;``. Web addresses get an
    invisible word joiner after ``http``/``www``: the markdown renderer turns bare addresses into links
    after parsing, where no backslash reaches.
    """
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])", r"\\\1", text)
    return _BARE_ADDRESS_RE.sub("\\1\u2060", escaped)


_LABEL_MARKUP_RE = re.compile(r"\]|<|:(?=[A-Za-z])|(?i:https?|www)(?=[:.])")


def label_text(text: str) -> str:
    """User text inside a widget label or radio option: shown without images, links or Streamlit icons.

    Streamlit renders labels as Markdown but also reads them out, as written, as the field's name:
    md_escape's backslashes would be read aloud. An invisible word joiner after ``]``, ``<``, ``:`` and
    ``http``/``www`` breaks image, link, icon, colour and address syntax instead; ``$`` (formulas) gets
    a backslash. Emphasis may still show, which fetches nothing.
    """
    return _LABEL_MARKUP_RE.sub(lambda match: match.group(0) + "\u2060", text).replace("$", "\\$")


SHOWN_PROBLEMS = 20  # a hostile file can hold 25,000 errors: a card that long slows the page for everyone


def show_problems(title: str, problems: list[Problem] | tuple[Problem, ...]) -> None:
    lines = "\n".join(f"- {md_escape(str(p))}" for p in problems[:SHOWN_PROBLEMS])
    if len(problems) > SHOWN_PROBLEMS:
        more = f"{len(problems) - SHOWN_PROBLEMS:,}".replace(",", ".")
        lines += "\n- " + md_escape(texts.PROBLEMS_MORE.format(count=more))
    st.error(f"{title}\n\n{lines}", icon=":material/error:")


def apply_page_basics() -> None:
    """German page language (Streamlit's page says ``lang="en"``; WCAG 3.1.1), German in place of
    Streamlit's own English words (templates/app.js), contrast and wrapping fixes (templates/app.css)."""
    st.html(f"<script>{_german_script()}</script>", unsafe_allow_javascript=True)
    st.html(f"<style>{render.stylesheet('app.css')}{_connection_banner()}</style>")


def _connection_banner() -> str:
    """A German line on top while the page has lost the server: Streamlit's own dialog can be closed and then
    nothing shows that typed words are not reaching the laptop. Pure CSS on Streamlit's connection state;
    shown after 1.5 s so that the moment of connecting on load never flashes it."""
    words = '"' + texts.CONNECTION_LOST_BANNER.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lost = ", ".join(
        f'[data-test-connection-state="{s}"]' for s in ("PINGING_SERVER", "CONNECTING", "DISCONNECTED_FOREVER")
    )
    return (
        f'[data-testid="stApp"]:is({lost})::before {{ content: {words}; position: fixed; inset: 0 0 auto 0; '
        "z-index: 1000200; padding: 0.6rem 1rem; background: #8a1c1c; color: #fff; font-weight: 600; "
        "text-align: center; animation: pw-connection-lost 0s 1.5s both; }\n"
        "@keyframes pw-connection-lost { from { visibility: hidden; } to { visibility: visible; } }\n"
    )


@st.cache_resource
def _german_script() -> str:
    """The page script with its word lists in front; ``</`` escaped so no text can end the script."""
    words = json.dumps(texts.UI_GERMAN, ensure_ascii=False)
    patterns = json.dumps(texts.UI_GERMAN_PATTERNS, ensure_ascii=False)
    # A block, so that the constants can be declared again when Streamlit runs the script again.
    script = (
        "document.documentElement.lang = 'de';\n"
        f"{{\nconst EXACT = {words};\nconst PATTERNS = {patterns};\n{render.stylesheet('app.js')}}}\n"
    )
    return script.replace("</", "<\\/")


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
        wait_for_reveal(slug)
        return None
    data = snapshot(slug) if slug else None
    if data is not None and not data.personas:
        st.info(texts.COMPARE_NO_PERSONAS)
        return None
    return data


@st.cache_resource
def _pin_hash(pin: str, root: str) -> str:
    """The PIN from the environment, hashed once per process; only the hash is kept around.

    Its salt comes from the server secret, so the hash — and with it every facilitator's day token —
    survives a restart of the server, and still changes with the PIN.
    """
    try:
        salt = access.pin_salt(access.server_secret(Path(root)))
    except OSError:  # a read-only folder: a random salt; tokens then end with the process
        salt = None
    return access.hash_pin(pin, salt)


def configured_pin_hash() -> str | None:
    """The facilitator PIN's hash: from ``WERKSTATT_PIN``, else from the file ``python -m werkstatt pin`` wrote."""
    pin = os.environ.get("WERKSTATT_PIN", "")
    return _pin_hash(pin, str(personas_root())) if pin else access.read_pin_file(personas_root())


def _token_from_cookie(stored: str) -> bool:
    """True when the browser brought a valid facilitator day token (a reload, a new tab)."""
    if st.session_state.get("pw.logged_out"):
        return False  # the cookies Streamlit reports are those of the page load, before the logout
    token = _browser_cookie(access.TOKEN_COOKIE)
    if not token:
        return False
    try:
        secret = access.server_secret(personas_root())
    except OSError:  # a read-only folder: no tokens, the PIN still works
        return False
    return access.token_valid(token, secret, stored, time.time())


def is_facilitator() -> bool:
    """Unlocked with the PIN in this session, or earlier today in this browser (signed token)."""
    if st.session_state.get("pw.facilitator"):
        return True
    stored = configured_pin_hash()
    if stored and _token_from_cookie(stored):
        st.session_state["pw.facilitator"] = True
        return True
    return False


def _remember_facilitator(stored: str) -> None:
    """Give the browser the day token as a cookie, so a reload or a new tab stays unlocked.

    The token is an HMAC over its expiry and the PIN hash; the PIN itself never reaches the browser.
    """
    if _token_from_cookie(stored):
        return
    try:
        secret = access.server_secret(personas_root())
    except OSError:  # a read-only folder: this tab stays unlocked, a reload asks again
        return
    token = st.session_state.get("pw.token")
    if not token or not access.token_valid(token, secret, stored, time.time()):
        token = access.make_token(secret, stored, time.time())
        st.session_state["pw.token"] = token
    _set_cookie(access.TOKEN_COOKIE, token, access.TOKEN_LIFETIME_SECONDS)


def end_facilitator() -> None:
    """This browser is no longer the facilitator: session flag gone, cookie expired."""
    for key in ("pw.facilitator", "pw.token"):
        st.session_state.pop(key, None)
    st.session_state["pw.logged_out"] = True
    _set_cookie(access.TOKEN_COOKIE, "", 0)


def facilitator_allowed() -> bool:
    """True when this session may use facilitator pages; otherwise draws the PIN form and returns False.

    Without a PIN the pages stay open (a demo on one laptop) — unless join codes are active somewhere:
    then a visitor could make new codes and read every persona, so the pages stay locked.
    """
    stored = configured_pin_hash()
    if not stored:
        if codes_anywhere():
            st.error(texts.PIN_REQUIRED_FOR_CODES, icon=":material/lock:")
            return False
        st.info(texts.PIN_NOT_SET, icon=":material/lock_open:")
        return True
    if is_facilitator():
        _remember_facilitator(stored)
        return True
    st.markdown(texts.PIN_INTRO)
    with st.form("pw.pin_form"):
        entered = st.text_input(texts.PIN_LABEL, type="password", key="pw.pin")
        submitted = st.form_submit_button(texts.PIN_SUBMIT, icon=":material/lock:")
    if submitted:
        attempt = check_pin(entered, stored, client_key())
        if not attempt.checked:
            st.error(texts.PIN_WAIT.format(seconds=math.ceil(attempt.wait)), icon=":material/timer:")
        elif attempt.ok:
            st.session_state["pw.facilitator"] = True
            st.session_state.pop("pw.logged_out", None)
            st.rerun()
        else:
            st.error(texts.PIN_WRONG, icon=":material/error:")
    return False


def check_pin(entered: str, stored: str, client: str) -> access.Attempt:
    """One PIN try against the budget of this client, shared by all its sessions and tabs."""
    return access.GUESSES.attempt("pin:" + client, lambda: access.verify_pin(entered, stored))


def client_key() -> str:
    """Who is trying: the client machine (loopback, IPv4 and IPv4-mapped IPv6 forms are one key)."""
    address = st.context.ip_address
    forwarded = st.context.headers.get("X-Forwarded-For") if st.context.headers else None
    # AppTest has no real client: no address, no headers
    return access.client_key(address if isinstance(address, str) else None, forwarded)


# -- join codes ---------------------------------------------------------------------------------


def codes_active(slug: str) -> bool:
    return bool(folder_for(slug).access()["codes"])


def codes_anywhere() -> bool:
    return any(codes_active(slug) for slug in workshop_slugs())


def joined_kommune(slug: str) -> str | None:
    """The Kommune this session joined in ``slug`` by code; None if not — or if new codes ended that join."""
    joined = st.session_state.get("pw.joined")
    if not joined or joined[0] != slug:
        return None
    if len(joined) < 3 or joined[2] != folder_for(slug).access()["generation"]:
        for key in ("pw.joined", "pw.code", "pw.kommune"):
            st.session_state.pop(key, None)
        st.query_params.pop("code", None)  # a reload must not try the old code again
        st.warning(texts.JOIN_ENDED, icon=":material/key_off:")
        return None
    return joined[1]


def may_edit(slug: str, kommune: str) -> bool:
    """With join codes, a fellow edits only the Kommune of the code; the facilitator (PIN) any."""
    if not codes_active(slug) or is_facilitator():
        return True
    return joined_kommune(slug) == kommune


def may_see_others(slug: str) -> bool:
    """Until the facilitator reveals them, fellows with codes write first and see only their own."""
    return not codes_active(slug) or folder_for(slug).access()["revealed"] or is_facilitator()


def wait_for_reveal(slug: str, message: str = texts.JOIN_NOT_REVEALED) -> None:
    """Say that the others come after the reveal, and redraw the page by itself once it happened."""
    st.info(message, icon=":material/visibility_off:")
    _reveal_watch(slug)


@st.fragment(run_every=3)
def _reveal_watch(slug: str) -> None:
    if may_see_others(slug):
        st.rerun()


def join(slug: str, code: str) -> str | None:
    """Join ``slug`` with a code from its card or link (throttled per client); the Kommune, or None."""
    return _join([folder_for(slug)], code)


def join_anywhere(code: str) -> str | None:
    """Join whichever workshop this code belongs to; a wrong code says nothing about which workshops exist."""
    return _join([folder_for(slug) for slug in workshop_slugs()], code)


def _join(folders: list[WorkshopFolder], code: str) -> str | None:
    found: list = []
    attempt = access.GUESSES.attempt(
        "code:" + client_key(), lambda: found.append(find_code(folders, code)) or found[0] is not None
    )
    if not attempt.checked:
        st.error(texts.PIN_WAIT.format(seconds=math.ceil(attempt.wait)), icon=":material/timer:")
        return None
    if not attempt.ok:
        st.error(texts.JOIN_WRONG, icon=":material/error:")
        return None
    folder, kommune, generation = found[0]
    st.session_state["pw.joined"] = (folder.slug, kommune, generation)
    st.session_state["pw.workshop"] = folder.slug
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
        kommune = joined_kommune(slug)
        if kommune is None and st.query_params.get("code"):
            kommune = join(slug, st.query_params["code"])
        if kommune and workshop.kommune(kommune):
            st.caption(texts.DAY_SIGNED_IN.format(name=md_escape(workshop.kommune(kommune).name)))
            return kommune
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


def apply(channel: str, operation, success: str = "") -> bool:  # a call that saves a day file
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
    except OSError as err:  # a read-only folder, a full disk: say why; the typed words stay in their fields
        flash(channel, "error", texts.DAY_WRITE_FAILED.format(reason=write_problem(err)))
    else:
        if success:
            flash(channel, "success", success)
        return True
    return False


def read_day(read):  # a WorkshopFolder reader such as folder.market
    """A day file for showing, or None after showing why it cannot be read (only this page stops)."""
    try:
        return read()
    except ValidationError as err:
        show_problems(texts.DAY_FILE_ERROR, err.problems)
        return None


def kommune_names(workshop: Workshop, slugs: list[str] | tuple[str, ...]) -> str:
    return ", ".join(workshop.kommune(s).name if workshop.kommune(s) else s for s in slugs)


def facilitator_section(title: str, draw, *args) -> None:  # draw(*args) draws the section
    """A part only the facilitator uses: shown once unlocked (or without PIN), else a PIN form in an expander."""
    if is_facilitator() or not configured_pin_hash():
        st.subheader(title)
        if facilitator_allowed():
            draw(*args)
        return
    with st.expander(title, icon=":material/lock:"):
        facilitator_allowed()  # unlocking reruns the page, which then shows the section itself


def chosen_workshop() -> tuple[str, Workshop, WorkshopFolder] | None:
    """(slug, workshop, folder) for the day's pages, or None after saying why there is none.

    Before the reveal a fellow sees none of them: each names other Kommunen or shows their texts.
    """
    slug = chosen_workshop_slug()
    if slug is None:
        if not workshop_slugs():
            st.warning(texts.START_NO_WORKSHOP.format(root=personas_root()))
        return None
    if not may_see_others(slug):  # the day's pages name other Kommunen and show their texts
        wait_for_reveal(slug, texts.DAY_NOT_REVEALED)
        return None
    workshop = load_workshop(slug)
    return (slug, workshop, folder_for(slug)) if workshop is not None else None
