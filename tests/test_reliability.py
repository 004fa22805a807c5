"""The README's Reliability table is what the client really does for each fault."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer import errors
from tests.fake_openrouter import FakeOpenRouter
from tests.reliability import FAULTS, KEY, run_fault, table_row

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = re.search(r"<!-- reliability-table:start -->\n(.*?)\n<!-- reliability-table:end -->", README, re.S)
ROWS = {line.split(" | ")[0].removeprefix("| "): line for line in SECTION.group(1).splitlines()[2:]} if SECTION else {}


def test_the_readme_lists_every_fault() -> None:
    assert list(ROWS) == FAULTS


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_gives_the_message_the_readme_promises(api: FakeOpenRouter, fault: str) -> None:
    error = run_fault(api, fault)
    assert isinstance(error, errors.CatalogUnavailable)
    assert table_row(fault, error) == ROWS[fault]
    assert KEY not in error.summary
    assert_whole_sentences(error.summary)


def assert_whole_sentences(text: str) -> None:
    """No stitching seams: a lower-case sentence start, a doubled full stop, a stop after a quote that ended one."""
    assert text[0].isupper() and text.endswith(".")
    assert not re.search(r"\. [a-z]", text), text
    assert not re.search(r"\.\.|[.!?…]”\.", text), text
