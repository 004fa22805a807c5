"""The live refresher on its own: one fetch at a time, the held list kept while one runs, failures recorded."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from explorer.catalog import Catalog, build_catalog
from explorer.errors import CatalogUnavailable, NoModels
from explorer.freshness import LiveState
from explorer.refresh import (
    MIN_REFRESH_GAP,
    STALE_WAIT,
    WAIT_MARGIN,
    AppFault,
    Fetching,
    LiveRefresher,
    page_wait,
)
from tests.fake_openrouter import snapshot_records

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


def catalog_of(count: int) -> Catalog:
    return build_catalog(snapshot_records()[:count], source="live", as_of=NOW)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Upstream:
    """A fetch that returns (or raises) what it is told, and can be held until released."""

    def __init__(self, result: Catalog | Exception) -> None:
        self.result = result
        self.calls = 0
        self.release = threading.Event()
        self.release.set()
        self.started = threading.Event()

    def __call__(self) -> Catalog:
        self.calls += 1
        self.started.set()
        assert self.release.wait(10), "the test never released the fetch"
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def state(clock: Clock) -> LiveState:
    return LiveState(retry_interval=30, clock=clock)


def settle(refresher: LiveRefresher, fetch: Upstream) -> None:
    done = refresher.start_if_due(fetch)
    assert done is not None and done.wait(10)


def test_many_callers_at_once_start_one_fetch(state: LiveState, clock: Clock) -> None:
    refresher = LiveRefresher(state, ttl=60, clock=clock)
    upstream = Upstream(catalog_of(5))
    upstream.release.clear()
    ends: list[Fetching | None] = []
    callers = [threading.Thread(target=lambda: ends.append(refresher.start_if_due(upstream))) for _ in range(20)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join(10)
    assert all(end is not None for end in ends) and len({id(end.done) for end in ends}) == 1
    assert sum(end.started_now for end in ends) == 1  # one caller started it; the others joined it
    upstream.release.set()
    assert ends[0].wait(10)
    assert upstream.calls == 1 and state.upstream_fetches == 1
    assert refresher.held is upstream.result and state.last_good is upstream.result


def test_within_the_ttl_nothing_is_fetched_and_after_it_the_held_list_stays_while_the_fetch_runs(
    state: LiveState, clock: Clock
) -> None:
    refresher = LiveRefresher(state, ttl=60, clock=clock)
    first = Upstream(catalog_of(3))
    settle(refresher, first)
    clock.now += 59
    assert refresher.start_if_due(first) is None
    clock.now += 2
    second = Upstream(catalog_of(7))
    second.release.clear()
    running = refresher.start_if_due(second)
    assert running is not None and second.started.wait(10)
    assert refresher.running and len(refresher.held) == 3 and not refresher.failed
    second.release.set()
    assert running.wait(10)
    assert not refresher.running and len(refresher.held) == 7


def test_a_failed_fetch_keeps_the_held_list_and_waits_out_the_cool_down(state: LiveState, clock: Clock) -> None:
    refresher = LiveRefresher(state, ttl=60, clock=clock)
    settle(refresher, Upstream(catalog_of(3)))
    clock.now += 61
    broken = Upstream(CatalogUnavailable("upstream down", status=502))
    settle(refresher, broken)
    assert refresher.failed and len(refresher.held) == 3
    assert state.last_failure is not None and state.last_failure.error.status == 502
    clock.now += 29
    assert refresher.start_if_due(broken) is None  # cooling down
    clock.now += 2
    healed = Upstream(catalog_of(4))
    settle(refresher, healed)
    assert not refresher.failed and len(refresher.held) == 4


def test_an_empty_list_after_good_data_is_a_failure_and_the_good_list_stays(state: LiveState, clock: Clock) -> None:
    refresher = LiveRefresher(state, ttl=60, clock=clock)
    settle(refresher, Upstream(catalog_of(3)))
    clock.now += MIN_REFRESH_GAP
    assert refresher.expire()
    settle(refresher, Upstream(catalog_of(0)))
    assert refresher.failed and len(refresher.held) == 3
    assert isinstance(state.last_failure.error, NoModels)


def test_an_empty_first_list_is_held_but_never_recorded_as_good(state: LiveState, clock: Clock) -> None:
    refresher = LiveRefresher(state, ttl=60, clock=clock)
    settle(refresher, Upstream(catalog_of(0)))
    assert refresher.held is not None and len(refresher.held) == 0
    assert state.last_good is None and not refresher.failed
    assert refresher.start_if_due(Upstream(catalog_of(1))) is None  # held for its TTL, like any list


def test_a_fault_in_the_apps_own_code_is_a_failure_and_does_not_stop_later_fetches(
    state: LiveState, clock: Clock
) -> None:
    refresher = LiveRefresher(state, ttl=60, clock=clock)
    settle(refresher, Upstream(TypeError("bug")))
    assert refresher.failed and not refresher.running
    assert isinstance(state.last_failure.error, AppFault)
    assert "(TypeError)" in state.last_failure.error.summary
    clock.now += 31
    settle(refresher, Upstream(catalog_of(2)))
    assert len(refresher.held) == 2


def test_refresh_makes_the_held_list_due_at_once(state: LiveState, clock: Clock) -> None:
    refresher = LiveRefresher(state, ttl=3600, clock=clock)
    settle(refresher, Upstream(catalog_of(3)))
    assert refresher.start_if_due(Upstream(catalog_of(4))) is None
    clock.now += MIN_REFRESH_GAP
    assert refresher.expire()
    again = Upstream(catalog_of(4))
    settle(refresher, again)
    assert again.calls == 1 and len(refresher.held) == 4


def test_refresh_starts_at_most_one_fetch_per_gap_however_often_it_is_pressed(state: LiveState, clock: Clock) -> None:
    refresher = LiveRefresher(state, ttl=3600, clock=clock)
    settle(refresher, Upstream(catalog_of(3)))
    clock.now += MIN_REFRESH_GAP - 1
    assert not refresher.expire()  # too soon after the last fetch began
    assert refresher.refresh_wait() == 1
    assert refresher.start_if_due(Upstream(catalog_of(4))) is None
    clock.now += 1
    assert refresher.refresh_wait() == 0
    assert refresher.expire()
    assert refresher.start_if_due(Upstream(catalog_of(4))) is not None


def test_the_next_fetch_is_due_when_the_ttl_ends_and_at_once_after_a_failure(state: LiveState, clock: Clock) -> None:
    from explorer.status import next_fetch_text

    refresher = LiveRefresher(state, ttl=600, clock=clock)
    assert refresher.seconds_until_due() == 0
    settle(refresher, Upstream(catalog_of(3)))
    clock.now += 120
    assert refresher.seconds_until_due() == 480
    assert next_fetch_text(refresher, state, NOW) == "when a page runs after 10:08:00 UTC (in 8 min)"
    clock.now += 480
    settle(refresher, Upstream(CatalogUnavailable("down")))
    assert refresher.seconds_until_due() == 0
    assert next_fetch_text(refresher, state, NOW) == "when a page runs after 10:00:30 UTC (in 30 s)"
    clock.now += 30
    assert next_fetch_text(refresher, state, NOW) == "when a page next runs"
    slow = Upstream(catalog_of(3))
    slow.release.clear()
    done = refresher.start_if_due(slow)
    assert next_fetch_text(refresher, state, NOW) == "running now"
    slow.release.set()
    assert done is not None and done.wait(10)


@pytest.mark.parametrize(
    ("has_list", "asked", "started_now", "wait"),
    [
        (True, False, True, STALE_WAIT),  # this visit started the fetch: a quick answer still shows at once
        (True, False, False, 0.0),  # a rerun or another visit during it: no wait
        (True, True, False, 15 + WAIT_MARGIN),  # pressed Refresh: waits for the answer
        (False, False, False, 15 + WAIT_MARGIN),  # only the snapshot to show
        (False, False, True, 15 + WAIT_MARGIN),
    ],
)
def test_only_the_visit_that_starts_a_fetch_waits_briefly_for_it(has_list, asked, started_now, wait) -> None:
    assert page_wait(has_list, asked, started_now, budget=15) == wait
