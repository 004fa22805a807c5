"""Status: where the data comes from, how fresh it is, what went wrong last, and who may enter."""

import datetime as dt

import streamlit as st

from components.history import history_status
from components.loader import live_refresher, live_state
from components.model_detail import text_table
from components.shell import page_shell
from explorer.status import status_rows

view = page_shell("Status")
st.title("Status")

now = dt.datetime.now(dt.UTC)
rows = status_rows(view.settings, view.catalog, live_state(), history_status(), now, live_refresher())
# A table whose cells wrap: the last upstream error and the history store are long, and a phone is narrow.
text_table([(r.label, r.value) for r in rows], columns=["Item", "Value"])
if view.settings.access.is_open:
    st.caption(
        "Anyone who can reach this server can open the app. "
        "Set EXPLORER_ALLOWED_EMAILS or EXPLORER_ALLOWED_DOMAINS to require sign-in."
    )
