"""Ratios to a baseline measured in turns with the measured thing."""

from __future__ import annotations

import statistics


def paired(times: list[float], floor: list[float]) -> tuple[float, float]:
    """(median time, median of each time's ratio to the baseline measured beside it).

    The browser visits the floor and then the pages in rounds, seconds apart; a page rerun follows a rerun of the
    empty page. A ratio within a pair cancels the machine's slower and faster spells, which moved a ratio of two
    medians by ±0.07 between browser runs.
    """
    return statistics.median(times), statistics.median(t / f for t, f in zip(times, floor, strict=True))
