"""Prices: exact Decimals from strings, '-1' as variable, units and formatting for people."""

from __future__ import annotations

from decimal import Decimal

import pytest

from explorer.pricing import Price, PriceError, format_price, format_usd, parse_discount, parse_price, parse_pricing


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("prompt", "0.00000002", Decimal("0.00000002")),
        ("prompt", "0", Decimal(0)),
        ("prompt", "0.0000000208333333333333", Decimal("0.0000000208333333333333")),
        ("completion", 0, Decimal(0)),
        ("image", "0.00000045", Decimal("0.00000045")),
        ("request", " 0.001 ", Decimal("0.001")),
        ("prompt", "1e-8", Decimal("1e-8")),
    ],
)
def test_price_strings_parse_to_exact_decimals(key: str, value: object, expected: Decimal) -> None:
    assert parse_price(key, value).usd == expected


@pytest.mark.parametrize("value", ["-1", -1, " -1"])
def test_minus_one_means_variable_not_negative(value: object) -> None:
    price = parse_price("prompt", value)
    assert price.is_variable
    assert price.usd is None
    assert format_price(price) == "variable"


@pytest.mark.parametrize(
    "value", ["abc", "", None, True, "-0.5", "-2", "NaN", "Infinity", [], {}, "1e30", 10**30, "1e400", "1e-999999"]
)
def test_non_numeric_or_negative_prices_are_errors(value: object) -> None:
    with pytest.raises(PriceError):
        parse_price("prompt", value)


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("prompt", "0.00000002", "$0.02 / M tokens"),
        ("prompt", "0.00000013", "$0.13 / M tokens"),
        ("prompt", "0.000000065", "$0.065 / M tokens"),
        ("prompt", "0.0000000208333333333333", "$0.0208333 / M tokens"),
        ("completion", "0", "free"),
        ("image", "0.00000045", "$0.00000045 / image"),
        ("request", "0.002", "$0.002 / request"),
        ("web_search", "0.004", "$0.004 / search"),
        ("audio", "0.0000065", "$6.50 / M tokens"),
        ("image_token", "0.000001", "$1.00 / M tokens"),
        ("image_output", "0.00003", "$30.00 / M tokens"),
        ("audio_output", "0.00001", "$10.00 / M tokens"),
        ("input_audio_cache", "0.0000001", "$0.10 / M tokens"),
        ("input_cache_read", "0.00000001", "$0.01 / M tokens"),
        ("input_cache_write", "0.00000125", "$1.25 / M tokens"),
        ("input_cache_write_1h", "0.000002", "$2.00 / M tokens"),
        ("internal_reasoning", "0.00001", "$10.00 / M tokens"),
        ("prompt", "-1", "variable"),
    ],
)
def test_every_price_key_is_shown_in_the_unit_a_person_reads(key: str, value: str, shown: str) -> None:
    assert format_price(parse_price(key, value)) == shown


def test_a_missing_price_is_not_shown_as_zero() -> None:
    assert format_price(None) == "not listed"


def test_discount_and_overrides_are_not_parsed_as_prices() -> None:
    prices = parse_pricing({"prompt": "0.0000001", "discount": 0.25, "overrides": [{"prompt": "0"}]})
    assert set(prices) == {"prompt"}
    assert parse_discount(0.25) == Decimal("0.25")
    assert parse_discount("x") is None


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("100", "$100.00"),
        ("0.5", "$0.50"),
        ("1234567.891", "$1,234,567.89"),
        ("0", "$0"),
        ("0.004", "$0.004"),
        ("1e30", "$1,000,000,000,000,000,000,000,000,000,000.00"),
    ],
)
def test_money_is_formatted_without_float_noise(amount: str, text: str) -> None:
    assert format_usd(Decimal(amount)) == text


def test_per_million_is_exact() -> None:
    assert Price("prompt", Decimal("0.0000000208333333333333")).per_display_unit == Decimal("0.0208333333333333")


def test_a_repeated_price_string_is_parsed_once_and_shared() -> None:
    first, again = parse_price("prompt", "0.00000002"), parse_price("prompt", "0.00000002")
    assert first is again
    assert parse_price("completion", "0.00000002").key == "completion"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", Decimal("1")), (1, Decimal("1")), (1.0, Decimal("1.0")), ("1.0", Decimal("1.0"))],
)
def test_values_that_hash_alike_still_parse_by_their_own_type(value: object, expected: Decimal) -> None:
    parse_price("prompt", "1")  # warm the memo with the string form first
    usd = parse_price("prompt", value).usd
    assert usd == expected and str(usd) == str(expected)
    with pytest.raises(PriceError):
        parse_price("prompt", True)


@pytest.mark.parametrize(("value", "usd"), [("1000000", Decimal(1_000_000)), ("1e-15", Decimal("1e-15"))])
def test_the_price_bounds_themselves_are_accepted(value: str, usd: Decimal) -> None:
    assert parse_price("request", value).usd == usd
