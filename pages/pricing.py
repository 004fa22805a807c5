"""Pricing: what embeddings cost, against what you get for them. The catalog's URL filters apply."""

import streamlit as st

from components import charts
from components.filters import filter_options, filter_widgets
from components.pricing_view import (
    chart_with_picks,
    free_on_frontier,
    not_on_log_axis,
    not_plotted,
    picked_links,
    shared_frontier,
    shared_points_note,
    shared_pricing_data,
    usd_per_m,
)
from components.shell import page_shell
from explorer.charting import PRICE_COLUMN as PRICE

view = page_shell("Pricing")
st.title("Embeddings pricing")
frame = view.catalog.frame
# The same object on every rerun with these filters, so each chart's spec is built once, not per rerun.
data = shared_pricing_data(frame, filter_widgets(frame, page="pricing"))
shown, split = data.shown, data.split
providers = filter_options(frame)[0]  # the whole catalog's, so a provider keeps its colour under any filter
picked: list[str] = []

st.caption(f"{len(shown):,} of {len(frame):,} models · prices are per million input tokens")
if shown.empty:
    st.warning("No model matches these filters.", icon=":material/filter_alt_off:")
    st.stop()
if split.plottable.empty:
    # Empty plots with made-up axes would say nothing; the models are named instead.
    st.info("Every model in view is free or has a variable price: there is no price to chart.", icon=":material/info:")
    not_on_log_axis(split)
    st.stop()

st.subheader("Input price per model")
log_scale = st.toggle("Log scale", value=False, key="log", bind="query-params")
picked += chart_with_picks(
    data, "bars", lambda: charts.price_bars(data.bars(log_scale), log_scale, providers), log_scale
)
not_on_log_axis(split, log_scale)

left, right = st.columns(2)
with left:
    st.subheader("Price vs context length")
    picked += chart_with_picks(data, "context", lambda: charts.price_vs_context(split.plottable, providers))
    shared_points_note(split.plottable, "context_length", PRICE, lambda x, y: f"{x:,} tokens at {usd_per_m(y)}")
    not_plotted(split.plottable, "context_length", "Context length not listed, not plotted")
with right:
    st.subheader("Price vs dimensions")
    picked += chart_with_picks(data, "dimensions", lambda: charts.price_vs_dimensions(split.plottable, providers))
    st.caption("Point size: float32 index for 1M documents (dimensions × 4 bytes), what a vector database bills.")
    shared_points_note(split.plottable, "dimensions", PRICE, lambda x, y: f"{x:,} dims at {usd_per_m(y)}")
    not_plotted(split.plottable, "dimensions", "No default dimensions in the model facts, not plotted")
not_on_log_axis(split)

st.subheader("Price vs quality (MTEB)")
if data.benchmarks:
    benchmark = st.selectbox(
        "Benchmark (scores from different benchmarks are not comparable)",
        data.benchmarks,
        index=data.benchmarks.index(data.default_benchmark),  # a link's or a click's choice still wins
        key="benchmark",
        bind="query-params",
    )
    picked += chart_with_picks(data, "mteb", lambda: charts.price_vs_mteb(shown, benchmark, providers), benchmark)
    board = shared_frontier(data, benchmark)
    unscored = len(shown) - len(board.scored)
    st.caption(
        f"Dashed line: the Pareto frontier, models no other beats on both price and score ({len(board.frontier)} of "
        f"{len(board.scored)} scored on this benchmark; the other {unscored} in view have no score on it)."
    )
    free_on_frontier(board)
else:
    st.info("No priced model in this view has a published MTEB score.", icon=":material/info:")

st.subheader("Price spread per provider")
picked += chart_with_picks(data, "spread", lambda: charts.provider_spread(split.plottable, providers))
shared_points_note(split.plottable, PRICE, "provider", lambda x, y: f"{y} at {usd_per_m(x)}")
not_on_log_axis(split)

# In the page, not a sidebar: a phone keeps the sidebar collapsed, hiding what was just clicked.
with st.container(key="picked_models"):
    st.subheader("Picked models")
    picked_links(picked, data.names)
