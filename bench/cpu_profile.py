"""Where the browser's time goes on a first visit: Chrome's sampling profiler, the floor page against the catalog.

Usage: python -m bench.cpu_profile [--visits N] [--size MODELS]   (not part of `make bench`)

Each visit is a fresh context, profiled from navigation until the table's canvas exists (the browser
section's end point). Prints, per page, the median time to the table and the mean milliseconds per visit
spent in each script file and in the profiler's own buckets: "(program)" is the browser's native work
(parsing, style, layout), "(idle)" waiting on the network or timers.
"""

from __future__ import annotations

import argparse
import collections
import statistics
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from bench.browser import ARGS, TABLE_CLOCK, server_for
from tests.conftest import CHROMIUM

SAMPLING_MICROSECONDS = 200


def profiled_visit(browser: Any, url: str) -> tuple[float, dict[str, Any]]:
    """(ms from navigation to the table's canvas, the CPU profile of that span)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.add_init_script(TABLE_CLOCK)
    cdp = context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": SAMPLING_MICROSECONDS})
    cdp.send("Profiler.start")
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__tableAt !== undefined", timeout=120_000)
    table_at = page.evaluate("window.__tableAt")
    profile = cdp.send("Profiler.stop")["profile"]
    context.close()
    return table_at, profile


def ms_by_script(profile: dict[str, Any]) -> collections.Counter[str]:
    """Self time per script file name; native buckets ("(program)", "(idle)", …) under their own names."""
    frames = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    spent: collections.Counter[str] = collections.Counter()
    deltas = [*profile["timeDeltas"][1:], 0]  # each sample lasts until the next one
    for sample, delta in zip(profile["samples"], deltas, strict=True):
        frame = frames[sample]
        name = frame["url"].rsplit("/", 1)[-1] or frame["functionName"] or "(native)"
        spent[name] += delta / 1000
    return spent


def run(visits: int, size: int) -> dict[str, tuple[float, collections.Counter[str]]]:
    """Page label -> (median ms to the table, mean ms per visit by script)."""
    results: dict[str, tuple[list[float], collections.Counter[str]]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        with server_for(None, Path(tmp)) as floor, server_for(size, Path(tmp)) as app:
            pages = {"floor page (one-row table)": floor.url, f"catalog, {size} models": app.url}
            for url in pages.values():
                profiled_visit(browser, url)  # warm-up, not counted
            results = {label: ([], collections.Counter()) for label in pages}
            for _ in range(visits):
                for label, url in pages.items():  # in turns, as the browser section visits them
                    table_at, profile = profiled_visit(browser, url)
                    results[label][0].append(table_at)
                    results[label][1].update(ms_by_script(profile))
        browser.close()
    return {
        label: (statistics.median(times), collections.Counter({k: v / visits for k, v in spent.items()}))
        for label, (times, spent) in results.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--size", type=int, default=34)
    parser.add_argument("--top", type=int, default=14)
    options = parser.parse_args()
    results = run(options.visits, options.size)
    floor_spent = next(iter(results.values()))[1]
    for label, (table_at, spent) in results.items():
        busy = sum(v for k, v in spent.items() if k != "(idle)")
        print(f"\n{label}: table drawn at {table_at:.0f} ms (median); busy {busy:.0f} ms per visit")
        print("| script or bucket | ms per visit | vs floor |")
        print("|---|---:|---:|")
        for name, ms in spent.most_common(options.top):
            print(f"| {name} | {ms:.1f} | {ms - floor_spent.get(name, 0.0):+.1f} |")


if __name__ == "__main__":
    main()
