"""Persona-Werkstatt: Streamlit entry point. Page config and navigation, nothing else."""

import streamlit as st

from werkstatt import texts
from werkstatt.ui import common, overview, start, wizard_page

# A local icon: a Material icon name here would make the browser fetch it from Google.
st.set_page_config(
    page_title=texts.APP_TITLE, page_icon=str(common.PROJECT_ROOT / "templates" / "favicon.png"), layout="wide"
)
common.apply_page_basics()

pages = {
    "start": st.Page(start.page, title=texts.NAV_START, icon=":material/home:", url_path="start", default=True),
    "wizard": st.Page(wizard_page.page, title=texts.NAV_WIZARD, icon=":material/edit:", url_path="persona"),
    "overview": st.Page(overview.page, title=texts.NAV_OVERVIEW, icon=":material/groups:", url_path="personas"),
}
st.session_state["pw.pages"] = pages
st.navigation(list(pages.values())).run()
