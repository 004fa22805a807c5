"""A model's prices over the recorded catalogs, as rows a chart can draw, the time axis that fits them, and its last
listing once the catalog no longer has it."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import pandas as pd

from explorer.history.diff import change_pct, model_state
from explorer.history.events import ADDED, REMOVED, RENAMED, VARIABLE, ChangeEvent, percent_text, price_text
from explorer.pricing import MILLION, PRICE_LABELS, price_unit

COLUMNS = ["seen_at", "seen_on", "price_key", "usd", "per", "observed", "variable", "segment", "change"]


def price_history_frame(versions: Sequence[tuple[dt.datetime, dict]], until: dt.datetime | None = None) -> pd.DataFrame:
    """One row per (snapshot time, price key) from HistoryStore.model_history: USD per million tokens or per unit.

    `seen_on` is the UTC day of `seen_at`. A variable price is a row of its own (`variable`, no `usd`), so the
    chart can mark it instead of drawing the last fixed price on. Each unbroken run of fixed prices is one
    `segment`: the line holds a price until the fetch that saw it go variable or unlisted, then stops. `change`
    names what an observation changed ('+50%', 'added', 'variable since 2026-12-02'), empty when nothing did.
    With `until` (the last time the model was known listed), each key's last state is repeated then, so the
    step reaches it; those rows are not observations (`observed` is False), and the chart marks only the ones
    that are.
    """
    listed = [(seen_at, _charted_prices(record)) for seen_at, record in versions]
    keys = dict.fromkeys(key for _, prices in listed for key in prices)
    rows = [row for key in keys for row in _key_rows(key, listed, until)]
    frame = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "seen_on"])
    seen = pd.to_datetime(frame["seen_at"], utc=True)
    return frame.assign(
        seen_at=seen,
        seen_on=seen.dt.floor("D"),
        usd=frame["usd"].astype(float),
        observed=frame["observed"].astype(bool),
        variable=frame["variable"].astype(bool),
        segment=frame["segment"].astype(int),
        change=frame["change"].astype(str),
    )[COLUMNS]


def _charted_prices(record: dict) -> dict[str, str]:
    # Older responses list every unused key as "0"; only the input price is charted even when free.
    return {k: v for k, v in model_state(record).prices.items() if not (v == "0" and k != "prompt")}


def _key_rows(key: str, listed: Sequence[tuple[dt.datetime, dict[str, str]]], until: dt.datetime | None) -> list[dict]:
    """The rows of one price key, oldest first: observations, and the ends of the runs they make."""
    unit = price_unit(key)
    label, per = PRICE_LABELS.get(key, key), "million tokens" if unit == "token" else unit

    def row(seen_at: dt.datetime, value: str, observed: bool, change: str = "") -> dict:
        variable = value == VARIABLE
        usd = None if variable else float(Decimal(value) * (MILLION if unit == "token" else 1))
        return {"seen_at": seen_at, "price_key": label, "usd": usd, "per": per, "observed": observed,
                "variable": variable, "segment": segment, "change": change}  # fmt: skip

    rows: list[dict] = []
    segment, before = 0, None  # before: the key's value in the previous snapshot (None: not listed)
    for i, (seen_at, prices) in enumerate(listed):
        value = prices.get(key)
        if _fixed(before) and not _fixed(value):
            rows.append(row(seen_at, before, observed=False))  # the fixed price held until this fetch
            segment += 1
        if value is not None:
            rows.append(row(seen_at, value, observed=True, change=change_label(before, value, seen_at) if i else ""))
        before = value
    if until is not None and listed and until > listed[-1][0] and before is not None:
        rows.append(row(until, before, observed=False))
    return rows


def _fixed(value: str | None) -> bool:
    return value is not None and value != VARIABLE


def change_label(before: str | None, after: str, seen_at: dt.datetime) -> str:
    """A short mark for a chart point: what this observation changed from the one before, '' when nothing."""
    if after == before:
        return ""
    if after == VARIABLE:
        return f"variable since {seen_at.date().isoformat()}"
    if before is None:
        return "added"
    if before == VARIABLE:
        return "fixed again"
    pct = change_pct(before, after)
    return percent_text(pct) if pct is not None else "from free"


def variable_spans(frame: pd.DataFrame) -> list[tuple[dt.date, dt.date | None]]:
    """(first day, first day fixed again or None while still variable) of each variable run in one key's rows."""
    spans: list[tuple[dt.date, dt.date | None]] = []
    start: dt.date | None = None
    for seen_at, variable, observed in zip(frame["seen_at"], frame["variable"], frame["observed"], strict=True):
        if variable and start is None:
            start = seen_at.date()
        elif not variable and observed and start is not None:
            spans.append((start, seen_at.date()))
            start = None
    if start is not None:
        spans.append((start, None))
    return spans


def chart_order(frame: pd.DataFrame) -> list[str]:
    """The price keys of a history frame, input first, the rest as first seen.

    The oldest bundled catalog lists its keys alphabetically, which put Audio and Image before Input.
    """
    keys = list(dict.fromkeys(frame["price_key"]))
    first = PRICE_LABELS.get("prompt", "prompt")
    return [first, *(k for k in keys if k != first)] if first in keys else keys


TickInterval = Literal["day", "week", "month", "year"]

MAX_TICKS = 10
# Tick spacings to choose from, shortest first, with their rough length in days.
TICK_STEPS: tuple[tuple[TickInterval, int, float], ...] = (
    ("day", 1, 1),
    ("day", 2, 2),
    ("week", 1, 7),
    ("week", 2, 14),
    ("month", 1, 30.44),
    ("month", 2, 60.88),
    ("month", 3, 91.31),
    ("month", 6, 182.62),
    ("year", 1, 365.25),
)
NICE_YEARS = (2, 5, 10, 20, 50, 100, 200, 500, 1000, 10_000)
LABEL_FORMATS: dict[TickInterval, str] = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%b %Y", "year": "%Y"}


@dataclass(frozen=True)
class TimeAxis:
    """The days a history chart spans, and ticks that name dates: a day, a week, months or years apart."""

    start: dt.date
    end: dt.date
    interval: TickInterval
    step: int

    @property
    def label_format(self) -> str:
        """A d3 time format for the tick labels: dates for day and week ticks, month or year otherwise."""
        return LABEL_FORMATS[self.interval]


def time_axis(days: Iterable[dt.date | dt.datetime | pd.Timestamp]) -> TimeAxis:
    """An axis over the given days with room either side, so the first and last observation sit inside it.

    One day alone gets the day before and after, so its only tick is a date, not a time within it.
    """
    dates = sorted({pd.Timestamp(d).date() for d in days})
    if not dates:
        today = dt.datetime.now(dt.UTC).date()
        dates = [today]
    span = (dates[-1] - dates[0]).days
    pad = dt.timedelta(days=max(1, math.ceil(span * 0.04)))
    start, end = dates[0] - pad, dates[-1] + pad
    length = (end - start).days
    for interval, step, days_per_tick in TICK_STEPS:
        if length / days_per_tick <= MAX_TICKS:
            return TimeAxis(start, end, interval, step)
    years = length / 365.25 / MAX_TICKS
    return TimeAxis(start, end, "year", next(n for n in NICE_YEARS if n >= years))


@dataclass(frozen=True)
class LastListing:
    """What the history last saw of a model the catalog no longer lists."""

    name: str
    seen_at: dt.datetime  # the last fetch known to list it
    removed_at: dt.datetime | None  # the first fetch that did not; None when the history never saw it go
    renamed_to: str | None  # the id it went on under, when it was renamed rather than removed
    input_price: str  # as people read it: '$0.005 / M', 'variable', 'free', 'not listed'


def last_listing(
    model_id: str, versions: Sequence[tuple[dt.datetime, dict]], events: Iterable[ChangeEvent]
) -> LastListing | None:
    """The last recorded listing of `model_id` and how it left, from its versions and its events (newest first).

    None when the history never listed the id.
    """
    if not versions:
        return None
    seen_at, record = versions[-1]
    state = model_state(record)
    gone: ChangeEvent | None = None
    for event in events:
        if event.kind == ADDED and event.model_id == model_id:
            break  # listed again after any earlier removal
        if (event.kind == REMOVED and event.model_id == model_id) or (
            event.kind == RENAMED and event.old_model_id == model_id
        ):
            gone = event
            break
    if gone is not None and gone.previous_seen_at is not None:
        seen_at = max(seen_at, gone.previous_seen_at)  # the snapshot's last fetch, not only its first
    return LastListing(
        name=state.name or model_id,
        seen_at=seen_at,
        removed_at=gone.observed_at if gone else None,
        renamed_to=gone.model_id if gone is not None and gone.kind == RENAMED else None,
        input_price=price_text("prompt", state.prices.get("prompt")),
    )
