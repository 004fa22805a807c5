"""Pricing: what embeddings cost, against what you get for them. The catalog's URL filters apply."""

import streamlit as st

from components import charts
from components.filters import filter_widgets
from components.pricing_view import chart_with_picks, names_by_id, not_on_log_axis, picked_links
from components.shell import page_shell
from explorer.charting import split_for_log_axis
from explorer.facts import with_facts
from explorer.filters import apply_filters

view = page_shell("Pricing")
st.title("Embeddings pricing")
frame = view.catalog.frame
shown = with_facts(apply_filters(frame, filter_widgets(frame)))
split = split_for_log_axis(shown)
names = names_by_id(shown)
picked: list[str] = []

st.caption(f"{len(shown)} of {len(frame)} models · prices are per million input tokens")
if shown.empty:
    st.warning("No model matches these filters.", icon=":material/filter_alt_off:")
    st.stop()

st.subheader("Input price per model")
log_scale = st.toggle("Log scale", value=False, key="log", bind="query-params")
bars = split.plottable if log_scale else shown[shown["input_usd_per_m"].notna()]
picked += chart_with_picks(charts.price_bars(bars, log_scale), key="bars")
if log_scale:
    not_on_log_axis(split)

left, right = st.columns(2)
with left:
    st.subheader("Price vs context length")
    picked += chart_with_picks(charts.price_vs_context(split.plottable), key="context")
with right:
    st.subheader("Price vs dimensions")
    picked += chart_with_picks(charts.price_vs_dimensions(split.plottable), key="dimensions")
    st.caption("Point size: float32 index for 1M documents (dimensions × 4 bytes), what a vector database bills.")
not_on_log_axis(split)

st.subheader("Price vs quality (MTEB)")
benchmarks = sorted(b for b in split.plottable["mteb_benchmark"].dropna().unique() if b)
if benchmarks:
    benchmark = st.selectbox(
        "Benchmark (scores from different benchmarks are not comparable)",
        benchmarks,
        key="benchmark",
        bind="query-params",
    )
    picked += chart_with_picks(charts.price_vs_mteb(split.plottable, benchmark), key="mteb")
    st.caption("Dashed line: the Pareto frontier, models no other beats on both price and score.")
else:
    st.info("No model in this view has a published MTEB score.", icon=":material/info:")

st.subheader("Price spread per provider")
picked += chart_with_picks(charts.provider_spread(split.plottable), key="spread")

with st.sidebar:
    st.subheader("Picked models")
    picked_links(picked, names)
