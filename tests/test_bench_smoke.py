"""The benchmark runs end to end on tiny sizes and prints every table (figures are not asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_on_a_tiny_size_and_prints_its_tables() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert " cores · " in result.stdout.splitlines()[0]  # the machine, so runs on different ones are told apart
    headings = (
        "Data layer",
        "Pages, warm rerun",
        "changes page",
        "Upstream requests",
        "Browser",
        "one piece of the catalog",
        "Server memory",
    )
    for heading in headings:
        assert heading in result.stdout
    upstream = result.stdout.split("Upstream requests")[1].split("\n\n")[0]
    assert "| 5 | 1 |" in upstream
    pieces = result.stdout.split("one piece of the catalog")[1].split("\n\n")[0]
    assert "| floor page (one-row table) |" in pieces and "| title |" in pieces


def test_the_cpu_profile_splits_self_time_by_script_file() -> None:
    from bench.cpu_profile import ms_by_script

    profile = {
        "nodes": [
            {"id": 1, "callFrame": {"url": "", "functionName": "(idle)"}},
            {"id": 2, "callFrame": {"url": "http://h/static/js/react-dom.abc.js", "functionName": "Ho"}},
            {"id": 3, "callFrame": {"url": "http://h/static/js/react-dom.abc.js", "functionName": "Ec"}},
        ],
        "samples": [1, 2, 3, 1],
        "timeDeltas": [0, 1000, 3000, 500],  # microseconds before each sample; a sample lasts until the next
    }
    assert ms_by_script(profile) == {"(idle)": 1.0, "react-dom.abc.js": 3.5}
