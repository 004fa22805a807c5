"""Shared memory of live fetches: the last good catalog, the last failure, and when to try again."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from explorer.catalog import Catalog
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
        self.last_good: Catalog | None = None
        self.last_failure: FailureRecord | None = None
        self.upstream_fetches = 0
        self.failures = 0

    def may_attempt(self) -> bool:
        """False while cooling down after a failure, so reruns do not hammer the upstream."""
        with self._lock:
            return self._clock() >= self._next_attempt

    def seconds_until_retry(self) -> float:
        with self._lock:
            return max(0.0, self._next_attempt - self._clock())

    def count_fetch(self) -> None:
        with self._lock:
            self.upstream_fetches += 1

    def record_success(self, catalog: Catalog) -> None:
        with self._lock:
            self.last_good = catalog
            self._next_attempt = 0.0

    def record_failure(self, error: CatalogUnavailable) -> None:
        with self._lock:
            self.failures += 1
            self.last_failure = FailureRecord(error, dt.datetime.now(dt.UTC))
            wait = max(self._retry_interval, min(error.retry_after or 0.0, MAX_RETRY_INTERVAL))
            self._next_attempt = self._clock() + wait

    def allow_now(self) -> None:
        """A user asked for a refresh: let the next call try at once."""
        with self._lock:
            self._next_attempt = 0.0


class CatalogStore:
    """Thread-safe, bounded: parsed catalogs shared read-only by every session, newest kept."""

    def __init__(self, max_entries: int = 4) -> None:
        self._lock = threading.Lock()
        self._max_entries = max_entries
        self._catalogs: dict[str, Catalog] = {}

    def put(self, key: str, catalog: Catalog) -> str:
        with self._lock:
            self._catalogs.pop(key, None)
            self._catalogs[key] = catalog
            while len(self._catalogs) > self._max_entries:
                self._catalogs.pop(next(iter(self._catalogs)))
        return key

    def get(self, key: str) -> Catalog | None:
        with self._lock:
            return self._catalogs.get(key)
