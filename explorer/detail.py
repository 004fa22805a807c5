"""Everything the detail page says about one model, worked out without Streamlit."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal

from explorer.dates import months_ago_text
from explorer.facts import ModelFacts, licence_text
from explorer.filters import PLACEHOLDER_YEAR
from explorer.normalise import RATE_LIMIT_NOTE, split_variant
from explorer.pricing import (
    MILLION,
    PRICE_LABELS,
    Price,
    PriceError,
    charge_text,
    format_price,
    format_usd,
    parse_discount,
    parse_price,
    unit_doubtful,
)
from explorer.record_links import links_text
from explorer.schema import EmbeddingModel
from explorer.text import code_span, escape_markdown, plain

WARN_DAYS = 90  # removal dates closer than this get a warning
UNKNOWN = "unknown"

ExpirationState = Literal["none", "placeholder", "scheduled", "soon", "expired"]


@dataclass(frozen=True)
class Expiration:
    """Whether and when a model is due to be removed, relative to one day."""

    state: ExpirationState
    date: dt.date | None = None
    days_left: int | None = None

    @property
    def text(self) -> str:
        """One line for people; a placeholder date is never shown as if it were real."""
        if self.state in ("none", "placeholder") or self.date is None or self.days_left is None:
            return "No planned removal"
        if self.state == "expired":
            days = -self.days_left
            return f"Expired on {self.date.isoformat()} ({days} day{'s' if days != 1 else ''} ago); it may be gone"
        if self.days_left == 0:
            return f"Removal planned for today, {self.date.isoformat()}"
        plural = "s" if self.days_left != 1 else ""
        return f"Removal planned for {self.date.isoformat()} ({self.days_left} day{plural} left)"


def expiration_of(date: dt.date | None, today: dt.date) -> Expiration:
    """Classify an expiration date: none, far-future placeholder, expired, within 90 days, or later."""
    if date is None:
        return Expiration("none")
    if date.year >= PLACEHOLDER_YEAR:
        return Expiration("placeholder", date)
    days_left = (date - today).days
    if days_left < 0:
        return Expiration("expired", date, days_left)
    return Expiration("soon" if days_left <= WARN_DAYS else "scheduled", date, days_left)


@dataclass(frozen=True)
class PriceRow:
    key: str
    label: str
    price: str
    exact: str  # the value exactly as received, so nothing is hidden by rounding


def price_rows(pricing: dict[str, Any], input_modalities: Sequence[str] | None = None) -> list[PriceRow]:
    """Every price key the record has, in its order, formatted; discount as a percentage; overrides apart.

    input_modalities, when known, lets a zero image or audio price on a model without that input say so.
    """
    rows: list[PriceRow] = []
    for key, value in pricing.items():
        if key == "overrides":
            continue
        if key == "discount":
            rows.append(PriceRow(key, "Discount", discount_text(value), str(value)))
            continue
        rows.append(PriceRow(key, PRICE_LABELS.get(key, key), _price_text(key, value, input_modalities), str(value)))
    return rows


def unit_doubts(model: EmbeddingModel) -> list[str]:
    """Prices whose documented unit their value makes doubtful, said with both readings."""
    price = model.prices.get("image")
    if not unit_doubtful("image", price):
        return []
    assert price is not None and price.usd is not None
    return [
        f"The image price is listed per image, as OpenRouter documents the key: {format_price(price)}. That is"
        f" unusually low for an image; read per image token it would be {format_usd(price.usd * MILLION)} / M tokens."
        " Check the provider's own pricing before costing image input."
    ]


def _price_text(key: str, value: Any, input_modalities: Sequence[str] | None = None) -> str:
    try:
        price = parse_price(key, value)
    except PriceError:
        return "unreadable"
    return charge_text(key, price, input_modalities)


def discount_text(value: Any) -> str:
    """0.25 -> '25% off'; a value the API did not make a number is named as unreadable."""
    amount = parse_discount(value)
    if amount is None:
        return "unreadable"
    percent = (amount * 100).normalize()
    return "none" if percent == 0 else f"{percent:f}% off"


def override_rows(pricing: dict[str, Any]) -> list[dict[str, str]]:
    """The overrides list as table rows: 'Conditions' in words, then one column per price key."""
    overrides = pricing.get("overrides")
    if not isinstance(overrides, list):
        return []
    rows = []
    for override in overrides:
        if not isinstance(override, dict):
            continue
        conditions: dict[str, Any] = {}
        prices: dict[str, str] = {}
        for key, value in override.items():
            if key == "conditions" and isinstance(value, dict):
                conditions.update(value)
            elif key == "discount":
                prices["Discount"] = discount_text(value)
            elif key in PRICE_LABELS or key.endswith(("_price", "prompt", "completion")):
                prices[PRICE_LABELS.get(key, key)] = _price_text(key, value)
            else:
                conditions[key] = value
        text = "; ".join(f"{k} = {_compact(v)}" for k, v in conditions.items()) or "always"
        rows.append({"Conditions": text, **prices})
    return rows


def _compact(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


@dataclass(frozen=True)
class Sibling:
    """Another variant of the same base model, and how its input price compares with this one."""

    model_id: str
    variant: str  # '' for the base model itself
    price: str
    comparison: str  # e.g. "50% cheaper than this model"

    @property
    def kind(self) -> str:
        """'Base model', 'Batch variant', 'Free variant'."""
        return f"{self.variant.capitalize()} variant" if self.variant else "Base model"

    @property
    def line(self) -> str:
        """'Batch variant: $0.065 / M tokens, 50% cheaper than this model'."""
        return f"{self.kind}: {self.price}, {self.comparison}"


def variant_siblings(model: EmbeddingModel, models: dict[str, EmbeddingModel]) -> list[Sibling]:
    """The base model and its ':free'/':batch' variants other than this one, with how their input prices compare."""
    base_id, this_variant = split_variant(model.id)
    this_kind = f"this {this_variant} variant" if this_variant else "this model"
    siblings = []
    for other_id, other in models.items():
        other_base, variant = split_variant(other_id)
        if other_base != base_id or other_id == model.id:
            continue
        prompt = other.prices["prompt"]
        comparison = (
            RATE_LIMIT_NOTE
            if variant == "free" and prompt.is_free
            else price_comparison(prompt, model.prices["prompt"], this_kind)
        )
        siblings.append(Sibling(other_id, variant, format_price(prompt), comparison))
    return sorted(siblings, key=lambda s: (s.variant != "", s.model_id))


# OpenRouter rate-limits ":free" variants; the cost calculator leaves them out for the same reason.

# One line per variant suffix; only what holds for every such variant, since prices are compared under Variants.
VARIANT_NOTES = {
    "free": (
        "Free variant: rate-limited by OpenRouter, so fine for trying the model, not for bulk work. "
        "The cost calculator leaves free variants out unless asked."
    ),
    "batch": "Batch variant: the same model, listed at its own price and meant for bulk work rather than live queries.",
}


def variant_note(model_id: str) -> str | None:
    """What a ':free' or ':batch' variant is for, in one line; None for other models."""
    return VARIANT_NOTES.get(split_variant(model_id)[1])


TENTH = Decimal("0.1")


def price_comparison(other: Price, this: Price, this_kind: str = "this model") -> str:
    """How `other` compares with `this` in words, exactly where it can be: '50% cheaper than this model',
    'twice the price of this batch variant', 'about 33.3% cheaper than this model'."""
    if other.usd is None or this.usd is None:
        return "not comparable (variable price)"
    if other.usd == this.usd:
        return f"the same price as {this_kind}"
    if other.usd == 0:
        return f"while {this_kind} costs {format_price(this)}"
    if this.usd == 0:
        return f"while {this_kind} is free"
    ratio = other.usd / this.usd
    if ratio < 1:
        return f"{_percent((1 - ratio) * 100)} cheaper than {this_kind}"
    if ratio < 2:
        return f"{_percent((ratio - 1) * 100)} more expensive than {this_kind}"
    return f"{_times(ratio)} the price of {this_kind}"


def _rounded(value: Decimal) -> tuple[str, str]:
    """(value to a tenth without trailing zeros, 'about ' when that rounded it, else '')."""
    near = value.quantize(TENTH, rounding=ROUND_HALF_EVEN)
    return f"{near.normalize():f}", "" if near == value else "about "


def _percent(value: Decimal) -> str:
    if value < TENTH / 2:
        return "less than 0.1%"
    number, about = _rounded(value)
    return f"{about}{number}%"


def _times(ratio: Decimal) -> str:
    number, about = _rounded(ratio)
    return f"{about}{'twice' if number == '2' else number + ' times'}"


def closest_ids(wanted: str, model_ids: list[str], limit: int = 5) -> list[str]:
    """Up to `limit` catalog ids most like a mistyped one: substring hits first, then similar spellings."""
    needle = wanted.strip().casefold()
    if not needle:
        return []
    folded = {mid.casefold(): mid for mid in model_ids}
    hits = [mid for fold, mid in folded.items() if needle in fold or fold in needle]
    hits.sort(key=lambda mid: abs(len(mid) - len(needle)))
    similar = difflib.get_close_matches(needle, list(folded), n=limit * 2, cutoff=0.5)
    for fold in similar:
        if folded[fold] not in hits:
            hits.append(folded[fold])
    return hits[:limit]


def key_figures(model: EmbeddingModel, facts: ModelFacts | None) -> str:
    """What a chooser reads first, on one line: input price, usable input length, dimensions, input kinds.

    The input length is OpenRouter's context, capped by the model's own published limit when that is smaller.
    """
    parts = [f"**{escape_markdown(format_price(model.prices['prompt']))}** input"]
    context, own = model.context_length, facts.max_input_tokens if facts else None
    if context is not None and own is not None and own < context:
        parts.append(f"up to **{own:,}** tokens per input (the model's own limit; context {context:,})")
    elif context is not None:
        parts.append(f"up to **{context:,}** tokens per input")
    elif own is not None:
        parts.append(f"up to **{own:,}** tokens per input (the model's own limit; no context listed)")
    else:
        parts.append("input length not listed")
    if facts and facts.dimensions is not None:
        parts.append(f"**{facts.dimensions:,}** dimensions")
    kinds = sorted(model.architecture.input_modalities)
    if kinds:
        parts.append(escape_markdown(", ".join(kinds), 200) + " input")
    return " · ".join(parts)


def fact_rows(facts: ModelFacts | None) -> list[tuple[str, str]]:
    """Published facts as (field, value) pairs; anything not found in a primary source says unknown."""
    f = facts
    mteb = f"{f.mteb_score:g}" if f and f.mteb_score is not None else UNKNOWN
    benchmark = (f.benchmark_text or "not named") if f and f.mteb_score is not None else "—"
    params = UNKNOWN
    if f and f.parameters_millions is not None:
        params = (
            f"{f.parameters_millions / 1000:g} B" if f.parameters_millions >= 1000 else f"{f.parameters_millions:g} M"
        )
    return [
        ("Embedding dimensions", f.dimensions_text if f else UNKNOWN),
        ("Flexible (Matryoshka) dimensions", (f.flexible_text or "none listed") if f else UNKNOWN),
        ("Max input tokens", _or_unknown(f.max_input_tokens if f else None)),
        ("Parameters", params),
        ("MTEB score", mteb),
        ("MTEB benchmark", benchmark),
        ("Licence", licence_text(f, UNKNOWN)),
    ]


def _or_unknown(value: int | None) -> str:
    return UNKNOWN if value is None else f"{value:,}"


def created_text(model: EmbeddingModel, today: dt.date) -> str:
    """'2025-11-17 (9 months ago)', or unknown."""
    if model.created is None:
        return UNKNOWN
    try:
        day = dt.datetime.fromtimestamp(model.created, dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return UNKNOWN
    return f"{day.isoformat()} ({months_ago_text(day, today)})"


def _tokens(value: int | None) -> str:
    return "not stated" if value is None else f"{value:,} tokens"


def _json(value: Any) -> str:
    """A record value as text: strings bare, empty or all-null objects named, the rest as compact JSON."""
    if isinstance(value, str):
        return value
    if value is None or value in ({}, []):
        return "none"
    if isinstance(value, dict) and all(v is None for v in value.values()):
        return "none set (" + ", ".join(value) + ")"
    return json.dumps(value, ensure_ascii=False, default=str)


# Labels for top-level keys the app shows nowhere else; any other unknown key is labelled from its name.
EXTRA_LABELS = {
    "knowledge_cutoff": "Knowledge cutoff",
    "supported_voices": "Supported voices",
    "links": "Links",
}


def field_label(key: str) -> str:
    """'knowledge_cutoff' -> 'Knowledge cutoff'; keys the app knows keep their own label."""
    return EXTRA_LABELS.get(key) or (key.replace("_", " ").strip().capitalize() or key)


def record_rows(model: EmbeddingModel, today: dt.date) -> list[tuple[str, str, str]]:
    """Every other field of the record as (label, API key, value) text, including keys this app does not know."""
    arch = model.architecture
    top = model.top_provider
    moderated = top.is_moderated if top else None
    rows = [
        ("Canonical slug", "canonical_slug", model.canonical_slug or "none"),
        ("Created", "created", created_text(model, today)),
        ("Context length", "context_length", _tokens(model.context_length)),
        ("Modality", "architecture.modality", arch.modality or "not stated"),
        ("Input modalities", "architecture.input_modalities", ", ".join(arch.input_modalities) or "not stated"),
        ("Output modalities", "architecture.output_modalities", ", ".join(arch.output_modalities) or "not stated"),
        ("Tokenizer", "architecture.tokenizer", arch.tokenizer or "not stated"),
        ("Instruct type", "architecture.instruct_type", arch.instruct_type or "none"),
        ("Top provider context", "top_provider.context_length", _tokens(top.context_length) if top else "not stated"),
        (
            "Top provider max completion",
            "top_provider.max_completion_tokens",
            _tokens(top.max_completion_tokens) if top else "not stated",
        ),
        ("Moderated", "top_provider.is_moderated", "not stated" if moderated is None else "yes" if moderated else "no"),
        ("Per-request limits", "per_request_limits", _json(model.per_request_limits)),
        ("Supported parameters", "supported_parameters", ", ".join(model.supported_parameters or []) or "none"),
        ("Default parameters", "default_parameters", _json(model.default_parameters)),
    ]
    rows += [(field_label(key), key, _extra_text(key, value)) for key, value in model.extra_fields.items()]
    return rows


def _extra_text(key: str, value: Any) -> str:
    text = links_text(value) if key == "links" else None
    return _json(value) if text is None else text


def inline_code(text: str, limit: int = 200) -> str:
    """Markdown inline code that shows any text literally: the fence is longer than any backtick run inside."""
    return code_span(plain(text, limit).replace("\n", " "))


def markdown_literal(text: str) -> str:
    """A table cell's markdown: the text escaped (links included), its runs of whitespace one space each."""
    return escape_markdown(" ".join(text.split()))
