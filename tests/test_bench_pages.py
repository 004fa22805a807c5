"""The page benchmark's setup: the changes page is measured, and its history never lands in the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.pages import PAGES, live_api, open_page, warm_rerun_seconds
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
        assert warm_rerun_seconds(open_page(*PAGES["changes"]), 1) > 0
        assert (scratch / SQLITE_FILE).is_file()
    assert not scratch.exists()
    assert os.environ["EXPLORER_DATA_DIR"] == data_dir
    assert os.environ["EXPLORER_DATABASE_URL"] == "postgresql://bench@example.invalid/history"


def test_browser_ratios_pair_each_visit_with_the_floor_visit_of_its_round() -> None:
    from bench.browser import paired

    # Rounds 1 and 3 run the page at twice the floor; round 2's page visit alone met a slow spell.
    median, ratio = paired([2.0, 3.0, 9.0], [1.0, 2.0, 4.5])
    assert median == 3.0 and ratio == 2.0  # the ratio of the two medians would say 3.0 / 2.0 = 1.5
