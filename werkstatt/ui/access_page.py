"""Zugang (facilitator): join codes with QR codes and printable cards, the reveal switch, signing out."""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from werkstatt import access, compare, render, texts
from werkstatt.access import new_code
from werkstatt.export import FILE_NAMES, AccessCards, ExportRequest
from werkstatt.store import write_problem
from werkstatt.ui import common, exporting

NEW_CODES = "pw.new_codes"
ADDRESS_KEY = "pw.card_address"
WRITE_ERROR = "pw.access_write_error"


def suggested_address() -> str:
    """The address for cards: the browser's, unless that is this machine's loopback — then its LAN address.

    The facilitator often opens the app as ``http://127.0.0.1:8501``; fellows' laptops cannot use that.
    """
    parts = urlsplit(st.context.url or "http://localhost:8501")
    browser = f"{parts.scheme}://{parts.netloc}"
    if access.card_address_problem(browser) is None:
        return browser
    return access.lan_base_url(parts.port, parts.scheme) or browser


def page() -> None:
    st.title(texts.ACCESS_TITLE)
    if not common.facilitator_allowed():
        return
    slug = common.chosen_workshop_slug()
    workshop = common.load_workshop(slug) if slug else None
    if workshop is None:
        return
    folder = common.folder_for(slug)
    st.markdown(texts.ACCESS_INTRO)
    current = folder.access()
    if current["codes"]:
        st.success(texts.ACCESS_ACTIVE.format(count=len(current["codes"])), icon=":material/key:")
        st.toggle(
            texts.ACCESS_REVEAL,
            value=current["revealed"],
            help=texts.ACCESS_REVEAL_HELP,
            key="pw.reveal",
            on_change=_reveal,
            args=(folder,),
        )
    else:
        st.info(texts.ACCESS_NONE, icon=":material/key_off:")
    has_pin = common.configured_pin_hash() is not None
    if not has_pin:  # codes without a PIN would let any visitor make new codes and read every persona
        st.error(texts.ACCESS_NEEDS_PIN, icon=":material/lock_open:")
    if ADDRESS_KEY not in st.session_state:
        st.session_state[ADDRESS_KEY] = suggested_address()
    address = st.text_input(texts.ACCESS_ADDRESS, key=ADDRESS_KEY, help=texts.ACCESS_ADDRESS_HELP).strip()
    problem = access.card_address_problem(address)
    if problem:
        st.error(problem, icon=":material/wrong_location:")
    if st.button(
        texts.ACCESS_GENERATE,
        help=texts.ACCESS_GENERATE_HELP,
        icon=":material/autorenew:",
        type="primary",
        disabled=not has_pin,
    ):
        codes = {k.slug: new_code() for k in workshop.kommunen}
        if _write(lambda: folder.set_codes(codes)):
            st.session_state[NEW_CODES] = (slug, codes)
            st.session_state.pop("pw.cards_pdf", None)
            st.rerun()
    if st.session_state.get(WRITE_ERROR):
        st.error(st.session_state.pop(WRITE_ERROR), icon=":material/error:")

    fresh = st.session_state.get(NEW_CODES)
    if fresh and fresh[0] == slug:
        _codes_table(workshop, fresh[1], None if problem else address)
        _cards(folder, fresh[1], address, disabled=bool(problem))
    if common.is_facilitator() and st.button(texts.PIN_LOGOUT, icon=":material/logout:"):
        common.end_facilitator()
        st.success(texts.PIN_LOGGED_OUT)


def _reveal(folder) -> None:  # a WorkshopFolder
    wanted = bool(st.session_state["pw.reveal"])
    if not _write(lambda: folder.set_revealed(wanted)):
        st.session_state["pw.reveal"] = not wanted  # the switch shows what holds


def _write(change) -> bool:  # a call that writes the access file
    """Write the access file; a read-only folder or a full disk becomes a German line (old codes stay)."""
    try:
        change()
    except OSError as err:
        st.session_state[WRITE_ERROR] = texts.ACCESS_WRITE_FAILED.format(reason=write_problem(err))
        return False
    return True


def _codes_table(workshop, codes: dict[str, str], address: str | None) -> None:  # a Workshop
    """Codes with link and QR; without a usable address only the codes (a loopback link helps nobody)."""
    rows = []
    for kommune, code in codes.items():
        name = escape(compare.kommune_name(workshop, kommune))
        cells = f'<th scope="row">{name}</th><td class="pw-code">{code}</td>'
        if address:
            link = render.join_link(address, code, workshop.slug)
            cells += (
                f'<td>{escape(link)}</td><td><img src="{render.qr_data_uri(link)}" width="96" height="96" '
                f'alt="QR-Code für {name}"></td>'
            )
        rows.append(f"<tr>{cells}</tr>")
    head = f'<th scope="col">Kommune</th><th scope="col">{texts.ACCESS_TABLE_CODE}</th>'
    if address:
        head += f'<th scope="col">{texts.ACCESS_TABLE_LINK}</th><th scope="col">QR</th>'
    st.html(
        f'<table class="pw-codes"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "<style>.pw-codes td, .pw-codes th { padding: 4px 8px; text-align: left; vertical-align: middle; }"
        ".pw-code { font-family: monospace; font-size: 1.2em; font-weight: bold; }</style>"
    )


def _cards(folder, codes: dict[str, str], address: str, disabled: bool) -> None:  # a WorkshopFolder
    if st.button(texts.ACCESS_CARDS, icon=":material/print:", disabled=disabled):
        with st.spinner(texts.EXPORT_RUNNING):
            st.session_state["pw.cards_pdf"] = _cards_pdf(str(folder.path), codes, address)
    if st.session_state.get("pw.cards_pdf") and not disabled:
        st.download_button(
            texts.ACCESS_CARDS_DOWNLOAD,
            data=st.session_state["pw.cards_pdf"],
            file_name=FILE_NAMES["zugangskarten"],
            mime="application/pdf",
            icon=":material/download:",
        )


def _cards_pdf(folder: str, codes: dict[str, str], url: str) -> bytes | None:
    """Rendered by the render worker like every export; the codes travel in the request, only the PDF stays.

    The PDF is written to a temporary folder and read back: printed codes never lie in the export folder.
    """
    with tempfile.TemporaryDirectory() as tmp:
        request = ExportRequest(Path(folder), Path(tmp), only=(), cards=AccessCards(codes, url))
        result = exporting.run(request)
        if result.returncode != 0:
            lines = [texts.EXPORT_FAILED, *(common.md_escape(line) for line in result.stderr.strip().splitlines())]
            st.error("  \n".join(lines), icon=":material/error:")
            return None
        return (Path(tmp) / request.file_names()[0]).read_bytes()
