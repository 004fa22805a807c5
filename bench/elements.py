"""What each piece of the catalog's first view costs the browser: the floor page plus that one piece.

Usage: python -m bench.elements [--rounds N]   (also a section of `make bench`)

Each variant is the browser floor (a one-row st.dataframe) with one element of the catalog page
added before the table, made with the same call and arguments the catalog makes. "all of them"
adds every piece at once: the catalog page's shape with none of its data work. The servers run
side by side and are visited in turns, and each figure is the median of per-round ratios to the
floor visit of the same round, as in the browser section of `make bench`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.browser import ARGS, time_to_table
from tests.conftest import CHROMIUM, StreamlitServer

TITLE = "Browser, one piece of the catalog page added to the floor (baseline: the floor)"
PROVIDERS = [f"provider-{i}" for i in range(11)]  # the bundled snapshot has 11 providers

PIECES: dict[str, str] = {
    "navigation, 7 pages at the top": (
        "pages = [st.Page(floor, title='Catalog', default=True)] + [\n"
        "    st.Page(floor, title=t, url_path=f'p{i}')\n"
        "    for i, t in enumerate(['Model details', 'Compare', 'Pricing', 'Cost calculator', 'Changes', 'Status'])\n"
        "]\n"
        "st.navigation(pages, position='top')\n"
    ),
    "data-source line: live caption and Refresh": (
        "row = st.container(horizontal=True, vertical_alignment='center')\n"
        "row.caption('Live from OpenRouter · 34 models fetched 2026-12-01 10:00 UTC (2 minutes ago)',"
        " width='content')\n"
        "row.button('Refresh', icon=':material/refresh:', help='Fetch the list again now')\n"
    ),
    "title": "st.title('Embeddings models')\n",
    "search box": ("st.text_input('Search', placeholder='id, name or description', icon=':material/search:')\n"),
    "provider menu, closed": (
        "st.popover('Provider: any', key='provider_menu', on_change='rerun', width='stretch',"
        ' help="Show only these providers\' models")\n'
    ),
    "More filters, closed": "st.expander('More filters', expanded=False)\n",
    "Clear all filters, disabled at the defaults": (
        "st.button('Clear all filters', icon=':material/filter_alt_off:', type='tertiary', disabled=True)\n"
    ),
    "summary line": (
        "st.markdown('**34** models from **11** providers · cheapest paid input **$0.004 / M** (Embed V1 0.6B)"
        " · median paid input **$0.02 / M**  \\n:gray[34 of 34 models · a name opens its page in a new tab]')\n"
    ),
    "Picked line, nothing picked": (
        "box = st.container(height=40, border=False, vertical_alignment='center')\n"
        "box.caption('**Picked:** none · tick rows to compare them')\n"
    ),
    "Download menu": ("st.popover('Download', icon=':material/download:', help='The shown rows, as CSV or JSON')\n"),
}

# Pieces the catalog no longer draws, each measured alone beside what replaced it; not in "all of them".
FORMER: dict[str, str] = {
    "provider multiselect (before the menu)": f"st.multiselect('Provider', {PROVIDERS!r})\n",
}

HEAD = "import pandas as pd\nimport streamlit as st\n\n\ndef floor() -> None:\n    pass\n\n\n"
TABLE = "st.dataframe(pd.DataFrame({'model': ['floor']}))\n"


def script(pieces: list[str]) -> str:
    """The floor page with `pieces` (keys of PIECES) placed before its table."""
    return HEAD + "".join({**PIECES, **FORMER}[name] for name in pieces) + TABLE


def variants() -> dict[str, list[str]]:
    """Label -> the pieces of that page; the floor first."""
    alone = {name: [name] for name in {**PIECES, **FORMER}}
    return {"floor page (one-row table)": [], **alone, "all of them": list(PIECES)}


def run(rounds: int, only: tuple[str, ...] | None = None) -> list[tuple[str, float, float]]:
    """(label, median seconds to the table drawn, median per-round ratio to the floor) per variant."""
    pages = {label: pieces for label, pieces in variants().items() if only is None or not pieces or label in only}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright, ExitStack() as stack:
        servers = {}
        for i, (label, pieces) in enumerate(pages.items()):
            path = Path(tmp) / f"variant_{i}.py"
            path.write_text(script(pieces))
            server = StreamlitServer({}, Path(tmp) / f"variant_{i}.log", script=str(path))
            stack.callback(server.stop)
            servers[label] = server
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        stack.callback(browser.close)
        for server in servers.values():
            time_to_table(browser, server.url)  # warm-up, not timed
        times: dict[str, list[float]] = {label: [] for label in servers}
        for _ in range(rounds):
            for label, server in servers.items():
                times[label].append(time_to_table(browser, server.url))
    floor = next(iter(times.values()))
    return [
        (label, statistics.median(t), statistics.median(a / b for a, b in zip(t, floor, strict=True)))
        for label, t in times.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    options = parser.parse_args()
    from bench.__main__ import table

    print(table(TITLE, run(options.rounds)))


if __name__ == "__main__":
    main()
