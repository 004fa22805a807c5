"""Models picked for comparison across filtered views: a table's selection only covers the rows it shows."""

from __future__ import annotations

from collections.abc import Sequence

MAX_COMPARED = 6  # the compare page shows at most this many models side by side


def merge_picks(picked: Sequence[str], shown: Sequence[str], selected: Sequence[str]) -> list[str]:
    """The picks after one view's selection, in the order they were made.

    Picks outside the view stay; for the view's own rows its table's selection decides, so a row
    unticked here is dropped and one ticked here is added.
    """
    in_view, ticked = set(shown), set(selected)
    kept = [model_id for model_id in dict.fromkeys(picked) if model_id not in in_view or model_id in ticked]
    return kept + [model_id for model_id in dict.fromkeys(selected) if model_id not in set(kept)]


def picked_rows(picked: Sequence[str], shown: Sequence[str]) -> list[int]:
    """Positions of the picked models among the shown rows: the ticks a view starts with."""
    wanted = set(picked)
    return [row for row, model_id in enumerate(shown) if model_id in wanted]
