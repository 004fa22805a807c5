"""Row orders of the catalog: the data layer's sort, and the page's URL parameter."""

from __future__ import annotations

import pandas as pd
import pytest

from explorer.catalog import snapshot_catalog
from explorer.filters import CatalogFilters, apply_filters, input_limit
from explorer.normalise import short_name
from explorer.ordering import DEFAULT_ORDER, ORDERS, order_problem, order_rows

FRAME = snapshot_catalog().frame


def test_the_listed_order_is_the_catalog_itself() -> None:
    assert order_rows(FRAME, FRAME, DEFAULT_ORDER) is FRAME  # the unfiltered view stays the memoised frame


def test_cheapest_first_puts_free_models_first_and_keeps_ties_in_listed_order() -> None:
    prices = order_rows(FRAME, FRAME, "price")["input_usd_per_m"].tolist()
    assert prices == sorted(prices) and prices[0] == 0
    at_two_cents = FRAME[FRAME["input_usd_per_m"].eq(0.02)]["model_id"].tolist()
    ordered = order_rows(FRAME, FRAME, "price")
    assert ordered[ordered["input_usd_per_m"].eq(0.02)]["model_id"].tolist() == at_two_cents


def test_a_variable_price_sorts_last() -> None:
    frame = pd.DataFrame({"input_usd_per_m": [0.1, float("nan"), 0.0], "name": ["a", "b", "c"]}, index=[7, 8, 9])
    assert order_rows(frame, frame, "price").index.tolist() == [9, 7, 8]


def test_longest_input_first_reads_the_usable_limit_as_the_filter_does() -> None:
    shown = apply_filters(FRAME, CatalogFilters(q="gemini"))
    ordered = order_rows(FRAME, shown, "input")
    limits = input_limit(FRAME).reindex(ordered.index).tolist()
    assert limits == sorted(limits, reverse=True)
    # gemini-embedding-001 lists 20,000 tokens of context but takes 2,048: it sorts by the 2,048.
    assert ordered["model_id"].iloc[-1] == "google/gemini-embedding-001"


def test_names_sort_without_their_vendor_prefix_and_case() -> None:
    names = [short_name(n).casefold() for n in order_rows(FRAME, FRAME, "name")["name"]]
    assert names == sorted(names)


@pytest.mark.parametrize(("value", "ok"), [(None, True), ("price", True), ("cheap", False), ("x" * 100, False)])
def test_a_sort_value_the_page_cannot_take_is_named(value, ok) -> None:
    problem = order_problem(value)
    assert (problem is None) == ok
    if not ok:
        assert problem.startswith("the link's sort=") and ", ".join(ORDERS) in problem and len(problem) < 200


def _ids(at) -> list[str]:
    return at.dataframe[0].value["model_id"].tolist()


def test_a_link_opens_the_catalog_in_its_order_with_the_control_shown(app_test) -> None:
    at = app_test(sort="price", min_context="8000")
    assert not at.exception
    prices = at.dataframe[0].value["input_usd_per_m"].tolist()
    assert prices == sorted(prices) and len(prices) < 34
    (control,) = [s for s in at.selectbox if s.key == "sort"]
    assert control.value == "price" and at.query_params["sort"] == "price"
    control.set_value("name").run()
    assert at.query_params["sort"] == "name"
    names = [short_name(n).casefold() for n in at.dataframe[0].value["link"].str.split("#").str[-1]]
    assert names == sorted(names)


def test_a_changed_order_gives_the_table_a_new_key(app_test) -> None:
    listed = app_test()
    ordered = app_test(sort="price")
    assert listed.dataframe[0].key != ordered.dataframe[0].key  # ticks are row positions: a new order, new ticks


def test_a_bad_sort_value_is_named_and_rows_keep_the_listed_order(app_test) -> None:
    at = app_test(sort="<b>cheap</b>")
    assert not at.exception
    (warning,) = [w.value for w in at.warning if "sort\\=" in w.value]
    assert "cheap" in warning and "<b>" not in warning  # escaped
    assert _ids(at) == FRAME["model_id"].tolist()
    assert "sort" not in at.query_params


def test_the_pricing_page_has_no_row_order(app_test) -> None:
    at = app_test("pages/pricing.py", sort="price")
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "sort"]
