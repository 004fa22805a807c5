"""The one bridge from the history store to pages: record live catalogs, read the change feed, never break a page."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import streamlit as st

from explorer.catalog import Catalog, build_catalog
from explorer.history.config import database_url, describe_database
from explorer.history.errors import HistoryUnavailable
from explorer.history.events import ChangeEvent, newest_first, recent_changes_by_model
from explorer.history.store import HistoryStore
from explorer.status import history_text

RECENT_DAYS = 30  # the catalog marks models added or re-priced this recently
RETRY_AFTER_SECONDS = 60.0  # a failing database is not retried on every rerun of every session


@dataclass
class HistoryState:
    """Per server process: the last history problem, and which live catalogs were already recorded."""

    problem: str | None = None
    failed_at: float = 0.0
    recorded: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, error: HistoryUnavailable) -> None:
        self.problem, self.failed_at = error.summary, time.monotonic()

    def cooling_down(self) -> bool:
        return self.problem is not None and time.monotonic() - self.failed_at < RETRY_AFTER_SECONDS


@dataclass(frozen=True)
class HistoryFeed:
    """What the change pages show: every event, since when, and why history is missing when it is."""

    events: Sequence[ChangeEvent]  # newest first
    since: dt.date | None
    problem: str | None = None
    providers: Sequence[str] = ()


@st.cache_resource(show_spinner=False)
def history_state() -> HistoryState:
    return HistoryState()


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> HistoryStore:
    # A failure raises, so it is not cached; the state's cool-down bounds the retries.
    return HistoryStore.open(url)


def history_store() -> HistoryStore | None:
    """The process's store, or None (with the reason in history_state()) when the database is unusable."""
    state = history_state()
    if state.cooling_down():
        return None
    try:
        store = _open_store(database_url(os.environ))
    except HistoryUnavailable as error:
        state.fail(error)
        return None
    return store


def record_live_catalog(catalog: Catalog) -> None:
    """Record a freshly fetched catalog once per process; any database trouble becomes a warning, never an error."""
    if not catalog.raw:
        return  # an empty list is an upstream fault, not every model removed: it would fake removals and additions
    state = history_state()
    key = f"{catalog.as_of.isoformat()}:{len(catalog)}"
    with state.lock:
        if key in state.recorded:
            return
        store = history_store()
        if store is None:
            return
        try:
            store.record(catalog.raw, catalog.as_of, source="live")
        except HistoryUnavailable as error:
            state.fail(error)
            return
        state.problem = None
        state.recorded = {key}  # only the newest matters: an older catalog is never recorded again
    _revision.clear()  # the next rerun sees the new snapshot (its events, markers and prices)


REVISION_TTL_SECONDS = 5  # how soon a snapshot recorded by another process (the scheduled command) shows


@st.cache_data(ttl=REVISION_TTL_SECONDS, max_entries=4, show_spinner=False)
def _revision(url: str) -> tuple[int, int]:
    """The store's revision, asked at most once per TTL however many reruns want it."""
    return _open_store(url).revision()


def stored_last_good(newer_than: dt.datetime) -> Catalog | None:
    """The history's newest list, as live data last seen when the history last saw it, if that is after `newer_than`.

    What a freshly started server shows while OpenRouter fails, instead of the older bundled snapshot: the list
    an earlier process or the scheduled snapshot command recorded. None without one; never raises.
    """
    store = history_store()
    if store is None:
        return None
    url = database_url(os.environ)
    try:
        catalog = _stored_catalog(url, _revision(url))
    except HistoryUnavailable as error:
        history_state().fail(error)
        return None
    return catalog if catalog is not None and catalog.as_of > newer_than else None


@st.cache_resource(max_entries=1, show_spinner=False)
def _stored_catalog(url: str, revision: tuple[int, int]) -> Catalog | None:
    """Built once per history revision: validating a large list takes a noticeable moment."""
    latest = _open_store(url).latest()
    if latest is None:
        return None
    info, records = latest
    return build_catalog(list(records.values()), source="live", as_of=info.last_seen_at)


@dataclass(frozen=True)
class FeedData:
    """Everything derived from one revision of the history; shared read-only by every session."""

    events: tuple[ChangeEvent, ...]  # newest first
    since: dt.date | None
    providers: tuple[str, ...]
    by_model: dict[str, tuple[ChangeEvent, ...]]  # newest first, under the model's id and any id it was renamed from


@st.cache_resource(max_entries=2, show_spinner=False)
def _feed(url: str, revision: tuple[int, int]) -> FeedData:
    """Events and start date, recomputed only when something new was recorded.

    A resource, not data: st.cache_data would hand each rerun its own unpickled copy of every event.
    """
    store = _open_store(url)
    events = tuple(newest_first(store.events()))
    by_model: dict[str, list[ChangeEvent]] = {}
    for event in events:
        for model_id in {event.model_id, event.old_model_id} - {None}:
            by_model.setdefault(model_id, []).append(event)  # type: ignore[arg-type]
    providers = tuple(sorted({event.provider for event in events}))
    return FeedData(events, store.history_since(), providers, {k: tuple(v) for k, v in by_model.items()})


def _current_feed() -> tuple[FeedData | None, tuple[int, int], str | None]:
    """The feed of the store's current revision, its revision, and the history problem when there is one."""
    if history_store() is None:
        return None, (0, 0), history_state().problem
    url = database_url(os.environ)
    try:
        revision = _revision(url)
        return _feed(url, revision), revision, history_state().problem
    except HistoryUnavailable as error:
        history_state().fail(error)
        return None, (0, 0), error.summary


def load_feed() -> HistoryFeed:
    """The change feed for pages; empty with a reason when the history is unavailable."""
    feed, _, problem = _current_feed()
    if feed is None:
        return HistoryFeed([], None, problem)
    return HistoryFeed(feed.events, feed.since, problem, feed.providers)


class RecentMarks(dict[str, str]):
    """model id -> "new" / "re-priced"; one shared object per revision and hour, so tables made with it are memoised."""


@st.cache_resource(max_entries=4, show_spinner=False)
def _recent_marks(url: str, revision: tuple[int, int], hour: dt.datetime, days: int) -> RecentMarks:
    """Computed once per revision and hour for every session."""
    return RecentMarks(recent_changes_by_model(_feed(url, revision).events, hour, days))


def recent_marks(now: dt.datetime, days: int = RECENT_DAYS) -> tuple[dict[str, str], str | None]:
    """Models added or re-priced in the last `days` days, and the history problem when there is one."""
    feed, revision, problem = _current_feed()
    if feed is None:
        return {}, problem
    hour = now.replace(minute=0, second=0, microsecond=0)
    return _recent_marks(database_url(os.environ), revision, hour, days), problem


@dataclass(frozen=True)
class ModelHistory:
    """One model's past: (first seen, raw record) per snapshot that listed it, its change events, since when."""

    versions: list[tuple[dt.datetime, dict]]
    events: list[ChangeEvent]
    since: dt.date | None
    problem: str | None = None
    revision: tuple[int, int] = (0, 0)


@st.cache_resource(max_entries=64, show_spinner=False)
def _model_versions(url: str, revision: tuple[int, int], model_id: str) -> list[tuple[dt.datetime, dict]]:
    return _open_store(url).model_history(model_id)


def model_history(model_id: str) -> ModelHistory:
    """What the detail page charts and lists; empty with a reason when the history is unavailable."""
    feed, revision, problem = _current_feed()
    if feed is None:
        return ModelHistory([], [], None, problem)
    try:
        versions = _model_versions(database_url(os.environ), revision, model_id)
    except HistoryUnavailable as error:
        history_state().fail(error)
        return ModelHistory([], [], None, error.summary)
    return ModelHistory(versions, list(feed.by_model.get(model_id, ())), feed.since, problem, revision)


def history_status() -> str:
    """One line for /status: store kind and place, row counts, since when; never the URL or its password."""
    url = database_url(os.environ)
    description = describe_database(url)
    store = history_store()
    if store is None:
        return history_text(description, None, None, history_state().problem)
    try:
        counts, since = store.row_counts(), store.history_since()
    except HistoryUnavailable as error:
        history_state().fail(error)
        return history_text(description, None, None, error.summary)
    return history_text(description, counts, since, history_state().problem)


def history_warning(problem: str | None) -> None:
    """The one way pages say history is missing: a warning, with the catalog still on screen."""
    if problem:
        st.warning(
            f"History is unavailable: {problem}. The catalog itself is unaffected.",
            icon=":material/history_toggle_off:",
        )
