"""The HTTP client against a real loopback server: envelopes, paging, the key, and every failure."""

from __future__ import annotations

import contextlib
import json
import socket
import time

import pytest

from explorer import errors
from explorer.fetch import USER_AGENT, fetch_embedding_models
from tests.fake_openrouter import FakeOpenRouter, Reply

KEY = "sk-or-v1-canary-0000-1111-2222-3333"
ERROR_BODIES = json.loads(
    (__import__("pathlib").Path(__file__).parent / "fixtures" / "openrouter-error-bodies.json").read_text()
)


def fetch(api: FakeOpenRouter, **kw):
    kw.setdefault("api_key", KEY)
    kw.setdefault("budget", 5.0)
    return fetch_embedding_models(api.base_url, **kw)


def test_current_envelope_whole_list(api: FakeOpenRouter) -> None:
    fetched = fetch(api)
    assert len(fetched.records) == 34
    assert fetched.total_count == 34
    assert fetched.pages == 1


def test_legacy_envelope_without_total_or_links(api: FakeOpenRouter) -> None:
    api.envelope = "legacy"
    try:
        fetched = fetch(api)
    finally:
        api.envelope = "current"
    assert len(fetched.records) == 34
    assert fetched.total_count is None


def test_paging_follows_next_links_until_the_end(api: FakeOpenRouter) -> None:
    api.default_limit = 10
    fetched = fetch(api)
    assert [r["id"] for r in fetched.records] == [r["id"] for r in api.records]
    assert fetched.pages == 4
    assert len(api.catalog_requests()) == 4


def test_paging_stops_on_an_empty_page(api: FakeOpenRouter) -> None:
    api.replies = [Reply(200, {"data": [api.records[0]], "links": {"next": "?offset=1"}})]
    api.replies.append(Reply(200, {"data": [], "links": {"next": "?offset=2"}}))
    fetched = fetch(api)
    assert len(fetched.records) == 1
    assert len(api.catalog_requests()) == 2


def test_an_empty_page_short_of_the_total_count_is_an_incomplete_list(api: FakeOpenRouter) -> None:
    api.replies = [Reply(200, {"data": [api.records[0]], "total_count": 99, "links": {"next": "?offset=1"}})]
    api.replies.append(Reply(200, {"data": [], "total_count": 99, "links": {"next": "?offset=2"}}))
    with pytest.raises(errors.IncompleteCatalog, match="1 of the 99 models"):
        fetch(api)
    assert len(api.catalog_requests()) == 2  # it still stops on the empty page


@pytest.mark.parametrize(
    ("sent", "counted", "words"),
    [(10, 34, "10 of the 34 models it counts"), (0, 34, "0 of the 34 models it counts")],
)
def test_a_list_shorter_than_its_total_count_is_a_failed_fetch(api, sent: int, counted: int, words: str) -> None:
    api.always = Reply(200, {"data": api.records[:sent], "total_count": counted, "links": {"next": None}})
    with pytest.raises(errors.IncompleteCatalog) as caught:
        fetch(api)
    assert caught.value.summary.startswith(f"OpenRouter sent an incomplete model list: {words}. ")


def test_an_empty_list_that_counts_zero_is_a_list_not_an_error(api: FakeOpenRouter) -> None:
    api.records = []
    assert fetch(api).records == []


def test_a_paging_loop_is_a_bad_response(api: FakeOpenRouter) -> None:
    looping = {"data": [api.records[0]], "links": {"next": "/api/v1/embeddings/models"}}
    api.always = Reply(200, looping)
    with pytest.raises(errors.BadResponse, match="loop"):
        fetch(api)
    assert len(api.catalog_requests()) == 1  # the loop is seen before asking again


def test_a_next_link_to_another_host_is_not_followed(api: FakeOpenRouter) -> None:
    api.replies = [Reply(200, {"data": [api.records[0]], "links": {"next": "http://127.0.0.2:9/steal"}})]
    with pytest.raises(errors.BadResponse, match="another host"):
        fetch(api)


def test_bearer_key_and_user_agent_are_sent(api: FakeOpenRouter) -> None:
    fetch(api)
    headers = api.catalog_requests()[0].headers
    assert headers["Authorization"] == f"Bearer {KEY}"
    assert headers["User-Agent"] == USER_AGENT
    assert "embeddings-explorer" in USER_AGENT


def test_no_authorization_header_without_a_key(api: FakeOpenRouter) -> None:
    fetch(api, api_key=None)
    assert "Authorization" not in api.catalog_requests()[0].headers


@pytest.mark.parametrize(
    ("status", "body_name", "kind", "words"),
    [
        (401, "401_observed_no_key", errors.AuthFailed, "OPENROUTER_API_KEY"),
        (402, "402_observed", errors.PaymentRequired, "credits"),
        (403, None, errors.AccessDenied, "refused"),
        (404, "404_spec_example", errors.RequestRejected, "OPENROUTER_BASE_URL"),
        (400, "400_spec_example", errors.RequestRejected, "rejected"),
        (408, None, errors.UpstreamTimeout, "too long"),
    ],
)
def test_client_errors_are_typed_and_not_retried(api, status, body_name, kind, words) -> None:
    body = ERROR_BODIES[body_name] if body_name else {"error": {"code": status, "message": "nope"}}
    api.always = Reply(status, body)
    with pytest.raises(kind) as caught:
        fetch(api)
    assert words in caught.value.summary
    assert caught.value.status == status
    expected_attempts = 1 if status != 408 else len(api.catalog_requests())
    assert len(api.catalog_requests()) == expected_attempts


@pytest.mark.parametrize("status", [500, 502, 503, 524])
def test_server_errors_are_retried_then_typed(api: FakeOpenRouter, status: int) -> None:
    api.always = Reply(status, {"error": {"code": status, "message": "Internal Server Error"}})
    with pytest.raises((errors.UpstreamDown, errors.UpstreamTimeout)):
        fetch(api)
    assert len(api.catalog_requests()) == 3  # first try + 2 status retries


def test_a_transient_503_then_success_recovers(api: FakeOpenRouter) -> None:
    api.replies = [Reply(503, {"error": {"code": 503, "message": "busy"}}, {"Retry-After": "0"})]
    assert len(fetch(api).records) == 34
    assert len(api.catalog_requests()) == 2


def test_429_with_a_long_retry_after_answers_at_once(api: FakeOpenRouter) -> None:
    api.always = Reply(429, ERROR_BODIES["429_docs"], {"Retry-After": "120"})
    started = time.monotonic()
    with pytest.raises(errors.RateLimited) as caught:
        fetch(api)
    assert time.monotonic() - started < 3
    assert caught.value.retry_after == 120
    assert "120 s" in caught.value.summary
    assert len(api.catalog_requests()) == 1


def test_429_without_retry_after_pauses_and_retries_once(api: FakeOpenRouter) -> None:
    from explorer.fetch import RATE_LIMIT_PAUSE

    api.always = Reply(429, ERROR_BODIES["429_docs"])
    with pytest.raises(errors.RateLimited) as caught:
        fetch(api)
    assert "Wait a minute" in caught.value.summary
    first, second = api.catalog_requests()  # one retry, not a burst into the same limit
    assert second.at - first.at >= RATE_LIMIT_PAUSE


def test_a_429_then_success_recovers_after_the_pause(api: FakeOpenRouter) -> None:
    from explorer.fetch import RATE_LIMIT_PAUSE

    api.replies = [Reply(429, ERROR_BODIES["429_docs"])]
    assert len(fetch(api).records) == 34
    first, second = api.catalog_requests()
    assert second.at - first.at >= RATE_LIMIT_PAUSE


def test_a_503_without_retry_after_is_still_retried_at_once(api: FakeOpenRouter) -> None:
    api.replies = [Reply(503, {"error": {"code": 503, "message": "busy"}})]
    assert len(fetch(api).records) == 34
    first, second = api.catalog_requests()
    assert second.at - first.at < 1.0  # the rate-limit pause is for 429s only


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (Reply(200, b'{"data": [{"id": "a"'), "not valid JSON"),
        (Reply(200, "<html><body>Cloudflare</body></html>", {"Content-Type": "text/html"}), "HTML"),
        (Reply(200, []), "expected an object"),
        (Reply(200, {"data": None}), "'data' list is missing"),
        (Reply(200, {"data": {"id": "x"}}), "not a list"),
    ],
)
def test_malformed_bodies_are_bad_responses(api: FakeOpenRouter, reply: Reply, words: str) -> None:
    api.always = reply
    with pytest.raises(errors.BadResponse, match=words):
        fetch(api)


def test_an_error_body_with_status_200_is_an_error(api: FakeOpenRouter) -> None:
    api.always = Reply(200, {"error": {"code": 401, "message": "User not found."}})
    with pytest.raises(errors.AuthFailed, match="User not found"):
        fetch(api)


def test_connection_reset_mid_body_is_upstream_down(api: FakeOpenRouter) -> None:
    api.always = Reply(200, {"data": api.records}, reset_after=100)
    with pytest.raises(errors.UpstreamDown, match="connection broke"):
        fetch(api)


def test_a_server_that_never_answers_times_out_within_the_budget(api: FakeOpenRouter) -> None:
    api.always = Reply(hang=True)
    started = time.monotonic()
    with pytest.raises(errors.UpstreamTimeout):
        fetch(api, budget=1.5)
    assert time.monotonic() - started < 4


def test_connection_refused_is_upstream_down() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(errors.UpstreamDown, match=r"refused|failed"):
        fetch_embedding_models(f"http://127.0.0.1:{port}/api/v1", api_key=KEY, budget=2)


def test_name_resolution_failure_is_upstream_down() -> None:
    with pytest.raises(errors.UpstreamDown, match=r"could not be resolved|failed"):
        fetch_embedding_models("http://no-such-host.invalid/api/v1", api_key=KEY, budget=2)


def test_the_key_never_appears_in_an_error_message(api: FakeOpenRouter) -> None:
    api.always = Reply(401, {"error": {"code": 401, "message": f"Key {KEY} is disabled; also sk-or-v1-abcdef123456"}})
    with pytest.raises(errors.AuthFailed) as caught:
        fetch(api)
    assert KEY not in caught.value.summary
    assert "sk-or-v1-abcdef123456" not in caught.value.summary
    assert "redacted" in caught.value.summary


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ({"default_limit": 10}, 4),  # four pages
        ({"always": Reply(502, {"error": {"code": 502, "message": "Bad gateway"}})}, 3),  # a try and 2 retries
        ({"replies": [Reply(503, {"error": {"code": 503, "message": "busy"}}, {"Retry-After": "0"})]}, 2),
        ({"always": Reply(429, ERROR_BODIES["429_docs"], {"Retry-After": "120"})}, 1),
        ({"always": Reply(401, ERROR_BODIES["401_spec_example"])}, 1),
    ],
)
def test_every_http_request_tried_is_counted_pages_and_retries_included(
    api: FakeOpenRouter, setup: dict, expected: int
) -> None:
    for name, value in setup.items():
        setattr(api, name, value)
    counted: list[int] = []
    with contextlib.suppress(errors.CatalogUnavailable):
        fetch(api, on_request=lambda: counted.append(1))
    assert len(counted) == len(api.catalog_requests()) == expected


def test_a_larger_budget_lets_a_slower_upstream_answer(api: FakeOpenRouter, monkeypatch) -> None:
    import explorer.fetch as fetch_module

    monkeypatch.setattr(fetch_module, "READ_TIMEOUT", 1.0)  # the default budget's wait per attempt, scaled down
    api.always = Reply(200, {"data": api.records, "total_count": 34, "links": {"next": None}}, delay=1.5)
    with pytest.raises(errors.UpstreamTimeout):
        fetch(api, budget=2.0)  # one attempt waits 1 s: the answer never comes in time
    assert len(fetch(api, budget=4.0).records) == 34  # one attempt waits 2 s, half the budget


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("0", 0.0),
        ("Wed, 02 Dec 2026 10:02:00 GMT", 120.0),  # an HTTP date two minutes on
        ("Wed, 02 Dec 2026 09:59:00 GMT", 0.0),  # already past
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_is_read_as_seconds_or_as_an_http_date(header, seconds) -> None:
    import datetime as dt

    from explorer.fetch import retry_after_seconds

    now = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
    assert retry_after_seconds(header, now) == seconds


def test_a_429_with_an_http_date_retry_after_pauses_until_then(api: FakeOpenRouter) -> None:
    import datetime as dt
    from email.utils import format_datetime

    later = format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5), usegmt=True)
    api.always = Reply(429, ERROR_BODIES["429_docs"], {"Retry-After": later})
    with pytest.raises(errors.RateLimited) as caught:
        fetch(api)
    assert 290 < caught.value.retry_after <= 300
    assert len(api.catalog_requests()) == 1  # too long to wait for within the budget: no retry
