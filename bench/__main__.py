"""`make bench`: prints one table, each figure beside its baseline from the same run.

Usage: python -m bench [--quick]   (--quick: tiny sizes, one repetition; used by the smoke test)
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
from pathlib import Path

from bench import browser, data_layer, elements, pages


def table(title: str, rows: list[tuple[str, float, float]], unit: str = "ms") -> str:
    lines = [f"\n{title}", f"| measurement | {unit} | × baseline |", "|---|---:|---:|"]
    lines += [f"| {label} | {seconds * 1000:.1f} | {ratio:.2f} |" for label, seconds, ratio in rows]
    return "\n".join(lines)


def machine() -> str:
    """The cores this run may use and the processor's model: figures from different machines differ by both."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")
        ]
        model = names[0] if names else model
    return f"{cores} cores · {model}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    options = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    sizes = (34, 200) if options.quick else (34, 1000, 10_000)
    page_sizes = (34,) if options.quick else (34, 10_000)
    repeat = 1 if options.quick else 5
    page_repeat = 1 if options.quick else 9  # each page rerun is paired with one of the empty page
    print(f"Embeddings Explorer benchmark · Python {platform.python_version()} · {platform.machine()} · {machine()}")
    print(table("Data layer (baseline: json.loads of the same body)", data_layer.run(sizes, repeat)))
    print(table("Pages, warm rerun in AppTest (baseline: an empty page)", pages.run(page_sizes, page_repeat)))
    print("\nUpstream requests, K concurrent sessions in one TTL (goal: 1)")
    print("| K | requests |\n|---:|---:|")
    for k in (1, 5) if options.quick else (1, 5, 20):
        print(f"| {k} | {pages.upstream_requests(k)} |")
    timing, memory = browser.run(page_sizes, 1 if options.quick else 15)
    print(browser.browser_table(timing))
    pieces = elements.run(1, only=("title",)) if options.quick else elements.run(15)
    print(table(elements.TITLE, pieces))
    print("\nServer memory\n| measurement | MiB |\n|---|---:|")
    print("\n".join(f"| {label} | {mib:.0f} |" for label, mib in memory))


if __name__ == "__main__":
    main()
