"""The one bridge from the history store to pages: record live catalogs, read the change feed, never break a page."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from dataclasses import dataclass, field

import streamlit as st

from explorer.catalog import Catalog
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

    events: list[ChangeEvent]
    since: dt.date | None
    problem: str | None = None


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
    _recent_marks.clear()  # a new catalog may carry new markers; show them on the next rerun


@st.cache_data(ttl=60, max_entries=8, show_spinner=False)
def _feed(url: str, revision: tuple[int, int]) -> tuple[list[ChangeEvent], dt.date | None]:
    """Events and start date, recomputed only when something new was recorded."""
    store = _open_store(url)
    return store.events(), store.history_since()


def load_feed() -> HistoryFeed:
    """The change feed for pages; empty with a reason when the history is unavailable."""
    store = history_store()
    if store is None:
        return HistoryFeed([], None, history_state().problem)
    try:
        events, since = _feed(database_url(os.environ), store.revision())
    except HistoryUnavailable as error:
        history_state().fail(error)
        return HistoryFeed([], None, error.summary)
    return HistoryFeed(events, since, history_state().problem)


MARKS_TTL_SECONDS = 30  # how soon a snapshot recorded by another process shows in the catalog's markers


@st.cache_data(ttl=MARKS_TTL_SECONDS, max_entries=8, show_spinner=False)
def _recent_marks(url: str, hour: dt.datetime, days: int) -> dict[str, str]:
    """model id -> "new" / "re-priced"; one revision query per TTL however many reruns ask."""
    store = _open_store(url)
    events, _ = _feed(url, store.revision())
    return recent_changes_by_model(events, hour, days)


def recent_marks(now: dt.datetime, days: int = RECENT_DAYS) -> tuple[dict[str, str], str | None]:
    """Models added or re-priced in the last `days` days, and the history problem when there is one."""
    store = history_store()
    if store is None:
        return {}, history_state().problem
    try:
        marks = _recent_marks(database_url(os.environ), now.replace(minute=0, second=0, microsecond=0), days)
    except HistoryUnavailable as error:
        history_state().fail(error)
        return {}, error.summary
    return marks, history_state().problem


@dataclass(frozen=True)
class ModelHistory:
    """One model's past: (first seen, raw record) per snapshot that listed it, its change events, since when."""

    versions: list[tuple[dt.datetime, dict]]
    events: list[ChangeEvent]
    since: dt.date | None
    problem: str | None = None


@st.cache_data(ttl=60, max_entries=64, show_spinner=False)
def _model_versions(url: str, revision: tuple[int, int], model_id: str) -> list[tuple[dt.datetime, dict]]:
    return _open_store(url).model_history(model_id)


def model_history(model_id: str) -> ModelHistory:
    """What the detail page charts and lists; empty with a reason when the history is unavailable."""
    feed = load_feed()
    store = history_store()
    if store is None:
        return ModelHistory([], [], None, feed.problem or history_state().problem)
    try:
        versions = _model_versions(database_url(os.environ), store.revision(), model_id)
    except HistoryUnavailable as error:
        history_state().fail(error)
        return ModelHistory([], [], None, error.summary)
    events = [e for e in feed.events if model_id in (e.model_id, e.old_model_id)]
    return ModelHistory(versions, newest_first(events), feed.since, feed.problem)


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
