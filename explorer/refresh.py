"""One live fetch at a time for the whole server; while one runs, pages keep showing the list they have.

The visit that starts a fetch, with a list to show, waits only briefly for it: a slow OpenRouter then
costs that visitor STALE_WAIT seconds, not the whole fetch budget, and the page is told a newer list may
follow. Other visits and reruns meanwhile do not wait at all. Only a page with nothing but the bundled
snapshot to show, or the session that pressed Refresh, waits for the fetch to end.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from explorer.catalog import Catalog
from explorer.errors import CatalogUnavailable, NoModels, redact
from explorer.freshness import LiveState
from explorer.memory import release_freed_memory

MIN_REFRESH_GAP = 10.0  # seconds after a fetch started before a Refresh click may start another
STALE_WAIT = 1.5  # seconds a page with a list to show waits for a running fetch before showing that list
WAIT_MARGIN = 5.0  # beyond the fetch budget, for parsing and validating what arrived

log = logging.getLogger(__name__)


def page_wait(has_list: bool, asked: bool, started_now: bool, budget: float) -> float:
    """Seconds a page waits for a running fetch before it draws.

    With a live list to show: briefly when its visit started the fetch, else not at all, so reruns stay quick.
    With only the snapshot, or when its visitor pressed Refresh: for the answer, as the fetch keeps to `budget`.
    """
    if not has_list or asked:
        return budget + WAIT_MARGIN
    return STALE_WAIT if started_now else 0.0


class AppFault(CatalogUnavailable):
    """A fetch ended in an error of this app's own code, not in anything OpenRouter did."""

    what = "The catalog could not be read"
    advice = "Try Refresh; if it happens again, the server's log names the fault."


@dataclass(frozen=True)
class Fetching:
    """A running fetch: its end, and whether the call that asked started it."""

    done: threading.Event
    started_now: bool

    def wait(self, seconds: float) -> bool:
        return self.done.wait(seconds)


class LiveRefresher:
    """Thread-safe: one per server. Holds the newest accepted live list and runs the fetches, one at a time.

    `state` keeps what every page reports (last good list, last failure, cool-down, Retry-After);
    the refresher records into it, whether or not a page is still waiting for the fetch.
    """

    def __init__(self, state: LiveState, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._state = state
        self._ttl = ttl
        self._clock = clock
        self._held: Catalog | None = None
        self._fresh_until = 0.0
        self._failed = False
        self._running: threading.Event | None = None  # set when the running fetch ends
        self._started_at: float | None = None  # when the last fetch started

    @property
    def held(self) -> Catalog | None:
        """The newest list a fetch brought and the app accepted (an empty first list included)."""
        with self._lock:
            return self._held

    @property
    def failed(self) -> bool:
        """Whether the last fetch to end failed."""
        with self._lock:
            return self._failed

    @property
    def running(self) -> bool:
        with self._lock:
            return self._running is not None

    def seconds_until_due(self) -> float:
        """How long the held list is still fresh: 0 when a fetch is due (none held, or the last one failed)."""
        with self._lock:
            if self._held is None or self._failed:
                return 0.0
            return max(0.0, self._fresh_until - self._clock())

    def expire(self) -> bool:
        """Refresh: the held list is due for a fetch now, unless one started under MIN_REFRESH_GAP ago.

        False when the click is too soon: however often people press Refresh, the server asks at most once per gap.
        """
        with self._lock:
            if self._started_at is not None and self._clock() - self._started_at < MIN_REFRESH_GAP:
                return False
            self._fresh_until = 0.0
            return True

    def refresh_wait(self) -> float:
        """Seconds until a Refresh click may start a fetch (0: now)."""
        with self._lock:
            if self._started_at is None:
                return 0.0
            return max(0.0, MIN_REFRESH_GAP - (self._clock() - self._started_at))

    def start_if_due(self, fetch: Callable[[], Catalog]) -> Fetching | None:
        """Start a fetch when the held list is missing or older than the TTL and the cool-down allows one.

        Returns the running fetch (this call's or one already running), or None when none runs.
        """
        with self._lock:
            if self._running is not None:
                return Fetching(self._running, started_now=False)
            due = self._held is None or self._failed or self._clock() >= self._fresh_until
            if not (due and self._state.may_attempt()):
                return None
            self._running = threading.Event()
            self._started_at = self._clock()
            threading.Thread(
                target=self._fetch, args=(fetch, self._running), name="openrouter-fetch", daemon=True
            ).start()
            return Fetching(self._running, started_now=True)

    def _fetch(self, fetch: Callable[[], Catalog], done: threading.Event) -> None:
        try:
            self._state.count_fetch()
            catalog = fetch()
        except CatalogUnavailable as error:
            self._fail(error)
        except Exception as error:  # a bug must still end the fetch, or no page would ever fetch again
            log.exception("fetching the live catalog failed in the app's own code")
            self._fail(AppFault(f"the app failed while reading the list ({type(error).__name__})"))
        else:
            self._accept(catalog)
        finally:
            with self._lock:
                self._running = None
            done.set()

    def _accept(self, catalog: Catalog) -> None:
        if len(catalog) == 0 and self._state.last_good is not None:
            # Models do not all vanish at once: keep the last good list and ask again after the cool-down.
            self._fail(NoModels(_unreadable_detail(catalog)))
            return
        if len(catalog):
            self._state.record_success(catalog)  # an empty first list is shown, never recorded as good
        with self._lock:
            self._held = catalog
            self._fresh_until = self._clock() + self._ttl
            self._failed = False
        log.info("fetched the live catalog: %d models (%d records skipped)", len(catalog), len(catalog.skipped))
        release_freed_memory()  # fetching and parsing left pages the new list does not need

    def _fail(self, error: CatalogUnavailable) -> None:
        # The operator's record of an outage; the summary is redacted as it was made, and again for key shapes.
        log.warning("fetching the live catalog failed: %s", redact(error.summary))
        self._state.record_failure(error)
        with self._lock:
            self._failed = True


def _unreadable_detail(catalog: Catalog) -> str:
    count = len(catalog.skipped)
    return f"all {count:,} records it sent were unreadable" if count else ""
