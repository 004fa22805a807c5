"""Picks across filtered views: a table's selection covers its own rows and leaves the rest alone."""

from __future__ import annotations

import pytest

from explorer.picks import merge_picks, picked_rows


@pytest.mark.parametrize(
    ("picked", "shown", "selected", "after"),
    [
        ([], ["a", "b"], ["b"], ["b"]),  # a first tick
        (["a"], ["c", "d"], [], ["a"]),  # a new view with none ticked keeps a pick it does not show
        (["a"], ["c", "d"], ["d"], ["a", "d"]),  # picks add up across views, in the order made
        (["a", "d"], ["a", "b"], [], ["d"]),  # unticked in a view that shows it: dropped
        (["a", "d"], ["a", "d"], ["d", "a"], ["a", "d"]),  # the order is the picking order, not the table's
        (["a", "a"], ["x"], ["y", "y"], ["a", "y"]),  # each model once
    ],
)
def test_a_views_selection_decides_its_own_rows_and_keeps_the_other_picks(
    picked: list[str], shown: list[str], selected: list[str], after: list[str]
) -> None:
    assert merge_picks(picked, shown, selected) == after


def test_a_view_starts_with_the_picked_models_it_shows_ticked() -> None:
    assert picked_rows(["d", "a", "z"], ["a", "b", "c", "d"]) == [0, 3]
    assert picked_rows([], ["a"]) == []
