"""The pricing and calculator pages through AppTest, opened with URL parameters."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from components import calculator_view, chart_specs, pricing_view
from components.charts import SELECTION


def chart_rows(chart) -> list[dict]:
    """The data rows Streamlit sends with one Altair chart (Arrow-encoded datasets)."""
    return [
        row for dataset in chart.proto.datasets for row in pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    ]


def test_pricing_draws_five_charts_from_the_filtered_catalog(app_test) -> None:
    at = app_test("pages/pricing.py", provider="openai")
    assert not at.exception
    charts = at.get("vega_lite_chart")
    assert len(charts) == 5
    assert any("5 of 34 models" in c.value for c in at.caption)
    ids = {row["model_id"] for row in chart_rows(charts[0])}
    assert len(ids) == 5 and all(i.startswith("openai/") for i in ids)


def test_pricing_log_scale_lists_free_models_beside_the_chart(app_test) -> None:
    at = app_test("pages/pricing.py", log="true", provider="nvidia")
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Free (price 0, not on a log axis)" in captions
    assert "Nemotron" in captions


def test_models_hidden_behind_one_dot_are_named_under_their_chart(app_test) -> None:
    at = app_test("pages/pricing.py", provider="sentence-transformers")
    notes = [c.value for c in at.caption if c.value.startswith("**One dot, several models**")]
    assert len(notes) == 3  # context, dimensions and the provider spread each stack some of them
    assert "512 tokens at $0.005 / M: 5 models" in notes[0].replace("\\", "")
    assert "all\\-MiniLM\\-L6\\-v2" in notes[0]  # names are escaped markdown
    at = app_test("pages/pricing.py", provider="openai")
    assert not [c for c in at.caption if c.value.startswith("**One dot")]


def test_a_view_of_free_models_only_names_them_instead_of_drawing_empty_charts(app_test) -> None:
    at = app_test("pages/pricing.py", provider="nvidia")
    assert not at.get("vega_lite_chart")
    assert any("there is no price to chart" in i.value for i in at.info)
    captions = " ".join(c.value for c in at.caption)
    assert "Free (price 0, not on a log axis)" in captions and "Nemotron 3 Embed 1B" in captions


def test_calculator_ranks_models_for_a_shared_scenario(app_test) -> None:
    at = app_test("pages/calculator.py", docs="10000000", doc_tokens="500", changed="0", queries="0", months="1")
    assert not at.exception
    frame = at.dataframe[0].value
    # 34 models less two :batch rows (priced through their base), two rate-limited :free variants and three
    # models whose own max input (256 or 384 tokens) cannot take a 500-token document.
    assert len(frame) == 27
    assert not frame["link"].str.contains("%3Afree#").any()
    with_free = app_test("pages/calculator.py", docs="10000000", doc_tokens="500", free_variants="true").dataframe[0]
    assert with_free.value["link"].str.contains("%3Afree#").sum() == 2
    small = frame[frame["link"].str.contains("text-embedding-3-small#")].iloc[0]
    assert small["one_off"] == 100.0  # a number, shown as dollars by the column, sorted as an amount
    large = frame[frame["link"].str.contains("text-embedding-3-large#")].iloc[0]
    assert large["one_off"] == 325.0 and large["bulk"].startswith("model?id=openai%2Ftext-embedding-3-large%3Abatch#")
    assert frame["total"].is_monotonic_increasing  # ranked cheapest first
    assert at.dataframe[0].proto.columns  # the column config travels with the table
    assert '"format": "dollar"' in at.dataframe[0].proto.columns
    assert any("10,000,000 documents × 500 tokens = 5,000,000,000 tokens once" in c.value for c in at.caption)


def test_calculator_names_bad_inputs(app_test) -> None:
    at = app_test("pages/calculator.py", docs="0", months="0")
    assert not at.exception and not at.error
    # Out of the inputs' ranges: each dropped and named, and the defaults priced instead.
    warnings = " ".join(w.value.replace("\\", "") for w in at.warning)
    assert (
        "docs=0 was ignored: documents in the corpus" in warnings
        and "months=0 was ignored: horizon in months" in warnings
    )
    assert at.dataframe


def test_calculator_constraints_exclude_with_reasons(app_test) -> None:
    at = app_test("pages/calculator.py", input="image", min_dims="2048")
    assert not at.exception
    assert any(e.label.endswith(" models excluded, with the reason") for e in at.expander)
    excluded = next(d for d in at.dataframe if set(d.value.columns) == {"model", "reason"})
    assert json.loads(excluded.proto.columns)["model"]["label"] == "Model"
    ranked = at.dataframe[0].value
    assert all("gemini" in link or "nemotron" in link for link in ranked["link"])


def pick(at, chart_key: str, model_ids: list[str]):
    """Rerun as if those points were clicked in the chart with this key.

    AppTest has no public way to make a chart selection, so the widget state the browser would send
    ({"selection": {"picked": [...]}}) is added to the next run by hand.
    """
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    chart = next(c for c in at.get("vega_lite_chart") if chart_key in c.proto.id)  # keyed ids embed the key
    states = at._tree.get_widget_states()
    selection = {"selection": {"picked": [{"model_id": i} for i in model_ids]}}
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(selection)))
    return at._run(states)


def picked_section(at):
    """The pricing page's "Picked models" section."""
    return next(b for b in at.main.children.values() if str(getattr(b.proto, "id", "")).endswith("-picked_models"))


def picked_links(at) -> list[tuple[str, str, str]]:
    """(label, page, query string) of each page link in the picked models section."""
    return [(e.proto.label, e.proto.page, e.proto.query_string) for e in picked_section(at).page_link]


def test_clicked_bars_list_detail_links_and_compare(app_test) -> None:
    at = app_test("pages/pricing.py", provider="openai")
    at = pick(at, "bars", ["openai/text-embedding-3-small", "openai/text-embedding-3-large"])
    assert not at.exception
    assert picked_links(at) == [
        ("OpenAI\\: Text Embedding 3 Small", "model", "id=openai%2Ftext-embedding-3-small"),
        ("OpenAI\\: Text Embedding 3 Large", "model", "id=openai%2Ftext-embedding-3-large"),
        ("Compare 2 models", "compare", "ids=openai%2Ftext-embedding-3-small%2Copenai%2Ftext-embedding-3-large"),
    ]


def test_picked_models_are_listed_in_the_page_below_the_charts_not_in_a_sidebar_a_phone_hides(app_test) -> None:
    at = pick(app_test("pages/pricing.py", provider="openai"), "spread", ["openai/text-embedding-3-small"])
    assert not at.exception
    assert not at.sidebar.children  # the page has no sidebar at all
    section = picked_section(at)
    assert [s.value for s in section.subheader] == ["Picked models"]
    assert [e.proto.label for e in section.page_link] == ["OpenAI\\: Text Embedding 3 Small"]
    blocks = list(at.main.children.values())
    last_chart = max(i for i, b in enumerate(blocks) if b.type == "vega_lite_chart")
    assert blocks.index(section) > last_chart


def test_one_clicked_point_links_to_its_detail_page_without_compare(app_test) -> None:
    at = pick(app_test("pages/pricing.py"), "mteb", ["baai/bge-large-en-v1.5"])
    assert [(page, query) for _, page, query in picked_links(at)] == [("model", "id=baai%2Fbge-large-en-v1.5")]


def test_nothing_clicked_says_how_to_pick(app_test) -> None:
    at = app_test("pages/pricing.py")
    assert not picked_links(at)
    assert any("Click points or bars" in c.value for c in picked_section(at).caption)
    assert not at.sidebar.children


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def live(api, monkeypatch, *extra: dict) -> None:
    """Serve the snapshot plus extra records from the loopback API, as the live source."""
    api.records = [*api.records, *extra]
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)


def test_variable_price_models_are_named_even_on_the_linear_chart(app_test, api, monkeypatch) -> None:
    router = {**api.records[0], "id": "openrouter/auto-embed", "name": "Auto Embed", "pricing": {"prompt": "-1"}}
    live(api, monkeypatch, router)
    at = app_test("pages/pricing.py")
    assert not at.exception
    assert "openrouter/auto-embed" not in {row["model_id"] for row in chart_rows(at.get("vega_lite_chart")[0])}
    assert "Variable or unknown price, not plotted:** Auto Embed" in captions(at)


def test_models_without_dimensions_are_named_beside_the_dimension_chart(app_test) -> None:
    at = app_test("pages/pricing.py", provider="voyageai")
    expected = "No default dimensions in the model facts, not plotted:** VoyageAI by MongoDB\\: voyage\\-code\\-4"
    assert expected in captions(at)


def mteb_chart(at):
    return next(c for c in at.get("vega_lite_chart") if "mteb" in c.proto.id)


def test_the_mteb_chart_opens_on_the_benchmark_that_plots_the_most_models(app_test) -> None:
    at = app_test("pages/pricing.py")
    assert not at.exception
    picker = at.selectbox(key="benchmark")
    assert picker.value == "MTEB English v1 avg (56 datasets)"
    assert picker.options == sorted(picker.options)  # offered alphabetically all the same
    plotted = {row["model_id"] for row in chart_rows(mteb_chart(at))}
    assert len(plotted) == 7 and len({i.split("/")[0] for i in plotted}) == 4
    openai = app_test("pages/pricing.py", provider="openai").selectbox(key="benchmark")
    assert openai.value == "MTEB English avg (OpenAI launch post)"  # the most among the models shown


def test_a_benchmark_picked_in_the_widget_stays_picked(app_test) -> None:
    at = app_test("pages/pricing.py")
    at.selectbox(key="benchmark").set_value("MTEB English avg (OpenAI launch post)").run()
    at.toggle(key="log").set_value(True).run()
    assert at.selectbox(key="benchmark").value == "MTEB English avg (OpenAI launch post)"
    assert {row["model_id"].split("/")[0] for row in chart_rows(mteb_chart(at))} == {"openai"}


def test_benchmark_from_the_url_picks_the_mteb_chart(app_test) -> None:
    at = app_test("pages/pricing.py", benchmark="MTEB(Multilingual) mean (task)")
    assert not at.exception
    mteb = next(c for c in at.get("vega_lite_chart") if "mteb" in c.proto.id)
    # Qwen3's source dates its score ("as of 2025-06-05"); the benchmark is the same, so it plots here too.
    assert {row["model_id"] for row in chart_rows(mteb)} == {"google/gemini-embedding-001", "qwen/qwen3-embedding-8b"}
    assert "(1 of 2 scored on this benchmark" in captions(at)  # Qwen3 8B scores higher for less


def test_a_free_scored_model_is_named_as_setting_the_frontier(app_test, api, monkeypatch) -> None:
    base = next(r for r in api.records if r["id"] == "baai/bge-large-en-v1.5")
    live(api, monkeypatch, {**base, "id": "baai/bge-large-en-v1.5:free", "pricing": {"prompt": "0", "completion": "0"}})
    at = app_test("pages/pricing.py", benchmark="MTEB English v1 avg (56 datasets)")
    assert not at.exception
    text = captions(at)
    assert "On the frontier at \\$0, so no paid model scoring below 64.23 is on it" in text


def test_calculator_explains_link_values_it_could_not_use(app_test) -> None:
    at = app_test("pages/calculator.py", docs="-5", doc_tokens="512.5")
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "docs\\=\\-5 was ignored" in warnings and "read as 512" in warnings
    assert at.number_input(key="docs").value == 1_000_000 and at.number_input(key="doc_tokens").value == 512
    assert at.dataframe  # the scenario still runs on what could be read


def test_calculator_rejects_contradicting_dimension_limits(app_test) -> None:
    at = app_test("pages/calculator.py", min_dims="2048", max_dims="512")
    assert "min dimensions (2,048) is above max dimensions (512)" in " ".join(e.value for e in at.error)
    assert not at.dataframe


def test_calculator_shows_index_size_and_what_reduced_dimensions_save(app_test) -> None:
    at = app_test("pages/calculator.py", docs="1000000", providers="openai")
    frame = at.dataframe[0].value
    small = frame[frame["link"].str.contains("text-embedding-3-small#")].iloc[0]
    assert small["index"] == "5.72 GiB"
    assert small["reduced"] == "256 dims: 976.56 MiB (\u221283%)"
    bge = app_test("pages/calculator.py", providers="baai").dataframe[0]
    assert bge.value["reduced"].isna().all()  # fixed sizes only: shown as the table's empty mark, explained
    assert (
        bge.proto.placeholder == "\u2014"
        and "\u2014: no smaller size" in json.loads(bge.proto.columns)["reduced"]["help"]
    )


def test_the_calculators_ranking_pins_short_model_names_with_the_total_beside_them(app_test) -> None:
    table = app_test("pages/calculator.py").dataframe[0]
    columns = json.loads(table.proto.columns)
    # A phone shows the pinned name and the next column before any scrolling; a large name column was all it showed.
    assert list(table.proto.column_order)[:2] == ["link", "total"]
    assert columns["link"]["pinned"] is True and columns["link"]["width"] in ("small", "medium")
    assert columns["total"]["type_config"]["format"] == "dollar"  # a number, so a header click sorts by amount
    first = table.value.iloc[0]
    assert first["link"].endswith("#Embed%20V1%200.6B")  # the name without its "Perplexity: " prefix
    assert first["provider"] == "perplexity"  # which the Provider column gives back


def test_the_ranking_names_each_models_provider(app_test) -> None:
    frame = app_test("pages/calculator.py").dataframe[0].value
    assert frame["provider"].notna().all()
    by_link = dict(zip(frame["link"], frame["provider"], strict=True))
    assert by_link["model?id=sentence-transformers%2Fparaphrase-minilm-l6-v2#paraphrase-MiniLM-L6-v2"] == (
        "sentence-transformers"
    )
    assert set(frame["provider"]) >= {"openai", "baai", "intfloat", "google"}


def test_batch_pricing_is_named_plainly_and_links_to_the_batch_id(app_test) -> None:
    table = app_test("pages/calculator.py", providers="openai").dataframe[0]
    frame = table.value
    batch = frame[frame["bulk"].notna()]
    assert sorted(batch["bulk"]) == [
        "model?id=openai%2Ftext-embedding-3-large%3Abatch#batch%20variant",
        "model?id=openai%2Ftext-embedding-ada-002%3Abatch#batch%20variant",
    ]
    assert frame.loc[frame["link"].str.contains("text-embedding-3-small#"), "bulk"].isna().all()
    column = json.loads(table.proto.columns)["bulk"]
    assert column["type_config"] == {"type": "link", "display_text": "#(.+)$"}  # shows "batch variant"
    assert "\u2014: at the model's own price" in column["help"]  # what an empty cell means
    assert "bulk" in table.proto.column_order


def test_without_batch_prices_the_batch_column_is_left_out(app_test) -> None:
    for query in ({"use_batch": "false"}, {"providers": "baai"}):
        table = app_test("pages/calculator.py", **query).dataframe[0]
        assert table.value["bulk"].isna().all()
        assert "bulk" not in table.proto.column_order
        assert list(table.proto.column_order)[:2] == ["link", "total"]


def test_the_batch_toggle_says_what_batch_variants_are_and_what_it_prices_with_them(app_test) -> None:
    help_text = app_test("pages/calculator.py").toggle(key="use_batch").help
    assert ":batch" in help_text and "lower price" in help_text and "bulk" in help_text
    assert "corpus and its updates" in help_text and "queries always at the model's own price" in help_text


@pytest.fixture(autouse=True)
def forget_shared_pages() -> None:
    """Pages share specs, data and results across sessions; each test starts without them."""
    for memo in (chart_specs._specs, pricing_view._data, pricing_view._parts, calculator_view._shared):
        memo.clear()


@pytest.fixture
def spec_builds(monkeypatch) -> list[object]:
    """The charts turned into specs (Altair's to_dict and validation) while the test runs."""
    built: list[object] = []
    real = chart_specs.vega_lite_spec
    monkeypatch.setattr(chart_specs, "vega_lite_spec", lambda chart: built.append(chart) or real(chart))
    return built


def test_a_rerun_reuses_every_chart_spec_and_clicks_still_pick(app_test, spec_builds) -> None:
    at = app_test("pages/pricing.py", provider="openai")
    assert len(spec_builds) == 5
    at.run()
    at = pick(at, "bars", ["openai/text-embedding-3-small"])
    assert not at.exception
    assert len(spec_builds) == 5
    assert [(page, query) for _, page, query in picked_links(at)] == [("model", "id=openai%2Ftext-embedding-3-small")]
    assert len(at.get("vega_lite_chart")) == 5


def test_a_changed_setting_builds_only_the_charts_it_changes(app_test, spec_builds) -> None:
    at = app_test("pages/pricing.py", provider="openai")
    at.toggle(key="log").set_value(True).run()
    assert len(spec_builds) == 6  # the bars only
    bars = next(c for c in at.get("vega_lite_chart") if "bars" in c.proto.id)
    assert json.loads(bars.proto.spec)["encoding"]["x"]["scale"]["type"] == "log"
    at.button_group(key="provider").set_value(["openai", "baai"]).run()
    assert len(spec_builds) == 11  # new filters, new data: every chart
    assert {row["model_id"].split("/")[0] for row in chart_rows(at.get("vega_lite_chart")[0])} == {"openai", "baai"}
    at.button_group(key="provider").set_value(["openai"]).run()
    assert len(spec_builds) == 11  # back to filters seen a moment ago


def altair_and_cached(chart_name: str) -> None:
    """AppTest script: one catalog chart drawn by st.altair_chart, then from its cached spec."""
    import copy

    import streamlit as st

    from components import charts
    from components.chart_specs import draw_chart, vega_lite_spec
    from explorer.catalog import snapshot_catalog
    from explorer.charting import benchmarks_in, split_for_log_axis
    from explorer.facts import with_facts

    frame = with_facts(snapshot_catalog().frame)
    providers = sorted(frame["provider"].unique())
    plottable = split_for_log_axis(frame).plottable
    chart = {
        "bars": lambda: charts.price_bars(frame, True, providers),
        "mteb": lambda: charts.price_vs_mteb(plottable, benchmarks_in(frame)[0], providers),
        "spread": lambda: charts.provider_spread(plottable, providers),
    }[chart_name]()
    st.altair_chart(chart, on_select="rerun", key="altair", width="stretch")
    spec = vega_lite_spec(chart)
    before = copy.deepcopy(spec)
    draw_chart(spec, key="cached", on_select="rerun")
    draw_chart(spec, key="again", on_select="rerun")
    st.caption("unchanged" if spec == before else "changed")


@pytest.mark.parametrize("chart_name", ["bars", "mteb", "spread"])
def test_a_cached_spec_sends_what_st_altair_chart_sends(chart_name: str) -> None:
    at = AppTest.from_function(altair_and_cached, args=(chart_name,)).run()
    assert not at.exception
    altair, cached, again = (c.proto for c in at.get("vega_lite_chart"))
    assert cached.spec == altair.spec == again.spec
    assert [(d.name, d.data.data) for d in cached.datasets] == [(d.name, d.data.data) for d in altair.datasets]
    assert (
        (cached.theme, list(cached.selection_mode))
        == (altair.theme, list(altair.selection_mode))
        == (
            "streamlit",
            [SELECTION],
        )
    )
    assert at.caption[0].value == "unchanged"  # drawing twice left the shared spec as it was


def test_calculator_reranks_only_when_the_scenario_changes(app_test, monkeypatch) -> None:
    ranked: list[object] = []
    real = calculator_view.rank_models
    monkeypatch.setattr(calculator_view, "rank_models", lambda *args: ranked.append(args) or real(*args))
    at = app_test("pages/calculator.py", months="3")
    at.run()
    assert len(ranked) == 1
    at.number_input(key="docs").set_value(2_000_000).run()
    assert len(ranked) == 2
    assert any("2,000,000 documents" in c.value for c in at.caption)


def test_calculator_charts_the_cheapest_five_month_by_month(app_test) -> None:
    at = app_test("pages/calculator.py", months="3", providers="openai")
    (chart,) = at.get("vega_lite_chart")
    rows = chart_rows(chart)
    assert len({row["model"] for row in rows}) == 3  # OpenAI's three models, fewer than five
    assert sorted({row["month"] for row in rows}) == [0, 1, 2, 3] and len(rows) == 12
    assert any(s.value.startswith("Cumulative cost, cheapest 3") for s in at.subheader)


def test_calculator_draws_tied_models_as_one_line_and_names_them_all_under_the_chart(app_test) -> None:
    at = app_test("pages/calculator.py")  # the default scenario: five models at $5.20, behind the cheapest
    (chart,) = at.get("vega_lite_chart")
    lines = sorted({row["model"] for row in chart_rows(chart)})
    assert lines == [
        "BAAI: bge-base-en-v1.5 = Intfloat: E5-Base-v2 = Sentence Transformers: multi-qa-mpnet-base-dot-v1 = "
        "Sentence Transformers: paraphrase-MiniLM-L6-v2 (and 1 more at the same cost)",
        "Perplexity: Embed V1 0.6B",
    ]
    assert len(chart_rows(chart)) == 2 * 13  # months 0 to 12, one line each
    (tied,) = [c.value for c in at.caption if c.value.startswith("**Models with the same cost share one line")]
    assert "Intfloat\\: E5\\-Base\\-v2" in tied  # API text, escaped for markdown
    ranked = at.dataframe[0].value
    assert ranked["total"].round(6).eq(5.2).sum() == 5  # the table keeps a row per model


def test_models_tied_for_cheapest_are_all_named_as_the_cheapest(app_test) -> None:
    at = app_test("pages/calculator.py", free_variants="true")
    (success,) = at.success
    # Both free variants cost $0; naming only the first would call it cheaper than the other.
    assert success.value.startswith(
        "Cheapest, tied: **NVIDIA\\: Llama Nemotron Embed VL 1B V2 \\(free\\)** and "
        "**NVIDIA\\: Nemotron 3 Embed 1B \\(free\\)** at $0"
    )


def test_clear_all_filters_is_usable_while_a_filter_is_set(app_test) -> None:
    at = app_test("pages/pricing.py", provider="openai")
    assert "5 of 34 models" in " ".join(c.value for c in at.caption)
    assert at.button(key="clear_filters").disabled is False
    at.button(key="clear_filters").click().run()
    assert "34 of 34 models" in " ".join(c.value for c in at.caption)
    # Still there, so the next filter set moves nothing, but with nothing left to clear.
    assert at.button(key="clear_filters").disabled is True


def test_a_model_without_published_default_dimensions_says_why_it_has_no_index_size(app_test) -> None:
    at = app_test("pages/calculator.py", docs="1000", doc_tokens="100", changed="0", queries="0", months="1")
    table = at.dataframe[0].value
    index = dict(zip(table["link"].str.split("#").str[0], table["index"], strict=True))
    assert index["model?id=voyageai%2Fvoyage-code-4"] == "no default size published"
    assert index["model?id=openai%2Ftext-embedding-3-small"].endswith("MiB")
