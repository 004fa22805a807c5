"""Altair charts of the catalog: functions from a DataFrame to a chart, no Streamlit calls."""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from explorer.charting import log_domain, pareto_frontier, scored_on, vector_gib_per_million_documents

SELECTION = "picked"
AXIS_HEIGHT = 70  # pixels of x axis and title below a plot
BAR_STEP = 24  # pixels per bar of a bar chart, each with its model's name beside it
PLOT_HEIGHT = 260  # pixels of a line chart's plot area
# Vega's tableau20, strong colours first: eleven or more providers stay distinct.
PALETTE = [
    *("#4c78a8", "#f58518", "#54a24b", "#e45756", "#b79a20", "#439894", "#d67195", "#b279a2", "#9e765f", "#79706e"),
    *("#9ecae9", "#ffbf79", "#88d27a", "#ff9d98", "#f2cf5b", "#83bcb6", "#fcbfd2", "#d6a5c9", "#d8b5a5", "#bab0ac"),
]
# Two significant digits, not a fixed three decimals: a log axis fitted to the prices shown may tick at
# $0.0002, which "$.3~f" wrote as "$0", while "$.2~r" keeps $0.0002, $0.13 and $12 alike.
PRICE = alt.Axis(title="Input price ($ / M tokens)", format="$.2~r")
# Model names beside bars are cut at this width, and wide legends go below the plot: on a phone the names
# and a legend at the side took the whole width and left the bars none.
NAME_LABEL_LIMIT = 200
# Two columns of provider names fit a phone's 388 px; three ran off its right edge and hid OpenAI's colour.
# The longest provider, "sentence-transformers", is about 125 px.
LEGEND_COLUMNS = 2
PROVIDER_LABEL_LIMIT = 140
BELOW = alt.Legend(orient="bottom", columns=LEGEND_COLUMNS, labelLimit=PROVIDER_LABEL_LIMIT)
BELOW_NAMES = alt.Legend(orient="bottom", columns=1, labelLimit=PROVIDER_LABEL_LIMIT)
LINE_LABEL_LIMIT = 320  # one column of tied model names, within a phone's width


# Pixels of the point-size legend, laid out above the plot: below it, beside the provider legend, it ran off
# a phone's right edge.
SIZE_LEGEND_HEIGHT = 50


def scatter_height(data: pd.DataFrame) -> int:
    """A scatter chart's height: its plot, its x axis, and its provider legend below them."""
    return PLOT_HEIGHT + AXIS_HEIGHT + legend_height(data["provider"].nunique())


def legend_height(entries: int, columns: int = LEGEND_COLUMNS) -> int:
    """Pixels a legend below the plot takes: its title and one row per `columns` entries."""
    return 24 + 18 * math.ceil(entries / columns)


def _tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("name:N", title="Model"),
        alt.Tooltip("model_id:N", title="ID"),
        alt.Tooltip("input_usd_per_m:Q", title="$ / M tokens", format="$.4~f"),
        *extra,
    ]


def provider_color(data: pd.DataFrame, providers: Sequence[str] = (), **options: object) -> alt.Color:
    """Colour by provider, each keeping one colour on every chart: its place in `providers` (the whole catalog)."""
    present = sorted(data["provider"].unique())
    place = {p: i for i, p in enumerate(providers or present)}
    unknown = iter(range(len(place), len(place) + len(present)))
    colours = [PALETTE[(place[p] if p in place else next(unknown)) % len(PALETTE)] for p in present]
    return alt.Color("provider:N", scale=alt.Scale(domain=present, range=colours), **options)


def fitted_log_scale(values: pd.Series, **options: object) -> alt.Scale:
    """The scale of every log axis: fitted to the values it shows, a little padded, never rounded to decades."""
    # Vega-Lite makes x and y scales "nice" by default, which on a log scale means whole powers of ten.
    return alt.Scale(type="log", domain=list(log_domain(values)), nice=False, **options)


def _points(data: pd.DataFrame) -> alt.Chart:
    pick = alt.selection_point(name=SELECTION, fields=["model_id"], on="click", toggle="true")
    return alt.Chart(data).mark_circle(size=90, opacity=0.8).add_params(pick)


def _columns(frame: pd.DataFrame, *extra: str) -> pd.DataFrame:
    return frame[["model_id", "name", "provider", "input_usd_per_m", *extra]].reset_index(drop=True)


def price_bars(frame: pd.DataFrame, log_scale: bool, providers: Sequence[str] = ()) -> alt.Chart:
    """One bar per model, cheapest first, coloured by provider."""
    data = _columns(frame)
    prices = data["input_usd_per_m"]
    scale = fitted_log_scale(prices) if log_scale else alt.Scale(type="linear", zero=True)
    # A bar starts at 0 by default, which a log axis cannot hold (Vega then draws nothing at all):
    # on a log axis bars start at the axis's left end instead, just below the cheapest price.
    data["bar_start"] = log_domain(prices)[0] if log_scale else 0.0
    pick = alt.selection_point(name=SELECTION, fields=["model_id"], on="click", toggle="true")
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("input_usd_per_m:Q", scale=scale, axis=PRICE),
            x2=alt.X2("bar_start:Q"),
            y=alt.Y(
                "name:N",
                sort=alt.EncodingSortField("input_usd_per_m", order="ascending"),
                title=None,
                axis=alt.Axis(labelLimit=NAME_LABEL_LIMIT),
            ),
            # One column: a legend below sits under the plot, right of the names, where two did not fit a phone.
            color=provider_color(data, providers, title="Provider", legend=BELOW_NAMES),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
            tooltip=_tooltip(alt.Tooltip("provider:N", title="Provider")),
        )
        .add_params(pick)
        # A height per bar, not one for the whole chart: Streamlit fitted a fixed height's axis and legend first,
        # which left five bars 16 px each, and Vega then hid every other model name as overlapping.
        .properties(height=alt.Step(BAR_STEP))
    )


def price_vs_context(frame: pd.DataFrame, providers: Sequence[str] = ()) -> alt.Chart:
    data = _columns(frame.dropna(subset=["context_length"]), "context_length")
    data["context_length"] = data["context_length"].astype("float64")
    return (
        _points(data)
        .encode(
            x=alt.X(
                "context_length:Q", scale=fitted_log_scale(data["context_length"]), title="Context length (tokens)"
            ),
            y=alt.Y("input_usd_per_m:Q", scale=fitted_log_scale(data["input_usd_per_m"]), axis=PRICE),
            color=provider_color(data, providers, title="Provider", legend=BELOW),
            tooltip=_tooltip(alt.Tooltip("context_length:Q", title="Context", format=",")),
        )
        .properties(height=scatter_height(data))
    )


def price_vs_dimensions(frame: pd.DataFrame, providers: Sequence[str] = ()) -> alt.Chart:
    data = _columns(frame.dropna(subset=["dimensions"]), "dimensions")
    data["dimensions"] = data["dimensions"].astype("float64")
    data["vector_gib"] = vector_gib_per_million_documents(data["dimensions"]).astype("float64")
    return (
        _points(data)
        .encode(
            x=alt.X("dimensions:Q", scale=fitted_log_scale(data["dimensions"], base=2), title="Embedding dimensions"),
            y=alt.Y("input_usd_per_m:Q", scale=fitted_log_scale(data["input_usd_per_m"]), axis=PRICE),
            color=provider_color(data, providers, title="Provider", legend=BELOW),
            size=alt.Size("vector_gib:Q", title="GiB per 1M docs (float32)", legend=alt.Legend(orient="top")),
            tooltip=_tooltip(
                alt.Tooltip("dimensions:Q", title="Dimensions", format=","),
                alt.Tooltip("vector_gib:Q", title="GiB per 1M docs (float32)", format=".2f"),
            ),
        )
        .properties(height=scatter_height(data) + SIZE_LEGEND_HEIGHT)
    )


def price_vs_mteb(frame: pd.DataFrame, benchmark: str, providers: Sequence[str] = ()) -> alt.LayerChart:
    """One benchmark only (scores from different benchmarks are not comparable), Pareto frontier drawn."""
    scored = _columns(scored_on(frame, benchmark), "mteb_score", "mteb_benchmark")
    scored["mteb_score"] = scored["mteb_score"].astype("float64")
    # The frontier is decided over every priced model, free ones too (a free model beats any paid one it
    # outscores); only the part a log axis can hold is drawn, and the page names the free ones.
    frontier = pareto_frontier(scored, "input_usd_per_m", "mteb_score")
    paid = scored[scored["input_usd_per_m"].gt(0)]
    price_scale = fitted_log_scale(paid["input_usd_per_m"])  # the line's points are among these, so it fits both layers
    points = _points(paid).encode(
        x=alt.X("input_usd_per_m:Q", scale=price_scale, axis=PRICE),
        # Two lines: in one, "MTEB score (MTEB English v1 avg (56 datasets))" was cut short of the plot's height.
        # Scores have one or two decimals: Vega's own labels for a narrow range read "64.600000".
        y=alt.Y(
            "mteb_score:Q", scale=alt.Scale(zero=False), title=["MTEB score", benchmark], axis=alt.Axis(format=".4~r")
        ),
        color=provider_color(paid, providers, title="Provider", legend=BELOW),
        tooltip=_tooltip(
            alt.Tooltip("mteb_score:Q", title="MTEB score"),
            alt.Tooltip("mteb_benchmark:N", title="Benchmark"),
        ),
    )
    line = (
        alt.Chart(frontier[frontier["input_usd_per_m"].gt(0)])
        .mark_line(strokeDash=[4, 3], color="gray", point=False)
        .encode(x=alt.X("input_usd_per_m:Q", scale=price_scale), y="mteb_score:Q", order="input_usd_per_m:Q")
    )
    return alt.layer(line, points).properties(height=scatter_height(paid))


def provider_spread(frame: pd.DataFrame, providers: Sequence[str] = ()) -> alt.Chart:
    data = _columns(frame)
    return _points(data).encode(
        x=alt.X("input_usd_per_m:Q", scale=fitted_log_scale(data["input_usd_per_m"]), axis=PRICE),
        y=alt.Y("provider:N", title=None, sort="ascending"),
        color=provider_color(data, providers, legend=None),
        tooltip=_tooltip(alt.Tooltip("provider:N", title="Provider")),
    )


def cumulative_cost(rows: pd.DataFrame) -> alt.Chart:
    """rows: model, month, usd (a number) and cost (its text) — total spent by the end of each month.

    Ticks keep three significant digits, so a workload costing fractions of a cent has ticks that differ;
    the tooltip gives the amount as the page's text does (cost), never rounded to cents.
    """
    return (
        alt.Chart(rows)
        .mark_line(point=True)
        .encode(
            x=alt.X("month:Q", title="Month", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("usd:Q", title="Cumulative cost ($)", axis=alt.Axis(format="$,.3~r")),
            color=alt.Color(
                "model:N", title="Model", legend=alt.Legend(orient="bottom", columns=1, labelLimit=LINE_LABEL_LIMIT)
            ),
            tooltip=[alt.Tooltip("model:N"), alt.Tooltip("month:Q"), alt.Tooltip("cost:N", title="Cumulative cost")],
        )
        .properties(height=PLOT_HEIGHT + AXIS_HEIGHT + legend_height(rows["model"].nunique(), columns=1))
    )
