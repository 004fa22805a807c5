"""Downloads of a filtered view: CSV safe to open in a spreadsheet, JSON of the records as received."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from explorer.facts import with_facts

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
    "max_input_tokens",
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
    """The view's rows with the table's columns, published dimensions and max input included."""
    if "dimensions" not in frame.columns:
        frame = with_facts(frame)
    out = frame[[c for c in EXPORT_COLUMNS if c in frame.columns]].copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_defuse)
    return out.to_csv(index=False).encode("utf-8")


def records_to_json(model_ids: Iterable[str], raw: Mapping[str, dict[str, Any]]) -> bytes:
    """The selected records exactly as the API sent them, in the {"data": [...]} envelope."""
    data = [raw[model_id] for model_id in model_ids if model_id in raw]
    return json.dumps({"data": data}, indent=2, ensure_ascii=False).encode("utf-8")


def download_name(source: str, as_of: dt.datetime, shown: int, total: int, extension: str) -> str:
    """A download's file name: which list it came from and, for a filtered view, how many of its models.

    'embeddings-models-2026-12-03-1005utc.csv' for a live list fetched then; a snapshot by its day
    ('embeddings-models-snapshot-2026-08-19.csv'), as it is dated; '-5-of-34' before the extension when filtered,
    so two downloads of different lists or views never take each other's name.
    """
    when = f"{as_of:%Y-%m-%d-%H%M}utc" if source == "live" else f"snapshot-{as_of:%Y-%m-%d}"
    part = "" if shown == total else f"-{shown}-of-{total}"
    return f"embeddings-models-{when}{part}.{extension}"
