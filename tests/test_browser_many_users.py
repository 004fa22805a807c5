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
