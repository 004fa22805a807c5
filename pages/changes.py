"""Changes: what happened to the catalog over time, newest first, filtered by kind, provider and date."""

import streamlit as st

from components.history import history_warning, load_feed
from components.history_views import keep_link_values, kind_count_metrics, kind_filter, timeline
from components.shell import arrival, link_warnings, page_shell
from explorer.history.events import events_to_csv, events_to_json, filter_events, read_changes_link

view = page_shell("Changes")
st.title("Changes")
feed = load_feed()
history_warning(feed.problem)
if feed.since is not None:
    st.caption(f"History since {feed.since.isoformat()} · each change is dated by the first fetch that saw it")

providers = list(feed.providers)
# Read before the filters run, which would ignore such values without a word.
link = read_changes_link(
    st.query_params.get("since", ""), st.query_params.get_all("provider"), st.query_params.get_all("kind"), providers
)
link_warnings(link.problems)
if link.problems:
    keep_link_values(link)  # the address bar then holds a link to this view that reopens without warnings
kind_col, provider_col, since_col = st.columns([2, 2, 1])
kinds = kind_filter(kind_col)  # labels on screen, ids (price_changed, removed, ...) in links as in the exports
if arrival().entered:
    # The catalog's provider filter has this widget's key (the links' parameter name), so its choice outlived the
    # catalog: entering this page, the address alone says which providers' changes are shown.
    st.session_state["provider"] = list(link.providers)
chosen_providers = provider_col.multiselect("Provider", providers, key="provider", bind="query-params")
since = since_col.date_input("Since", value=None, key="since", bind="query-params")

events = filter_events(feed.events, kinds, chosen_providers, since)  # keeps the feed's newest-first order
kind_count_metrics(events)
if not events:
    st.info("No changes match these filters." if feed.events else "No changes recorded yet.")
else:
    timeline(events, view.catalog.models)
    csv_col, json_col, _ = st.columns([1, 1, 4])
    # Built only when clicked: the whole feed can be thousands of rows, and most reruns download nothing.
    csv_col.download_button("Download CSV", lambda: events_to_csv(events), "catalog-changes.csv", "text/csv")
    json_col.download_button(
        "Download JSON", lambda: events_to_json(events), "catalog-changes.json", "application/json"
    )
