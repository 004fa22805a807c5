"""Search, filters and summary on the catalog frame, without Streamlit."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from explorer.catalog import build_catalog, snapshot_catalog
from explorer.filters import (
    CatalogFilters,
    apply_filters,
    has_real_expiry,
    link_problems,
    summarise,
    unmatched_values,
    why_empty,
)
from tests.fake_openrouter import snapshot_records

FRAME = snapshot_catalog().frame


def ids(filters: CatalogFilters, frame: pd.DataFrame = FRAME) -> list[str]:
    return list(apply_filters(frame, filters)["model_id"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (CatalogFilters(q="text-embedding-3-small"), ["openai/text-embedding-3-small"]),
        (CatalogFilters(q="OPENAI SMALL"), ["openai/text-embedding-3-small"]),
        (CatalogFilters(q="matryoshka code"), ["voyageai/voyage-code-4"]),
        (CatalogFilters(q="no-such-thing"), []),
        (CatalogFilters(providers=("mistralai",)), ["mistralai/mistral-embed-2312", "mistralai/codestral-embed-2505"]),
        (
            CatalogFilters(providers=("openai",), show_batch=False),
            ["openai/text-embedding-ada-002", "openai/text-embedding-3-large", "openai/text-embedding-3-small"],
        ),
        (
            CatalogFilters(max_price=0.004),
            [
                "nvidia/nemotron-3-embed-1b:free",
                "perplexity/pplx-embed-v1-0.6b",
                "nvidia/llama-nemotron-embed-vl-1b-v2:free",
            ],
        ),
        (
            CatalogFilters(modalities=("image",), show_free=False),
            ["voyageai/voyage-multimodal-3.5", "google/gemini-embedding-2", "google/gemini-embedding-2-preview"],
        ),
        (
            CatalogFilters(min_context=32_001),
            ["nvidia/nemotron-3-embed-1b:free", "qwen/qwen3-embedding-8b", "qwen/qwen3-embedding-4b"],
        ),
    ],
)
def test_filters_select_the_right_models(filters: CatalogFilters, expected: list[str]) -> None:
    assert ids(filters) == expected


def test_min_input_holds_the_models_own_max_input_where_it_is_smaller_than_the_context() -> None:
    catalog_ids = ids(CatalogFilters())
    frame = snapshot_catalog().frame
    gemini = frame[frame["model_id"] == "google/gemini-embedding-001"].iloc[0]
    assert gemini["context_length"] >= 8192  # OpenRouter's figure; the model itself takes 2,048 tokens
    assert "google/gemini-embedding-001" in ids(CatalogFilters(min_context=2048))
    assert "google/gemini-embedding-001" not in ids(CatalogFilters(min_context=2049))
    shown = ids(CatalogFilters(min_context=500))
    assert "sentence-transformers/all-minilm-l6-v2" not in shown  # max input 256, context 512
    assert "sentence-transformers/all-minilm-l6-v2" in catalog_ids
    assert "openai/text-embedding-3-small" in shown


def test_hiding_free_models_hides_free_variants() -> None:
    shown = ids(CatalogFilters(show_free=False))
    assert len(shown) == 32
    assert not any(model_id.endswith(":free") for model_id in shown)


def test_max_price_never_admits_variable_prices() -> None:
    records = snapshot_records()[:2]
    records[1] = {**records[1], "id": "openrouter/auto", "pricing": {"prompt": "-1", "completion": "-1"}}
    frame = build_catalog(records, source="live", as_of=dt.datetime.now(dt.UTC)).frame
    assert "openrouter/auto" not in ids(CatalogFilters(max_price=1000.0), frame)
    assert "openrouter/auto" in ids(CatalogFilters(), frame)


def test_hide_expiring_keeps_far_future_placeholders() -> None:
    records = snapshot_records()[:3]
    records[0] = {**records[0], "expiration_date": "2026-12-01"}
    records[1] = {**records[1], "expiration_date": "2098-12-31"}
    frame = build_catalog(records, source="live", as_of=dt.datetime.now(dt.UTC)).frame
    assert list(has_real_expiry(frame["expiration_date"])) == [True, False, False]
    assert ids(CatalogFilters(hide_expiring=True), frame) == [records[1]["id"], records[2]["id"]]


def test_empty_result_names_the_filter_that_matches_nothing() -> None:
    filters = CatalogFilters(q="zzz", providers=("openai",))
    assert ids(filters) == []
    assert why_empty(FRAME, filters) == ["search"]


def test_summary_counts_and_cheapest_paid() -> None:
    summary = summarise(FRAME)
    assert summary.models == 34
    assert summary.providers == 11
    assert summary.cheapest_paid_id == "perplexity/pplx-embed-v1-0.6b"
    assert summary.cheapest_paid_usd_per_m == pytest.approx(0.004)
    assert summary.median_paid_usd_per_m == pytest.approx(0.02)


def test_summary_of_nothing_has_no_cheapest() -> None:
    summary = summarise(FRAME.iloc[0:0])
    assert summary.models == 0
    assert summary.cheapest_paid_id is None
    assert summary.median_paid_usd_per_m is None


PROVIDERS, MODALITIES = sorted(FRAME["provider"].unique()), ["image", "text"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": ["anything [at] all"], "max_price": ["0.02"], "min_context": ["1e3"], "free": ["FALSE"]}, []),
        ({"max_price": [""], "batch": [""], "provider": [""]}, []),  # empty means not set
        ({"max_price": ["abc"]}, ["max_price=abc was ignored"]),
        ({"max_price": ["-5"]}, ["max_price=-5 was ignored"]),
        ({"max_price": ["nan"]}, ["max_price=nan was ignored"]),
        ({"max_price": ["inf"]}, ["max_price=inf was ignored"]),
        ({"min_context": ["abc"]}, ["min_context=abc was ignored"]),
        ({"min_context": ["-1"]}, ["min_context=-1 was ignored"]),
        ({"min_context": ["1e20"]}, ["min_context=1e20 was ignored"]),  # past what a browser's number holds
        ({"min_context": ["8000.7"]}, ["min_context=8000.7 was read as 8,000"]),
        ({"min_context": ["abc", "8000"]}, []),  # the last value counts, as in the widget
        ({"provider": ["openai", "nonexistent", "nonexistent"]}, ["provider=nonexistent matches no provider"]),
        ({"modality": ["audio"]}, ["modality=audio matches no input modality"]),
        ({"free": ["maybe"]}, ["free=maybe was ignored: it takes true or false (free=false hides free models)"]),
        ({"batch": ["0"]}, ["batch=0 was ignored: it takes true or false (batch=false hides batch variants)"]),
        ({"hide_expiring": ["1"]}, ["hide_expiring=1 was ignored: it takes true or false (hide_expiring=true"]),
        ({"provider": ["x" * 100]}, [f"provider={'x' * 40} matches"]),  # a long value is cut in the message
    ],
)
def test_link_values_the_filters_cannot_take_are_named(params: dict[str, list[str]], expected: list[str]) -> None:
    problems = link_problems(params, PROVIDERS, MODALITIES)
    assert len(problems) == len(expected)
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(f"the link's {start}")


def test_unmatched_values_name_each_unknown_value_once_and_skip_empty_ones() -> None:
    problems = unmatched_values("providers", "provider", ["openai", "zzz", "", "zzz", "x" * 50], {"openai"})
    assert problems == [
        "the link's providers=zzz matches no provider in the catalog, so it was ignored",
        f"the link's providers={'x' * 40} matches no provider in the catalog, so it was ignored",
    ]
