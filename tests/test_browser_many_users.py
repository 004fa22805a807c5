"""Many people, one upstream: twelve browser sessions on a fresh server share one catalog request."""

from __future__ import annotations

import pytest

from tests.fake_openrouter import FakeOpenRouter, Reply

pytestmark = pytest.mark.browser

SESSIONS = 12


def test_twelve_concurrent_sessions_make_one_upstream_request(streamlit_server, browser, api: FakeOpenRouter) -> None:
    # A slow upstream makes the sessions overlap while the first fetch is still in flight.
    api.always = Reply(200, {"data": api.records, "total_count": len(api.records), "links": {"next": None}}, delay=2)
    server = streamlit_server(OPENROUTER_API_KEY="sk-or-v1-many-users-test", OPENROUTER_BASE_URL=api.base_url)
    contexts = [browser.new_context() for _ in range(SESSIONS)]
    try:
        pages = [context.new_page() for context in contexts]
        for page in pages:
            page.goto(server.url + "/", wait_until="commit")
        for page in pages:
            page.get_by_text("34 of 34 models").wait_for(timeout=60_000)
            assert "Live from OpenRouter" in page.inner_text("body")
    finally:
        for context in contexts:
            context.close()
    assert len(api.catalog_requests()) == 1


def test_a_first_visit_waits_for_openrouter_with_its_spinner_where_the_errors_go(
    streamlit_server, browser, api: FakeOpenRouter
) -> None:
    # A fresh server has only the snapshot, so its first visit waits for the (slow) answer.
    api.always = Reply(200, {"data": api.records, "total_count": len(api.records), "links": {"next": None}}, delay=3)
    server = streamlit_server(OPENROUTER_API_KEY="sk-or-v1-many-users-test", OPENROUTER_BASE_URL=api.base_url)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server.url + "/", wait_until="commit")
        # Among the alerts, above the status line: an error that follows takes its place, not a second row.
        page.locator('.st-key-alerts [data-testid="stSpinner"]').wait_for(timeout=20_000)
        page.get_by_text("34 of 34 models").wait_for(timeout=30_000)
        assert page.locator('[data-testid="stSpinner"]').count() == 0
    finally:
        context.close()


def test_after_the_ttl_a_slow_answer_reaches_an_open_page_by_itself(streamlit_server, browser, api) -> None:
    server = streamlit_server(
        OPENROUTER_API_KEY="sk-or-v1-many-users-test", OPENROUTER_BASE_URL=api.base_url, EXPLORER_CACHE_TTL="3"
    )
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server.url + "/", wait_until="commit")
        page.get_by_text("34 of 34 models").wait_for(timeout=60_000)
        records = api.records[:30]
        api.always = Reply(200, {"data": records, "total_count": 30, "links": {"next": None}}, delay=4)
        page.wait_for_timeout(3_100)  # the TTL runs out
        page.goto(server.url + "/", wait_until="commit")
        # The visit shows the list it has while OpenRouter is slow, and says a newer one is on its way...
        page.get_by_text("Checking OpenRouter for a newer list").wait_for(timeout=20_000)
        assert "34 of 34 models" in page.inner_text("body")
        # ...which replaces it without a click once it arrives.
        page.get_by_text("30 of 30 models").wait_for(timeout=20_000)
        page.get_by_text("Checking OpenRouter for a newer list").wait_for(state="detached", timeout=5_000)
    finally:
        context.close()
    assert len(api.catalog_requests()) == 2
    # serve.py puts the app's own log lines on the server's output, for the operator.
    assert "INFO explorer.refresh: fetched the live catalog: 30 models" in server.log()
