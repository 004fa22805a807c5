"""Turn validated models into the one flat frame that tables, filters and charts read."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from explorer.pricing import PRICE_LABELS, as_float, format_price, labelled_price
from explorer.schema import EmbeddingModel

VARIANT_SUFFIXES = ("free", "batch")
# Why a ":free" variant is no price for real work, in the words every page uses.
RATE_LIMIT_NOTE = "rate-limited, not for bulk work"
FREE_VARIANT_NOTE = f"free variant: {RATE_LIMIT_NOTE}"

COLUMNS = [
    "model_id",
    "name",
    "provider",
    "base_id",
    "variant",
    "input_usd_per_m",
    "price_status",
    "input_price",
    "other_prices",
    "context_length",
    "input_modalities",
    "created",
    "expiration_date",
    "description",
    "hugging_face_id",
    "canonical_slug",
]


def split_variant(model_id: str) -> tuple[str, str]:
    """'openai/x:batch' -> ('openai/x', 'batch'); ids without a known suffix have variant ''."""
    base, sep, suffix = model_id.rpartition(":")
    if sep and suffix in VARIANT_SUFFIXES and base:
        return base, suffix
    return model_id, ""


def provider_of(model_id: str) -> str:
    """The provider slug before the first '/', or the whole id when there is none."""
    return model_id.split("/", 1)[0] if "/" in model_id else model_id


def short_name(name: str) -> str:
    """'OpenAI: Text Embedding 3 Small' -> 'Text Embedding 3 Small': the vendor prefix repeats the provider column."""
    vendor, sep, rest = name.partition(": ")
    return rest.strip() if sep and vendor.strip() and rest.strip() else name


def price_status(model: EmbeddingModel) -> str:
    """free, paid or variable, from the input (prompt) price."""
    prompt = model.prices["prompt"]
    if prompt.is_variable:
        return "variable"
    return "free" if prompt.is_free else "paid"


def other_prices_text(model: EmbeddingModel) -> str:
    """Price keys beyond input/output that the record carries, e.g. 'Image $0.45 / M tokens'."""
    parts = [
        labelled_price(key, price)
        for key, price in model.prices.items()
        if key not in ("prompt", "completion") and not price.is_free
    ]
    parts += [f"{PRICE_LABELS.get(key, key)} unreadable" for key in model.unreadable_prices]
    return "; ".join(parts)


def _created(model: EmbeddingModel) -> dt.datetime | None:
    if model.created is None:
        return None
    try:
        return dt.datetime.fromtimestamp(model.created, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def model_row(model: EmbeddingModel) -> dict[str, object]:
    prompt = model.prices["prompt"]
    base_id, variant = split_variant(model.id)
    return {
        "model_id": model.id,
        "name": model.display_name,
        "provider": provider_of(model.id),
        "base_id": base_id,
        "variant": variant,
        "input_usd_per_m": as_float(prompt.per_display_unit),
        "price_status": price_status(model),
        "input_price": format_price(prompt),
        "other_prices": other_prices_text(model),
        "context_length": model.context_length,
        "input_modalities": ", ".join(sorted(model.architecture.input_modalities)),
        "created": _created(model),
        "expiration_date": model.expiration_date,
        "description": model.description,
        "hugging_face_id": model.hugging_face_id or "",
        "canonical_slug": model.canonical_slug or "",
    }


def models_frame(models: tuple[EmbeddingModel, ...] | list[EmbeddingModel]) -> pd.DataFrame:
    """One row per model, typed columns, in the API's order."""
    rows = [model_row(m) for m in models]
    # Column by column with the dtype stated: pandas need not infer types from 10,000 row dicts.
    column = {name: [row[name] for row in rows] for name in COLUMNS}
    typed = {
        "input_usd_per_m": pd.array(column["input_usd_per_m"], dtype="float64"),
        "context_length": pd.array(column["context_length"], dtype="Int64"),
        "created": pd.to_datetime(column["created"], utc=True),
        "expiration_date": pd.to_datetime(column["expiration_date"]),
    }
    text = {name: pd.array(values, dtype="str") for name, values in column.items() if name not in typed}
    return pd.DataFrame(text | typed, columns=COLUMNS)
