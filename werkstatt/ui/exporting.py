"""What every page that makes a PDF shares: where exports go, the one render worker, the make-and-download button.

Pages describe what they want as an ``export.ExportRequest`` and take file names from it; the render
worker (``werkstatt/worker.py``), a separate long-lived process, runs it with ``export.run``, the call
behind the CLI's ``export``: WeasyPrint is pure Python, and rendering inside the app's process would
hold up every other fellow's session.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from werkstatt import texts
from werkstatt.export import ExportRequest
from werkstatt.ui import common
from werkstatt.worker import RenderWorker, Result


def exports_dir(slug: str) -> Path:
    root = os.environ.get("WERKSTATT_EXPORTS") or common.personas_root().parent / "exports"
    return Path(root) / slug


def request_for(slug: str, only: tuple[str, ...], kommune: str | None = None) -> ExportRequest:
    """Documents of the chosen workshop, into its export folder."""
    return ExportRequest(common.folder_for(slug).path, exports_dir(slug), only, kommune=kommune)


@st.cache_resource
def render_worker() -> RenderWorker:
    """One warm render process for the whole app (see ``werkstatt/worker.py``)."""
    return RenderWorker()


def run(request: ExportRequest) -> Result:
    """Export in the render worker (or, while it is busy, in a process of its own)."""
    return render_worker().run(request)


def pdf_button(request: ExportRequest, make_label: str, download_label: str, disabled: bool = False) -> None:
    """A button that makes one PDF in the render worker, and the download button for the file it names."""
    if st.button(make_label, icon=":material/picture_as_pdf:", disabled=disabled):
        with st.spinner(texts.EXPORT_RUNNING):
            result = run(request)
        if result.returncode != 0:
            st.error(f"{texts.EXPORT_FAILED}\n\n```\n{result.stderr.strip()}\n```", icon=":material/error:")
    path = request.out / request.file_names()[0]
    if path.exists():
        st.download_button(
            download_label,
            data=path.read_bytes,  # read only when someone clicks
            file_name=path.name,
            mime="application/pdf",
            icon=":material/download:",
        )
