"""Pieces of the pricing page: its data and charts (built once per catalog and filters), click picks, captions."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from decimal import Decimal
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from components import links
from components.chart_specs import cached_spec, draw_chart
from components.charts import SELECTION
from explorer.charting import (
    BenchmarkFrontier,
    LogAxisSplit,
    PricingData,
    benchmark_frontier,
    pricing_data,
    shared_points,
)
from explorer.filters import CatalogFilters
from explorer.normalise import short_name
from explorer.pricing import format_usd
from explorer.recent import RecentMemo
from explorer.text import escape_markdown

# One entry per catalog frame and filters, so a rerun with the same filters (a click, a toggle) finds
# its data, charts and captions again. A few MiB each at 10,000 models; their charts go with them.
_data: RecentMemo[PricingData] = RecentMemo(size=4)
# Captions (thousands of names at 10,000 models) and benchmark frontiers, each belonging to a PricingData
# above or one of its frames, and going with it.
_parts: RecentMemo[Any] = RecentMemo(size=32)
SHARED_SPOTS = 4  # crowded dots named under a chart, most crowded first
SHARED_NAMES = 5  # models named per dot


def shared_pricing_data(frame: pd.DataFrame, filters: CatalogFilters) -> PricingData:
    """pricing_data(frame, filters), the same object on every rerun with these filters."""
    return _data.get(frame, filters, lambda: pricing_data(frame, filters))


def shared_frontier(data: PricingData, benchmark: str) -> BenchmarkFrontier:
    return _parts.get(data, ("frontier", benchmark), lambda: benchmark_frontier(data.shown, benchmark))


def picked_ids(event: object) -> list[str]:
    """Model ids clicked in a chart drawn with on_select="rerun"."""
    selection = getattr(event, "selection", None) or {}
    points = selection.get(SELECTION) or []
    return [p["model_id"] for p in points if isinstance(p, dict) and isinstance(p.get("model_id"), str)]


def chart_with_picks(
    data: PricingData, key: str, build: Callable[[], alt.TopLevelMixin], *variant: Hashable
) -> list[str]:
    """build()'s chart with click selection, and the ids clicked in it.

    The spec is built once per data and variant and reused: build() may read nothing else that can change.
    """
    spec = cached_spec(data, (key, *variant), build)
    return picked_ids(draw_chart(spec, key=key, on_select="rerun"))


def picked_links(model_ids: Iterable[str], names: dict[str, str]) -> None:
    """The clicked models as links to their detail pages, and Compare for 2–6 of them."""
    ids = list(dict.fromkeys(model_ids))
    if not ids:
        st.caption("Click points or bars to pick models, as many as you like; click one again to drop it.")
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
            names = _parts.get(rows, "names", lambda rows=rows: _names(rows))
            st.caption(f"**{label}:** {names}")


def not_plotted(frame: pd.DataFrame, column: str, label: str) -> None:
    """Models a chart leaves out for lack of a value (unknown context, dimensions), named so none vanish."""
    names = _parts.get(frame, ("not_plotted", column), lambda: _names(frame[frame[column].isna()]))
    if names:
        st.caption(f"**{label}:** {names}")


def shared_points_note(frame: pd.DataFrame, x: str, y: str, spot: Callable[[Any, Any], str]) -> None:
    """Name the models that share one dot on a scatter chart; `spot(x, y)` says where that dot is."""
    text = _parts.get(frame, ("shared", x, y), lambda: _shared_points_text(frame, x, y, spot))
    if text:
        st.caption(text)


def _shared_points_text(frame: pd.DataFrame, x: str, y: str, spot: Callable[[Any, Any], str]) -> str:
    groups = shared_points(frame, x, y)
    if not groups:
        return ""
    parts = []
    for group in groups[:SHARED_SPOTS]:
        names = ", ".join(escape_markdown(short_name(n), 60) for n in group.names[:SHARED_NAMES])
        more = f" and {len(group.names) - SHARED_NAMES} more" if len(group.names) > SHARED_NAMES else ""
        parts.append(f"{escape_markdown(spot(group.x, group.y))}: {len(group.names)} models ({names}{more})")
    if len(groups) > SHARED_SPOTS:
        rest = len(groups) - SHARED_SPOTS
        parts.append(f"{rest} more such {'dot' if rest == 1 else 'dots'}")
    return "**One dot, several models** (the tooltip shows one): " + "; ".join(parts) + "."


def usd_per_m(price: Any) -> str:
    return format_usd(Decimal(str(price))) + " / M"


def free_on_frontier(board: BenchmarkFrontier) -> None:
    """Free models scored on the benchmark: off the log axis, yet they set the frontier's floor."""
    text = _parts.get(board, "free_on_frontier", lambda: _free_on_frontier_text(board))
    if text:
        st.caption(text)


def _free_on_frontier_text(board: BenchmarkFrontier) -> str:
    free = board.scored[board.scored["input_usd_per_m"].eq(0)]
    if free.empty:
        return ""
    leaders = free[free["model_id"].isin(set(board.frontier["model_id"]))]
    text = f"**Free (price 0, not on a log axis):** {_names(free)}"
    if not leaders.empty:
        text += f". On the frontier at \\$0, so no paid model scoring below {leaders['mteb_score'].max():.2f} is on it."
    return text


def _names(rows: pd.DataFrame) -> str:
    return ", ".join(escape_markdown(str(n), 80) for n in rows["name"])
