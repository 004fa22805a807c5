"""Pieces of the pricing page: a chart with click selection, and what a log axis cannot show."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd
import streamlit as st

from components import links
from components.charts import SELECTION
from explorer.charting import LogAxisSplit
from explorer.text import escape_markdown


def picked_ids(event: object) -> list[str]:
    """Model ids clicked in a chart drawn with st.altair_chart(on_select="rerun")."""
    selection = getattr(event, "selection", None) or {}
    points = selection.get(SELECTION) or []
    return [p["model_id"] for p in points if isinstance(p, dict) and isinstance(p.get("model_id"), str)]


def chart_with_picks(chart: alt.TopLevelMixin, key: str) -> list[str]:
    event = st.altair_chart(chart, on_select="rerun", key=key, width="stretch")
    return picked_ids(event)


def picked_links(model_ids: Iterable[str], names: dict[str, str]) -> None:
    """The clicked models as links to their detail pages, and Compare for 2–6 of them."""
    ids = list(dict.fromkeys(model_ids))
    if not ids:
        st.caption("Click points or bars to pick models; shift-click to pick several.")
        return
    for model_id in ids:
        script, params = links.model_target(model_id)
        label = escape_markdown(names.get(model_id, model_id), 120)  # page_link labels are markdown
        st.page_link(script, label=label, query_params=params, icon=":material/info:")
    if 2 <= len(ids) <= 6:
        script, params = links.compare_target(ids)
        st.page_link(script, label=f"Compare {len(ids)} models", query_params=params, icon=":material/compare_arrows:")


def not_on_log_axis(split: LogAxisSplit, log_scale: bool = True) -> None:
    """Free and variable/unknown-price models, named beside a chart instead of dropped."""
    groups = [("Variable or unknown price, not plotted", split.unpriced)]
    if log_scale:
        groups.insert(0, ("Free (price 0, not on a log axis)", split.free))
    for label, rows in groups:
        if not rows.empty:
            st.caption(f"**{label}:** {_names(rows)}")


def not_plotted(frame: pd.DataFrame, column: str, label: str) -> None:
    """Models a chart leaves out for lack of a value (unknown context, dimensions), named so none vanish."""
    missing = frame[frame[column].isna()]
    if not missing.empty:
        st.caption(f"**{label}:** {_names(missing)}")


def free_on_frontier(scored: pd.DataFrame, frontier_ids: set[str]) -> None:
    """Free models scored on the benchmark: off the log axis, yet they set the frontier's floor."""
    free = scored[scored["input_usd_per_m"].eq(0)]
    if free.empty:
        return
    leaders = free[free["model_id"].isin(frontier_ids)]
    text = f"**Free (price 0, not on a log axis):** {_names(free)}"
    if not leaders.empty:
        text += f". On the frontier at \\$0, so no paid model scoring below {leaders['mteb_score'].max():.2f} is on it."
    st.caption(text)


def _names(rows: pd.DataFrame) -> str:
    return ", ".join(escape_markdown(str(n), 80) for n in rows["name"])


def names_by_id(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["model_id"], frame["name"], strict=True))
