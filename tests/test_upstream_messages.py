"""Upstream errors as people read them: whole sentences, OpenRouter's own address, and timing that stays true."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer import errors
from explorer.freshness import LiveState, clock_text, due_at, failure_timing_text, wait_text

NOW = dt.datetime(2026, 11, 1, 14, 5, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("error", "summary"),
    [
        (
            errors.UpstreamTimeout("no answer came within the time limit"),
            "OpenRouter took too long to answer: no answer came within the time limit. "
            "Try Refresh later; if it persists raise EXPLORER_FETCH_TIMEOUT.",
        ),
        (
            errors.BadResponse("the body is not valid JSON (it may have been cut off)"),
            "OpenRouter sent a response this app cannot read: the body is not valid JSON (it may have been cut off). "
            "Check OPENROUTER_BASE_URL, then try Refresh later.",
        ),
        (
            errors.AuthFailed(status=401, upstream_message="User not found."),
            "OpenRouter rejected the API key (HTTP 401). OpenRouter said: “User not found.” "
            "Check OPENROUTER_API_KEY: it may be missing, mistyped, revoked or disabled.",
        ),
        (
            errors.RateLimited(status=429, upstream_message="Rate limit exceeded", retry_after=45),
            "OpenRouter is rate-limiting this app (HTTP 429). OpenRouter said: “Rate limit exceeded”. "
            "Refresh once the pause of 45 s that OpenRouter asked for is over.",
        ),
        (
            errors.UpstreamDown(status=502, upstream_message="Is it down?"),
            "OpenRouter is having trouble (HTTP 502). OpenRouter said: “Is it down?” "
            "This is usually temporary: try Refresh in a few minutes.",
        ),
        (
            errors.IncompleteCatalog("10 of the 34 models it counts"),
            "OpenRouter sent an incomplete model list: 10 of the 34 models it counts. "
            "The short list was not used; try Refresh in a few minutes.",
        ),
        (
            errors.NoModels(),
            "OpenRouter returned no models. The last good list stays; try Refresh in a few minutes.",
        ),
    ],
)
def test_an_error_summary_is_whole_sentences(error: errors.CatalogUnavailable, summary: str) -> None:
    assert error.summary == summary


@pytest.mark.parametrize(
    ("message", "advised"),
    [
        ("Insufficient credits. Add more using https://openrouter.ai/credits", "https://openrouter.ai/credits"),
        ("Insufficient credits. Add more using https://openrouter.ai/settings/credits.", errors.CREDITS_URL),
        ("Insufficient credits.", errors.CREDITS_URL),
        (None, errors.CREDITS_URL),
        ("Pay at https://evil.example/openrouter.ai/credits", errors.CREDITS_URL),
        ("Pay at https://openrouter.ai.evil.example/credits", errors.CREDITS_URL),
    ],
)
def test_the_credits_advice_sends_people_where_openrouter_does(message: str | None, advised: str) -> None:
    error = errors.PaymentRequired(status=402, upstream_message=message)
    assert error.advice == f"Add credits at {advised}, or use another key"


@pytest.mark.parametrize(
    ("failed_at", "next_try_in", "pause", "text"),
    [
        (
            NOW - dt.timedelta(seconds=20),
            0.0,
            0.0,
            "The last try was at 14:04:40 UTC (just now). The next automatic try is due now.",
        ),
        (
            NOW - dt.timedelta(minutes=5),
            25.0,
            0.0,
            "The last try was at 14:00:00 UTC (5 min ago). "
            "The next automatic try is at 14:05:25 UTC (in 25 s); Refresh can try sooner.",
        ),
        (
            NOW - dt.timedelta(seconds=7),
            37.2,
            37.2,
            "The last try was at 14:04:53 UTC (just now). "
            "As OpenRouter asked, the next try is at 14:05:37 UTC (in 38 s); Refresh waits until then.",
        ),
        (
            dt.datetime(2026, 10, 31, 23, 0, tzinfo=dt.UTC),
            0.0,
            0.0,
            "The last try was at 2026-10-31 23:00:00 UTC (15 h ago). The next automatic try is due now.",
        ),
    ],
)
def test_the_failure_timing_says_when_it_was_and_what_comes_next(failed_at, next_try_in, pause, text) -> None:
    assert failure_timing_text(failed_at, NOW, next_try_in, pause) == text


def test_a_pause_ending_on_a_whole_second_is_named_alike_however_the_page_reads_its_clock() -> None:
    # An HTTP-date Retry-After ends at 14:06:00.000. The banner reads its wait a few milliseconds before its clock
    # (so it overshoots), the status page after (so it falls short): both name 14:06:00.
    ends = NOW + dt.timedelta(seconds=60)
    for skew in (-0.004, -0.0005, 0.0, 0.0005, 0.004):
        assert clock_text(due_at(NOW, 60 + skew), NOW) == "14:06:00 UTC"
    assert due_at(NOW, 60) == ends
    assert due_at(NOW, 37.2) == NOW + dt.timedelta(seconds=37)


TRANSIENT = [
    errors.UpstreamDown(status=503, upstream_message="Service Unavailable"),
    errors.Unreachable("connection refused"),
    errors.UpstreamTimeout("no answer came within the time limit"),
    errors.IncompleteCatalog("10 of the 34 models it counts"),
    errors.NoModels(),
    errors.BadResponse("the body is not valid JSON"),
    errors.RateLimited(status=429),
    errors.RateLimited(status=429, retry_after=45),
]


def _alert(error: errors.CatalogUnavailable, next_try_in: float) -> str:
    from components.config import get_settings
    from components.loader import CatalogView
    from components.shell import failure_text
    from explorer.catalog import snapshot_catalog

    pause = error.retry_after or 0.0 if next_try_in else 0.0
    view = CatalogView(snapshot_catalog(), get_settings(), error, next_try_in, NOW - dt.timedelta(seconds=5), pause)
    return failure_text(view, NOW)


@pytest.mark.parametrize("error", TRANSIENT, ids=lambda e: type(e).__name__ + str(e.retry_after or ""))
def test_an_alert_with_a_next_try_gives_one_instruction_about_refresh(error: errors.CatalogUnavailable) -> None:
    said = _alert(error, next_try_in=45.0)
    # When to look again is the timing's: no "try Refresh later" or "in a few minutes" beside it.
    assert "a few minutes" not in said and "later" not in said and "Wait a minute" not in said
    assert said.count("Refresh") == 1
    assert said.count("next try is at") + said.count("next automatic try is at") == 1
    if isinstance(error, errors.RateLimited) and not error.retry_after:
        assert "a Refresh before then may meet the same limit." in said
    # Once the try is due and before it starts, the alert says so, and the instruction stays the same.
    due = _alert(error, next_try_in=0.0)
    assert due.startswith(error.summary_while_retrying) and due.endswith(" The next automatic try is due now.")
    assert "a few minutes" not in due and "later" not in due and "Wait a minute" not in due and "pause of" not in due


def test_an_alert_with_a_next_try_keeps_the_advice_that_needs_a_person() -> None:
    error = errors.AuthFailed(status=401, upstream_message="User not found.")
    said = _alert(error, next_try_in=25.0)
    assert said.startswith(error.summary + " The last try was at ")
    assert said.endswith("(in 25 s); Refresh can try sooner.")
    assert "raise EXPLORER_FETCH_TIMEOUT" in _alert(errors.UpstreamTimeout(), next_try_in=25.0)


@pytest.mark.parametrize(("seconds", "text"), [(0.2, "1 s"), (45, "45 s"), (119.5, "2 min"), (600, "10 min")])
def test_a_wait_is_rounded_up(seconds: float, text: str) -> None:
    assert wait_text(seconds) == text


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_refresh_cannot_cut_short_a_pause_the_upstream_asked_for() -> None:
    clock = Clock()
    state = LiveState(retry_interval=30, clock=clock)
    state.record_failure(errors.RateLimited(status=429, retry_after=45))
    state.allow_now()
    assert not state.may_attempt()
    assert state.seconds_of_upstream_pause() == 45
    clock.now += 44
    state.allow_now()
    assert not state.may_attempt()
    clock.now += 1
    assert state.may_attempt()
    assert state.seconds_of_upstream_pause() == 0


def test_after_an_ordinary_failure_refresh_may_try_at_once() -> None:
    clock = Clock()
    state = LiveState(retry_interval=30, clock=clock)
    state.record_failure(errors.UpstreamDown(status=502))
    assert not state.may_attempt()
    assert state.seconds_of_upstream_pause() == 0
    state.allow_now()
    assert state.may_attempt()


def test_a_success_ends_the_pause() -> None:
    from explorer.catalog import build_catalog

    clock = Clock()
    state = LiveState(clock=clock)
    state.record_failure(errors.RateLimited(status=429, retry_after=300))
    state.record_success(build_catalog([], source="live", as_of=dt.datetime.now(dt.UTC)))
    assert state.may_attempt()
    assert state.seconds_of_upstream_pause() == 0
