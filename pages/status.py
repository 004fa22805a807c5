"""Status: where the data comes from, how fresh it is, what went wrong last, and who may enter."""

import datetime as dt

import pandas as pd
import streamlit as st

from components.history import history_status
from components.loader import live_state
from components.shell import page_shell
from explorer.status import status_rows

view = page_shell("Status")
st.title("Status")

rows = status_rows(view.settings, view.catalog, live_state(), history_status(), dt.datetime.now(dt.UTC))
ROW_HEIGHT = 32
st.dataframe(
    pd.DataFrame([(r.label, r.value) for r in rows], columns=["Item", "Value"]),
    hide_index=True,
    width="stretch",
    row_height=ROW_HEIGHT,
    height=(len(rows) + 1) * ROW_HEIGHT + 3,  # every row in view: an inner scrollbar hid the last ones
    column_config={
        "Item": st.column_config.TextColumn(width="medium"),
        "Value": st.column_config.TextColumn(),  # sized to its longest value, so none is cut
    },
)
if view.settings.access.is_open:
    st.caption(
        "Anyone who can reach this server can open the app. "
        "Set EXPLORER_ALLOWED_EMAILS or EXPLORER_ALLOWED_DOMAINS to require sign-in."
    )
