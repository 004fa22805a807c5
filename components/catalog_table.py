"""The catalog table and its summary: take a frame, render it."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from components import links
from explorer.filters import Summary
from explorer.pricing import format_usd
from explorer.text import escape_markdown

TABLE_COLUMNS = [
    "link",
    "model_id",
    "provider",
    "input_usd_per_m",
    "price_note",
    "context_length",
    "input_modalities",
    "created",
    "expiration_date",
]


def table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The displayed columns; the link carries the name after '#' so the cell can show it."""
    out = pd.DataFrame(index=frame.index)
    out["link"] = [
        links.model_link(mid, label=name) for mid, name in zip(frame["model_id"], frame["name"], strict=True)
    ]
    out["model_id"] = frame["model_id"]
    out["provider"] = frame["provider"]
    out["input_usd_per_m"] = frame["input_usd_per_m"]
    status = frame["price_status"].where(frame["price_status"].ne("paid"), "")
    out["price_note"] = (status + "; " + frame["other_prices"]).str.strip("; ")
    out["context_length"] = frame["context_length"]
    out["input_modalities"] = frame["input_modalities"]
    out["created"] = frame["created"]
    out["expiration_date"] = frame["expiration_date"]
    return out


COLUMN_CONFIG = {
    "link": st.column_config.LinkColumn("Model", display_text=r"#(.+)$", width="medium", pinned=True),
    "model_id": st.column_config.TextColumn("ID", width="medium"),
    "provider": st.column_config.TextColumn("Provider"),
    "input_usd_per_m": st.column_config.NumberColumn(
        "Input $/M tokens", format="$%.4f", help="USD per million input tokens"
    ),
    "price_note": st.column_config.TextColumn(
        "Pricing notes", help="free, variable, and other price keys the model has"
    ),
    "context_length": st.column_config.NumberColumn("Context (tokens)", format="localized"),
    "input_modalities": st.column_config.TextColumn("Input"),
    "created": st.column_config.DateColumn("Created", format="YYYY-MM-DD"),
    "expiration_date": st.column_config.DateColumn("Expires", format="YYYY-MM-DD"),
}


def catalog_table(frame: pd.DataFrame, key: str = "catalog_table") -> list[str]:
    """Render the table with multi-row selection; return the selected model ids."""
    event = st.dataframe(
        table_frame(frame),
        column_config=COLUMN_CONFIG,
        column_order=TABLE_COLUMNS,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="multi-row",
        key=key,
    )
    rows = event.selection.rows if event is not None else []
    return [frame["model_id"].iloc[i] for i in rows if i < len(frame)]


def _money(value: float | None) -> str:
    return "—" if value is None else format_usd(Decimal(str(value))) + " / M"


def summary_row(summary: Summary) -> None:
    cols = st.columns(4)
    cols[0].metric("Models", summary.models)
    cols[1].metric("Providers", summary.providers)
    cols[2].metric(
        "Cheapest paid input",
        _money(summary.cheapest_paid_usd_per_m),
        help=escape_markdown(f"{summary.cheapest_paid_name} ({summary.cheapest_paid_id})", 200)
        if summary.cheapest_paid_id
        else None,
    )
    cols[3].metric("Median paid input", _money(summary.median_paid_usd_per_m))
