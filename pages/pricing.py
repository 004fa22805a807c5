"""Pricing: what embeddings cost, against what you get for them. The catalog's URL filters apply."""

import streamlit as st

from components import charts
from components.filters import filter_options, filter_widgets
from components.pricing_view import (
    chart_with_picks,
    free_on_frontier,
    names_by_id,
    not_on_log_axis,
    not_plotted,
    picked_links,
)
from components.shell import page_shell
from explorer.charting import benchmarks_in, pareto_frontier, scored_on, split_for_log_axis
from explorer.facts import with_facts
from explorer.filters import apply_filters

view = page_shell("Pricing")
st.title("Embeddings pricing")
frame = view.catalog.frame
shown = with_facts(apply_filters(frame, filter_widgets(frame)))
split = split_for_log_axis(shown)
names = names_by_id(shown)
providers = filter_options(frame)[0]  # the whole catalog's, so a provider keeps its colour under any filter
picked: list[str] = []

st.caption(f"{len(shown)} of {len(frame)} models · prices are per million input tokens")
if shown.empty:
    st.warning("No model matches these filters.", icon=":material/filter_alt_off:")
    st.stop()

st.subheader("Input price per model")
log_scale = st.toggle("Log scale", value=False, key="log", bind="query-params")
bars = split.plottable if log_scale else shown[shown["input_usd_per_m"].notna()]
picked += chart_with_picks(charts.price_bars(bars, log_scale, providers), key="bars")
not_on_log_axis(split, log_scale)

left, right = st.columns(2)
with left:
    st.subheader("Price vs context length")
    picked += chart_with_picks(charts.price_vs_context(split.plottable, providers), key="context")
    not_plotted(split.plottable, "context_length", "Context length not listed, not plotted")
with right:
    st.subheader("Price vs dimensions")
    picked += chart_with_picks(charts.price_vs_dimensions(split.plottable, providers), key="dimensions")
    st.caption("Point size: float32 index for 1M documents (dimensions × 4 bytes), what a vector database bills.")
    not_plotted(split.plottable, "dimensions", "Dimensions unknown, not plotted")
not_on_log_axis(split)

st.subheader("Price vs quality (MTEB)")
benchmarks = benchmarks_in(shown)
if benchmarks:
    benchmark = st.selectbox(
        "Benchmark (scores from different benchmarks are not comparable)",
        benchmarks,
        key="benchmark",
        bind="query-params",
    )
    picked += chart_with_picks(charts.price_vs_mteb(shown, benchmark, providers), key="mteb")
    scored = scored_on(shown, benchmark)
    frontier = pareto_frontier(scored, "input_usd_per_m", "mteb_score")
    unscored = len(shown) - len(scored)
    st.caption(
        f"Dashed line: the Pareto frontier, models no other beats on both price and score ({len(frontier)} of "
        f"{len(scored)} scored on this benchmark; the other {unscored} in view have no score on it)."
    )
    free_on_frontier(scored, set(frontier["model_id"]))
else:
    st.info("No priced model in this view has a published MTEB score.", icon=":material/info:")

st.subheader("Price spread per provider")
picked += chart_with_picks(charts.provider_spread(split.plottable, providers), key="spread")
not_on_log_axis(split)

with st.sidebar:
    st.subheader("Picked models")
    picked_links(picked, names)
