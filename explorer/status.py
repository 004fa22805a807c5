"""What an operator wants to know at a glance, as label/value rows (never a key, URL password or secret)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from explorer import __version__
from explorer.catalog import Catalog
from explorer.dates import age_text
from explorer.errors import redact
from explorer.freshness import LiveState, clock_text, due_at, wait_text
from explorer.refresh import LiveRefresher
from explorer.settings import Settings
from explorer.snapshot import SNAPSHOT_DATE


@dataclass(frozen=True)
class StatusRow:
    label: str
    value: str


def history_text(description: str, counts: Mapping[str, int] | None, since: dt.date | None, problem: str | None) -> str:
    """The history row: the database's kind and place (never its URL or password), rows per table, or the trouble."""
    if counts is None:
        return f"{description}: unavailable ({problem or 'not opened yet'})"
    rows = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    started = f"; history since {since.isoformat()}" if since else ""
    warning = f"; last problem: {problem}" if problem else ""
    return f"{description}: {rows}{started}{warning}"


def next_fetch_text(refresher: LiveRefresher, state: LiveState, now: dt.datetime) -> str:
    """When the server next asks OpenRouter: a fetch starts when a page runs (a visit, or an open page's check)."""
    if refresher.running:
        return "running now"
    wait = max(refresher.seconds_until_due(), state.seconds_until_retry())
    if wait <= 0:
        return "when a page next runs"
    due = due_at(now, wait)
    return f"when a page runs after {clock_text(due, now)} (in {wait_text(wait)})"


def status_rows(
    settings: Settings,
    catalog: Catalog,
    state: LiveState | None,
    history: str,
    now: dt.datetime,
    refresher: LiveRefresher | None = None,
) -> list[StatusRow]:
    source = "live API" if catalog.source == "live" else f"bundled snapshot of {SNAPSHOT_DATE.isoformat()}"
    failure = state.last_failure if state else None
    # The error's advice without its "try Refresh later": the "Next fetch" row says when the next try is.
    last_error = (
        f"{redact(failure.error.summary_while_retrying, settings.api_key)} (at {failure.at:%Y-%m-%d %H:%M:%S} UTC)"
        if failure
        else "none"
    )
    if failure and catalog.source == "live" and catalog.as_of > failure.at:
        # A fetch since has worked: the error is history, and its advice no longer applies.
        last_error = f"Resolved: the fetch at {catalog.as_of:%H:%M:%S} UTC worked. Before it: {last_error}"
    return [
        StatusRow("Data source", source),
        StatusRow("Data as of", f"{as_of_text(catalog)} ({age_text(catalog.as_of, now)})"),
        StatusRow("API key", "set" if settings.live else "not set (snapshot mode)"),
        StatusRow("Upstream", settings.base_url),
        StatusRow("Cache TTL", f"{settings.cache_ttl} s"),
        StatusRow("Fetch time budget", f"{settings.fetch_timeout:g} s"),
        StatusRow("Models", models_text(catalog)),
        StatusRow("Last upstream error", last_error),
        StatusRow("Catalog fetches since start", str(state.upstream_fetches if state else 0)),
        StatusRow(
            "Upstream requests since start",
            f"{state.upstream_requests if state else 0} (every page and retry of those fetches)",
        ),
        StatusRow(
            "Next fetch",
            next_fetch_text(refresher, state, now) if settings.live and refresher and state else "none (snapshot mode)",
        ),
        StatusRow("History store", history),
        StatusRow("Access", settings.access.mode),
        StatusRow("App version", __version__),
    ]


def models_text(catalog: Catalog) -> str:
    """'34 (0 unreadable records skipped)', and how many are listed without fields that did not validate."""
    text = f"{len(catalog)} ({len(catalog.skipped)} unreadable records skipped"
    repaired = len(catalog.repaired)
    unreadable = sum(bool(m.unreadable_prices) for m in catalog.models.values())
    if repaired:
        text += f"; {repaired} listed without fields that did not validate"
    if unreadable:
        text += f"; {unreadable} with a price that does not parse, shown as unreadable"
    return text + ")"


def as_of_text(catalog: Catalog) -> str:
    """A fetch to the second; the snapshot by its day alone, as its source dates it (no time was recorded)."""
    if catalog.source == "live":
        return f"{catalog.as_of:%Y-%m-%d %H:%M:%S} UTC"
    return f"{catalog.as_of:%Y-%m-%d} (the snapshot's day; no time recorded)"
