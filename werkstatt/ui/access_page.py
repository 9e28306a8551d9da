"""Zugang (facilitator): join codes with QR codes and printable cards, and the reveal switch."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from werkstatt import compare, render, texts
from werkstatt.access import new_code
from werkstatt.ui import common

NEW_CODES = "pw.new_codes"


def base_url() -> str:
    """The address the facilitator's browser uses: the one fellows on the same network can reach."""
    parts = urlsplit(st.context.url or "http://localhost:8501")
    return f"{parts.scheme}://{parts.netloc}"


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
            on_change=lambda: folder.set_revealed(bool(st.session_state["pw.reveal"])),
        )
    else:
        st.info(texts.ACCESS_NONE, icon=":material/key_off:")
    if st.button(texts.ACCESS_GENERATE, help=texts.ACCESS_GENERATE_HELP, icon=":material/autorenew:", type="primary"):
        codes = {k.slug: new_code() for k in workshop.kommunen}
        folder.set_codes(codes)
        st.session_state[NEW_CODES] = (slug, codes)
        st.rerun()

    fresh = st.session_state.get(NEW_CODES)
    if not fresh or fresh[0] != slug:
        return
    codes = fresh[1]
    url = base_url()
    rows = "".join(
        f'<tr><th scope="row">{escape(compare.kommune_name(workshop, k))}</th>'
        f'<td class="pw-code">{code}</td><td>{escape(render.join_link(url, code))}</td>'
        f'<td><img src="{render.qr_data_uri(render.join_link(url, code))}" width="96" height="96" '
        f'alt="QR-Code für {escape(compare.kommune_name(workshop, k))}"></td></tr>'
        for k, code in codes.items()
    )
    st.html(
        '<table class="pw-codes"><thead><tr><th scope="col">Kommune</th>'
        f'<th scope="col">{texts.ACCESS_TABLE_CODE}</th><th scope="col">{texts.ACCESS_TABLE_LINK}</th>'
        '<th scope="col">QR</th></tr></thead><tbody>' + rows + "</tbody></table>"
        "<style>.pw-codes td, .pw-codes th { padding: 4px 8px; text-align: left; vertical-align: middle; }"
        ".pw-code { font-family: monospace; font-size: 1.2em; font-weight: bold; }</style>"
    )
    if st.button(texts.ACCESS_CARDS, icon=":material/print:"):
        with st.spinner(texts.EXPORT_RUNNING):
            st.session_state["pw.cards_pdf"] = _cards_pdf(str(folder.path), codes, url)
    if st.session_state.get("pw.cards_pdf"):
        st.download_button(
            texts.ACCESS_CARDS_DOWNLOAD,
            data=st.session_state["pw.cards_pdf"],
            file_name="Zugangskarten.pdf",
            mime="application/pdf",
            icon=":material/download:",
        )


def _cards_pdf(folder: str, codes: dict[str, str], url: str) -> bytes:
    """Rendered by the CLI in its own process; the codes travel on stdin and only the PDF comes back."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "Zugangskarten.pdf"
        subprocess.run(
            [sys.executable, "-m", "werkstatt", "zugangskarten", folder, "--out", str(out), "--url", url],
            input=json.dumps(codes),
            text=True,
            check=True,
            cwd=common.PROJECT_ROOT,
            timeout=300,
        )
        return out.read_bytes()
