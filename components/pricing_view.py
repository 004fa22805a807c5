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
        st.page_link(script, label=names.get(model_id, model_id), query_params=params, icon=":material/info:")
    if 2 <= len(ids) <= 6:
        script, params = links.compare_target(ids)
        st.page_link(script, label=f"Compare {len(ids)} models", query_params=params, icon=":material/compare_arrows:")


def not_on_log_axis(split: LogAxisSplit) -> None:
    """Free and variable/unknown-price models, named beside a log-scale chart instead of dropped."""
    for label, rows in (
        ("Free (price 0, not on a log axis)", split.free),
        ("Variable or unknown price", split.unpriced),
    ):
        if not rows.empty:
            names = ", ".join(escape_markdown(n, 80) for n in rows["name"])
            st.caption(f"**{label}:** {names}")


def names_by_id(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["model_id"], frame["name"], strict=True))
