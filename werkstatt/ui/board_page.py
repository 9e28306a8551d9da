"""Themenrunde: the live board of one topic session along the four guiding questions.

Column 1 starts with the obstacles the personas named on the topic (in their words). Fellows add
entries from their laptops; the board redraws every two seconds, so the projector shows them at
once. The facilitator switches to *Beiträge bearbeiten* to edit, move and hide entries; that view
does not redraw by itself, so nobody's edit is interrupted.
"""

from __future__ import annotations

import streamlit as st

from werkstatt import day, matching, render, texts
from werkstatt.model import ValidationError, Workshop
from werkstatt.store import WorkshopFolder
from werkstatt.ui import common
from werkstatt.ui.presenter_page import CHROME_HIDDEN, PROJECTOR_CSS, footer

GROUP_KEY = "pw.board_group"
PROJECTOR_KEY = "pw.board_projector"
EDIT_KEY = "pw.board_edit"

# The projector view shows the board alone: the controls are hidden (Esc brings them back). Fuller columns
# get more width, and the type shrinks from 36 px only as far as needed for the fullest column to fit the
# screen, never below 22 px; beyond that a column scrolls inside itself (marked „weitere Beiträge“) instead
# of pushing the board off the screen.
BOARD_PROJECTOR_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-pw-board-controls), .st-key-pw-board-controls { display: none; }
</style>"""
BOARD_PROJECTOR_JS = """
<script>
if (!window.pwBoardProjector) {
  window.pwBoardProjector = true;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !document.querySelector(".pw-board-projector")) return;
    const toggle = document.querySelector(".st-key-pw-board-projector-toggle input");
    if (toggle && toggle.checked) toggle.click();
  });
  let queued = false;
  const fit = () => {
    queued = false;
    const board = document.querySelector(".pw-board-projector");
    if (!board) return;
    const main = document.querySelector('[data-testid="stMain"]');
    const grid = board.querySelector(".pw-board-columns");
    const columns = Array.from(board.querySelectorAll(".pw-board-column"));
    const at = (size) => {
      board.style.fontSize = size + "px";
      const top = grid.getBoundingClientRect().top + (main ? main.scrollTop : 0);
      grid.style.height = Math.floor(innerHeight - top - 22) + "px";
      return columns.some((c) => c.scrollHeight > c.clientHeight + 1);
    };
    // A fuller column may take more of the width: the largest type at which some share of the width
    // (from equal to in proportion to the text) lets every column fit wins.
    const amounts = columns.map((c) => Math.max(c.innerText.length, 1));
    const share = (k, of) => of.map((a) => `minmax(0, ${Math.pow(a, k).toFixed(2)}fr)`).join(" ");
    const shares = [0, 0.5, 0.75, 1].map((k) => share(k, amounts));
    // A column too full for any share should not starve the others: it gets no more than the second fullest.
    const second = [...amounts].sort((a, b) => b - a)[1] || 1;
    shares.push(...[0.75, 1].map((k) => share(k, amounts.map((a) => Math.min(a, second)))));
    const fits = (size) => shares.some((share) => { grid.style.gridTemplateColumns = share; return !at(size); });
    let size = Math.max(22, Math.min(36, Math.floor(innerWidth / 52)));
    while (!fits(size) && size > 22) size -= 1;
    const overflowing = () => columns.filter((c) => c.scrollHeight > c.clientHeight + 1);
    if (at(size)) {
      // Nothing fits even at 22 px: the first share that leaves the fewest columns scrolling, and then the
      // largest type at which every other column still fits.
      const counts = shares.map((s) => { grid.style.gridTemplateColumns = s; at(22); return overflowing().length; });
      grid.style.gridTemplateColumns = shares[counts.indexOf(Math.min(...counts))];
      at(22);
      const scrolling = overflowing();
      size = Math.max(22, Math.min(36, Math.floor(innerWidth / 52)));
      while (size > 22 && (at(size), overflowing().some((c) => !scrolling.includes(c)))) size -= 1;
      at(size);
    }
    columns.forEach((c) => {
      const more = c.scrollHeight > c.clientHeight + 1;
      c.classList.toggle("pw-board-more", more);
      if (more) c.setAttribute("tabindex", "0");  // a scrolling column can be scrolled by keyboard too
      else c.removeAttribute("tabindex");
    });
  };
  const later = () => { if (!queued) { queued = true; requestAnimationFrame(fit); } };
  new ResizeObserver(later).observe(document.body);
  new MutationObserver(later).observe(document.body, {childList: true, subtree: true});
}
</script>
"""


def page() -> None:
    with st.container(key="pw-projector-chrome"):  # hidden on the projector: the footer names the workshop
        chosen = common.chosen_workshop()
    if chosen is None:
        return
    slug, workshop, folder = chosen
    agenda = common.read_day(folder.agenda)
    if agenda is None:
        return
    groups = agenda.groups()
    if not groups:
        st.title(texts.BOARD_TITLE)
        st.info(texts.BOARD_NO_AGENDA, icon=":material/view_kanban:")
        return
    group_id = _chosen_group(groups)
    slot, group = agenda.group(group_id)
    _prefill_once(folder, workshop, group)
    projector = _projector_wanted()
    if projector:
        st.html(PROJECTOR_CSS + CHROME_HIDDEN + BOARD_PROJECTOR_CSS)
        st.html(BOARD_PROJECTOR_JS, unsafe_allow_javascript=True)
    else:
        st.title(texts.BOARD_TITLE)
        st.caption(texts.BOARD_INTRO)
    controls = st.container(key="pw-board-controls")
    top = controls.columns([3, 2, 2], vertical_alignment="bottom")
    labels = {g.id: " · ".join(x for x in (s.when, g.title) if x) for s, g in groups}
    top[0].selectbox(
        texts.BOARD_CHOOSE, list(labels), format_func=labels.get, key=GROUP_KEY, on_change=_keep_in_address
    )
    with top[1].container(key="pw-board-projector-toggle"):
        st.toggle(
            texts.BOARD_PROJECTOR, key=PROJECTOR_KEY, help=texts.BOARD_PROJECTOR_HELP, on_change=_projector_in_address
        )
    editing = False
    if common.is_facilitator() or not common.codes_active(slug):
        editing = top[2].toggle(texts.BOARD_EDIT_MODE, key=EDIT_KEY)
    common.show_flash("board")
    meta = render.round_meta(workshop, slot, group)
    if editing and not projector:
        if common.facilitator_allowed():
            _editor(folder, workshop, group.id)
        return
    _live(slug, group.id, group.title, meta, projector)
    if projector:
        with st.container(key="pw-projector-footer"):
            footer(workshop.title, texts.BOARD_PROJECTOR_LEAVE)
    else:
        kommune = common.acting_kommune(slug, workshop)
        if kommune:
            _add_form(folder, workshop, group.id, kommune)


def _chosen_group(groups: list[tuple[day.Slot, day.Group]]) -> str:
    ids = [g.id for _, g in groups]
    wanted = st.query_params.get("runde")
    if wanted in ids and st.session_state.get("pw.board_from_address") != wanted:
        st.session_state[GROUP_KEY] = wanted  # a link from the programme, or a reload
        st.session_state["pw.board_from_address"] = wanted
    if st.session_state.get(GROUP_KEY) not in ids:
        st.session_state[GROUP_KEY] = ids[0]
    return st.session_state[GROUP_KEY]


def _projector_wanted() -> bool:
    """The projector view survives a reload: the address says ``ansicht=projektor``."""
    if st.query_params.get("ansicht") == "projektor" and not st.session_state.get("pw.board_projector_read"):
        st.session_state[PROJECTOR_KEY] = True
    st.session_state["pw.board_projector_read"] = True
    return st.session_state.get(PROJECTOR_KEY, False)


def _projector_in_address() -> None:
    if st.session_state.get(PROJECTOR_KEY):
        st.query_params["ansicht"] = "projektor"
    else:
        st.query_params.pop("ansicht", None)


def _keep_in_address() -> None:
    st.query_params["runde"] = st.session_state[GROUP_KEY]
    st.session_state["pw.board_from_address"] = st.session_state[GROUP_KEY]


def _prefill_once(folder: WorkshopFolder, workshop: Workshop, group: day.Group) -> None:
    """The first look at a new board puts the matching persona obstacles into column 1 (once, under the lock)."""
    board = common.read_day(lambda: folder.board(group.id))
    if board is None or board.prefilled:
        return
    try:
        ideas = folder.market().ideas
    except ValidationError:  # the Themenbörse names its own problem; the board is filled from the title alone
        ideas = []
    idea = next((i for i in ideas if i.id == group.idea), None)
    personas = [r.persona for r in folder.personas() if r.ok]
    matches = matching.matching_obstacles(
        workshop,
        personas,
        group.title,
        idea.description if idea else "",
        idea.topics if idea else [],
    )
    common.apply("board", lambda: folder.update_board(group.id, lambda b: b.prefill(matches)))


def _live(slug: str, group_id: str, title: str, meta: str, projector: bool) -> None:
    (_live_on_projector if projector else _live_on_laptop)(slug, group_id, title, meta)


# The projector redraws every 2 s; a fellow's laptop, which also shows its own entry at once, every 3 s:
# twelve laptops on this page cost the server a third of a core instead of half (measured).
@st.fragment(run_every=2)
def _live_on_projector(slug: str, group_id: str, title: str, meta: str) -> None:
    _draw(slug, group_id, title, meta, projector=True)


@st.fragment(run_every=3)
def _live_on_laptop(slug: str, group_id: str, title: str, meta: str) -> None:
    _draw(slug, group_id, title, meta, projector=False)


def _draw(slug: str, group_id: str, title: str, meta: str, projector: bool) -> None:
    workshop = common.load_workshop(slug)
    board = common.read_day(lambda: common.folder_for(slug).board(group_id))
    if workshop is None or board is None:
        return
    st.html(render.board_html(workshop, title, meta, board, projector=projector))


def _add_form(folder: WorkshopFolder, workshop: Workshop, group_id: str, kommune: str) -> None:
    questions = render.board_questions(workshop)
    with st.container(border=True):
        st.markdown(f"**{texts.BOARD_ADD}**")
        question = st.radio(
            texts.BOARD_QUESTION,
            [1, 2, 3, 4],
            format_func=lambda n: f"{n}. {common.label_text(questions[n - 1])}",  # radio options render Markdown
            key="pw.board_question",
        )
        if question == 3:
            st.radio(
                texts.BOARD_KIND,
                list(day.EXPERIENCE_KINDS),
                format_func=lambda k: texts.BOARD_GOOD if k == "gut" else texts.BOARD_LESS,
                key="pw.board_kind",
                horizontal=True,
            )
            st.caption(texts.BOARD_LEARNING_NOTE)
        st.text_area(texts.BOARD_TEXT, key="pw.board_text", max_chars=1500, height=100)
        st.button(
            texts.BOARD_SUBMIT,
            type="primary",
            icon=":material/add:",
            on_click=_add,
            args=(folder, group_id, kommune),
        )


def _add(folder: WorkshopFolder, group_id: str, kommune: str) -> None:
    state = st.session_state
    question = state.get("pw.board_question", 1)
    kind = state.get("pw.board_kind", "gut") if question == 3 else ""
    text = state.get("pw.board_text", "")
    limit = folder.limits.max_entries
    operation = lambda: folder.update_board(  # noqa: E731
        group_id, lambda b: b.add_entry(question, text, kommune, kind, limit=limit)
    )
    if common.apply("board", operation, texts.BOARD_ADDED):
        state["pw.board_text"] = ""  # only a saved entry empties the field


def _editor(folder: WorkshopFolder, workshop: Workshop, group_id: str) -> None:
    """The facilitator's board: every entry with edit, move, up/down and hide; redrawn only after a change."""
    board = common.read_day(lambda: folder.board(group_id))
    if board is None:
        return
    questions = render.board_questions(workshop)
    st.caption(texts.BOARD_EDIT_HINT)
    # One question under the other (not four narrow columns): every entry gets a full row of buttons.
    for number, question in enumerate(questions, start=1):
        st.markdown(f"**{number}. {common.md_escape(question)}**")
        entries = board.column(number, with_hidden=True)
        if not entries:
            st.caption(texts.BOARD_EMPTY_COLUMN)
        for entry in entries:
            _entry_editor(folder, workshop, group_id, entry, questions)


def _entry_editor(
    folder: WorkshopFolder, workshop: Workshop, group_id: str, entry: day.BoardEntry, questions: tuple[str, ...]
) -> None:
    def change(operation) -> None:
        common.apply("board", lambda: folder.update_board(group_id, operation))

    with st.container(border=True):
        flags = []
        if entry.hidden:
            flags.append(texts.BOARD_HIDDEN)
        if entry.kind:
            flags.append(day.EXPERIENCE_KINDS[entry.kind])
        if flags:
            st.caption(" · ".join(flags))
        words, up, down, hide, edit = st.columns([4, 2, 2, 2, 2], vertical_alignment="center")
        words.markdown(common.md_escape(entry.text))
        if entry.kommune:
            words.caption(common.md_escape(common.kommune_names(workshop, [entry.kommune])))
        key = f"pw.entry.{group_id}.{entry.id}"
        up.button(
            texts.BOARD_UP,
            key=f"{key}.up",
            icon=":material/arrow_upward:",
            on_click=change,
            args=(lambda b: b.move_entry(entry.id, step=-1),),
        )
        down.button(
            texts.BOARD_DOWN,
            key=f"{key}.down",
            icon=":material/arrow_downward:",
            on_click=change,
            args=(lambda b: b.move_entry(entry.id, step=1),),
        )
        hide.button(
            texts.BOARD_SHOW if entry.hidden else texts.BOARD_HIDE,
            key=f"{key}.hide",
            icon=":material/visibility:" if entry.hidden else ":material/visibility_off:",
            on_click=change,
            args=(lambda b: b.set_hidden(entry.id, not entry.hidden),),
        )
        # The editor remembers the words it started from: a save over someone else's newer change is refused
        # once (with the typed words kept), so nobody overwrites another edit without seeing it.
        base_key, text_key = f"{key}.base", f"{key}.text"
        if text_key not in st.session_state:
            # Streamlit forgets a widget's words when it was not drawn on the last run (editing switched off,
            # another page): an editor opened afresh starts from the entry's current words, never empty.
            st.session_state[base_key] = st.session_state[text_key] = entry.text
        elif base_key not in st.session_state:
            st.session_state[base_key] = entry.text  # after a refusal: the typed words stay, now over the newest
        # Sent with every drawing: a closed popover's field is only built when it opens, from the last value
        # Streamlit sent – without this it opened empty after another entry's save (whole-day browser test).
        st.session_state[text_key] = st.session_state[text_key]
        with edit.popover(texts.BOARD_EDIT, icon=":material/edit:"), st.form(f"{key}.form", border=False):
            st.text_area(texts.BOARD_EDIT_TEXT, key=text_key, max_chars=1500)
            target = st.selectbox(
                texts.BOARD_MOVE_TO,
                [1, 2, 3, 4],
                index=entry.question - 1,
                format_func=lambda n: f"{n}. {questions[n - 1]}",
                key=f"{key}.target",
            )
            if st.form_submit_button(texts.BOARD_EDIT_SAVE):
                text, started_from = st.session_state[text_key], st.session_state.pop(base_key)

                def apply_edit(b) -> None:
                    if text != started_from:  # a plain move needs no words and never clashes with an edit
                        b.edit_entry(entry.id, text, started_from)
                    b.move_entry(entry.id, question=target)

                if common.apply("board", lambda: folder.update_board(group_id, apply_edit)):
                    del st.session_state[text_key]
                st.rerun()
