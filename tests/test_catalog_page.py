"""The catalog page through AppTest: filters from the URL, summary, empty state."""

from __future__ import annotations


def _ids(at) -> list[str]:
    frame = at.dataframe[0].value
    return list(frame["model_id"])


def test_catalog_shows_all_snapshot_models_labelled_as_snapshot(app_test) -> None:
    at = app_test()
    assert not at.exception
    assert len(_ids(at)) == 34
    assert any("Snapshot of 2026-08-19 — set OPENROUTER_API_KEY for live data" in i.value for i in at.info)
    assert any("34 of 34 models" in c.value for c in at.caption)


def test_search_from_url_narrows_rows(app_test) -> None:
    at = app_test(q="openai small")
    assert _ids(at) == ["openai/text-embedding-3-small"]


def test_filters_from_the_url_combine(app_test) -> None:
    at = app_test(provider="openai", batch="false", max_price="0.05")
    assert _ids(at) == ["openai/text-embedding-3-small"]
    assert at.metric[0].value == "1"


def test_empty_results_say_why_and_clear_filters_restores_all(app_test) -> None:
    at = app_test(q="no-such-model-anywhere")
    assert not at.dataframe
    warning = at.warning[0].value
    assert "No model matches" in warning and "search" in warning
    next(b for b in at.button if b.label == "Clear all filters").click().run()
    assert len(_ids(at)) == 34


def test_summary_row_shows_cheapest_and_median(app_test) -> None:
    at = app_test()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Models"] == "34"
    assert metrics["Providers"] == "11"
    assert metrics["Cheapest paid input"] == "$0.004 / M"
    assert metrics["Median paid input"] == "$0.02 / M"


def test_unreadable_upstream_records_are_counted_not_fatal(app_test, api, monkeypatch) -> None:
    good = api.records[:2]
    api.records = [*good, {"id": "bad/price", "pricing": {"prompt": "lots"}}, {"name": "no id"}]
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    try:
        at = app_test()
    finally:
        api.records = []
    assert not at.exception
    assert len(_ids(at)) == 2
    assert any("2 record(s)" in e.label for e in at.expander)


def test_an_empty_upstream_list_is_an_empty_state_not_an_error(app_test, api, monkeypatch) -> None:
    api.records = []
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-test")
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    at = app_test()
    assert not at.exception
    assert not at.error
    assert any("The catalog is empty" in i.value for i in at.info)
