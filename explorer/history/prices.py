"""A model's prices over the recorded catalogs, as rows a chart can draw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import pandas as pd

from explorer.history.diff import model_state
from explorer.history.events import VARIABLE
from explorer.pricing import MILLION, PRICE_LABELS, price_unit


def price_history_frame(versions: Sequence[tuple[dt.datetime, dict]], until: dt.datetime | None = None) -> pd.DataFrame:
    """One row per (snapshot time, price key) from HistoryStore.model_history: USD per million tokens or per unit.

    With `until` (when the model is still listed), each key's last price is repeated then, so the step reaches today.
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
    frame = pd.DataFrame(rows, columns=["seen_at", "price_key", "usd", "per"])
    if until is not None and not frame.empty and until > frame["seen_at"].max():
        last = frame[frame["seen_at"] == frame["seen_at"].max()].assign(seen_at=until)
        frame = pd.concat([frame, last], ignore_index=True)
    return frame
