"""A model's prices over the recorded catalogs, as rows a chart can draw, and the time axis that fits them."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import pandas as pd

from explorer.history.diff import model_state
from explorer.history.events import VARIABLE
from explorer.pricing import MILLION, PRICE_LABELS, price_unit

COLUMNS = ["seen_at", "seen_on", "price_key", "usd", "per", "observed"]


def price_history_frame(versions: Sequence[tuple[dt.datetime, dict]], until: dt.datetime | None = None) -> pd.DataFrame:
    """One row per (snapshot time, price key) from HistoryStore.model_history: USD per million tokens or per unit.

    `seen_on` is the UTC day of `seen_at`, where the chart draws it: history is dated by day. With `until` (when
    the model is still listed), each key's last price is repeated then, so the step reaches today; those rows
    are not observations (`observed` is False), and the chart marks only the ones that are.
    """
    rows = []
    for seen_at, record in versions:
        for key, value in model_state(record).prices.items():
            # Older responses list every unused key as "0"; only the input price is charted even when free.
            if value == VARIABLE or (value == "0" and key != "prompt"):
                continue
            unit = price_unit(key)
            amount = Decimal(value) * (MILLION if unit == "token" else 1)
            per = "million tokens" if unit == "token" else unit
            rows.append({"seen_at": seen_at, "price_key": PRICE_LABELS.get(key, key), "usd": float(amount), "per": per})
    frame = pd.DataFrame(rows, columns=["seen_at", "price_key", "usd", "per"]).assign(observed=True)
    if until is not None and not frame.empty and until > frame["seen_at"].max():
        last = frame[frame["seen_at"] == frame["seen_at"].max()].assign(seen_at=until, observed=False)
        frame = pd.concat([frame, last], ignore_index=True)
    seen = pd.to_datetime(frame["seen_at"], utc=True)
    return frame.assign(seen_on=seen.dt.floor("D"), observed=frame["observed"].astype(bool))[COLUMNS]


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
