"""The pricing and calculator pages through AppTest, opened with URL parameters."""

from __future__ import annotations

import json

import pyarrow as pa


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


def test_calculator_ranks_models_for_a_shared_scenario(app_test) -> None:
    at = app_test("pages/calculator.py", docs="10000000", doc_tokens="500", changed="0", queries="0", months="1")
    assert not at.exception
    frame = at.dataframe[0].value
    assert len(frame) == 32
    small = frame[frame["link"].str.contains("text-embedding-3-small#")].iloc[0]
    assert small["one_off"] == "$100.00"
    large = frame[frame["link"].str.contains("text-embedding-3-large#")].iloc[0]
    assert large["one_off"] == "$325.00" and large["bulk"] == "openai/text-embedding-3-large:batch"
    assert any("10,000,000 documents × 500 tokens = 5,000,000,000 tokens once" in c.value for c in at.caption)


def test_calculator_names_bad_inputs(app_test) -> None:
    at = app_test("pages/calculator.py", docs="0", months="0")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "documents in the corpus" in errors and "horizon in months" in errors
    assert not at.dataframe


def test_calculator_constraints_exclude_with_reasons(app_test) -> None:
    at = app_test("pages/calculator.py", input="image", min_dims="2048")
    assert not at.exception
    assert any("excluded" in e.label for e in at.expander)
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


def sidebar_links(at) -> list[tuple[str, str, str]]:
    """(label, page, query string) of each page link in the sidebar."""
    return [(e.proto.label, e.proto.page, e.proto.query_string) for e in at.sidebar.page_link]


def test_clicked_bars_list_detail_links_and_compare(app_test) -> None:
    at = app_test("pages/pricing.py", provider="openai")
    at = pick(at, "bars", ["openai/text-embedding-3-small", "openai/text-embedding-3-large"])
    assert not at.exception
    assert sidebar_links(at) == [
        ("OpenAI\\: Text Embedding 3 Small", "model", "id=openai%2Ftext-embedding-3-small"),
        ("OpenAI\\: Text Embedding 3 Large", "model", "id=openai%2Ftext-embedding-3-large"),
        ("Compare 2 models", "compare", "ids=openai%2Ftext-embedding-3-small%2Copenai%2Ftext-embedding-3-large"),
    ]


def test_one_clicked_point_links_to_its_detail_page_without_compare(app_test) -> None:
    at = pick(app_test("pages/pricing.py"), "mteb", ["baai/bge-large-en-v1.5"])
    assert [(page, query) for _, page, query in sidebar_links(at)] == [("model", "id=baai%2Fbge-large-en-v1.5")]


def test_nothing_clicked_says_how_to_pick(app_test) -> None:
    at = app_test("pages/pricing.py")
    assert not sidebar_links(at)
    assert any("Click points or bars" in c.value for c in at.sidebar.caption)


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
    assert "Dimensions unknown, not plotted:** VoyageAI by MongoDB\\: voyage\\-code\\-4" in captions(at)


def test_benchmark_from_the_url_picks_the_mteb_chart(app_test) -> None:
    at = app_test("pages/pricing.py", benchmark="MTEB(Multilingual) mean (task)")
    assert not at.exception
    mteb = next(c for c in at.get("vega_lite_chart") if "mteb" in c.proto.id)
    assert {row["model_id"] for row in chart_rows(mteb)} == {"google/gemini-embedding-001"}
    assert "1 of 1 scored on this benchmark" in captions(at)


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
    assert small["reduced"] == "976.56 MiB at 256 dims (saves 83%)"
