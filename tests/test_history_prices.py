"""A model's price rows for the chart (variable spells, runs, change marks) and its last listing once removed."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.history.events import ChangeEvent
from explorer.history.prices import change_label, last_listing, price_history_frame, variable_spans

DAY = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)


def at(days: float) -> dt.datetime:
    return DAY + dt.timedelta(days=days)


def record(prompt: str | None = "0.00000002", **prices: str) -> dict:
    pricing = {"prompt": prompt, **prices} if prompt is not None else prices
    return {"id": "a/b", "name": "A: B", "pricing": pricing}


def input_rows(versions, until=None) -> list[tuple]:
    frame = price_history_frame(versions, until)
    rows = frame[frame["price_key"] == "Input"]
    return [
        (r.seen_at.to_pydatetime(), None if r.variable else round(r.usd, 6), r.observed, r.segment, r.change)
        for r in rows.itertuples()
    ]


def test_a_variable_price_stops_the_line_where_it_began_instead_of_drawing_the_old_price_on() -> None:
    rows = input_rows([(at(-300), record()), (at(0), record("-1"))], until=at(0.5))
    assert rows == [
        (at(-300), 0.02, True, 0, ""),
        (at(0), 0.02, False, 0, ""),  # the fixed price held until the fetch that saw it variable
        (at(0), None, True, 1, "variable since 2026-12-02"),
        (at(0.5), None, False, 1, ""),  # still variable at the catalog's time: nothing fixed is carried
    ]


def test_a_price_fixed_again_after_a_variable_spell_is_a_new_run_and_the_spell_is_named() -> None:
    versions = [(at(0), record()), (at(1), record("-1")), (at(3), record("0.00000003"))]
    rows = input_rows(versions)
    assert [(r[1], r[3], r[4]) for r in rows] == [
        (0.02, 0, ""),
        (0.02, 0, ""),
        (None, 1, "variable since 2026-12-03"),
        (0.03, 1, "fixed again"),
    ]
    frame = price_history_frame(versions)
    assert variable_spans(frame[frame["price_key"] == "Input"]) == [(dt.date(2026, 12, 3), dt.date(2026, 12, 5))]
    assert variable_spans(price_history_frame([(at(0), record("-1"))])) == [(dt.date(2026, 12, 2), None)]


def test_same_day_fetches_keep_their_own_times_and_each_change_is_labelled() -> None:
    versions = [(at(-200), record()), (at(0.375), record()), (at(0.625), record("0.00000003"))]
    rows = input_rows(versions, until=at(0.7))
    assert [(r[0], r[1], r[4]) for r in rows] == [
        (at(-200), 0.02, ""),
        (at(0.375), 0.02, ""),  # 09:00, not on top of the 15:00 point as a day would put it
        (at(0.625), 0.03, "+50%"),
        (at(0.7), 0.03, ""),
    ]


def test_a_price_key_that_leaves_the_record_ends_its_line_there() -> None:
    versions = [(at(0), record(request="0.001")), (at(1), record()), (at(2), record(request="0.002"))]
    frame = price_history_frame(versions, until=at(3))
    rows = frame[frame["price_key"] == "Per request"]
    assert list(zip(rows["seen_at"], rows["usd"], rows["observed"], rows["segment"], rows["change"], strict=True)) == [
        (at(0), 0.001, True, 0, ""),
        (at(1), 0.001, False, 0, ""),
        (at(2), 0.002, True, 1, "added"),
        (at(3), 0.002, False, 1, ""),
    ]


@pytest.mark.parametrize(
    ("before", "after", "label"),
    [
        ("0.00000002", "0.00000002", ""),
        ("0.00000002", "0.00000003", "+50%"),
        ("0.00000002", "0.000000015", "−25%"),
        ("0", "0.00000001", "from free"),
        (None, "0.001", "added"),
        ("variable", "0.00000001", "fixed again"),
        ("0.00000002", "variable", "variable since 2026-12-02"),
        ("variable", "variable", ""),
    ],
)
def test_each_change_gets_a_short_label_for_its_mark(before: str | None, after: str, label: str) -> None:
    assert change_label(before, after, DAY) == label


def removed(model_id: str = "a/b", when: dt.datetime = DAY, last_seen: dt.datetime | None = None) -> ChangeEvent:
    return ChangeEvent("removed", model_id, "A: B", "a", when, previous_seen_at=last_seen)


def test_a_removed_models_last_listing_has_its_dates_and_last_input_price() -> None:
    listing = last_listing("a/b", [(at(-300), record()), (at(-10), record("0.000000005"))], [removed(last_seen=at(-1))])
    assert listing is not None
    assert (listing.name, listing.seen_at, listing.removed_at, listing.renamed_to, listing.input_price) == (
        "A: B",
        at(-1),  # the last fetch of the last snapshot that listed it, not that snapshot's first
        DAY,
        None,
        "$0.005 / M",
    )


def test_a_renamed_id_names_its_new_one_and_an_id_listed_again_is_not_gone() -> None:
    renamed = ChangeEvent("renamed", "a/c", "A: C", "a", DAY, before="a/b", after="a/c", old_model_id="a/b")
    listing = last_listing("a/b", [(at(-5), record("-1"))], [renamed])
    assert listing is not None and listing.renamed_to == "a/c" and listing.input_price == "variable"
    added_back = ChangeEvent("added", "a/b", "A: B", "a", at(1))
    again = last_listing("a/b", [(at(-5), record())], [added_back, removed()])
    assert again is not None and again.removed_at is None
    assert last_listing("a/b", [], [removed()]) is None
