"""The page benchmark's setup: the changes page is measured, and its history never lands in the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.pages import PAGES, empty_page, live_api, open_page, paired_reruns
from explorer.history.config import SQLITE_FILE

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_is_in_the_page_table() -> None:
    assert list(PAGES) == ["catalog", "detail", "compare", "pricing", "calculator", "changes", "status"]


def test_the_live_catalog_is_recorded_in_a_temporary_history_that_goes_afterwards(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EXPLORER_DATABASE_URL", "postgresql://bench@example.invalid/history")
    data_dir = os.environ["EXPLORER_DATA_DIR"]
    with live_api(3):
        scratch = Path(os.environ["EXPLORER_DATA_DIR"])
        assert ROOT not in scratch.parents and "EXPLORER_DATABASE_URL" not in os.environ
        times, floor = paired_reruns(open_page(*PAGES["changes"]), empty_page(), 1)
        assert times[0] > 0 and floor[0] > 0
        assert (scratch / SQLITE_FILE).is_file()
    assert not scratch.exists()
    assert os.environ["EXPLORER_DATA_DIR"] == data_dir
    assert os.environ["EXPLORER_DATABASE_URL"] == "postgresql://bench@example.invalid/history"


def test_ratios_pair_each_measurement_with_the_baseline_measured_beside_it() -> None:
    from bench.ratios import paired

    # Rounds 1 and 3 run the page at twice the floor; round 2's page visit alone met a slow spell.
    median, ratio = paired([2.0, 3.0, 9.0], [1.0, 2.0, 4.5])
    assert median == 3.0 and ratio == 2.0  # the ratio of the two medians would say 3.0 / 2.0 = 1.5


def test_a_browser_row_gives_the_middle_half_of_its_rounds_the_plain_floor_ratio_and_the_javascript_ratio() -> None:
    from bench.browser import Visit, browser_row, browser_table

    floor = [Visit(1.0, 0.4), Visit(2.0, 0.5), Visit(1.0, 0.4), Visit(1.0, 0.5), Visit(1.0, 0.4)]
    page = [Visit(1.2, 0.8), Visit(2.8, 1.0), Visit(1.3, 0.8), Visit(1.1, 1.5), Visit(1.5, 0.8)]
    stock = [Visit(1.0, 0.4), Visit(2.0, 0.5), Visit(1.3, 0.4), Visit(1.1, 0.5), Visit(1.5, 0.4)]
    row = browser_row("catalog", page, floor, stock)
    # Per-round ratios 1.2, 1.4, 1.3, 1.1, 1.5: median 1.3, middle half 1.2 to 1.4.
    assert round(row.ratio, 6) == 1.3 and [round(x, 6) for x in row.ratio_spread] == [1.2, 1.4]
    # JavaScript: per-round ratios 2, 2, 2, 3, 2.
    assert row.script_ratio == 2.0 and row.script_seconds == 0.8
    # Against the plain floor: per-round ratios 1.2, 1.4, 1.0, 1.0, 1.0.
    assert row.stock_ratio == 1.0
    assert "| catalog | 1300.0 | 1.30 | 1.20–1.40 | 1.00 | 800.0 | 2.00 |" in browser_table([row])
