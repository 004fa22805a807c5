"""Filtering, searching and summarising the catalog frame: vectorised, no Streamlit."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from explorer.facts import with_facts
from explorer.memo import IdentityMemo

PLACEHOLDER_YEAR = 2090  # expiration dates this far out mean "no planned removal"


@dataclass(frozen=True)
class CatalogFilters:
    q: str = ""
    providers: tuple[str, ...] = ()
    max_price: float | None = None  # USD per million input tokens
    min_context: int | None = None  # tokens one input may hold (see input_limit)
    modalities: tuple[str, ...] = ()
    show_free: bool = True
    show_batch: bool = True
    hide_expiring: bool = False

    @property
    def is_default(self) -> bool:
        return self == CatalogFilters()


# The number inputs' bounds as Streamlit holds them: a browser's number is a double, exact to 2**53 - 1.
MAX_WHOLE_NUMBER = 2**53 - 1

# Toggle parameter -> (what its non-default value does, what a value it cannot take leaves shown).
# Streamlit's toggles read only true and false: batch=0 meant "hide batch variants", and is named as a problem.
TOGGLE_PARAMS: dict[str, tuple[str, str]] = {
    "free": ("free=false hides free models", "free models are shown"),
    "batch": ("batch=false hides batch variants", "batch variants are shown"),
    "hide_expiring": ("hide_expiring=true hides models with a removal date", "those models are shown"),
}


def link_problems(
    params: Mapping[str, Sequence[str]], providers: Collection[str], modalities: Collection[str]
) -> list[str]:
    """A link's filter values the filters cannot take, each in words with what is shown instead.

    `params` maps each URL parameter to its values in the link; a single-valued filter reads the last one,
    as Streamlit does. An empty value means "not set" and is not a problem.
    """
    problems = []
    price = _last(params, "max_price")
    if price and not _is_number(price, lambda n: n >= 0):
        problems.append(
            f"the link's max_price={price[:40]} was ignored: the max input price is a number of dollars per million"
            " tokens, 0 or more, so no price limit is applied"
        )
    context = _last(params, "min_context")
    if context:
        # The input reads the link as Python reads a float ("1e3" is 1000) and cuts fractions off.
        if not _is_number(context, lambda n: 0 <= int(n) <= MAX_WHOLE_NUMBER):
            problems.append(
                f"the link's min_context={context[:40]} was ignored: the min input is a whole number of tokens,"
                " 0 or more, so no minimum is applied"
            )
        elif float(context) != int(float(context)):
            problems.append(
                f"the link's min_context={context[:40]} was read as {int(float(context)):,}:"
                " the min input is a whole number of tokens"
            )
    for name, label, offered in (("provider", "provider", providers), ("modality", "input modality", modalities)):
        problems += unmatched_values(name, label, params.get(name, ()), offered)
    for name, (other, shown) in TOGGLE_PARAMS.items():
        value = _last(params, name)
        if value and value.lower() not in ("true", "false"):
            problems.append(f"the link's {name}={value[:40]} was ignored: it takes true or false ({other}), so {shown}")
    return problems


def unmatched_values(name: str, label: str, values: Iterable[str], offered: Collection[str]) -> list[str]:
    """A link's values of `name` that match nothing the catalog offers, each once, in words (an empty value is
    "not set", not a problem)."""
    return [
        f"the link's {name}={value[:40]} matches no {label} in the catalog, so it was ignored"
        for value in dict.fromkeys(v for v in values if v)
        if value not in offered
    ]


def _last(params: Mapping[str, Sequence[str]], name: str) -> str:
    values = params.get(name) or [""]
    return values[-1]


def _is_number(text: str, within: Callable[[float], bool]) -> bool:
    try:
        number = float(text)
    except ValueError:
        return False
    return math.isfinite(number) and within(number)


def has_real_expiry(dates: pd.Series) -> pd.Series:
    """True where a removal date is set and is not a far-future placeholder."""
    return dates.notna() & (dates.dt.year < PLACEHOLDER_YEAR)


def search_mask(frame: pd.DataFrame, query: str) -> pd.Series:
    """Every word of the query must appear in the id, name or description (case-insensitive)."""
    mask = pd.Series(True, index=frame.index)
    if not query.strip():
        return mask
    haystack = (frame["model_id"] + "\n" + frame["name"] + "\n" + frame["description"]).str.casefold()
    for word in query.casefold().split():
        mask &= haystack.str.contains(word, regex=False)
    return mask


def _input_limit(frame: pd.DataFrame) -> pd.Series:
    """Tokens one input may hold: the listed context length, or the model's own published max input when that
    is smaller (gemini-embedding-001 lists 20,000 of context but takes 2,048 tokens)."""
    limits = pd.concat([frame["context_length"], with_facts(frame)["max_input_tokens"]], axis=1).astype("Float64")
    return limits.min(axis=1, skipna=True)


# Per catalog frame: the facts join walks every row, so it is done once per catalog, not per filter change.
input_limit = IdentityMemo(_input_limit)


def filter_mask(frame: pd.DataFrame, filters: CatalogFilters) -> pd.Series:
    mask = search_mask(frame, filters.q)
    if filters.providers:
        mask &= frame["provider"].isin(filters.providers)
    if filters.max_price is not None:
        mask &= frame["input_usd_per_m"].le(filters.max_price).fillna(False)
    if filters.min_context:
        mask &= input_limit(frame).ge(filters.min_context).fillna(False).astype(bool)
    for modality in filters.modalities:
        mask &= frame["input_modalities"].str.split(", ").apply(lambda mods, m=modality: m in mods)
    if not filters.show_free:
        mask &= frame["variant"].ne("free") & frame["price_status"].ne("free")
    if not filters.show_batch:
        mask &= frame["variant"].ne("batch")
    if filters.hide_expiring:
        mask &= ~has_real_expiry(frame["expiration_date"])
    return mask.astype(bool)


def apply_filters(frame: pd.DataFrame, filters: CatalogFilters) -> pd.DataFrame:
    """The matching rows; the frame itself when nothing is filtered, so values derived from it stay memoised."""
    if filters.is_default:
        return frame
    return frame[filter_mask(frame, filters)]


def why_empty(frame: pd.DataFrame, filters: CatalogFilters) -> list[str]:
    """For an empty result: each active filter that on its own leaves nothing, or all of them together."""
    reasons = []
    checks = {
        "search": CatalogFilters(q=filters.q),
        "provider": CatalogFilters(providers=filters.providers),
        "max price": CatalogFilters(max_price=filters.max_price),
        "min input": CatalogFilters(min_context=filters.min_context),
        "input modality": CatalogFilters(modalities=filters.modalities),
    }
    for label, single in checks.items():
        if not single.is_default and not filter_mask(frame, single).any():
            reasons.append(label)
    return reasons


@dataclass(frozen=True)
class Summary:
    models: int
    providers: int
    cheapest_paid_id: str | None
    cheapest_paid_name: str | None
    cheapest_paid_usd_per_m: float | None
    median_paid_usd_per_m: float | None


def summarise(frame: pd.DataFrame) -> Summary:
    paid = frame[frame["price_status"].eq("paid")]
    cheapest = paid.sort_values("input_usd_per_m", kind="stable").head(1)
    return Summary(
        models=len(frame),
        providers=frame["provider"].nunique(),
        cheapest_paid_id=cheapest["model_id"].iloc[0] if len(cheapest) else None,
        cheapest_paid_name=cheapest["name"].iloc[0] if len(cheapest) else None,
        cheapest_paid_usd_per_m=float(cheapest["input_usd_per_m"].iloc[0]) if len(cheapest) else None,
        median_paid_usd_per_m=float(paid["input_usd_per_m"].median()) if len(paid) else None,
    )


def days_until(date: dt.date, today: dt.date) -> int:
    return (date - today).days
