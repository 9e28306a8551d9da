"""Export for the facilitator: the handouts as PDF, the spreadsheets, and one ZIP with everything.

The documents are made by the CLI's export code in the render worker, a separate long-lived process:
WeasyPrint is pure Python, and rendering inside the app's process would hold up every other fellow's
session; the worker also keeps the laid-out pages, so the next export after a small change is quick.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from werkstatt import texts
from werkstatt.export import KINDS
from werkstatt.ui import common
from werkstatt.worker import RenderWorker, Result

MIME = {
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def exports_dir(slug: str) -> Path:
    root = os.environ.get("WERKSTATT_EXPORTS") or common.personas_root().parent / "exports"
    return Path(root) / slug


@st.cache_resource
def render_worker() -> RenderWorker:
    """One warm render process for the whole app (see ``werkstatt/worker.py``)."""
    return RenderWorker()


def run_export(slug: str, *options: str) -> Result:
    """Export a workshop in the render worker (or, while it is busy, in a process of its own)."""
    return render_worker().run(["export", str(common.folder_for(slug).path), "--out", str(exports_dir(slug)), *options])


def page() -> None:
    if not common.facilitator_allowed():
        return
    st.title(texts.EXPORT_TITLE)
    slug = common.chosen_workshop_slug()
    if slug is None or common.load_workshop(slug) is None:
        return
    st.markdown(texts.EXPORT_INTRO.format(folder=f"`{exports_dir(slug)}`"))
    chosen = st.multiselect(
        texts.EXPORT_CHOOSE,
        KINDS,
        default=list(KINDS),
        format_func=texts.EXPORT_KINDS.get,
        key="pw.export_kinds",
        placeholder=texts.WIZ_TOPICS_PLACEHOLDER,
    )
    anonymous = st.toggle(texts.EXPORT_ANONYMOUS, key="pw.export_anonymous")
    left, right = st.columns(2)
    everything = left.button(texts.EXPORT_ALL, type="primary", icon=":material/folder_zip:", width="stretch")
    selected = right.button(
        texts.EXPORT_SELECTED, icon=":material/picture_as_pdf:", width="stretch", disabled=not chosen
    )
    if everything or selected:
        options = ["--anonym"] if anonymous else []
        options += ["--zip"] if everything else ["--only", *chosen]
        with st.spinner(texts.EXPORT_RUNNING):
            result = run_export(slug, *options)
        if result.returncode == 0:
            st.success(result.stdout.replace("\n", "  \n"), icon=":material/check_circle:")
        else:
            st.error(f"{texts.EXPORT_FAILED}\n\n```\n{result.stderr.strip()}\n```", icon=":material/error:")

    st.subheader(texts.EXPORT_FILES)
    folder = exports_dir(slug)
    files = sorted(folder.glob("*.*"), key=lambda p: (p.suffix != ".zip", p.name)) if folder.exists() else []
    files = [p for p in files if p.suffix in MIME]
    if not files:
        st.caption(texts.EXPORT_NO_FILES)
    for path in files:
        size = f"{path.stat().st_size / 1024:,.0f} KB".replace(",", ".")
        st.download_button(
            texts.EXPORT_DOWNLOAD.format(name=path.name, size=size),
            data=path.read_bytes,  # read only when someone clicks
            file_name=path.name,
            mime=MIME[path.suffix],
            key=f"pw.download.{path.name}",
            icon=":material/download:",
        )


def pdf_button(
    slug: str, make_label: str, download_label: str, file_name: str, *options: str, disabled: bool = False
) -> None:
    """A button that makes one PDF in the render worker, and the download button for the file it wrote."""
    if st.button(make_label, icon=":material/picture_as_pdf:", disabled=disabled):
        with st.spinner(texts.EXPORT_RUNNING):
            result = run_export(slug, *options)
        if result.returncode != 0:
            st.error(f"{texts.EXPORT_FAILED}\n\n```\n{result.stderr.strip()}\n```", icon=":material/error:")
    path = exports_dir(slug) / file_name
    if path.exists():
        st.download_button(
            download_label,
            data=path.read_bytes,  # read only when someone clicks
            file_name=path.name,
            mime="application/pdf",
            icon=":material/download:",
        )
