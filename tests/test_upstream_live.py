"""Live mode against a misbehaving upstream: short and empty lists, Retry-After, and a banner that stays true."""

from __future__ import annotations

from tests.conftest import LIVE_KEY as KEY
from tests.conftest import page_texts as texts
from tests.fake_openrouter import FakeOpenRouter, Reply, snapshot_records


def errors_of(at) -> str:
    return " ".join(e.value for e in at.error).replace("\\", "")


def recorded_model_counts() -> list[int]:
    """Model counts of every snapshot the app's history holds (the bundled seeds included)."""
    from components.history import history_store

    store = history_store()
    assert store is not None
    return [snapshot.model_count for snapshot in store.snapshots()]


def good_then(live: FakeOpenRouter, app_test, reply: Reply):
    """A first good fetch of all 34 models, then Refresh while the upstream answers with reply."""
    from components.loader import refresh_catalog

    first = app_test()
    assert len(first.dataframe[0].value) == 34
    live.always = reply
    refresh_catalog()
    return app_test()


def test_a_list_short_of_its_total_count_keeps_the_last_good_data(app_test, live: FakeOpenRouter) -> None:
    app_test()
    before = recorded_model_counts()
    from components.loader import refresh_catalog

    live.always = Reply(200, {"data": snapshot_records()[:10], "total_count": 34, "links": {"next": None}})
    refresh_catalog()
    at = app_test()
    assert not at.exception
    assert len(at.dataframe[0].value) == 34
    assert "OpenRouter sent an incomplete model list: 10 of the 34 models it counts." in errors_of(at)
    assert any("last good live data" in w.value for w in at.warning)
    assert "Live from OpenRouter" not in texts(at)
    assert recorded_model_counts() == before


def test_a_short_first_list_is_not_shown_as_live(app_test, live: FakeOpenRouter) -> None:
    live.always = Reply(200, {"data": snapshot_records()[:10], "total_count": 34})
    at = app_test()
    assert not at.exception
    assert "10 of the 34 models" in errors_of(at)
    assert any("Snapshot of 2026-08-19" in i.value for i in at.info)
    assert 10 not in recorded_model_counts()


def test_an_empty_list_after_good_data_keeps_it_and_says_so(app_test, live: FakeOpenRouter) -> None:
    at = good_then(live, app_test, Reply(200, {"data": [], "total_count": 0, "links": {"next": None}}))
    assert not at.exception
    assert len(at.dataframe[0].value) == 34
    assert "OpenRouter returned no models." in errors_of(at)
    assert any("last good live data" in w.value for w in at.warning)
    assert 0 not in recorded_model_counts()
    at.run()  # reruns during the cool-down keep saying it, without asking again
    assert "OpenRouter returned no models." in errors_of(at)
    assert len(at.dataframe[0].value) == 34


def test_an_empty_first_list_is_the_empty_state_and_is_never_recorded(app_test, live: FakeOpenRouter) -> None:
    live.records = []
    at = app_test()
    at.run()
    assert not at.exception and not at.error
    assert any("The catalog is empty" in i.value for i in at.info)
    assert 0 not in recorded_model_counts()
    assert len(live.catalog_requests()) == 1


def test_during_a_retry_after_pause_refresh_does_not_fetch(app_test, live: FakeOpenRouter) -> None:
    live.always = Reply(429, {"error": {"code": 429, "message": "Rate limit exceeded"}}, {"Retry-After": "45"})
    at = app_test()
    asked = len(live.catalog_requests())
    button = at.button(key="refresh")
    assert button.label.startswith("Next try at ") and button.label.endswith(" UTC")  # a time stays true
    assert "OpenRouter asked for a pause until" in button.help
    for _ in range(3):
        at.button(key="refresh").click().run()
    assert not at.exception
    assert len(live.catalog_requests()) == asked
    said = errors_of(at)
    assert "As OpenRouter asked, the next try is at " in said and "(in 45 s); Refresh waits until then." in said
    assert "pause of 45 s" not in said  # the pause is said once, as the time it ends


def test_after_an_ordinary_failure_refresh_tries_at_once(app_test, live: FakeOpenRouter) -> None:
    live.always = Reply(401, {"error": {"code": 401, "message": "User not found."}})
    at = app_test()
    asked = len(live.catalog_requests())
    assert at.button(key="refresh").label == "Refresh"
    at.button(key="refresh").click().run()
    assert len(live.catalog_requests()) == asked + 1


def test_the_error_banner_says_when_it_failed_and_when_the_next_try_is(app_test, live: FakeOpenRouter) -> None:
    at = good_then(live, app_test, Reply(401, {"error": {"code": 401, "message": "User not found."}}))
    said = errors_of(at)
    assert "OpenRouter said: “User not found.” Check OPENROUTER_API_KEY" in said
    assert "The last try was at " in said and " UTC (just now)." in said
    assert "The next automatic try is at " in said and "Refresh can try sooner." in said
    assert KEY not in texts(at)


def restarted_with_five_recorded(app_test, live: FakeOpenRouter, then: Reply) -> None:
    """Five models fetched and recorded in the history database, then a restart, then the upstream answers `then`."""
    import streamlit as st

    live.records = snapshot_records()[:5]
    assert len(app_test().dataframe[0].value) == 5
    st.cache_data.clear()
    st.cache_resource.clear()  # a restart: the process's memory is gone, its history database stays
    live.always = then


def test_after_a_restart_a_failing_upstream_shows_the_newest_list_the_history_holds(
    app_test, live: FakeOpenRouter
) -> None:
    restarted_with_five_recorded(app_test, live, Reply(401, {"error": {"code": 401, "message": "User not found."}}))
    at = app_test()
    assert not at.exception
    assert len(at.dataframe[0].value) == 5  # not the bundled snapshot's 34
    assert any("Showing the last good live data, 5 models fetched" in w.value for w in at.warning)
    assert "rejected the API key" in errors_of(at)
    assert "Snapshot of" not in texts(at)


def test_after_a_restart_a_slow_upstream_does_not_hold_the_page_the_history_can_fill(
    app_test, live: FakeOpenRouter, monkeypatch
) -> None:
    from components.loader import live_refresher

    monkeypatch.setenv("EXPLORER_FETCH_TIMEOUT", "10")
    listing = {"data": snapshot_records()[:7], "total_count": 7, "links": {"next": None}}
    restarted_with_five_recorded(app_test, live, Reply(200, listing, delay=4))
    at = app_test()
    # Shown after the 1.5 s a visit waits, not after the answer: the fetch is still running.
    assert live_refresher().running
    assert len(at.dataframe[0].value) == 5
    assert "Checking OpenRouter for a newer list" in texts(at)


def test_after_a_restart_an_empty_list_is_a_failure_and_the_history_list_stays(app_test, live: FakeOpenRouter) -> None:
    restarted_with_five_recorded(app_test, live, Reply(200, {"data": [], "total_count": 0, "links": {"next": None}}))
    at = app_test()
    assert not at.exception
    assert len(at.dataframe[0].value) == 5
    assert "OpenRouter returned no models." in errors_of(at)
    assert not any("The catalog is empty" in i.value for i in at.info)


def top_level_place(at, key: str) -> int:
    """Which of the page's top-level elements holds the widget `key`: what the browser keys it by."""
    for index, node in at.main.children.items():
        if any(widget.key == key for widget in getattr(node, "text_input", [])):
            return index
    raise AssertionError(f"no text input {key}")


def test_an_error_appearing_on_a_rerun_moves_no_widget_below_it(app_test, live: FakeOpenRouter) -> None:
    from components.loader import refresh_catalog

    at = app_test()
    before = top_level_place(at, "q")
    live.always = Reply(500, {"error": {"code": 500, "message": "Oops"}})
    refresh_catalog()
    at.run()
    assert "is having trouble" in errors_of(at)
    assert top_level_place(at, "q") == before
