"""Row orders a catalog view can be shared in: a link with ?sort=price opens cheapest first for everyone."""

from __future__ import annotations

import pandas as pd

from explorer.filters import input_limit
from explorer.normalise import short_name

# URL value -> what a person reads. "listed" keeps OpenRouter's own order, newest models first.
ORDERS: dict[str, str] = {
    "listed": "As OpenRouter lists them (newest first)",
    "price": "Cheapest input first",
    "input": "Longest input first",
    "name": "Name, A to Z",
}
DEFAULT_ORDER = "listed"


def order_rows(catalog_frame: pd.DataFrame, shown: pd.DataFrame, order: str) -> pd.DataFrame:
    """The shown rows in `order`; ties and unknown values keep OpenRouter's order, unknown values last.

    Free models sort first on price, and variable prices (unknown until a request) last.
    """
    if order == "price":
        return shown.sort_values("input_usd_per_m", kind="stable", na_position="last")
    if order == "input":
        # The usable input (context, or the model's own published max input where smaller), as the filter reads it.
        limits = input_limit(catalog_frame).reindex(shown.index).astype("float64")
        return shown.loc[limits.sort_values(ascending=False, kind="stable", na_position="last").index]
    if order == "name":
        names = shown["name"].map(lambda name: short_name(name).casefold())
        return shown.loc[names.sort_values(kind="stable").index]
    return shown


def order_problem(value: str | None) -> str | None:
    """A link's sort value the page cannot take, in words; None when it can (or none is given)."""
    if value is None or value in ORDERS:
        return None
    shown = value if len(value) <= 40 else value[:39] + "…"
    return f"the link's sort={shown} was ignored: it takes {', '.join(ORDERS)}, so rows are in OpenRouter's order"
