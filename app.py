"""Persona-Werkstatt: Streamlit entry point. Page config and navigation, nothing else."""

import streamlit as st
from streamlit import net_util
from streamlit.elements import exception

from werkstatt import texts

# An unexpected error shows Streamlit's English "This app has encountered an error …" (details are
# hidden by client.showErrorDetails); set before the pages are imported, so it holds if one fails.
exception._GENERIC_UNCAUGHT_EXCEPTION_TEXT = texts.UI_UNEXPECTED_ERROR

from werkstatt.ui import (  # noqa: E402 - after the German error text is in place
    access_page,
    agenda_page,
    board_page,
    common,
    compare_page,
    connections_page,
    export_page,
    group_page,
    market_page,
    matrix_page,
    overview,
    partners_page,
    presenter_page,
    setup_page,
    start,
    takeaways_page,
    wizard_page,
)

# Streamlit checks a connection from a foreign origin against this machine's outside address, which
# it asks checkip.amazonaws.com for: a name lookup and a request leaving the laptop. The room never
# needs that address (fellows connect same-origin), so the question is never asked.
net_util.get_external_ip = lambda: None

# A local icon: a Material icon name here would make the browser fetch it from Google.
st.set_page_config(
    page_title=texts.APP_TITLE, page_icon=str(common.PROJECT_ROOT / "templates" / "favicon.png"), layout="wide"
)
common.apply_page_basics()

pages = {
    "start": st.Page(start.page, title=texts.NAV_START, icon=":material/home:", url_path="start", default=True),
    "wizard": st.Page(wizard_page.page, title=texts.NAV_WIZARD, icon=":material/edit:", url_path="persona"),
    "overview": st.Page(overview.page, title=texts.NAV_OVERVIEW, icon=":material/groups:", url_path="personas"),
    "compare": st.Page(compare_page.page, title=texts.NAV_COMPARE, icon=":material/view_column:", url_path="vergleich"),
    "matrix": st.Page(matrix_page.page, title=texts.NAV_MATRIX, icon=":material/grid_on:", url_path="matrix"),
    "connections": st.Page(
        connections_page.page, title=texts.NAV_CONNECTIONS, icon=":material/hub:", url_path="verbindendes"
    ),
    "partners": st.Page(
        partners_page.page, title=texts.NAV_PARTNERS, icon=":material/handshake:", url_path="lernpartner"
    ),
    "presenter": st.Page(
        presenter_page.page, title=texts.NAV_PRESENTER, icon=":material/present_to_all:", url_path="praesentation"
    ),
    "market": st.Page(market_page.page, title=texts.NAV_MARKET, icon=":material/lightbulb:", url_path="themenboerse"),
    "agenda": st.Page(agenda_page.page, title=texts.NAV_AGENDA, icon=":material/event:", url_path="programm"),
    "board": st.Page(board_page.page, title=texts.NAV_BOARD, icon=":material/view_kanban:", url_path="themenrunde"),
    "takeaways": st.Page(takeaways_page.page, title=texts.NAV_TAKEAWAYS, icon=":material/flag:", url_path="mitnehmen"),
    "group": st.Page(group_page.page, title=texts.NAV_GROUP, icon=":material/monitoring:", url_path="gruppe"),
    "export": st.Page(export_page.page, title=texts.NAV_EXPORT, icon=":material/print:", url_path="export"),
    "access": st.Page(access_page.page, title=texts.NAV_ACCESS, icon=":material/key:", url_path="zugang"),
    "setup": st.Page(setup_page.page, title=texts.NAV_SETUP, icon=":material/add_circle:", url_path="anlegen"),
}
st.session_state["pw.pages"] = pages
# A flat list: Streamlit's sectioned navigation puts headings straight into a <ul> (axe: "list").
st.navigation(list(pages.values())).run()
