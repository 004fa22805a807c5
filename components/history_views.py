"""Render change events: the dated timeline, counts per kind, and a model's price-history step chart."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from decimal import Decimal

import altair as alt
import pandas as pd
import streamlit as st

from components.links import model_target
from explorer.history.diff import model_state
from explorer.history.events import KIND_LABELS, VARIABLE, ChangeEvent, headline, kind_counts
from explorer.pricing import MILLION, PRICE_LABELS, price_unit
from explorer.text import escape_markdown, plain

KIND_ICONS = {
    "added": ":material/add_circle:",
    "removed": ":material/remove_circle:",
    "renamed": ":material/edit:",
    "price_changed": ":material/sell:",
    "context_changed": ":material/straighten:",
    "expiration_set": ":material/event_busy:",
    "expiration_changed": ":material/event_repeat:",
    "expiration_cleared": ":material/event_available:",
    "description_changed": ":material/notes:",
}


def kind_count_metrics(events: Sequence[ChangeEvent]) -> None:
    """One metric per kind that occurs, in display order."""
    counts = {kind: n for kind, n in kind_counts(events).items() if n}
    if not counts:
        return
    for column, (kind, n) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(KIND_LABELS[kind], n)


def timeline(events: Sequence[ChangeEvent], live_ids: set[str], limit: int = 500) -> None:
    """Newest first, grouped by date; each headline links to the model's page when it still exists."""
    shown = list(events)[:limit]
    for day, group in itertools.groupby(shown, key=lambda e: e.date):
        st.subheader(day.isoformat(), divider="gray")
        for event in group:
            _event_line(event, event.model_id in live_ids)
    if len(events) > limit:
        st.caption(f"Showing the newest {limit} of {len(events)} changes; narrow the filters or download them all.")


def _event_line(event: ChangeEvent, linkable: bool) -> None:
    # page_link and caption labels are plain text here: API text never reaches markdown unescaped.
    label = plain(headline(event), 300)
    icon = KIND_ICONS.get(event.kind)
    if linkable:
        script, params = model_target(event.model_id)
        st.page_link(script, label=_link_safe(label), icon=icon, query_params=params)
    else:
        st.text(f"{label}  ({event.model_id} is no longer listed)")


def _link_safe(label: str) -> str:
    """page_link labels accept markdown; escape what would be read as markup."""
    return escape_markdown(label)


def price_history_frame(versions: Sequence[tuple[dt.datetime, dict]]) -> pd.DataFrame:
    """One row per (snapshot time, price key) from HistoryStore.model_history: USD per million tokens (or per unit)."""
    rows = []
    for seen_at, record in versions:
        for key, value in model_state(record).prices.items():
            # Older responses list every unused key as "0"; only the input price is charted even when free.
            if value == VARIABLE or (value == "0" and key != "prompt"):
                continue
            amount = Decimal(value) * (MILLION if price_unit(key) == "token" else 1)
            rows.append({"seen_at": seen_at, "price_key": PRICE_LABELS.get(key, key), "usd": float(amount)})
    return pd.DataFrame(rows, columns=["seen_at", "price_key", "usd"])


def price_history_chart(frame: pd.DataFrame) -> alt.Chart:
    """A step chart per price key: prices hold until the next snapshot that changed them."""
    return (
        alt.Chart(frame)
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("seen_at:T", title="Seen"),
            y=alt.Y("usd:Q", title="USD per million tokens (or per unit)"),
            color=alt.Color("price_key:N", title="Price"),
            tooltip=[alt.Tooltip("seen_at:T"), alt.Tooltip("price_key:N"), alt.Tooltip("usd:Q", format="$.6~f")],
        )
    )
