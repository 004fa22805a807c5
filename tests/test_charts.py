"""Chart specs, inspected without Streamlit: encodings, plotted rows, nothing unplottable on a log axis."""

from __future__ import annotations

import pandas as pd
import pytest

from components import charts
from explorer.catalog import build_catalog, snapshot_catalog
from explorer.charting import (
    CHART_COLUMNS,
    benchmark_frontier,
    benchmarks_in,
    default_benchmark,
    log_domain,
    pareto_frontier,
    plotted_per_benchmark,
    pricing_data,
    scored_on,
    shared_points,
    split_for_log_axis,
)
from explorer.facts import with_facts
from explorer.filters import CatalogFilters, apply_filters
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


def test_wide_legends_sit_below_the_plot_so_a_phone_keeps_room_for_the_bars() -> None:
    bars = charts.price_bars(FRAME, log_scale=False).to_dict()
    assert bars["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert bars["encoding"]["y"]["axis"]["labelLimit"] <= 200  # names cut before they take a phone's width
    assert bars["encoding"]["color"]["legend"]["columns"] == 1  # under the plot, right of the names: one fits
    assert bars["height"] == {"step": charts.BAR_STEP}  # Vega sizes the chart: a few bars keep every name
    assert charts.legend_height(11) == 24 + 18 * 6  # two columns, so a phone shows every provider
    rows = pd.DataFrame({"model": ["a", "b"], "month": [0, 0], "usd": [1.0, 2.0]})
    cumulative = charts.cumulative_cost(rows).to_dict()
    assert cumulative["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert cumulative["height"] == charts.PLOT_HEIGHT + charts.AXIS_HEIGHT + charts.legend_height(2, columns=1)


def test_scatter_legends_sit_below_the_plot_too_and_the_chart_grows_to_hold_them() -> None:
    plottable = split_for_log_axis(FRAME).plottable
    providers = plottable["provider"].nunique()
    for chart in (charts.price_vs_context(plottable), charts.price_vs_dimensions(plottable)):
        spec = chart.to_dict()
        assert spec["encoding"]["color"]["legend"]["orient"] == "bottom"
        assert spec["height"] >= charts.PLOT_HEIGHT + charts.AXIS_HEIGHT + charts.legend_height(providers)
    mteb = charts.price_vs_mteb(plottable, benchmarks_in(FRAME)[0]).to_dict()
    assert mteb["layer"][1]["encoding"]["color"]["legend"]["orient"] == "bottom" and mteb["height"] > charts.PLOT_HEIGHT


def test_dimension_chart_sizes_points_by_float32_index() -> None:
    rows = plotted(charts.price_vs_dimensions(split_for_log_axis(FRAME).plottable))
    small = next(r for r in rows if r["model_id"] == "openai/text-embedding-3-small")
    assert small["dimensions"] == 1536
    assert abs(small["vector_gib"] - 1536 * 4 * 1_000_000 / 2**30) < 1e-9
    spec = charts.price_vs_dimensions(split_for_log_axis(FRAME).plottable).to_dict()
    # Above the plot: below it, beside the provider legend, it ran off a phone's right edge.
    assert spec["encoding"]["size"]["legend"]["orient"] == "top"


def test_mteb_chart_holds_one_benchmark_only() -> None:
    benchmark = "MTEB English v1 avg (56 datasets)"
    chart = charts.price_vs_mteb(split_for_log_axis(FRAME).plottable, benchmark)
    layers = chart.to_dict()["layer"]
    rows = plotted(chart)
    assert rows and {r["model_id"] for r in rows} <= set(FRAME[FRAME["mteb_benchmark"].eq(benchmark)]["model_id"])
    assert layers[1]["encoding"]["y"]["title"] == ["MTEB score", benchmark]  # two lines, neither cut
    # Four significant digits, trailing zeros dropped: 64.6 and 64.56, where Vega's own read "64.600000".
    assert layers[1]["encoding"]["y"]["axis"]["format"] == ".4~r"


def test_pareto_frontier_keeps_only_unbeaten_models() -> None:
    frame = pd.DataFrame(
        {"model_id": list("abcde"), "price": [1.0, 2.0, 2.0, 3.0, 0.5], "score": [60.0, 65.0, 64.0, 63.0, 50.0]}
    )
    assert list(pareto_frontier(frame, "price", "score")["model_id"]) == ["e", "a", "b"]


def layer_rows(chart, layer: int) -> list[dict]:
    """The rows one layer of a layered chart draws."""
    spec = chart.to_dict()
    return spec["datasets"][spec["layer"][layer]["data"]["name"]]


def scored_frame() -> pd.DataFrame:
    """Five models on one benchmark: a free one scores 63, so paid models below 63 are beaten."""
    return pd.DataFrame(
        {
            "model_id": ["free/a", "paid/b", "paid/c", "paid/d", "paid/e", "other/f", "router/g"],
            "name": ["A", "B", "C", "D", "E", "F", "G"],
            "provider": ["free", "paid", "paid", "paid", "paid", "other", "router"],
            "input_usd_per_m": [0.0, 0.01, 0.02, 0.05, 0.13, 0.001, float("nan")],
            "mteb_score": [63.0, 62.0, 64.0, 63.5, 66.0, 99.0, 70.0],
            "mteb_benchmark": ["v1", "v1", "v1", "v1", "v1", "multilingual", "v1"],
        }
    )


def test_pareto_frontier_keeps_exact_twins_and_skips_missing_values() -> None:
    frame = pd.DataFrame({"model_id": list("abcd"), "price": [1.0, 1.0, 2.0, None], "score": [60.0, 60.0, 59.0, 99.0]})
    assert list(pareto_frontier(frame, "price", "score")["model_id"]) == ["a", "b"]


def test_mteb_frontier_counts_a_free_model_but_plots_no_zero_or_variable_price() -> None:
    chart = charts.price_vs_mteb(scored_frame(), "v1")
    line = layer_rows(chart, 0)
    points = layer_rows(chart, 1)
    # Frontier A (free, 63), C (0.02, 64), E (0.13, 66); A beats B, C beats D. Only C and E can be drawn.
    assert [r["model_id"] for r in line] == ["paid/c", "paid/e"]
    assert {r["model_id"] for r in points} == {"paid/b", "paid/c", "paid/d", "paid/e"}
    assert all(r["input_usd_per_m"] > 0 for r in line + points)
    assert "other/f" not in {r["model_id"] for r in points}  # another benchmark never shares the axis


def test_benchmarks_offered_are_those_with_a_priced_score() -> None:
    assert benchmarks_in(scored_frame()) == ["multilingual", "v1"]
    assert set(scored_on(scored_frame(), "v1")["model_id"]) == {"free/a", "paid/b", "paid/c", "paid/d", "paid/e"}


def benchmark_rows(*rows: tuple[str, float | None, float | None]) -> pd.DataFrame:
    """One model per (benchmark, price, score) row."""
    return pd.DataFrame(
        {
            "model_id": [f"m/{i}" for i in range(len(rows))],
            "mteb_benchmark": [b for b, _, _ in rows],
            "input_usd_per_m": [p for _, p, _ in rows],
            "mteb_score": [s for _, _, s in rows],
        }
    )


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (scored_frame(), "v1"),  # four paid models on v1, one on multilingual
        (benchmark_rows(("b", 0.1, 60.0), ("a", 0.1, 61.0)), "a"),  # a tie goes to the first alphabetically
        (benchmark_rows(("b", 0.1, 60.0), ("b", 0.2, 61.0), ("a", 0.1, 61.0)), "b"),  # more beats alphabetical
        # Free and variable prices sit off the log axis: a benchmark of them plots less than it scores.
        (benchmark_rows(("a", 0.0, 60.0), ("a", 0.0, 61.0), ("a", None, 62.0), ("b", 0.1, 60.0)), "b"),
        (benchmark_rows(("a", 0.0, 60.0)), "a"),  # nothing plottable still opens on what is offered
        (benchmark_rows(("a", 0.1, None)), None),  # no score: no benchmark to open on
    ],
)
def test_the_mteb_chart_opens_on_the_benchmark_that_plots_the_most_models(frame, expected) -> None:
    assert default_benchmark(frame) == expected
    assert expected is None or expected in benchmarks_in(frame)


def test_benchmarks_are_counted_by_the_paid_scored_models_a_log_axis_plots() -> None:
    assert plotted_per_benchmark(scored_frame()) == {"v1": 4, "multilingual": 1}


@pytest.mark.parametrize(
    ("providers", "expected"),
    [
        ((), "MTEB English v1 avg (56 datasets)"),  # seven models from four providers, not OpenAI's own post
        (("openai",), "MTEB English avg (OpenAI launch post)"),
        (("google",), "MTEB(Multilingual) mean (task)"),
    ],
)
def test_the_catalogs_default_benchmark_follows_the_filtered_models(providers, expected) -> None:
    data = pricing_data(snapshot_catalog().frame, CatalogFilters(providers=providers))
    assert data.default_benchmark == expected
    assert data.benchmarks == sorted(data.benchmarks)  # still listed alphabetically, to be found by name


def test_every_catalog_chart_has_name_id_price_and_its_plotted_fields_in_the_tooltip() -> None:
    plottable = split_for_log_axis(FRAME).plottable
    benchmark = benchmarks_in(FRAME)[0]
    cases = [
        (charts.price_bars(FRAME, log_scale=False), None, {"provider"}),
        (charts.price_vs_context(plottable), None, {"context_length"}),
        (charts.price_vs_dimensions(plottable), None, {"dimensions", "vector_gib"}),
        (charts.price_vs_mteb(plottable, benchmark), 1, {"mteb_score", "mteb_benchmark"}),
        (charts.provider_spread(plottable), None, {"provider"}),
    ]
    for chart, layer, extra in cases:
        spec = chart.to_dict()
        encoding = spec["layer"][layer]["encoding"] if layer is not None else spec["encoding"]
        fields = {t["field"] for t in encoding["tooltip"]}
        assert fields >= {"name", "model_id", "input_usd_per_m", *extra}
        assert {encoding["x"]["field"], encoding["y"]["field"]} <= fields


def test_every_catalog_chart_offers_the_named_click_selection_on_model_id() -> None:
    plottable = split_for_log_axis(FRAME).plottable
    for chart in (
        charts.price_bars(FRAME, log_scale=True),
        charts.price_vs_context(plottable),
        charts.price_vs_dimensions(plottable),
        charts.provider_spread(plottable),
    ):
        param = chart.to_dict()["params"][0]
        assert param["name"] == charts.SELECTION
        assert param["select"]["fields"] == ["model_id"] and param["select"]["on"] == "click"
    mteb = charts.price_vs_mteb(plottable, benchmarks_in(FRAME)[0]).to_dict()
    assert any(p["name"] == charts.SELECTION for p in mteb.get("params", []) + mteb["layer"][1].get("params", []))


def test_cumulative_cost_chart_draws_one_line_per_model_over_the_months() -> None:
    rows = pd.DataFrame({"model": ["A", "A", "B", "B"], "month": [0, 1, 0, 1], "usd": [100.0, 110.0, 50.0, 80.0]})
    spec = charts.cumulative_cost(rows).to_dict()
    assert spec["mark"]["type"] == "line"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["y"]["field"]) == ("month", "usd")
    assert spec["encoding"]["color"]["field"] == "model"
    assert len(plotted(charts.cumulative_cost(rows))) == 4


def test_log_price_bars_start_at_the_axis_left_end_below_every_price() -> None:
    # A bar's default start is 0, which a log axis cannot hold: Vega then draws no bar at all.
    plottable = split_for_log_axis(FRAME).plottable
    spec = charts.price_bars(plottable, log_scale=True).to_dict()
    assert spec["encoding"]["x"]["scale"]["type"] == "log" and spec["encoding"]["x2"]["field"] == "bar_start"
    rows = plotted(charts.price_bars(plottable, log_scale=True))
    starts = {row["bar_start"] for row in rows}
    assert starts == {spec["encoding"]["x"]["scale"]["domain"][0]}
    assert 0 < min(starts) < min(row["input_usd_per_m"] for row in rows)
    assert {row["bar_start"] for row in plotted(charts.price_bars(FRAME, log_scale=False))} == {0.0}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.02, 0.065, 0.13], (0.016, 0.1625)),
        ([0.0, 0.005, float("nan"), 0.01], (0.004, 0.0125)),  # free and unknown prices are not on the axis
        ([0.13], (0.104, 0.1625)),  # one value still gets an axis of some width
        ([0.0, float("nan")], (1.0, 10.0)),
        ([512, 8192, 32768], (409.6, 40960.0)),
    ],
)
def test_a_log_axis_fits_its_values_with_a_little_padding(values: list[float], expected: tuple[float, float]) -> None:
    assert log_domain(pd.Series(values, dtype="float64")) == pytest.approx(expected)


def test_the_mteb_price_axis_ends_just_past_the_dearest_model_not_at_the_next_power_of_ten() -> None:
    # OpenAI's launch-post scores: the dearest model is $0.13, which a "nice" log axis ran out to $1.
    chart = charts.price_vs_mteb(FRAME, "MTEB English avg (OpenAI launch post)")
    prices = [row["input_usd_per_m"] for row in layer_rows(chart, 1)]
    assert max(prices) == 0.13
    for layer in chart.to_dict()["layer"]:  # the frontier line shares the points' axis
        scale = layer["encoding"]["x"]["scale"]
        low, high = scale["domain"]
        assert scale["type"] == "log" and scale["nice"] is False
        assert min(prices) / 1.5 <= low < min(prices) and max(prices) < high <= max(prices) * 1.5


def log_axes(chart) -> list[tuple[str, dict]]:
    """(field, scale) of every log axis a chart or its layers draw."""
    spec = chart.to_dict()
    encodings = [layer["encoding"] for layer in spec.get("layer", [spec])]
    return [
        (encoding[channel]["field"], encoding[channel]["scale"])
        for encoding in encodings
        for channel in ("x", "y")
        if encoding.get(channel, {}).get("scale", {}).get("type") == "log"
    ]


def log_price_charts() -> list:
    """Every pricing-page chart with a log price axis, drawn from the snapshot."""
    plottable = split_for_log_axis(FRAME).plottable
    return [
        charts.price_bars(plottable, log_scale=True),
        charts.price_vs_context(plottable),
        charts.price_vs_dimensions(plottable),
        charts.price_vs_mteb(plottable, benchmarks_in(FRAME)[0]),
        charts.provider_spread(plottable),
    ]


def test_every_log_axis_on_the_pricing_page_fits_the_values_it_draws() -> None:
    for chart in log_price_charts():
        axes = log_axes(chart)
        assert "input_usd_per_m" in {field for field, _ in axes}
        rows = plotted(chart)
        for field, scale in axes:
            values = [row[field] for row in rows if row.get(field) is not None and row[field] > 0]
            low, high = scale["domain"]
            assert scale["nice"] is False
            assert min(values) / 1.5 <= low < min(values) and max(values) < high <= max(values) * 1.5


def test_a_provider_keeps_its_colour_whatever_else_a_chart_shows() -> None:
    providers = sorted(FRAME["provider"].unique())

    def colours(chart) -> dict[str, str]:
        scale = chart.to_dict()["encoding"]["color"]["scale"]
        return dict(zip(scale["domain"], scale["range"], strict=True))

    everyone = colours(charts.price_bars(FRAME, False, providers))
    openai_only = colours(charts.price_bars(FRAME[FRAME["provider"].eq("openai")], False, providers))
    paid = colours(charts.price_vs_context(split_for_log_axis(FRAME).plottable, providers))
    assert openai_only == {"openai": everyone["openai"]}
    assert all(everyone[p] == colour for p, colour in paid.items())
    assert len(set(everyone.values())) == len(everyone) == 11  # eleven providers, eleven colours


def test_pricing_data_holds_the_filtered_rows_with_their_facts_in_the_chart_columns_only() -> None:
    catalog = snapshot_catalog().frame
    filters = CatalogFilters(providers=("openai", "nvidia"))
    data = pricing_data(catalog, filters)
    expected = with_facts(apply_filters(catalog, filters))[CHART_COLUMNS]
    pd.testing.assert_frame_equal(data.shown, expected)
    assert data.benchmarks == benchmarks_in(expected)
    assert data.names["openai/text-embedding-3-small"] == "OpenAI: Text Embedding 3 Small"
    assert set(data.names) == set(expected["model_id"])
    assert set(data.split.free["model_id"]) == {
        "nvidia/nemotron-3-embed-1b:free",
        "nvidia/llama-nemotron-embed-vl-1b-v2:free",
    }
    # Linear bars show free models at 0; log bars leave them to the caption beside the chart.
    assert set(data.split.free["model_id"]) <= set(data.bars(log_scale=False)["model_id"])
    assert list(data.bars(log_scale=True)["model_id"]) == list(data.split.plottable["model_id"])


def test_benchmark_frontier_is_the_frontier_of_the_models_scored_on_it() -> None:
    board = benchmark_frontier(scored_frame(), "v1")
    assert set(board.scored["model_id"]) == {"free/a", "paid/b", "paid/c", "paid/d", "paid/e"}
    assert list(board.frontier["model_id"]) == ["free/a", "paid/c", "paid/e"]


def test_every_price_axis_keeps_significant_digits_so_a_tiny_price_never_ticks_as_zero() -> None:
    for chart in [*log_price_charts(), charts.price_bars(split_for_log_axis(FRAME).plottable, log_scale=False)]:
        spec = chart.to_dict()
        layers = spec.get("layer", [spec])
        formats = [
            channel["axis"]["format"]
            for layer in layers
            for channel in layer.get("encoding", {}).values()
            if isinstance(channel, dict) and channel.get("field") == "input_usd_per_m" and "axis" in channel
        ]
        assert formats and all(f == "$.2~r" for f in formats)


def test_models_sharing_one_dot_are_found_most_crowded_first_and_free_ones_left_out() -> None:
    frame = pd.DataFrame(
        {
            "name": ["a", "b", "c", "d", "e", "f", "g"],
            "context_length": [512, 512, 512, 8192, 8192, 512, None],
            "input_usd_per_m": [0.005, 0.005, 0.005, 0.02, 0.02, 0.0, 0.005],
        }
    )
    groups = shared_points(frame, "context_length")
    assert [(g.x, g.y, g.names) for g in groups] == [(512, 0.005, ("a", "b", "c")), (8192, 0.02, ("d", "e"))]
    assert shared_points(frame.iloc[[0, 3]], "context_length") == []


def test_the_real_catalog_stacks_eight_small_models_on_one_context_dot() -> None:
    groups = shared_points(split_for_log_axis(FRAME).plottable, "context_length")
    assert (groups[0].x, groups[0].y, len(groups[0].names)) == (512, 0.005, 8)


def test_the_bundled_multilingual_scores_chart_together_whatever_date_a_source_gives() -> None:
    counts = plotted_per_benchmark(FRAME)
    assert counts["MTEB(Multilingual) mean (task)"] == 2  # Gemini Embedding 001 and Qwen3 Embedding 8B
    assert not any("as of" in benchmark for benchmark in counts)
