"""The one bridge from the data layer to pages: cached catalog loading with last-good fallback."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from components.config import get_settings
from components.history import record_live_catalog
from explorer.catalog import Catalog, live_catalog, snapshot_catalog
from explorer.errors import CatalogUnavailable, NoModels
from explorer.freshness import CatalogStore, LiveState
from explorer.memory import release_freed_memory
from explorer.settings import Settings

_TTL = get_settings().cache_ttl


@dataclass(frozen=True)
class CatalogView:
    """What a page shows: a catalog, and why it is not fresh live data when it is not."""

    catalog: Catalog
    settings: Settings
    error: CatalogUnavailable | None = None
    cooling_down_for: float = 0.0  # seconds until the next automatic try
    failed_at: dt.datetime | None = None
    upstream_pause_for: float = 0.0  # seconds OpenRouter's Retry-After still asks for: Refresh waits too

    @property
    def is_fallback(self) -> bool:
        return self.error is not None


@st.cache_resource(show_spinner=False)
def live_state() -> LiveState:
    """One per server process, shared by all sessions."""
    return LiveState()


@st.cache_resource(show_spinner=False)
def catalog_store() -> CatalogStore:
    return CatalogStore()


@st.cache_resource(show_spinner=False)
def _snapshot() -> Catalog:
    return snapshot_catalog()


@st.cache_data(ttl=_TTL, max_entries=4, show_spinner="Fetching the embeddings catalog from OpenRouter…")
def _live(base_url: str, budget: float) -> str:
    """Fetch once per TTL; returns the key of the parsed catalog in the shared store.

    st.cache_data hands every rerun its own unpickled copy of what it returns, which costs over a
    second at 10,000 models; so it holds only a key, and the parsed catalog is shared read-only.
    """
    # The API key is read here rather than passed in, so it is never part of a cache key.
    live_state().count_fetch()
    catalog = live_catalog(base_url, get_settings().api_key, budget)
    return catalog_store().put(f"{base_url}@{catalog.as_of.isoformat()}", catalog)


def _live_catalog(base_url: str, budget: float) -> Catalog:
    catalog = catalog_store().get(_live(base_url, budget))
    if catalog is None:  # evicted from the store (or a new server process): fetch again
        _live.clear()
        catalog = catalog_store().get(_live(base_url, budget))
    assert catalog is not None
    return catalog


def load_catalog() -> CatalogView:
    """Live data when a key is set (one upstream request per TTL), else the bundled snapshot."""
    settings = get_settings()
    if not settings.live:
        return CatalogView(_snapshot(), settings)
    state = live_state()
    if not state.may_attempt():
        return _fallback_view(state, settings)
    try:
        catalog = _live_catalog(settings.base_url, settings.fetch_timeout)
    except CatalogUnavailable as error:
        state.record_failure(error)
        return _fallback_view(state, settings)
    if len(catalog) == 0:
        if state.last_good is None:
            return CatalogView(catalog, settings)  # the page's empty state; an empty list is never recorded
        # Models do not all vanish at once: keep the last good list and ask again after the cool-down.
        _live.clear()
        state.record_failure(NoModels(_unreadable_detail(catalog)))
        return _fallback_view(state, settings)
    is_new = state.last_good is not catalog
    state.record_success(catalog)
    record_live_catalog(catalog)  # never raises: database trouble only turns into a history warning
    if is_new:
        release_freed_memory()  # fetching, parsing and recording left pages the catalog no longer needs
    return CatalogView(catalog, settings)


def _fallback_view(state: LiveState, settings: Settings) -> CatalogView:
    """The last good live data (else the snapshot), with the last failure, when it happened and what comes next."""
    failure = state.last_failure
    return CatalogView(
        state.last_good or _snapshot(),
        settings,
        failure.error if failure else None,
        state.seconds_until_retry(),
        failure.at if failure else None,
        state.seconds_of_upstream_pause(),
    )


def _unreadable_detail(catalog: Catalog) -> str:
    count = len(catalog.skipped)
    return f"all {count:,} records it sent were unreadable" if count else ""


def refresh_catalog() -> None:
    """Drop the cached live catalog so the next load fetches again, unless OpenRouter asked for a pause."""
    state = live_state()
    if state.seconds_of_upstream_pause() > 0:
        return  # Retry-After is the upstream's request: a click during it only redraws the page
    _live.clear()
    state.allow_now()
