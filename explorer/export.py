"""Downloads of a filtered view: CSV safe to open in a spreadsheet, JSON of the records as received."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from explorer.facts import usable_max_input, with_facts
from explorer.filters import CatalogFilters

EXPORT_COLUMNS = [
    "model_id",
    "name",
    "provider",
    "variant",
    "input_usd_per_m",
    "price_status",
    "other_prices",
    "context_length",
    "dimensions",  # from published model facts, as the catalog table shows them
    "max_input_tokens",  # capped at the context length, as the table shows it
    "published_max_input_tokens",  # the model's own limit, as its publisher states it
    "input_modalities",
    "created",
    "expiration_date",
    "hugging_face_id",
    "canonical_slug",
    "description",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value: Any) -> Any:
    """Stop spreadsheets from running text from the API as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def frame_to_csv(frame: pd.DataFrame) -> bytes:
    """The view's rows with the table's columns, published dimensions and max input included (the max input
    capped at the context, as the table shows it, and as published)."""
    if "dimensions" not in frame.columns:
        frame = with_facts(frame)
    frame = frame.assign(
        published_max_input_tokens=frame["max_input_tokens"],
        max_input_tokens=usable_max_input(frame["max_input_tokens"], frame["context_length"]),
    )
    out = frame[[c for c in EXPORT_COLUMNS if c in frame.columns]].copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_defuse)
    return out.to_csv(index=False).encode("utf-8")


def records_to_json(model_ids: Iterable[str], raw: Mapping[str, dict[str, Any]]) -> bytes:
    """The selected records exactly as the API sent them, in the {"data": [...]} envelope."""
    data = [raw[model_id] for model_id in model_ids if model_id in raw]
    return json.dumps({"data": data}, indent=2, ensure_ascii=False).encode("utf-8")


def view_slug(filters: CatalogFilters) -> str:
    """The filters set, as a file-name part: 'q-voyage+code_provider-openai-baai_no-batch'; '' at the defaults.

    Where the readable part loses something (a search's punctuation or capitals, or a part cut at 60
    characters), a digest of the exact filters follows it, so two views never share a name.
    """
    parts: list[tuple[str, str]] = []  # (readable, exact)
    plain = True  # whether the readable parts spell the exact ones
    if filters.q:
        parts.append((f"q-{filters.q.replace(' ', '+')}", f"q={filters.q}"))
        plain = bool(_PLAIN_SEARCH.fullmatch(filters.q))
    if filters.providers:
        parts.append(("provider-" + "-".join(filters.providers), "provider=" + "\n".join(filters.providers)))
    if filters.max_price is not None:
        parts.append((f"max-{filters.max_price:g}usd", f"max={filters.max_price!r}"))
    if filters.min_context is not None:
        parts.append((f"min-{filters.min_context}tok", f"min={filters.min_context}"))
    if filters.modalities:
        parts.append(("input-" + "-".join(filters.modalities), "input=" + "\n".join(filters.modalities)))
    for on, name in (
        (not filters.show_free, "no-free"),
        (not filters.show_batch, "no-batch"),
        (filters.hide_expiring, "no-expiring"),
    ):
        if on:
            parts.append((name, name))
    plain = plain and all(_slug(text) == text for text, _ in parts[1 if filters.q else 0 :])
    readable = "_".join(_slug(text) for text, _ in parts)
    if not plain or len(readable) > _SLUG_MAX:
        digest = hashlib.sha256("\n".join(exact for _, exact in parts).encode()).hexdigest()[:8]
        readable = f"{readable[:_SLUG_MAX].rstrip('-_')}_{digest}"
    return readable


_SLUG_MAX = 60
_PLAIN_SEARCH = re.compile(r"[a-z0-9.-]+( [a-z0-9.-]+)*")  # a search its slug spells exactly, spaces as "+"
_NOT_IN_SLUG = re.compile(r"[^a-z0-9.+]+")  # "+" stands for a search's spaces


def _slug(text: str) -> str:
    return _NOT_IN_SLUG.sub("-", text.lower()).strip("-+")


def download_name(source: str, as_of: dt.datetime, shown: int, total: int, extension: str, view: str = "") -> str:
    """A download's file name: the list it came from and, for a filtered view, how many of its models and the
    filters (`view_slug`).

    'embeddings-models-2026-12-03-1005utc.csv' for a live list fetched then; a snapshot by its day
    ('embeddings-models-snapshot-2026-08-19.csv'), as it is dated; '-5-of-34-provider-openai' before the
    extension for a filtered view.
    """
    when = f"{as_of:%Y-%m-%d-%H%M}utc" if source == "live" else f"snapshot-{as_of:%Y-%m-%d}"
    part = "" if shown == total and not view else f"-{shown}-of-{total}" + (f"-{view}" if view else "")
    return f"embeddings-models-{when}{part}.{extension}"
