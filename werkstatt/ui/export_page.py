"""Export for the facilitator: the handouts as PDF, the spreadsheets, and one ZIP with everything.

The page sends one ``export.ExportRequest`` to the render worker, a separate long-lived process that
calls ``export.run`` as the CLI does (``ui/exporting.py``): WeasyPrint is pure Python, and rendering inside
the app's process would hold up every other fellow's session; the worker also keeps the laid-out pages,
so the next export after a small change is quick.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import streamlit as st

from werkstatt import texts
from werkstatt.export import KINDS, ExportRequest, human_size
from werkstatt.model import ValidationError
from werkstatt.ui import common
from werkstatt.ui.exporting import exports_dir, run

MIME = {
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def page() -> None:
    st.title(texts.EXPORT_TITLE)  # above the PIN form too: a fellow who clicks here sees which page is locked
    if not common.facilitator_allowed():
        return
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
        request = ExportRequest(
            common.folder_for(slug).path,
            exports_dir(slug),
            KINDS if everything else tuple(chosen),
            anonymous=anonymous,
            zip=everything,
        )
        try:
            names = request.file_names()
        except ValidationError:
            names = []  # the export itself reports the broken file
        # Files of this run only: older files of the other kind (named/anonymous) are not mixed in.
        st.session_state["pw.export_run"] = {"slug": slug, "names": names, "started": time.time()}
        with st.spinner(texts.EXPORT_RUNNING):
            result = run(request)
        if result.returncode == 0:
            lines = (common.md_escape(line) for line in result.stdout.splitlines())  # the title is in it
            st.success("  \n".join(lines), icon=":material/check_circle:")
        else:
            lines = [texts.EXPORT_FAILED, *(common.md_escape(line) for line in result.stderr.strip().splitlines())]
            st.error("  \n".join(lines), icon=":material/error:")

    show_files(slug)


def show_files(slug: str) -> None:
    """The files of this session's last export first; everything older in the folder folded away, dated."""
    folder = exports_dir(slug)
    files = folder.iterdir() if folder.is_dir() else []
    present = {p.name: p for p in files if p.suffix in MIME and not p.is_symlink()}
    run = st.session_state.get("pw.export_run")
    fresh: list[Path] = []
    if run and run["slug"] == slug:
        # a second of slack: file systems keep modification times coarser than time.time()
        fresh = [present[n] for n in run["names"] if n in present and present[n].stat().st_mtime >= run["started"] - 1]
    older = sorted(set(present.values()) - set(fresh), key=lambda p: (p.suffix != ".zip", p.name))
    st.subheader(texts.EXPORT_THIS_RUN if fresh else texts.EXPORT_FILES)
    if not present:
        st.caption(texts.EXPORT_NO_FILES)
    for path in fresh:
        _download(path)
    if older:
        container = st.expander(texts.EXPORT_OLDER_FILES.format(count=len(older))) if fresh else st.container()
        with container:
            for path in older:
                _download(path, dated=True)


def _download(path: Path, dated: bool = False) -> None:
    stat = path.stat()
    size = human_size(stat.st_size)
    if dated:
        when = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%d.%m.%Y, %H:%M")
        size = f"{size}, {texts.EXPORT_FILE_DATE.format(date=when)}"
    st.download_button(
        texts.EXPORT_DOWNLOAD.format(name=path.name, size=size),
        data=path.read_bytes,  # read only when someone clicks
        file_name=path.name,
        mime=MIME[path.suffix],
        key=f"pw.download.{path.name}",
        icon=":material/download:",
    )
