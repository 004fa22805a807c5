"""Any JSON at all: the parser returns a catalog or a typed error, never anything else."""

from __future__ import annotations

import copy
import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.catalog import build_catalog
from explorer.errors import CatalogUnavailable
from explorer.fetch import _page_records
from tests.fake_openrouter import snapshot_records

NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
REAL = snapshot_records()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=30,
)


def mutate(record: dict, key: str, value: object) -> dict:
    out = copy.deepcopy(record)
    out[key] = value
    return out


def parse_body(body: object):
    """What the app does with a response body: envelope, then records."""
    try:
        records, _, _ = _page_records(body, None)
    except CatalogUnavailable as error:
        return error
    return build_catalog(records, source="live", as_of=NOW)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_random_json_bodies_give_a_catalog_or_a_typed_error(body: object) -> None:
    result = parse_body(body)
    assert isinstance(result, CatalogUnavailable) or len(result) + len(result.skipped) == len(body["data"])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(REAL[0])), json_values, st.integers(0, len(REAL) - 1))
def test_one_field_replaced_by_random_json_never_breaks_the_rest(key: str, value: object, index: int) -> None:
    records = [*REAL[:index], mutate(REAL[index], key, value), *REAL[index + 1 :]]
    catalog = parse_body({"data": records})
    assert len(catalog) >= len(REAL) - 1
    assert len(catalog) + len(catalog.skipped) == len(REAL)
    assert catalog.frame["model_id"].is_unique


@settings(max_examples=50, deadline=None)
@given(st.lists(json_values, max_size=8))
def test_random_records_among_real_ones_are_counted(junk: list) -> None:
    catalog = parse_body({"data": [*REAL, *junk]})
    assert len(catalog) >= len(REAL)
    assert len(catalog) + len(catalog.skipped) == len(REAL) + len(junk)


def test_ten_thousand_models_parse_and_filter() -> None:
    records = [mutate(REAL[i % len(REAL)], "id", f"{REAL[i % len(REAL)]['id']}-{i}") for i in range(10_000)]
    catalog = parse_body(json.loads(json.dumps({"data": records})))
    assert len(catalog) == 10_000
    assert catalog.skipped == ()
    assert catalog.frame["input_usd_per_m"].notna().sum() == 10_000


def test_an_empty_list_is_an_empty_catalog_not_an_error() -> None:
    catalog = parse_body({"data": [], "total_count": 0, "links": {"next": None}})
    assert len(catalog) == 0
    assert "model_id" in catalog.frame.columns
