"""Altair charts of the catalog: functions from a DataFrame to a chart, no Streamlit calls."""

from __future__ import annotations

import altair as alt
import pandas as pd

from explorer.charting import pareto_frontier, scored_on, vector_gib_per_million_documents

SELECTION = "picked"
PRICE = alt.Axis(title="Input price ($ / M tokens)", format="$.3~f")


def _tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("name:N", title="Model"),
        alt.Tooltip("model_id:N", title="ID"),
        alt.Tooltip("input_usd_per_m:Q", title="$ / M tokens", format="$.4~f"),
        *extra,
    ]


def _points(data: pd.DataFrame) -> alt.Chart:
    pick = alt.selection_point(name=SELECTION, fields=["model_id"], on="click", toggle="true")
    return alt.Chart(data).mark_circle(size=90, opacity=0.8).add_params(pick)


def _columns(frame: pd.DataFrame, *extra: str) -> pd.DataFrame:
    return frame[["model_id", "name", "provider", "input_usd_per_m", *extra]].reset_index(drop=True)


def price_bars(frame: pd.DataFrame, log_scale: bool) -> alt.Chart:
    """One bar per model, cheapest first, coloured by provider."""
    scale = alt.Scale(type="log") if log_scale else alt.Scale(type="linear", zero=True)
    pick = alt.selection_point(name=SELECTION, fields=["model_id"], on="click", toggle="true")
    return (
        alt.Chart(_columns(frame))
        .mark_bar()
        .encode(
            x=alt.X("input_usd_per_m:Q", scale=scale, axis=PRICE),
            y=alt.Y(
                "name:N",
                sort=alt.EncodingSortField("input_usd_per_m", order="ascending"),
                title=None,
                axis=alt.Axis(labelLimit=320),
            ),
            color=alt.Color("provider:N", title="Provider"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
            tooltip=_tooltip(alt.Tooltip("provider:N", title="Provider")),
        )
        .add_params(pick)
        .properties(height=max(120, 24 * len(frame)))
    )


def price_vs_context(frame: pd.DataFrame) -> alt.Chart:
    data = _columns(frame.dropna(subset=["context_length"]), "context_length")
    data["context_length"] = data["context_length"].astype("float64")
    return _points(data).encode(
        x=alt.X("context_length:Q", scale=alt.Scale(type="log"), title="Context length (tokens)"),
        y=alt.Y("input_usd_per_m:Q", scale=alt.Scale(type="log"), axis=PRICE),
        color=alt.Color("provider:N", title="Provider"),
        tooltip=_tooltip(alt.Tooltip("context_length:Q", title="Context", format=",")),
    )


def price_vs_dimensions(frame: pd.DataFrame) -> alt.Chart:
    data = _columns(frame.dropna(subset=["dimensions"]), "dimensions")
    data["dimensions"] = data["dimensions"].astype("float64")
    data["vector_gib"] = vector_gib_per_million_documents(data["dimensions"]).astype("float64")
    return _points(data).encode(
        x=alt.X("dimensions:Q", scale=alt.Scale(type="log", base=2), title="Embedding dimensions"),
        y=alt.Y("input_usd_per_m:Q", scale=alt.Scale(type="log"), axis=PRICE),
        color=alt.Color("provider:N", title="Provider"),
        size=alt.Size("vector_gib:Q", title="GiB per 1M docs (float32)"),
        tooltip=_tooltip(
            alt.Tooltip("dimensions:Q", title="Dimensions", format=","),
            alt.Tooltip("vector_gib:Q", title="GiB per 1M docs (float32)", format=".2f"),
        ),
    )


def price_vs_mteb(frame: pd.DataFrame, benchmark: str) -> alt.LayerChart:
    """One benchmark only (scores from different benchmarks are not comparable), Pareto frontier drawn."""
    scored = _columns(scored_on(frame, benchmark), "mteb_score", "mteb_benchmark")
    scored["mteb_score"] = scored["mteb_score"].astype("float64")
    # The frontier is decided over every priced model, free ones too (a free model beats any paid one it
    # outscores); only the part a log axis can hold is drawn, and the page names the free ones.
    frontier = pareto_frontier(scored, "input_usd_per_m", "mteb_score")
    points = _points(scored[scored["input_usd_per_m"].gt(0)]).encode(
        x=alt.X("input_usd_per_m:Q", scale=alt.Scale(type="log"), axis=PRICE),
        y=alt.Y("mteb_score:Q", scale=alt.Scale(zero=False), title=f"MTEB score ({benchmark})"),
        color=alt.Color("provider:N", title="Provider"),
        tooltip=_tooltip(
            alt.Tooltip("mteb_score:Q", title="MTEB score"),
            alt.Tooltip("mteb_benchmark:N", title="Benchmark"),
        ),
    )
    line = (
        alt.Chart(frontier[frontier["input_usd_per_m"].gt(0)])
        .mark_line(strokeDash=[4, 3], color="gray", point=False)
        .encode(x="input_usd_per_m:Q", y="mteb_score:Q", order="input_usd_per_m:Q")
    )
    return alt.layer(line, points)


def provider_spread(frame: pd.DataFrame) -> alt.Chart:
    return _points(_columns(frame)).encode(
        x=alt.X("input_usd_per_m:Q", scale=alt.Scale(type="log"), axis=PRICE),
        y=alt.Y("provider:N", title=None, sort="ascending"),
        color=alt.Color("provider:N", legend=None),
        tooltip=_tooltip(alt.Tooltip("provider:N", title="Provider")),
    )


def cumulative_cost(rows: pd.DataFrame) -> alt.Chart:
    """rows: model, month, usd — total spent by the end of each month."""
    return (
        alt.Chart(rows)
        .mark_line(point=True)
        .encode(
            x=alt.X("month:Q", title="Month", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("usd:Q", title="Cumulative cost ($)", axis=alt.Axis(format="$,.2f")),
            color=alt.Color("model:N", title="Model"),
            tooltip=[alt.Tooltip("model:N"), alt.Tooltip("month:Q"), alt.Tooltip("usd:Q", format="$,.2f")],
        )
    )
