"""The cached loader through AppTest: live through the loopback API, one request per TTL, last good data."""

from __future__ import annotations

import time

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
    # The key is set: the banner points at the error, not at setting a key.
    assert any("no live list has loaded on this server yet" in i.value for i in at.info)
    assert not any("set OPENROUTER" in i.value.replace("\\", "") for i in at.info)
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


def listing(count: int, delay: float = 0.0) -> Reply:
    records = snapshot_records()[:count]
    return Reply(200, {"data": records, "total_count": count, "links": {"next": None}}, delay=delay)


def until_fetched(timeout: float = 15) -> None:
    """Wait (bounded) for the running fetch to end, as the page's own watch does."""
    from components.loader import live_refresher

    deadline = time.monotonic() + timeout
    while live_refresher().running:
        assert time.monotonic() < deadline, "the fetch never ended"
        time.sleep(0.05)


def expired(monkeypatch: pytest.MonkeyPatch, app_test, live: FakeOpenRouter, then: Reply) -> None:
    """A good first list of 34 under a two-second TTL, then the TTL runs out while OpenRouter answers slowly.

    Slowly: after the page's 1.5 s wait, and within the live fixture's 3 s fetch budget.
    """
    monkeypatch.setenv("EXPLORER_CACHE_TTL", "2")
    assert len(app_test().dataframe[0].value) == 34
    live.always = then
    time.sleep(2.1)


def test_after_the_ttl_a_slow_upstream_does_not_hold_the_page(app_test, live: FakeOpenRouter, monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_FETCH_TIMEOUT", "10")  # room for a 4 s answer, so the rerun below runs during it
    expired(monkeypatch, app_test, live, listing(5, delay=4))
    during = app_test()
    assert not during.exception and not during.error
    assert len(during.dataframe[0].value) == 34  # the list it had, not a spinner until the answer
    assert "Checking OpenRouter for a newer list" in texts(during)
    assert "Live from OpenRouter" in texts(during)
    # Reruns and other visits meanwhile do not wait for the fetch: they start none and show the same list.
    from components.loader import live_refresher

    asked = len(live.catalog_requests())
    during.text_input(key="q").input("openai").run()
    assert live_refresher().running and len(live.catalog_requests()) == asked
    assert "Checking OpenRouter for a newer list" in texts(during)
    until_fetched()
    after = app_test()
    assert len(after.dataframe[0].value) == 5
    assert "Checking OpenRouter" not in texts(after)
    assert len(live.catalog_requests()) == 2


def test_a_slow_refresh_that_fails_keeps_the_last_good_list_and_says_so(
    app_test, live: FakeOpenRouter, monkeypatch
) -> None:
    # A 401, as it is not retried: a retried 5xx would run out the budget and end as a timeout.
    expired(monkeypatch, app_test, live, Reply(401, {"error": {"code": 401, "message": "User not found."}}, delay=2))
    during = app_test()
    assert len(during.dataframe[0].value) == 34 and not during.error
    until_fetched()
    after = app_test()
    assert len(after.dataframe[0].value) == 34
    assert any("last good live data" in w.value for w in after.warning)
    assert any("rejected the API key" in e.value for e in after.error)


def test_who_presses_refresh_waits_for_the_answer(app_test, live: FakeOpenRouter) -> None:
    at = app_test()
    live.always = listing(5, delay=2)
    at.button(key="refresh").click().run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 5
    assert "Checking OpenRouter" not in texts(at)


def test_each_fetch_and_each_failure_is_logged_without_the_key(app_test, live: FakeOpenRouter, caplog) -> None:
    import logging

    from components.loader import refresh_catalog

    caplog.set_level(logging.INFO, logger="explorer")
    app_test()
    live.always = Reply(401, {"error": {"code": 401, "message": f"Invalid key {KEY}"}})
    refresh_catalog()
    app_test()
    lines = [r.getMessage() for r in caplog.records if r.name == "explorer.refresh"]
    assert lines[0] == "fetched the live catalog: 34 models (0 records skipped)"
    assert lines[1].startswith("fetching the live catalog failed: OpenRouter rejected the API key")
    assert all(KEY not in line for line in lines)


def test_presses_of_refresh_in_quick_succession_ask_the_upstream_once(app_test, live: FakeOpenRouter, monkeypatch):
    monkeypatch.setattr("explorer.refresh.MIN_REFRESH_GAP", 10.0)
    at = app_test()
    assert "at most once every 10 s" in at.button(key="refresh").help
    for _ in range(5):
        at.button(key="refresh").click().run()
    assert not at.exception
    assert len(live.catalog_requests()) == 1  # the first fetch began under 10 s ago: the clicks only redraw
    # and say so, with how long until a click may ask again
    (told,) = {t.value for t in at.toast}
    assert told.startswith("The server asked OpenRouter for the list moments ago, and asks at most once every 10 s:")
    seconds = int(told.rsplit("Refresh again in ", 1)[1].removesuffix(" s."))
    assert 1 <= seconds <= 10


def test_an_open_page_poll_starts_a_due_fetch_and_tells_when_there_is_a_newer_list(
    app_test, live: FakeOpenRouter, monkeypatch
) -> None:
    from components.loader import poll_live

    monkeypatch.setenv("EXPLORER_CACHE_TTL", "2")
    app_test()
    drawn = poll_live()
    assert poll_live() == drawn and len(live.catalog_requests()) == 1  # within the TTL: no fetch, nothing new
    live.always = listing(5)
    time.sleep(2.1)  # the TTL runs out with nobody reloading
    poll_live()
    until_fetched()
    assert len(live.catalog_requests()) == 2
    assert poll_live() != drawn  # the open page redraws, and shows the new list
    assert len(app_test().dataframe[0].value) == 5
    assert len(live.catalog_requests()) == 2


def test_an_open_page_poll_tells_of_a_new_failure_too(app_test, live: FakeOpenRouter) -> None:
    from components.loader import poll_live, refresh_catalog

    app_test()
    drawn = poll_live()
    live.always = Reply(401, {"error": {"code": 401, "message": "User not found."}})
    refresh_catalog()
    poll_live()
    until_fetched()
    assert poll_live() != drawn


def _open_page_age_line(minutes: int, failed: bool) -> None:
    """A page's open-page check, as its run_every rerun calls it, for a live list fetched `minutes` ago; when
    failed, with a failure two minutes old, drawn into a slot above as the page places it."""
    import datetime as dt

    import streamlit as st
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from components.config import get_settings
    from components.loader import CatalogView, live_revision
    from components.shell import watch_open_page
    from explorer import errors
    from explorer.catalog import build_catalog
    from tests.fake_openrouter import snapshot_records

    now = dt.datetime.now(dt.UTC)
    catalog = build_catalog(snapshot_records()[:3], source="live", as_of=now - dt.timedelta(minutes=minutes))
    error = errors.UpstreamDown(status=503) if failed else None
    view = CatalogView(
        catalog, get_settings(), error=error, failed_at=now - dt.timedelta(minutes=2) if failed else None
    )
    # The check's own rerun interval, as Streamlit sends it to the browser.
    ctx = get_script_run_ctx()
    send = ctx.enqueue
    intervals = st.session_state.setdefault("check_intervals", [])

    def enqueue(msg):
        if msg.HasField("auto_rerun"):
            intervals.append(msg.auto_rerun.interval)
        return send(msg)

    ctx.enqueue = enqueue
    watch_open_page(live_revision(), view, st.empty() if failed else None, age=True)
    ctx.enqueue = send


@pytest.mark.parametrize(("failed", "kind"), [(False, "caption"), (True, "warning")])
def test_the_open_page_check_redraws_the_age_of_the_list_as_of_its_own_run(failed: bool, kind: str) -> None:
    from streamlit.testing.v1 import AppTest

    # The check reruns every minute on its own; what it draws is the age at that run, not at the page's first.
    at = AppTest.from_function(_open_page_age_line, kwargs={"minutes": 7, "failed": failed}).run()
    assert not at.exception
    (line,) = [e.value for e in getattr(at, kind)]
    assert "3 models fetched" in line and "(7 min ago)" in line
    assert ("Showing the last good live data" in line) is failed
    # The failure above the line is redrawn too, its times as of this run.
    shown = [e.value.replace("\\", "") for e in at.error]  # the alert is escaped markdown
    assert [("The last try was at" in e and "(2 min ago)" in e) for e in shown] == ([True] if failed else [])


@pytest.mark.parametrize("failed", [False, True])
def test_an_open_page_checks_every_few_seconds_while_it_shows_a_failure(failed: bool) -> None:
    from streamlit.testing.v1 import AppTest

    from components.shell import FAILING_PAGE_POLL, OPEN_PAGE_POLL
    from explorer.freshness import RETRY_INTERVAL

    at = AppTest.from_function(_open_page_age_line, kwargs={"minutes": 7, "failed": failed}).run()
    assert not at.exception
    # The failure names the time of the next automatic try; a check a minute apart would start it up to a minute late.
    assert at.session_state["check_intervals"] == [FAILING_PAGE_POLL if failed else OPEN_PAGE_POLL]
    assert FAILING_PAGE_POLL <= RETRY_INTERVAL / 3 < OPEN_PAGE_POLL


def test_an_address_streamlit_kept_only_part_of_is_given_whole_and_one_it_kept_whole_is_left_alone() -> None:
    from components.shell import dropped_params

    sent = "provider=openai&provider=baai&max_price=0.1&q="
    assert dropped_params(sent, ["q"]) == {"provider": ["openai", "baai"], "max_price": ["0.1"], "q": [""]}
    assert dropped_params(sent, ["provider", "max_price", "q"]) == {}
    assert dropped_params("", []) == {}
