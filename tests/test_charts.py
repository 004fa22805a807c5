"""Chart specs, inspected without Streamlit: encodings, plotted rows, nothing unplottable on a log axis."""

from __future__ import annotations

import pandas as pd

from components import charts
from explorer.catalog import build_catalog, snapshot_catalog
from explorer.charting import pareto_frontier, split_for_log_axis
from explorer.facts import with_facts
from tests.fake_openrouter import snapshot_records

FRAME = with_facts(snapshot_catalog().frame)


def with_variable_price() -> pd.DataFrame:
    records = snapshot_records()
    records.append({**records[0], "id": "openrouter/auto", "pricing": {"prompt": "-1", "completion": "-1"}})
    return with_facts(build_catalog(records, source="live", as_of=snapshot_catalog().as_of).frame)


def plotted(chart) -> list[dict]:
    spec = chart.to_dict()
    datasets = spec.get("datasets", {})
    return [row for rows in datasets.values() for row in rows]


def test_free_and_variable_models_are_set_aside_for_log_axes() -> None:
    split = split_for_log_axis(with_variable_price())
    assert set(split.free["model_id"]) == {
        "nvidia/nemotron-3-embed-1b:free",
        "nvidia/llama-nemotron-embed-vl-1b-v2:free",
    }
    assert list(split.unpriced["model_id"]) == ["openrouter/auto"]
    assert (split.plottable["input_usd_per_m"] > 0).all()


def test_log_charts_plot_no_zero_or_variable_price() -> None:
    split = split_for_log_axis(with_variable_price())
    for chart in (
        charts.price_vs_context(split.plottable),
        charts.price_vs_dimensions(split.plottable),
        charts.provider_spread(split.plottable),
        charts.price_bars(split.plottable, log_scale=True),
    ):
        prices = [row["input_usd_per_m"] for row in plotted(chart)]
        assert prices and all(p > 0 for p in prices)


def test_price_bars_encode_price_name_and_provider_with_tooltips() -> None:
    spec = charts.price_bars(FRAME, log_scale=False).to_dict()
    encoding = spec["encoding"]
    assert encoding["x"]["field"] == "input_usd_per_m" and encoding["x"]["scale"]["type"] == "linear"
    assert encoding["y"]["sort"]["field"] == "input_usd_per_m"
    assert encoding["color"]["field"] == "provider"
    assert {t["field"] for t in encoding["tooltip"]} >= {"name", "model_id", "input_usd_per_m"}
    assert spec["params"][0]["name"] == charts.SELECTION
    assert len(plotted(charts.price_bars(FRAME, False))) == 34


def test_dimension_chart_sizes_points_by_float32_index() -> None:
    rows = plotted(charts.price_vs_dimensions(split_for_log_axis(FRAME).plottable))
    small = next(r for r in rows if r["model_id"] == "openai/text-embedding-3-small")
    assert small["dimensions"] == 1536
    assert abs(small["vector_gib"] - 1536 * 4 * 1_000_000 / 2**30) < 1e-9


def test_mteb_chart_holds_one_benchmark_only() -> None:
    benchmark = "MTEB English v1 avg (56 datasets)"
    chart = charts.price_vs_mteb(split_for_log_axis(FRAME).plottable, benchmark)
    layers = chart.to_dict()["layer"]
    rows = plotted(chart)
    assert rows and {r["model_id"] for r in rows} <= set(FRAME[FRAME["mteb_benchmark"].eq(benchmark)]["model_id"])
    assert layers[1]["encoding"]["y"]["title"] == f"MTEB score ({benchmark})"


def test_pareto_frontier_keeps_only_unbeaten_models() -> None:
    frame = pd.DataFrame(
        {"model_id": list("abcde"), "price": [1.0, 2.0, 2.0, 3.0, 0.5], "score": [60.0, 65.0, 64.0, 63.0, 50.0]}
    )
    assert list(pareto_frontier(frame, "price", "score")["model_id"]) == ["e", "a", "b"]
