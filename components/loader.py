"""The one bridge from the data layer to pages: the shared live catalog, refreshed in the background, last good kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from components.config import get_settings
from components.history import record_live_catalog, stored_last_good
from explorer import refresh
from explorer.catalog import Catalog, live_catalog, snapshot_catalog
from explorer.errors import CatalogUnavailable
from explorer.freshness import LiveState, wait_text
from explorer.refresh import LiveRefresher, page_wait
from explorer.settings import Settings

FETCH_MESSAGE = "Fetching the embeddings catalog from OpenRouter…"
_REFRESH_ASKED = "_refresh_asked"  # session key: this session pressed Refresh and waits for its answer


@dataclass(frozen=True)
class CatalogView:
    """What a page shows: a catalog, and why it is not fresh live data when it is not."""

    catalog: Catalog
    settings: Settings
    error: CatalogUnavailable | None = None
    cooling_down_for: float = 0.0  # seconds until the next automatic try
    failed_at: dt.datetime | None = None
    upstream_pause_for: float = 0.0  # seconds OpenRouter's Retry-After still asks for: Refresh waits too
    refreshing: bool = False  # a fetch is running that this page did not wait for: a newer list may follow
    revision: tuple[object, ...] = ()  # what a live page was drawn from (live_revision), for an open page's poll

    @property
    def is_fallback(self) -> bool:
        return self.error is not None


@st.cache_resource(show_spinner=False)
def live_state() -> LiveState:
    """One per server process, shared by all sessions."""
    return LiveState()


@st.cache_resource(show_spinner=False)
def _refresher(base_url: str, ttl: int) -> LiveRefresher:
    """One per upstream and TTL: a changed setting starts afresh, as the old cache keys did."""
    return LiveRefresher(live_state(), ttl)


def live_refresher() -> LiveRefresher:
    settings = get_settings()
    return _refresher(settings.base_url, settings.cache_ttl)


@st.cache_resource(show_spinner=False)
def _snapshot() -> Catalog:
    return snapshot_catalog()


def load_catalog() -> CatalogView:
    """Live data when a key is set (one upstream request per TTL for the whole server), else the bundled snapshot."""
    settings = get_settings()
    if not settings.live:
        return CatalogView(_snapshot(), settings)
    state = live_state()
    refresher = _refresher(settings.base_url, settings.cache_ttl)
    fetch = _fetcher(settings, state)
    if state.last_good is None and (stored := stored_last_good(newer_than=_snapshot().as_of)) is not None:
        # A fresh process: the history's newest list is the last good one until a fetch brings another. Pages show
        # it at once while OpenRouter is slow or failing, and an empty list is no more taken for good than later.
        state.adopt_last_good(stored)
    running = refresher.start_if_due(fetch)
    asked = st.session_state.pop(_REFRESH_ASKED, False)
    if running is not None:
        has_list = refresher.held is not None or state.last_good is not None
        wait = page_wait(has_list, asked, running.started_now, settings.fetch_timeout)
        if wait:
            with st.spinner(FETCH_MESSAGE):
                running.wait(wait)
    still_running = refresher.running
    held = refresher.held
    revision = live_revision()
    if held is None or refresher.failed:
        return _fallback_view(state, settings, still_running, revision)
    record_live_catalog(held)  # never raises: database trouble only turns into a history warning
    return CatalogView(held, settings, refreshing=still_running, revision=revision)


def _fetcher(settings: Settings, state: LiveState) -> Callable[[], Catalog]:
    # The API key is bound here, on the server, and never becomes part of a cache key or a page.
    return functools.partial(
        live_catalog, settings.base_url, settings.api_key, settings.fetch_timeout, state.count_request
    )


def live_revision() -> tuple[object, ...]:
    """What a live page shows, as a value that changes with it: the lists held, and the last fetch's failure."""
    state = live_state()
    refresher = live_refresher()
    failure = state.last_failure
    return (id(state.last_good), id(refresher.held), refresher.failed, failure.at if failure else None)


def poll_live() -> tuple[object, ...]:
    """For a page left open: start a fetch that is due (without waiting for it), and return live_revision().

    Fetches start on page runs; an open page asking now and then lets the TTL bring a newer list to people
    who keep the app open, still one fetch for the whole server.
    """
    settings = get_settings()
    if settings.live:
        _refresher(settings.base_url, settings.cache_ttl).start_if_due(_fetcher(settings, live_state()))
    return live_revision()


def _fallback_view(
    state: LiveState, settings: Settings, refreshing: bool, revision: tuple[object, ...] = ()
) -> CatalogView:
    """The last good live data (this process's or the history's newest list), else the snapshot, with the last
    failure, when it happened and what comes next."""
    failure = state.last_failure
    return CatalogView(
        state.last_good or _snapshot(),
        settings,
        failure.error if failure else None,
        state.seconds_until_retry(),
        failure.at if failure else None,
        state.seconds_of_upstream_pause(),
        refreshing,
        revision,
    )


def with_current_timing(view: CatalogView) -> CatalogView:
    """`view`, its failure's countdowns as of now: an open page redraws them each minute."""
    state = live_state()
    return dataclasses.replace(
        view, cooling_down_for=state.seconds_until_retry(), upstream_pause_for=state.seconds_of_upstream_pause()
    )


def refresh_catalog(wait: bool = False) -> None:
    """Fetch again on the next load, unless OpenRouter asked for a pause; wait=True: this session waits for it."""
    state = live_state()
    if state.seconds_of_upstream_pause() > 0:
        return  # Retry-After is the upstream's request: a click during it only redraws the page
    refresher = live_refresher()
    if refresher.expire():
        state.allow_now()
    elif not refresher.running:
        # A fetch started moments ago: the click only redraws the page, and says why nothing else happened.
        st.toast(
            # "Asked", not "fetched": the last try may have failed, and the page then shows an older list.
            f"The server asked OpenRouter for the list moments ago, and asks at most once every"
            f" {refresh.MIN_REFRESH_GAP:g} s: Refresh again in {wait_text(refresher.refresh_wait())}.",
            icon=":material/schedule:",
        )
        return
    if wait:
        st.session_state[_REFRESH_ASKED] = True  # waits for the fetch its click started or joined
