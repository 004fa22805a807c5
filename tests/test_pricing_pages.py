"""The pricing and calculator pages through AppTest, opened with URL parameters."""

from __future__ import annotations

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
