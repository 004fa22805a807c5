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
