"""The catalog table and its summary: take a frame, render it."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components import links
from explorer.facts import usable_max_input, with_facts
from explorer.filters import Summary, summarise
from explorer.memo import IdentityMemo
from explorer.normalise import short_name
from explorer.picks import picked_rows
from explorer.pricing import format_usd
from explorer.text import escape_markdown

# The price sits beside the pinned name, so a phone shows which model costs what without scrolling
# sideways; the id, which a model's page shows whole and copyable, comes last.
TABLE_COLUMNS = [
    "link",
    "input_usd_per_m",
    "price_note",
    "provider",
    "context_length",
    "max_input_tokens",
    "dimensions",
    "input_modalities",
    "created",
    "expiration_date",
    "model_id",
]

# Rows the table shows before it scrolls inside itself (Streamlit's default is ten).
VISIBLE_ROWS = 20
ROW_PX = 35  # Streamlit's row height, the header's too


def _detail_links(frame: pd.DataFrame) -> pd.Series:
    """Each model's detail link; the name, less the vendor prefix the Provider column shows, rides after '#' so
    the cell can show it (a narrow screen then still reads the model in the pinned column)."""
    return pd.Series(
        [
            links.model_link(mid, label=short_name(name))
            for mid, name in zip(frame["model_id"], frame["name"], strict=True)
        ],
        index=frame.index,
    )


detail_links = IdentityMemo(_detail_links)


def _fact_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Published dimensions and max input per row, joined on the base model id (variants share their base's).

    The max input is capped at the context length: beyond it nothing goes through, so a limit above it would
    promise tokens the model cannot take (and read against compare's "usable 32,000: the context").
    """
    facts = with_facts(frame)[["dimensions", "max_input_tokens"]].copy()
    facts["max_input_tokens"] = usable_max_input(facts["max_input_tokens"], frame["context_length"])
    return facts


fact_columns = IdentityMemo(_fact_columns)


def table_frame(
    frame: pd.DataFrame, all_links: pd.Series | None = None, all_facts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The displayed columns; all_links and all_facts (the whole catalog's, built once) are sliced to the shown rows."""
    out = pd.DataFrame(index=frame.index)
    out["link"] = (all_links if all_links is not None else _detail_links(frame)).reindex(frame.index)
    facts = (all_facts if all_facts is not None else _fact_columns(frame)).reindex(frame.index)
    out["model_id"] = frame["model_id"]
    out["provider"] = frame["provider"]
    out["input_usd_per_m"] = frame["input_usd_per_m"]
    status = frame["price_status"].where(frame["price_status"].ne("paid"), "")
    out["price_note"] = (status + "; " + frame["other_prices"]).str.strip("; ")
    out["dimensions"] = facts["dimensions"]
    out["context_length"] = frame["context_length"]
    out["max_input_tokens"] = facts["max_input_tokens"]
    out["input_modalities"] = frame["input_modalities"]
    out["created"] = frame["created"]
    out["expiration_date"] = frame["expiration_date"]
    return out


# Whole counts with thousands separators: numbro's "accounting" format, with no decimals at step 1 (the counts are
# never negative, which it would bracket). "localized" wrote the same but built an Intl.NumberFormat for every cell
# drawn: 15-17 ms of the browser's main thread on a first view at 34 models, in Chrome's profiler.
GROUPED = "accounting"

COLUMN_CONFIG = {
    "link": st.column_config.LinkColumn("Model", display_text=r"#(.+)$", width="medium", pinned=True),
    "recent": st.column_config.TextColumn(
        "Last 30 days", width="small", help="Added or re-priced in the last 30 days, from the change history"
    ),
    "model_id": st.column_config.TextColumn("ID", width="medium"),
    "provider": st.column_config.TextColumn("Provider"),
    "input_usd_per_m": st.column_config.NumberColumn(
        "Input $/M tokens", format="$%.4f", help="USD per million input tokens"
    ),  # price_column widens it for a catalog with smaller prices
    "price_note": st.column_config.TextColumn(
        # Wide enough for "Image $0.00000045 / image": cut shorter, it read "Image $0.0000", as if free.
        "Pricing notes",
        help="free, variable, and other price keys the model has",
        width="medium",
    ),
    "dimensions": st.column_config.NumberColumn(
        "Dimensions",
        format=GROUPED,
        step=1,  # 1,024, as Compare and the model's page write it
        help="Default embedding size from published model facts; — when not published",
    ),
    "context_length": st.column_config.NumberColumn("Context (tokens)", format=GROUPED, step=1),
    "max_input_tokens": st.column_config.NumberColumn(
        "Max input (tokens)",
        format=GROUPED,
        step=1,
        help="The model's own input limit from published model facts, capped at the context length (the usable"
        " limit, which the Min input filter uses); — when not published",
    ),
    "input_modalities": st.column_config.TextColumn("Input"),
    "created": st.column_config.DateColumn("Created", format="YYYY-MM-DD"),
    "expiration_date": st.column_config.DateColumn("Expires", format="YYYY-MM-DD"),
}


def price_decimals(frame: pd.DataFrame) -> int:
    """Decimals that show the catalog's smallest paid price to two significant digits; four at least.

    With four, a price of $0.000001 / M read "$0.0000", as if free. One count per catalog, so that the
    column reads alike in every filtered view.
    """
    paid = frame["input_usd_per_m"][frame["input_usd_per_m"].gt(0)]
    if paid.empty:
        return 4
    return min(12, max(4, 1 - math.floor(math.log10(float(paid.min())))))


_price_decimals = IdentityMemo(price_decimals)


def price_column(decimals: int) -> dict[str, object]:
    return {
        "input_usd_per_m": st.column_config.NumberColumn(
            "Input $/M tokens", format=f"$%.{decimals}f", help="USD per million input tokens"
        )
    }


whole_table = IdentityMemo(lambda frame: table_frame(frame, detail_links(frame), fact_columns(frame)))


def to_arrow(table: pd.DataFrame) -> pa.Table:
    """The display table as Arrow, which is what st.dataframe sends; converting costs O(rows) per call."""
    return pa.Table.from_pandas(table, preserve_index=False)


# The unfiltered view, the one most visits show, is converted once per catalog rather than on every rerun.
whole_arrow = IdentityMemo(lambda frame: to_arrow(whole_table(frame)))


def with_marks(table: pa.Table, model_ids: pd.Series, marks: Mapping[str, str]) -> pa.Table | None:
    """The table plus its "recent" column, or None when no shown model has a mark."""
    recent = model_ids.map(marks)
    if not recent.notna().any():
        return None
    return table.append_column("recent", pa.array(recent.to_numpy(), type=pa.string(), from_pandas=True))


# Per catalog frame, per shared marks object: the unfiltered table with its markers, built once.
whole_marked = IdentityMemo(
    lambda frame: IdentityMemo(lambda marks: with_marks(whole_arrow(frame), frame["model_id"], marks))
)


# Above this many shown rows the table streams its rows from the server as the reader scrolls or
# sorts, instead of sending them all on every rerun (2.4 MB at 10,000 models). Streamlit cannot
# select rows of a streamed table, so row selection is offered at or below it.
STREAMED_ABOVE = 1_000


# What a cell with no value shows (Streamlit's default is the word "None").
EMPTY_CELL = "—"


def selection_key(filters: object, as_of: object, picks_round: int = 0) -> str:
    """The table's widget key for one filtered view of one catalog, in one round of picking.

    Streamlit keeps a table's selection as row positions, so the same positions would pick other models
    once a filter or a refresh reorders the rows: a new view gets a new key, and starts with its picked
    rows ticked by their model ids. Clearing the picks starts a new round, so no table keeps old ticks.
    """
    view = repr((filters, as_of, picks_round)).encode()
    return "catalog_table_" + hashlib.blake2s(view, digest_size=8).hexdigest()


def streams(rows: int) -> bool:
    """Whether a table of this many rows is streamed (and so offers no row selection)."""
    return rows > STREAMED_ABOVE


def table_height(rows: int) -> int:
    """Pixels for the header and up to VISIBLE_ROWS rows (plus the border): a short list shows whole."""
    return (min(rows, VISIBLE_ROWS) + 1) * ROW_PX + 3


def catalog_table(
    shown: pd.DataFrame,
    catalog_frame: pd.DataFrame,
    marks: Mapping[str, str] | None = None,
    key: str = "catalog_table",
    picked: Sequence[str] = (),
) -> list[str]:
    """Render the shown rows with multi-row selection; return the selected model ids.

    More than STREAMED_ABOVE rows are streamed as the reader scrolls, without selection (returns []).
    marks (model id -> "new" / "re-priced") adds the recent-changes column when any shown model has one.
    picked rows start ticked when the view is first drawn.
    """
    # The unfiltered view is the catalog frame itself, so its display table is built once per catalog.
    whole = shown is catalog_frame
    if whole:
        table = whole_arrow(shown)
    else:
        table = to_arrow(table_frame(shown, detail_links(catalog_frame), fact_columns(catalog_frame)))
    order = TABLE_COLUMNS
    if marks:
        # A shared marks object (as the history hands out) lets the whole view's marked table be reused.
        if whole and _weakrefable(marks):
            marked = whole_marked(shown)(marks)
        else:
            marked = with_marks(table, shown["model_id"], marks)
        if marked is not None:
            table, order = marked, [TABLE_COLUMNS[0], "recent", *TABLE_COLUMNS[1:]]
    lazy = streams(table.num_rows)
    selection = {} if lazy else {"on_select": "rerun", "selection_mode": "multi-row", "key": key}
    ticked = [] if lazy or not picked else picked_rows(picked, list(shown["model_id"]))
    if ticked:
        selection["selection_default"] = {"selection": {"rows": ticked}}
    decimals = _price_decimals(catalog_frame)
    event = st.dataframe(
        table,
        column_config=COLUMN_CONFIG if decimals == 4 else {**COLUMN_CONFIG, **price_column(decimals)},
        column_order=order,
        hide_index=True,
        width="stretch",
        height=table_height(table.num_rows),
        placeholder=EMPTY_CELL,
        lazy=lazy,
        **selection,
    )
    if lazy:
        return []
    rows = event.selection.rows if event is not None else []
    return [shown["model_id"].iloc[i] for i in rows if i < len(shown)]


def _weakrefable(obj: object) -> bool:
    return hasattr(obj, "__weakref__")


def _money(value: float | None) -> str:
    # No-break spaces: a narrow screen wraps the line elsewhere, never between an amount and its unit.
    return "—" if value is None else format_usd(Decimal(str(value))) + "\u00a0/\u00a0M"


def _count(n: int, noun: str) -> str:
    return f"**{n:,}** {noun}{'' if n == 1 else 's'}"


summary_of = IdentityMemo(summarise)


def summary_line(summary: Summary, note: str = "", place: DeltaGenerator | None = None) -> None:
    """Models, providers, cheapest and median paid input price of the shown rows, in one line; `note` (plain
    text) goes on a second, grey line of the same element. Into `place`, or where the page is."""
    cheapest = f"**{escape_markdown(_money(summary.cheapest_paid_usd_per_m))}**"
    if summary.cheapest_paid_id:
        cheapest += f" ({escape_markdown(summary.cheapest_paid_name or summary.cheapest_paid_id, 80)})"
    (place or st).markdown(
        f"{_count(summary.models, 'model')} from {_count(summary.providers, 'provider')}"
        f" · cheapest paid input {cheapest} · median paid input"
        f" **{escape_markdown(_money(summary.median_paid_usd_per_m))}**"
        + (f"  \n:gray[{escape_markdown(note)}]" if note else "")
    )
