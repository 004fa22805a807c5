"""The cached loader through AppTest: live through the loopback API, one request per TTL, last good data."""

from __future__ import annotations

import pytest

from tests.conftest import LIVE_KEY as KEY
from tests.conftest import page_texts as texts
from tests.fake_openrouter import FakeOpenRouter, Reply, snapshot_records


def test_live_data_is_fetched_with_the_bearer_key(app_test, live: FakeOpenRouter) -> None:
    live.records = live.records[:5]
    try:
        at = app_test()
    finally:
        live.records = snapshot_records()
    assert not at.exception
    assert len(at.dataframe[0].value) == 5
    assert "Live from OpenRouter" in texts(at)
    assert "Snapshot of" not in texts(at)
    assert live.catalog_requests()[0].headers["Authorization"] == f"Bearer {KEY}"


def test_many_reruns_and_sessions_make_one_upstream_request(app_test, live: FakeOpenRouter) -> None:
    sessions = [app_test() for _ in range(3)]
    for at in sessions:
        at.text_input(key="q").input("openai").run()
        at.run()
    assert all(not at.exception for at in sessions)
    assert len(live.catalog_requests()) == 1


def test_an_upstream_failure_shows_what_happened_and_the_labelled_snapshot(app_test, live: FakeOpenRouter) -> None:
    live.always = Reply(401, {"error": {"code": 401, "message": "User not found."}})
    at = app_test()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "rejected the API key" in errors
    assert "OPENROUTER\\_API\\_KEY" in errors or "OPENROUTER_API_KEY" in errors
    assert KEY not in texts(at)
    assert any("Snapshot of 2026-08-19" in i.value for i in at.info)
    assert len(at.dataframe[0].value) == 34


def test_after_a_failure_the_last_good_live_data_stays_with_its_age(app_test, live: FakeOpenRouter) -> None:
    from components.loader import refresh_catalog

    live.records = live.records[:3]
    try:
        first = app_test()
        assert len(first.dataframe[0].value) == 3
        live.always = Reply(500, {"error": {"code": 500, "message": "Internal Server Error"}})
        refresh_catalog()
        second = app_test()
    finally:
        live.records = snapshot_records()
    assert not second.exception
    assert len(second.dataframe[0].value) == 3
    assert any("last good live data" in w.value for w in second.warning)
    assert any("is having trouble" in e.value for e in second.error)


def test_after_a_failure_reruns_do_not_hammer_the_upstream(app_test, live: FakeOpenRouter) -> None:
    live.always = Reply(502, {"error": {"code": 502, "message": "Bad gateway"}})
    at = app_test()
    attempts = len(live.catalog_requests())
    for _ in range(4):
        at.run()
    app_test()
    assert len(live.catalog_requests()) == attempts


def test_refresh_fetches_again(app_test, live: FakeOpenRouter) -> None:
    at = app_test()
    assert len(live.catalog_requests()) == 1
    at.button(key="refresh").click().run()
    assert not at.exception
    assert len(live.catalog_requests()) == 2


def test_bad_settings_are_named_and_the_app_still_runs(app_test, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLORER_FETCH_TIMEOUT", "soon")
    monkeypatch.setenv("OPENROUTER_BASE_URL", "ftp://example")
    at = app_test()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "EXPLORER\\_FETCH\\_TIMEOUT" in errors
    assert "OPENROUTER\\_BASE\\_URL" in errors
    assert len(at.dataframe[0].value) == 34
