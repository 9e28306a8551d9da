"""The persona wizard: step by step, with guiding questions, examples and field-level errors.

How text is never lost: the draft in the session is the one copy of what was typed, kept per
Kommune (switching to another Kommune and back finds the unsaved text again).
Widgets are bound to draft fields; at the top of every run their values are copied into the draft
before anything else happens, so switching steps, saving or reordering always sees the latest
text. Widget keys carry a generation number that changes whenever the draft is replaced (another
Kommune, the saved version taken after a conflict), so stale widget values never leak back.

A reload or a dropped connection starts a new session, so unsaved input is also kept on disk after
every change (one file per Kommune and tab, named by ``?entwurf=`` in the address) until it is
saved; the new session restores it and says so. The session also keeps the saved version the draft
started from: it is the base of the three-way merge when another laptop saved in between.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import secrets
from html import escape

import streamlit as st

from werkstatt import history, render, texts, wizard
from werkstatt.avatar import avatar_data_uri, new_seed
from werkstatt.model import EVIDENCE, STAGES, ValidationError, Workshop, empty_persona, slugify
from werkstatt.store import DRAFT_TOKEN_RE, ConflictError, WorkshopFolder, write_problem
from werkstatt.ui import common

# (workshop, kommune) → {"draft": …, "saved": fingerprint of the saved state,
#                        "base": the saved version the draft started from, for a three-way merge}
DRAFTS = "pw.drafts"
CURRENT = "pw.current"
GENERATION = "pw.gen"
BINDINGS = "pw.bindings"
STEP = "pw.step"
STEP_RADIO = "pw.step_radio"
SAVE_REQUESTED = "pw.save_requested"
CONFLICT = "pw.conflict"
GENERAL_ERROR = "pw.general_error"
LAST_UPLOAD = "pw.last_upload"
DRAFT_TOKEN = "pw.draft_token"  # names this tab's kept draft; lives in the address as ?entwurf=
KEPT = "pw.kept"  # (workshop, kommune) → fingerprint of the draft last kept on disk
KEEP_ERROR = "pw.keep_error"
RESTORED = "pw.restored"  # (workshop, kommune) → the notice shown after a reload restored or lost input
STEP_PARAM = "schritt"
DRAFT_PARAM = "entwurf"


def page() -> None:
    slug = common.chosen_workshop_slug()
    kommune_slug = st.session_state.get("pw.kommune") or st.query_params.get("kommune")
    # A fellow of a workshop with codes cannot choose a Kommune: the code names it, and the words say so.
    by_code = slug is not None and common.codes_active(slug) and not common.is_facilitator()
    if by_code and not kommune_slug and st.query_params.get("code"):
        kommune_slug = common.join(slug, st.query_params["code"])  # a link to this page with the code alone
    workshop = common.load_workshop(slug) if slug else None
    if workshop is None or workshop.kommune(kommune_slug or "") is None:
        st.title(texts.WIZ_PAGE_TITLE)
        if workshop is not None or slug is None:
            st.info(texts.WIZ_JOIN_FIRST if by_code else texts.WIZ_CHOOSE_FIRST)
            st.page_link(st.session_state["pw.pages"]["start"], label=texts.WIZ_TO_START, icon=":material/home:")
        return
    if not common.may_edit(slug, kommune_slug) and st.query_params.get("code"):
        common.join(slug, st.query_params["code"])  # a reload: the code in the address signs in again
    if not common.may_edit(slug, kommune_slug):
        st.title(texts.WIZ_PAGE_TITLE)
        st.error(texts.JOIN_REQUIRED, icon=":material/lock:")
        st.page_link(st.session_state["pw.pages"]["start"], label=texts.WIZ_TO_START, icon=":material/home:")
        return
    st.session_state["pw.kommune"] = kommune_slug
    # Keep the choice (and the code) in the address, so a browser reload comes back to the same persona,
    # the same step and the input this tab had not saved yet.
    address = {"workshop": slug, "kommune": kommune_slug, DRAFT_PARAM: _draft_token()}
    if st.session_state.get("pw.code"):
        address["code"] = st.session_state["pw.code"]
    st.query_params.update(address)
    folder = common.folder_for(slug)
    kommune = workshop.kommune(kommune_slug)

    if not _ensure_draft(folder, workshop, kommune_slug):
        st.title(f"{texts.WIZ_PAGE_TITLE}: {common.md_escape(kommune.name)}")
        result = folder.persona(kommune_slug)
        common.show_problems(texts.WIZ_BROKEN_FILE.format(kommune=common.md_escape(kommune.name)), result.problems)
        return

    draft = _draft()
    _harvest(draft)
    _handle_step_change(folder, workshop)
    if st.session_state.pop(SAVE_REQUESTED, False) and (_is_dirty() or not draft["revision"]):
        _save(folder, workshop)
    st.query_params[STEP_PARAM] = str(wizard.STEP_IDS.index(st.session_state[STEP]) + 1)

    st.title(f"{texts.WIZ_PAGE_TITLE}: {common.md_escape(kommune.name)}")
    if by_code:
        st.page_link(st.session_state["pw.pages"]["start"], label=texts.WIZ_TO_START, icon=":material/home:")
    else:
        st.page_link(st.session_state["pw.pages"]["start"], label=texts.WIZ_OTHER_KOMMUNE, icon=":material/swap_horiz:")
    _restored_notice(folder, workshop)
    _conflict_box(folder, workshop)
    _status_line(folder, workshop)
    if wizard.has_conflict_marks(draft):
        st.warning(texts.WIZ_MERGE_CONFLICTS_LEFT, icon=":material/call_split:")
    _step_navigation(draft)
    persona, errors = wizard.validate_draft(draft, workshop, folder.limits)
    step = next(s for s in wizard.STEPS if s.id == st.session_state[STEP])
    _guidance(step)
    if step.id == "persona":
        _step_persona(draft, errors, folder)
    elif step.id == "story":
        _step_story(draft, errors, folder)
    elif step.id == "status":
        _step_status(draft, workshop, errors)
    elif step.id == "preview":
        preview = wizard.draft_to_persona(draft)
        preview.profile.avatar_image = folder.image_uri(preview.profile.avatar_file)
        saved = folder.persona(draft["kommune"]).persona
        if saved is not None and not _is_dirty():
            preview.updated = saved.updated
        st.html(render.persona_card_html(workshop, preview))
        _own_steckbrief(folder.slug, draft["kommune"])
        _history(folder, workshop)
    else:
        for section in wizard.STEP_SECTIONS[step.id]:
            _entry_list(draft, section, workshop, errors, folder)
    _bottom_buttons(step)
    _keep_unsaved(folder)
    _leave_guard()


# ---------------------------------------------------------------------------------------------
# Draft life cycle


def _ensure_draft(folder: WorkshopFolder, workshop: Workshop, kommune_slug: str) -> bool:
    """Make this Kommune's draft the current one, loading it from disk the first time.

    Returns False when the saved file cannot be read (the page then shows its errors instead).
    """
    key = (folder.slug, kommune_slug)
    drafts = st.session_state.setdefault(DRAFTS, {})
    if key not in drafts:
        result = folder.persona(kommune_slug)
        if result.exists and not result.ok:
            return False
        draft = wizard.draft_from_persona(result.persona or empty_persona(kommune_slug), workshop)
        drafts[key] = _kept_draft(folder, workshop, kommune_slug, draft) or {
            "draft": draft,
            "saved": wizard.fingerprint(draft),
            "base": copy.deepcopy(draft),
        }
    if st.session_state.get(CURRENT) != key:
        st.session_state[CURRENT] = key
        _new_widget_generation()
    if STEP not in st.session_state:  # a new session (a reload): the step from the address
        number = st.query_params.get(STEP_PARAM, "")
        index = int(number) - 1 if number.isdigit() and 1 <= int(number) <= len(wizard.STEP_IDS) else 0
        st.session_state[STEP] = wizard.STEP_IDS[index]
    return True


def _draft_token() -> str:
    token = st.session_state.get(DRAFT_TOKEN)
    if not token:
        candidate = st.query_params.get(DRAFT_PARAM, "")
        token = candidate if DRAFT_TOKEN_RE.match(candidate) else secrets.token_hex(6)
        st.session_state[DRAFT_TOKEN] = token
    return token


def _kept_draft(folder: WorkshopFolder, workshop: Workshop, kommune: str, saved: dict) -> dict | None:
    """The input this tab had not saved before a reload, as a session entry (None if there is none).

    ``saved`` is the draft of the saved file. The kept draft starts from the revision it was typed
    on; when the file moved on since, saving it leads to the usual conflict and merge, with the
    kept revision from the history as the merge's base.
    """
    key = (folder.slug, kommune)
    try:
        data = folder.read_draft(kommune, _draft_token())
    except (ValidationError, OSError, ValueError):
        data = False
    if data is None:
        return None
    kept = wizard.draft_from_kept(data, workshop, kommune) if data is not False else None
    if kept is None:
        st.session_state.setdefault(RESTORED, {})[key] = {"text": texts.WIZ_DRAFT_UNREADABLE, "discard": False}
        with contextlib.suppress(OSError):
            folder.delete_draft(kommune, _draft_token())
        return None
    draft, saved_at = kept
    if wizard.fingerprint(draft) == wizard.fingerprint(saved) and draft["revision"] == saved["revision"]:
        with contextlib.suppress(OSError):
            folder.delete_draft(kommune, _draft_token())
        return None
    if draft["revision"] == saved["revision"]:
        base = copy.deepcopy(saved)
    else:
        past = folder.past_version(kommune, draft["revision"]) if draft["revision"] > 0 else None
        base = wizard.draft_from_persona(past or empty_persona(kommune), workshop)
    time_text = saved_at.strftime("%H:%M")
    notice = (
        texts.WIZ_DRAFT_RESTORED.format(time=time_text)
        if draft["revision"] == saved["revision"]
        else texts.WIZ_DRAFT_RESTORED_NEWER.format(time=time_text, revision=saved["revision"])
    )
    st.session_state.setdefault(RESTORED, {})[key] = {"text": notice, "discard": True}
    st.session_state.setdefault(KEPT, {})[key] = wizard.fingerprint(draft)
    return {"draft": draft, "saved": wizard.fingerprint(saved), "base": base}


def _keep_unsaved(folder: WorkshopFolder) -> None:
    """Keep unsaved input on disk after every change, and remove it once everything is saved."""
    key = st.session_state[CURRENT]
    entry = st.session_state[DRAFTS][key]
    kept = st.session_state.setdefault(KEPT, {})
    kommune = entry["draft"]["kommune"]
    fingerprint = wizard.fingerprint(entry["draft"])
    try:
        if fingerprint != entry["saved"]:
            if kept.get(key) != fingerprint:
                folder.save_draft(kommune, _draft_token(), wizard.kept_draft_data(entry["draft"], _now()))
                kept[key] = fingerprint
        elif key in kept:
            folder.delete_draft(kommune, _draft_token())
            kept.pop(key)
        st.session_state.pop(KEEP_ERROR, None)
    except OSError as err:
        if st.session_state.get(KEEP_ERROR) is None:
            st.session_state[KEEP_ERROR] = write_problem(err)
            st.rerun()  # show the hint above the form right away


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _leave_guard() -> None:
    """The browser asks before leaving or reloading while something typed is not saved.

    Two signs of unsaved text: the marker drawn while the draft differs from the saved file, and
    Streamlit's "press Enter to apply" hint under a field typed into but not yet applied.
    """
    marker = '<span data-pw-unsaved="1" hidden></span>' if _is_dirty() else ""
    st.html(
        marker
        + """<script>
if (!window.pwLeaveGuard) {
  window.pwLeaveGuard = true;
  window.addEventListener("beforeunload", (event) => {
    if (document.querySelector('[data-pw-unsaved], [data-testid="InputInstructions"]')) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}
</script>""",
        unsafe_allow_javascript=True,
    )


def _restored_notice(folder: WorkshopFolder, workshop: Workshop) -> None:
    notice = st.session_state.get(RESTORED, {}).get(st.session_state[CURRENT])
    if notice is None:
        return
    if notice["discard"] and not _is_dirty():
        st.session_state[RESTORED].pop(st.session_state[CURRENT])  # saved meanwhile: nothing to discard
        return
    with st.container(border=True):
        st.info(notice["text"], icon=":material/restore_page:")
        if notice["discard"]:
            st.button(
                texts.WIZ_DRAFT_DISCARD,
                help=texts.WIZ_DRAFT_DISCARD_HELP,
                icon=":material/delete_sweep:",
                on_click=_discard_kept,
                args=(folder, workshop),
            )
        elif st.button(texts.WIZ_DRAFT_UNDERSTOOD, key="pw.restored_ok"):
            st.session_state[RESTORED].pop(st.session_state[CURRENT])
            st.rerun()


def _discard_kept(folder: WorkshopFolder, workshop: Workshop) -> None:
    kommune = _draft()["kommune"]
    result = folder.persona(kommune)
    _replace_draft(wizard.draft_from_persona(result.persona or empty_persona(kommune), workshop))
    with contextlib.suppress(OSError):
        folder.delete_draft(kommune, _draft_token())
    st.session_state.get(KEPT, {}).pop(st.session_state[CURRENT], None)
    st.session_state[RESTORED].pop(st.session_state[CURRENT], None)


def _draft() -> dict:
    return st.session_state[DRAFTS][st.session_state[CURRENT]]["draft"]


def _mark_saved() -> None:
    entry = st.session_state[DRAFTS][st.session_state[CURRENT]]
    entry["saved"] = wizard.fingerprint(entry["draft"])
    entry["base"] = copy.deepcopy(entry["draft"])


def _base() -> dict:
    return st.session_state[DRAFTS][st.session_state[CURRENT]]["base"]


def _replace_draft(draft: dict, base: dict | None = None) -> None:
    """Edit ``draft`` from now on; ``base`` is the saved version it stands on (default: itself)."""
    st.session_state[DRAFTS][st.session_state[CURRENT]] = {
        "draft": draft,
        "saved": wizard.fingerprint(draft),
        "base": copy.deepcopy(base or draft),
    }
    _new_widget_generation()
    st.session_state.pop(CONFLICT, None)


def _new_widget_generation() -> None:
    """Widgets get fresh keys, so they show the (new) draft instead of their old values."""
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state[BINDINGS] = {}
    st.session_state.pop(CONFLICT, None)


def _key(*parts: str) -> str:
    return f"w{st.session_state[GENERATION]}." + ".".join(parts)


def _bind(key: str, path: tuple, current: object) -> str:
    """Register a widget as the editor of a draft field and give it the draft's value."""
    st.session_state[BINDINGS][key] = path
    if key not in st.session_state:
        st.session_state[key] = current
    return key


def _harvest(draft: dict) -> None:
    """Copy every bound widget's latest value into the draft, before anything else runs."""
    bindings = st.session_state.get(BINDINGS, {})
    for key, path in bindings.items():
        if key in st.session_state:
            wizard.set_field(draft, path, st.session_state[key])
    st.session_state[BINDINGS] = {}


def _is_dirty() -> bool:
    entry = st.session_state[DRAFTS][st.session_state[CURRENT]]
    return wizard.fingerprint(entry["draft"]) != entry["saved"]


def _save(folder: WorkshopFolder, workshop: Workshop, base_revision: int | None = None) -> bool:
    draft = _draft()
    st.session_state.pop(GENERAL_ERROR, None)
    persona, errors = wizard.validate_draft(draft, workshop, folder.limits)
    if persona is None:
        st.session_state[GENERAL_ERROR] = texts.WIZ_NOT_SAVED_ERRORS
        return False
    try:
        saved = folder.save_persona(persona, draft["revision"] if base_revision is None else base_revision)
    except ConflictError as conflict:
        st.session_state[CONFLICT] = conflict
        return False
    except ValidationError as err:
        st.session_state[GENERAL_ERROR] = texts.WIZ_GENERAL_ERROR.format(
            message="; ".join(p.message for p in err.problems)
        )
        return False
    except OSError as err:  # read-only folder, full disk, a lock that never came: the draft stays as typed
        st.session_state[GENERAL_ERROR] = texts.WIZ_WRITE_FAILED.format(reason=write_problem(err))
        return False
    draft["revision"] = saved.revision
    _mark_saved()
    st.session_state.pop(CONFLICT, None)
    return True


def _handle_step_change(folder: WorkshopFolder, workshop: Workshop) -> None:
    """The step radio (or Weiter/Zurück) moved: save what was typed on the step being left."""
    wanted = st.session_state.get(STEP_RADIO, st.session_state[STEP])
    if wanted != st.session_state[STEP]:
        if _is_dirty():
            _save(folder, workshop)
        st.session_state[STEP] = wanted


def _request_save() -> None:
    st.session_state[SAVE_REQUESTED] = True


def _go_to(step_id: str) -> None:
    st.session_state[STEP_RADIO] = step_id


# ---------------------------------------------------------------------------------------------
# Page parts


def _conflict_box(folder: WorkshopFolder, workshop: Workshop) -> None:
    conflict: ConflictError | None = st.session_state.get(CONFLICT)
    if conflict is None:
        return
    with st.container(border=True):
        st.error(f"**{texts.WIZ_CONFLICT_TITLE}:** {conflict}", icon=":material/sync_problem:")
        if conflict.current is not None:
            with st.expander(texts.WIZ_CONFLICT_THEIRS):
                st.html(render.persona_card_html(workshop, conflict.current))
        left, middle, right = st.columns(3)
        if middle.button(texts.WIZ_CONFLICT_MERGE, help=texts.WIZ_CONFLICT_MERGE_HELP, type="primary"):
            mine = _draft()
            if conflict.current is None:
                # The file was deleted (or cannot be read): there is nothing of theirs to merge.
                merged, theirs = copy.deepcopy(mine), None
                merged["revision"] = conflict.on_disk
            else:
                theirs = wizard.draft_from_persona(conflict.current, workshop)
                merged = wizard.merge_drafts(_base(), mine, theirs)
            _replace_draft(merged, base=theirs)
            st.session_state[DRAFTS][st.session_state[CURRENT]]["saved"] = ""
            if _save(folder, workshop):
                st.rerun()
        # Keeping mine saves on the revision on disk right now: 0 if the file was deleted, so it comes back.
        keep_mine = left.button(texts.WIZ_CONFLICT_KEEP_MINE, help=texts.WIZ_CONFLICT_KEEP_MINE_HELP)
        if keep_mine and _save(folder, workshop, base_revision=conflict.on_disk):
            st.rerun()
        if right.button(texts.WIZ_CONFLICT_TAKE_THEIRS, help=texts.WIZ_CONFLICT_TAKE_THEIRS_HELP):
            theirs_draft = wizard.draft_from_persona(conflict.current or empty_persona(_draft()["kommune"]), workshop)
            theirs_draft["revision"] = conflict.on_disk
            _replace_draft(theirs_draft)
            st.rerun()


@st.fragment(run_every=3)
def _status_line(folder: WorkshopFolder, workshop: Workshop) -> None:
    """Whether everything is saved – checked against the file every 3 s, so that a newer version
    saved on another laptop of the same Kommune shows here instead of a stale „gespeichert“."""
    if st.session_state.get(CURRENT) not in st.session_state.get(DRAFTS, {}):
        return  # another page or Kommune by now
    draft = _draft()
    result = folder.persona(draft["kommune"])
    if st.session_state.get(KEEP_ERROR):
        st.warning(texts.WIZ_DRAFT_NOT_KEPT.format(reason=st.session_state[KEEP_ERROR]), icon=":material/warning:")
    if st.session_state.get(GENERAL_ERROR):
        st.error(st.session_state[GENERAL_ERROR], icon=":material/error:")
    elif st.session_state.get(CONFLICT) is not None:
        return  # the conflict box above says it all
    elif result.ok and result.persona.revision > draft["revision"]:
        with st.container(border=True):
            st.warning(
                texts.WIZ_NEWER_ON_DISK.format(theirs=result.persona.revision, yours=draft["revision"]),
                icon=":material/sync_problem:",
            )
            if _is_dirty():
                st.caption(texts.WIZ_NEWER_KEEP_TYPING)
            elif st.button(texts.WIZ_NEWER_LOAD, icon=":material/download:", key="pw.load_newer"):
                _replace_draft(wizard.draft_from_persona(result.persona, workshop))
                st.rerun(scope="app")
    elif not result.exists and draft["revision"] > 0:
        st.warning(texts.WIZ_NEWER_GONE, icon=":material/sync_problem:")
    elif _is_dirty():
        st.warning(texts.WIZ_UNSAVED, icon=":material/edit_note:")
    elif draft["revision"]:
        stamp = result.persona.updated.strftime("%H:%M") if result.ok and result.persona.updated else ""
        st.success(texts.WIZ_ALL_SAVED.format(revision=draft["revision"], time=stamp), icon=":material/cloud_done:")
    else:
        st.info(texts.WIZ_NEVER_SAVED, icon=":material/info:")


def _step_navigation(draft: dict) -> None:
    done = set(wizard.completed_steps(draft))
    titles = {s.id: s for s in wizard.STEPS}
    st.session_state.setdefault(STEP_RADIO, st.session_state[STEP])
    # Option labels stay fixed (Streamlit maps a choice back to its option by label); whether a
    # step is complete is shown in the caption under it.
    st.radio(
        texts.WIZ_STEP_LABEL,
        wizard.STEP_IDS,
        format_func=lambda step_id: texts.WIZ_STEP_OPTION.format(
            number=titles[step_id].number, title=titles[step_id].title
        ),
        captions=[_step_caption(draft, s, done) for s in wizard.STEP_IDS],
        horizontal=True,
        key=STEP_RADIO,
    )
    total = len(wizard.STEP_IDS) - 1
    st.progress(len(done) / total, text=texts.WIZ_PROGRESS.format(done=len(done), total=total))


def _step_caption(draft: dict, step_id: str, done: set[str]) -> str:
    # The preview is never filled in itself; it read „offen“ under a persona with every step done.
    if step_id == "preview":
        return texts.WIZ_STEP_PREVIEW_READY if wizard.step_complete(draft, step_id) else texts.WIZ_STEP_OPEN
    return texts.WIZ_STEP_DONE if step_id in done else texts.WIZ_STEP_OPEN


def _guidance(step: wizard.Step) -> None:
    st.subheader(step.question)
    st.markdown(step.hint)
    if step.examples:
        with st.expander(texts.WIZ_EXAMPLES, icon=":material/lightbulb:"):
            st.markdown("\n".join(f"- {common.md_escape(example)}" for example in step.examples))


def _field_errors(errors: dict[str, list[str]], key: str) -> None:
    for message in errors.get(key, []):
        st.error(message, icon=":material/error:")


def _length_hint(value: str, limit: int) -> None:
    if len(value) > limit * 0.8:
        st.caption(
            texts.WIZ_CHARS.format(count=f"{len(value):,}".replace(",", "."), limit=f"{limit:,}".replace(",", "."))
        )


def _step_persona(draft: dict, errors: dict[str, list[str]], folder: WorkshopFolder) -> None:
    person = draft["persona"]
    left, right = st.columns([3, 1])
    with left:
        st.text_input(
            texts.WIZ_NAME,
            key=_bind(_key("name"), ("persona", "name"), person["name"]),
            placeholder=texts.WIZ_NAME_HELP,
        )
        _field_errors(errors, "persona.name")
        st.number_input(
            texts.WIZ_AGE,
            min_value=0,
            max_value=120,
            step=1,
            key=_bind(_key("age"), ("persona", "age"), person["age"]),
            placeholder=texts.WIZ_AGE_HELP,
        )
        _field_errors(errors, "persona.age")
        st.text_input(
            texts.WIZ_ROLE,
            key=_bind(_key("role"), ("persona", "role"), person["role"]),
            placeholder=texts.WIZ_ROLE_HELP,
        )
        _field_errors(errors, "persona.role")
    with right:
        st.markdown(f"**{texts.WIZ_AVATAR}**")
        label = texts.CARD_AVATAR_LABEL.format(name=person["name"] or texts.CARD_NO_NAME)
        picture = folder.image_uri(person["avatar_file"]) or avatar_data_uri(person["avatar_seed"])
        st.html(f'<img src="{picture}" alt="{escape(label)}" width="140" height="140">')
        st.button(
            texts.WIZ_REROLL,
            icon=":material/casino:",
            help=texts.WIZ_REROLL_HELP,
            on_click=_reroll_avatar,
            key=_key("reroll"),
            disabled=bool(person["avatar_file"]),
        )
        _upload(person, folder)
        problem = folder.image_problem(person["avatar_file"])
        if problem:
            st.warning(problem, icon=":material/broken_image:")


def _upload(person: dict, folder: WorkshopFolder) -> None:
    """An own picture instead of the drawn one; the store re-encodes it (no EXIF, at most 600 px)."""
    limit = folder.limits.max_image_bytes // 2**20
    uploaded = st.file_uploader(
        texts.WIZ_UPLOAD.format(limit=limit),
        type=["png", "jpg", "jpeg"],
        key=_key("upload"),
    )
    st.caption(texts.WIZ_UPLOAD_HINT)
    if uploaded is not None and st.session_state.get(LAST_UPLOAD) != uploaded.file_id:
        st.session_state[LAST_UPLOAD] = uploaded.file_id
        try:
            person["avatar_file"] = folder.save_image(_draft()["kommune"], uploaded.getvalue())
            st.rerun()
        except ValidationError as err:
            st.error(err.problems[0].message, icon=":material/error:")
        except OSError as err:
            st.error(texts.WIZ_IMAGE_WRITE_FAILED.format(reason=write_problem(err)), icon=":material/error:")
    if person["avatar_file"]:
        st.button(texts.WIZ_UPLOAD_REMOVE, icon=":material/hide_image:", on_click=_remove_picture, key=_key("unpic"))


def _remove_picture() -> None:
    _draft()["persona"]["avatar_file"] = ""


def _reroll_avatar() -> None:
    draft = _draft()
    base = slugify(draft["persona"]["name"]) or draft["kommune"]
    draft["persona"]["avatar_seed"] = new_seed(base)


def _step_story(draft: dict, errors: dict[str, list[str]], folder: WorkshopFolder) -> None:
    person = draft["persona"]
    st.text_input(
        texts.WIZ_QUOTE,
        key=_bind(_key("quote"), ("persona", "quote"), person["quote"]),
        placeholder=texts.WIZ_QUOTE_HELP,
    )
    _field_errors(errors, "persona.quote")
    _length_hint(person["quote"], folder.limits.max_text_chars)
    st.text_area(
        texts.WIZ_STORY,
        key=_bind(_key("story"), ("persona", "story"), person["story"]),
        placeholder=texts.WIZ_STORY_HELP,
        height=180,
    )
    _field_errors(errors, "persona.story")
    _length_hint(person["story"], folder.limits.max_text_chars)


def _step_status(draft: dict, workshop: Workshop, errors: dict[str, list[str]]) -> None:
    options = [None, *STAGES]
    for topic in workshop.topics:
        item = draft["status"].setdefault(topic.id, {"stage": None, "note": ""})
        with st.container(border=True):
            left, right = st.columns([2, 3])
            left.selectbox(
                texts.WIZ_STAGE.format(topic=common.label_text(topic.label)),
                options,
                format_func=lambda s: (
                    texts.WIZ_STAGE_NONE if s is None else texts.WIZ_STAGE_OPTION.format(stage=s, label=STAGES[s])
                ),
                key=_bind(_key("stage", topic.id), ("status", topic.id, "stage"), item["stage"]),
                placeholder=texts.WIZ_STAGE_NONE,
            )
            right.text_input(
                texts.WIZ_NOTE.format(topic=common.label_text(topic.label)),
                key=_bind(_key("note", topic.id), ("status", topic.id, "note"), item["note"]),
            )
            with right:
                _field_errors(errors, f"status.{topic.id}.note")
            _field_errors(errors, f"status.{topic.id}.stage")


def _entry_list(
    draft: dict, section: str, workshop: Workshop, errors: dict[str, list[str]], folder: WorkshopFolder
) -> None:
    singular = texts.SECTION_SINGULAR[section]
    st.markdown(f"#### {texts.SECTION_TITLES[section]}")
    _field_errors(errors, section)
    items = draft[section]
    if not items:
        st.caption(texts.WIZ_EMPTY_LIST)
    topic_ids = list(workshop.topic_ids)
    for number, item in enumerate(items, start=1):
        uid = item["uid"]
        with st.container(border=True):
            st.text_area(
                texts.WIZ_ENTRY_LABEL.format(singular=singular, number=number),
                key=_bind(_key(section, uid, "text"), ("entry", section, uid, "text"), item["text"]),
                height=80,
            )
            _field_errors(errors, f"{section}.{uid}.text")
            if item["text"].startswith(texts.WIZ_MERGE_CONFLICT_MARK):
                st.caption(texts.WIZ_MERGE_ENTRY_CONFLICT)
            _length_hint(item["text"], folder.limits.max_text_chars)
            left, right = st.columns([3, 2])
            left.multiselect(
                texts.WIZ_ENTRY_TOPICS.format(singular=singular, number=number),
                topic_ids,
                format_func=workshop.topic_label,
                key=_bind(_key(section, uid, "topics"), ("entry", section, uid, "topics"), item["topics"]),
                placeholder=texts.WIZ_TOPICS_PLACEHOLDER,
            )
            right.selectbox(
                texts.WIZ_ENTRY_EVIDENCE.format(singular=singular, number=number),
                [None, *EVIDENCE],
                format_func=lambda e: texts.WIZ_EVIDENCE_NONE if e is None else EVIDENCE[e],
                key=_bind(_key(section, uid, "evidence"), ("entry", section, uid, "evidence"), item["evidence"]),
                placeholder=texts.WIZ_EVIDENCE_NONE,
            )
            with left:
                _field_errors(errors, f"{section}.{uid}.topics")
            up, down, remove = st.columns(3)
            up.button(
                texts.WIZ_UP,
                icon=":material/arrow_upward:",
                key=_key(section, uid, "up"),
                disabled=number == 1,
                on_click=wizard.move_entry,
                args=(draft, section, uid, -1),
                help=f"{singular} {number}: {texts.WIZ_UP}",
            )
            down.button(
                texts.WIZ_DOWN,
                icon=":material/arrow_downward:",
                key=_key(section, uid, "down"),
                disabled=number == len(items),
                on_click=wizard.move_entry,
                args=(draft, section, uid, 1),
                help=f"{singular} {number}: {texts.WIZ_DOWN}",
            )
            remove.button(
                texts.WIZ_REMOVE,
                icon=":material/delete:",
                key=_key(section, uid, "remove"),
                on_click=wizard.remove_entry,
                args=(draft, section, uid),
                help=f"{singular} {number}: {texts.WIZ_REMOVE}",
            )
    full = len(items) >= folder.limits.max_entries
    st.button(
        texts.WIZ_ADD.format(singular=singular),
        icon=":material/add:",
        key=_key(section, "add"),
        disabled=full,
        on_click=wizard.add_entry,
        args=(draft, section, folder.limits),
    )
    if full:
        st.caption(texts.WIZ_LIST_FULL.format(limit=folder.limits.max_entries))


def _bottom_buttons(step: wizard.Step) -> None:
    st.divider()
    index = wizard.STEP_IDS.index(step.id)
    back, save, forward = st.columns(3)
    if index > 0:
        back.button(
            texts.WIZ_BACK,
            icon=":material/arrow_back:",
            on_click=_go_to,
            args=(wizard.STEP_IDS[index - 1],),
            width="stretch",
        )
    save.button(texts.WIZ_SAVE, icon=":material/save:", type="primary", on_click=_request_save, width="stretch")
    if index < len(wizard.STEP_IDS) - 1:
        forward.button(
            texts.WIZ_NEXT,
            icon=":material/arrow_forward:",
            on_click=_go_to,
            args=(wizard.STEP_IDS[index + 1],),
            width="stretch",
        )


def _own_steckbrief(slug: str, kommune: str) -> None:
    """The fellow's own one-page PDF, made from the saved file in the render worker."""
    from werkstatt.ui.exporting import pdf_button, request_for

    request = request_for(slug, ("steckbriefe",), kommune)
    pdf_button(
        request, texts.EXPORT_MY_CARD, texts.EXPORT_MY_CARD_DOWNLOAD, disabled=_is_dirty() or not _draft()["revision"]
    )


def _history(folder: WorkshopFolder, workshop: Workshop) -> None:
    """Earlier versions, newest first, with what changed; restoring one saves it as a new version."""
    kommune = _draft()["kommune"]
    revisions = folder.history(kommune)
    with st.expander(texts.HISTORY_TITLE, icon=":material/history:"):
        if not revisions:
            st.caption(texts.HISTORY_NONE)
            return
        current = folder.persona(kommune).persona
        newer = current
        for revision in reversed(revisions):
            version = folder.past_version(kommune, revision)
            if version is None:
                st.caption(texts.HISTORY_UNREADABLE.format(revision=revision))
                continue
            when = version.updated.strftime("%d.%m.%Y, %H:%M") if version.updated else ""
            lines = history.changes(workshop, version, newer) if newer is not None else []
            st.markdown(
                texts.HISTORY_ENTRY.format(revision=revision, when=when)
                + (" – danach: " + common.md_escape("; ".join(lines)) if lines else "")
            )
            st.button(
                texts.HISTORY_RESTORE.format(revision=revision),
                key=f"pw.restore.{revision}",
                help=texts.HISTORY_RESTORE_HELP,
                on_click=_restore,
                args=(folder, workshop, version),
                icon=":material/restore:",
            )
            newer = version


def _restore(folder: WorkshopFolder, workshop: Workshop, version) -> None:  # a Persona
    base = _draft()["revision"]
    restored = wizard.draft_from_persona(version, workshop)
    restored["revision"] = base
    _replace_draft(restored, base=_base())
    st.session_state[DRAFTS][st.session_state[CURRENT]]["saved"] = ""  # unsaved until stored below
    st.session_state[SAVE_REQUESTED] = True
