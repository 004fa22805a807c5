"""Prices: parsed once from USD-per-unit strings to exact Decimals, formatted for people."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from functools import cached_property, lru_cache
from typing import Any

MILLION = Decimal(1_000_000)
VARIABLE_MARKER = "-1"
# Outside these bounds a price is a data error: no model costs a million dollars a unit, and a
# value like 1e-999999 would print as a million zeros on every page that shows it.
MAX_PRICE = Decimal(1_000_000)
MIN_NONZERO_PRICE = Decimal("1e-15")

# Unit of each known price key; anything not listed here is per token.
PRICE_UNITS: dict[str, str] = {
    "request": "request",
    "image": "image",
    "web_search": "search",
}
# Keys that are not prices of a unit.
NON_PRICE_KEYS = frozenset({"discount", "overrides"})
# Display names for the keys a person sees.
# The output-token price key, which the API sends as "0" for every embeddings model.
OUTPUT_KEY = "completion"

PRICE_LABELS: dict[str, str] = {
    "prompt": "Input",
    "completion": "Output",
    "request": "Per request",
    "image": "Image",
    "image_token": "Image tokens",
    "image_output": "Image output",
    "audio": "Audio",
    "audio_output": "Audio output",
    "input_audio_cache": "Audio cache",
    "input_cache_read": "Cache read",
    "input_cache_write": "Cache write",
    "input_cache_write_1h": "Cache write (1 h)",
    "web_search": "Web search",
    "internal_reasoning": "Reasoning",
}


class PriceError(ValueError):
    """A price value that is neither a non-negative decimal nor the variable marker."""


@dataclass(frozen=True)
class Price:
    """One price: exact USD per unit, or variable (decided per request by a router)."""

    key: str
    usd: Decimal | None  # None means variable

    @property
    def is_variable(self) -> bool:
        return self.usd is None

    # Cached: parsed prices are shared between the many models that carry the same price string.
    @cached_property
    def is_free(self) -> bool:
        return self.usd is not None and self.usd == 0

    @cached_property
    def unit(self) -> str:
        return price_unit(self.key)

    @cached_property
    def per_display_unit(self) -> Decimal | None:
        """USD per million tokens for token prices, per unit otherwise."""
        if self.usd is None:
            return None
        return self.usd * MILLION if self.unit == "token" else self.usd


def price_unit(key: str) -> str:
    """The unit a price key is charged in: token, request, image or search."""
    return PRICE_UNITS.get(key, "token")


# A catalog repeats a few dozen price strings thousands of times, so each (key, text) is parsed once.
# Only short strings are memoised: 1, 1.0 and True hash alike but must parse differently.
_MEMO_TEXT = 40


def parse_price(key: str, value: Any) -> Price:
    """Parse one price value; '-1' means variable, anything non-numeric or negative is an error."""
    if isinstance(value, str) and len(value) <= _MEMO_TEXT:
        return _parse_price_text(key, value)
    return _parse_price(key, value)


@lru_cache(maxsize=4096)
def _parse_price_text(key: str, value: str) -> Price:
    return _parse_price(key, value)


def _parse_price(key: str, value: Any) -> Price:
    if isinstance(value, bool) or value is None:
        raise PriceError(f"{key}: not a price ({value!r})")
    text = str(value).strip()
    if text == VARIABLE_MARKER or (isinstance(value, (int, float)) and value == -1):
        return Price(key, None)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise PriceError(f"{key}: not a number ({shorten_repr(value)})") from None
    if not amount.is_finite():
        raise PriceError(f"{key}: not a finite number ({shorten_repr(value)})")
    if amount < 0:
        raise PriceError(f"{key}: negative price ({shorten_repr(value)})")
    if amount > MAX_PRICE:
        raise PriceError(f"{key}: implausibly large price ({shorten_repr(value)})")
    if 0 < amount < MIN_NONZERO_PRICE:
        raise PriceError(f"{key}: implausibly small price ({shorten_repr(value)})")
    return Price(key, amount)


def shorten_repr(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_pricing(pricing: dict[str, Any]) -> dict[str, Price]:
    """Parse every price key of a record's pricing object (discount and overrides excluded)."""
    return {key: parse_price(key, value) for key, value in pricing.items() if key not in NON_PRICE_KEYS}


def parse_pricing_leniently(pricing: dict[str, Any]) -> tuple[dict[str, Price], dict[str, str]]:
    """(the prices that parse, {key: why} for those that do not): one bad price key is not a bad model."""
    prices: dict[str, Price] = {}
    unreadable: dict[str, str] = {}
    for key, value in pricing.items():
        if key in NON_PRICE_KEYS:
            continue
        try:
            prices[key] = parse_price(key, value)
        except PriceError as exc:
            unreadable[key] = str(exc)
    return prices, unreadable


def parse_discount(value: Any) -> Decimal | None:
    """A discount as a fraction (0.25 = 25 % off), or None when absent or unreadable."""
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def usd_per_million(usd_per_token: Decimal) -> Decimal:
    return usd_per_token * MILLION


def format_usd(amount: Decimal) -> str:
    """Money for people: at least two decimals, up to six significant digits, no float noise."""
    if amount == 0:
        return "$0"
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    # Enough decimals for six significant digits of small amounts, never fewer than two.
    exponent = amount.adjusted()
    places = max(2, 5 - exponent)
    # Precision for every digit kept: the default 28 digits fail on large totals.
    with localcontext(prec=max(28, exponent + places + 2)):
        text = f"{amount.quantize(Decimal(1).scaleb(-places)):,.{places}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    frac = frac.ljust(2, "0")
    return f"{sign}${whole}.{frac}"


UNIT_SUFFIX = {"token": "/ M tokens", "request": "/ request", "image": "/ image", "search": "/ search"}


def format_price(price: Price | None) -> str:
    """A price as a person reads it: '$0.02 / M tokens', 'variable', 'free'."""
    if price is None:
        return "not listed"
    return _format_price(price.unit, price.usd)


@lru_cache(maxsize=4096)
def _format_price(unit: str, usd: Decimal | None) -> str:
    # Catalogs repeat a handful of prices, so most calls are cache hits.
    if usd is None:
        return "variable"
    if usd == 0:
        return "free"
    amount = usd * MILLION if unit == "token" else usd
    return f"{format_usd(amount)} {UNIT_SUFFIX[unit]}"


NO_OUTPUT = "not charged: embeddings return vectors, not tokens"
# Price keys that charge for one kind of input, so a zero there on a model without that input means nothing.
MODALITY_OF_KEY = {"image": "image", "image_token": "image", "audio": "audio", "input_audio_cache": "audio"}


def charge_text(key: str, price: Price | None, input_modalities: Sequence[str] | None = None) -> str:
    """format_price, except that $0 for anything but input reads "not charged", never "free".

    "free" would promise something: a zero output price charges for tokens an embeddings call never returns,
    and a zero image price on a text-only model is no offer to embed images (input_modalities, when known).
    """
    if key == "prompt" or price is None or not price.is_free:
        return format_price(price)
    if key == OUTPUT_KEY:
        return NO_OUTPUT
    modality = input_not_taken(key, price, input_modalities)
    return f"not charged (no {modality} input)" if modality else "not charged"


def input_not_taken(key: str, price: Price, input_modalities: Sequence[str] | None) -> str | None:
    """The input kind ('image') a $0 price is for when the model does not take that input; else None.

    Such a price is no offer: it is neither ranked cheapest nor read as free.
    """
    modality = MODALITY_OF_KEY.get(key)
    if price.is_free and modality and input_modalities is not None and modality not in input_modalities:
        return modality
    return None


def as_float(amount: Decimal | None) -> float:
    """A Decimal as float for sorting and charts; NaN for unknown or variable."""
    return math.nan if amount is None else float(amount)


# Below this an "image" price (USD per image, as OpenRouter documents the key) is more likely a per-token
# figure under the per-image key: Gemini Embedding 2's $0.00000045 is Google's image-token rate as a per-token price.
LOW_PER_IMAGE = Decimal("0.00001")
DOUBTFUL_UNIT_NOTE = "unit doubtful: see the model's page"


def unit_doubtful(key: str, price: Price | None) -> bool:
    """An image price so low that it reads as per image token, not per image as OpenRouter documents the key.

    Such a price is shown with a note and not ranked against real per-image prices.
    """
    return key == "image" and price is not None and price.usd is not None and 0 < price.usd < LOW_PER_IMAGE


def labelled_price(key: str, price: Price | None) -> str:
    """'Image $0.0001 / image', as lists of a model's other prices word each, with the doubtful-unit note."""
    text = f"{PRICE_LABELS.get(key, key)} {format_price(price)}"
    return f"{text} ({DOUBTFUL_UNIT_NOTE})" if unit_doubtful(key, price) else text
