"""Shared memory of live fetches: the last good catalog, the last failure, and when to try again (and saying so)."""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from explorer.catalog import Catalog
from explorer.dates import age_text
from explorer.errors import CatalogUnavailable

RETRY_INTERVAL = 30.0  # seconds between attempts after a failure, across all sessions
MAX_RETRY_INTERVAL = 600.0


@dataclass(frozen=True)
class FailureRecord:
    error: CatalogUnavailable
    at: dt.datetime


class LiveState:
    """Thread-safe: one per server, shared by every session."""

    def __init__(self, retry_interval: float = RETRY_INTERVAL, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._retry_interval = retry_interval
        self._next_attempt = 0.0
        self._upstream_pause_ends = 0.0  # what Retry-After asked for: not even Refresh tries before it
        self.last_good: Catalog | None = None
        self.last_failure: FailureRecord | None = None
        self.upstream_fetches = 0  # fetches of the whole list
        self.upstream_requests = 0  # HTTP requests they tried: pages and retries included
        self.failures = 0

    def may_attempt(self) -> bool:
        """False while cooling down after a failure, so reruns do not hammer the upstream."""
        with self._lock:
            return self._clock() >= self._next_attempt

    def seconds_until_retry(self) -> float:
        with self._lock:
            return max(0.0, self._next_attempt - self._clock())

    def seconds_of_upstream_pause(self) -> float:
        """How long the upstream's own Retry-After still asks this app to wait; 0 when it asked nothing."""
        with self._lock:
            return max(0.0, self._upstream_pause_ends - self._clock())

    def count_fetch(self) -> None:
        with self._lock:
            self.upstream_fetches += 1

    def count_request(self) -> None:
        with self._lock:
            self.upstream_requests += 1

    def record_success(self, catalog: Catalog) -> None:
        with self._lock:
            self.last_good = catalog
            self._next_attempt = 0.0
            self._upstream_pause_ends = 0.0

    def adopt_last_good(self, catalog: Catalog) -> None:
        """Take a list kept from before this process (the history's newest) as the last good one, if none is yet."""
        with self._lock:
            if self.last_good is None:
                self.last_good = catalog

    def record_failure(self, error: CatalogUnavailable) -> None:
        with self._lock:
            self.failures += 1
            self.last_failure = FailureRecord(error, dt.datetime.now(dt.UTC))
            asked = min(error.retry_after or 0.0, MAX_RETRY_INTERVAL)
            now = self._clock()
            self._upstream_pause_ends = now + asked
            self._next_attempt = now + max(self._retry_interval, asked)

    def allow_now(self) -> None:
        """A user asked for a refresh: let the next call try at once, unless the upstream asked for a pause."""
        with self._lock:
            self._next_attempt = self._upstream_pause_ends


def clock_text(when: dt.datetime, now: dt.datetime) -> str:
    """'14:03:12 UTC' today, '2026-11-01 14:03:12 UTC' on another day."""
    return f"{when:%H:%M:%S} UTC" if when.date() == now.date() else f"{when:%Y-%m-%d %H:%M:%S} UTC"


def due_at(now: dt.datetime, seconds: float) -> dt.datetime:
    """The moment `seconds` after `now`, to the nearest second, as every page names a coming try.

    Pages read the wait and the clock a few milliseconds apart, so truncating named a pause that ends on a whole
    second (an HTTP-date Retry-After) 12:40:27 on one page and 12:40:28 on the next.
    """
    return (now + dt.timedelta(seconds=seconds, microseconds=500_000)).replace(microsecond=0)


def wait_text(seconds: float) -> str:
    """'38 s' under two minutes, else '3 min', rounded up so a wait is never shown as over too early."""
    whole = math.ceil(seconds)
    return f"{whole} s" if whole < 120 else f"{math.ceil(whole / 60)} min"


def failure_timing_text(
    failed_at: dt.datetime,
    now: dt.datetime,
    next_try_in: float = 0.0,
    upstream_pause_for: float = 0.0,
    sooner: str = "Refresh can try sooner",
) -> str:
    """When the failed try was and when the next one comes, so a banner read minutes later is still true."""
    text = f"The last try was at {clock_text(failed_at, now)} ({age_text(failed_at, now)})."
    if upstream_pause_for > 0:
        ends = due_at(now, upstream_pause_for)
        return text + (
            f" As OpenRouter asked, the next try is at {clock_text(ends, now)} (in {wait_text(upstream_pause_for)});"
            " Refresh waits until then."
        )
    if next_try_in > 0:
        ends = due_at(now, next_try_in)
        when = f"{clock_text(ends, now)} (in {wait_text(next_try_in)})"
        return text + f" The next automatic try is at {when}; {sooner}."
    # Due: it starts on the next page run or an open page's check, seconds away.
    return text + " The next automatic try is due now."
