"""Catalog: every embeddings model, searchable and filterable, each filter in the URL."""

import datetime as dt

import streamlit as st

from components.catalog_table import (
    STREAMED_ABOVE,
    catalog_table,
    selection_key,
    streams,
    summary_line,
    summary_of,
)
from components.filters import confirm_foreseen, draw_filters, foreseen_filters, prepare_filters, row_order
from components.history import history_warning, recent_marks
from components.picks import current_picks, keep_picks, picks_bar, picks_round
from components.shell import page_shell
from explorer.export import download_name, frame_to_csv, records_to_json, view_slug
from explorer.filters import apply_filters, why_empty
from explorer.ordering import order_rows
from explorer.picks import merge_picks

view = page_shell("Catalog")
catalog = view.catalog
frame = catalog.frame

st.title("Embeddings models")
if frame.empty:
    st.info(
        "The catalog is empty: OpenRouter lists no embeddings models right now"
        f" ({catalog.source} data as of {catalog.as_of:%Y-%m-%d %H:%M} UTC). Try Refresh later.",
        icon=":material/inbox:",
    )
    st.stop()
# The filters sit above the table; when session state says what they are (a first view, or a rerun), a short table is
# sent first and they are drawn after it: the browser then loads the table's code, the most of the page's, first.
# A long one (225 kB of rows at 10,000 models) would hold the widgets back on a slow link, and they would then
# push a table already drawn down the page: they go first.
EARLY_TABLE_ROWS = 200
filters_place = st.container()
with filters_place:
    prepare_filters(frame, page="catalog")
    picked = current_picks(frame)  # first: a warning for the link's picked= sits with those for its filters
foreseen = foreseen_filters()
if foreseen is None:
    with filters_place:
        filters = draw_filters(frame, page="catalog")
    order = row_order()
else:
    filters, order = foreseen


def filters_drawn() -> None:
    """Draw the foreseen filters' widgets, once, and run again with theirs if they differ."""
    global foreseen
    if foreseen is not None:
        with filters_place:
            confirm_foreseen(foreseen, draw_filters(frame, page="catalog"))
        foreseen = None


shown = order_rows(frame, apply_filters(frame, filters), order)
if len(shown) > EARLY_TABLE_ROWS:
    filters_drawn()

if shown.empty:
    filters_drawn()
    summary_line(summary_of(shown))
    reasons = why_empty(frame, filters)
    because = f" The {', '.join(reasons)} filter alone matches nothing." if reasons else ""
    st.warning(
        f"No model matches these filters.{because}"
        " The Clear all filters button, beside the search box, shows every model again.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

marks, history_problem = recent_marks(dt.datetime.now(dt.UTC))
history_warning(history_problem)
how = f" · rows load as you scroll · narrow to {STREAMED_ABOVE:,} or fewer to pick rows" if streams(len(shown)) else ""
summary_place = st.empty()
# Picks outlive the view: a view starts with the picked models it shows ticked, and its ticks decide for its rows.
# Their line sits above the table, where a tick's answer is seen without scrolling past twenty rows.
picks_place = st.empty()
selected = catalog_table(
    shown, frame, marks, key=selection_key((filters, order), catalog.as_of, picks_round()), picked=picked
)
filters_drawn()  # before the table's ticks count: drawn under other filters, they are not this view's
summary_line(
    summary_of(shown),
    f"{len(shown):,} of {len(frame):,} models{how} · a name opens its page in a new tab",
    summary_place,
)
if not streams(len(shown)):
    picked = merge_picks(picked, list(shown["model_id"]), selected)
picks_bar(picks_place, keep_picks(picked, frame), frame, shown["model_id"], selectable=not streams(len(shown)))

# The downloads sit in a menu whose buttons are sent only while it is open: a first visit then draws
# one button instead of two download widgets and their code. Opening it reruns and fills it.
downloads = st.popover(
    "Download", icon=":material/download:", key="downloads", on_change="rerun", help="The shown rows, as CSV or JSON"
)
if downloads.open:
    for label, data, extension, mime, icon in (
        ("CSV", lambda: frame_to_csv(shown), "csv", "text/csv", ":material/table:"),
        (
            "JSON",
            lambda: records_to_json(shown["model_id"], catalog.raw),
            "json",
            "application/json",
            ":material/data_object:",
        ),
    ):
        file_name = download_name(catalog.source, catalog.as_of, len(shown), len(frame), extension, view_slug(filters))
        # on_click="ignore": a download needs no rerun, which would redraw the open menu under the click.
        downloads.download_button(
            label, data, file_name=file_name, mime=mime, icon=icon, width="stretch", on_click="ignore"
        )
