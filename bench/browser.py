"""Real server and Chromium: time to the catalog table drawn vs a one-row floor page, and server memory."""

from __future__ import annotations

import statistics
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from bench.data_layer import synthetic_records
from bench.ratios import paired
from tests.conftest import CHROMIUM, StreamlitServer
from tests.fake_openrouter import FakeOpenRouter

TABLE = '[data-testid="stDataFrame"] canvas'
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def server_for(size: int | None, workdir: Path, stock: bool = False):
    """A server: the app on `size` live models from the loopback API, or the floor page.

    The floor is served as the app is (serve.py, the same config) so the ratio is the page's own
    cost; stock=True serves it with plain `streamlit run` instead, for reference.
    """
    if size is None:
        name = "floor-stock" if stock else "floor"
        server = StreamlitServer({}, workdir / f"{name}.log", script="bench/floor_app.py", stock=stock)
        api = None
    else:
        api = FakeOpenRouter(synthetic_records(size)).start()
        env = {"OPENROUTER_API_KEY": "sk-or-v1-bench", "OPENROUTER_BASE_URL": api.base_url}
        server = StreamlitServer(env, workdir / f"app-{size}.log")
    try:
        yield server
    finally:
        server.stop()
        if api:
            api.stop()


# Records, in the page's own clock (milliseconds since navigation started), when the table's
# canvas first exists. Waiting on the selector from outside would be quantised: Playwright polls
# a missing selector every 500 ms after its first few tries.
TABLE_CLOCK = f"""
new MutationObserver((_, observer) => {{
  if (document.querySelector('{TABLE}')) {{
    window.__tableAt = performance.now();
    observer.disconnect();
  }}
}}).observe(document, {{subtree: true, childList: true}});
"""


@dataclass(frozen=True)
class Visit:
    seconds: float  # navigation start to the table's canvas in the page
    script_seconds: float  # JavaScript the page ran by then (Chrome's ScriptDuration), whatever else ran


def visit(browser: Any, url: str) -> Visit:
    """One first visit, on a fresh context: time to the table drawn and the page's JavaScript time until then.

    The JavaScript time moves less than the wall time when the machine is busy: it counts the page's own
    work, not its waits for a core, the network or the server.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.add_init_script(TABLE_CLOCK)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__tableAt !== undefined", timeout=120_000)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    elapsed = page.evaluate("window.__tableAt") / 1000
    context.close()
    return Visit(elapsed, metrics["ScriptDuration"])


def time_to_table(browser: Any, url: str) -> float:
    """Seconds from navigation start to the table's canvas in the page, on a fresh context."""
    return visit(browser, url).seconds


def middle_half(values: list[float]) -> tuple[float, float]:
    """(first, third) quartile: where the middle half of the values lie."""
    if len(values) < 2:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


@dataclass(frozen=True)
class BrowserRow:
    label: str
    seconds: float  # median visit
    ratio: float  # median of per-round ratios to the floor
    ratio_spread: tuple[float, float]  # middle half of those ratios
    script_seconds: float  # median JavaScript time
    script_ratio: float  # median of per-round JavaScript-time ratios to the floor
    stock_ratio: float  # median of per-round ratios to the floor page under plain `streamlit run`


def browser_row(label: str, visits: list[Visit], floor: list[Visit], stock: list[Visit]) -> BrowserRow:
    """A page's visits against the served floor's and the plain floor's of the same rounds."""
    seconds, ratio = paired([v.seconds for v in visits], [f.seconds for f in floor])
    script, script_ratio = paired([v.script_seconds for v in visits], [f.script_seconds for f in floor])
    spread = middle_half([v.seconds / f.seconds for v, f in zip(visits, floor, strict=True)])
    _, stock_ratio = paired([v.seconds for v in visits], [s.seconds for s in stock])
    return BrowserRow(label, seconds, ratio, spread, script, script_ratio, stock_ratio)


def run(sizes: tuple[int, ...], repeat: int) -> tuple[list[BrowserRow], list[tuple[str, float]]]:
    """(timing rows against the floor page, memory rows in MiB).

    The floor page and the app at each size run side by side and are visited in turns, so a
    busy moment of the machine slows the baseline and the pages alike instead of one of them.
    """
    timing: list[BrowserRow] = []
    memory: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright, ExitStack() as servers:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        floors = {
            "floor": servers.enter_context(server_for(None, Path(tmp))),
            "stock": servers.enter_context(server_for(None, Path(tmp), stock=True)),
        }
        apps = {size: servers.enter_context(server_for(size, Path(tmp))) for size in sizes}
        for size, server in apps.items():
            memory.append((f"server RSS idle, {size} models", rss_mib(server.proc.pid)))
        # A first visit to each warms it (the app fetches and parses its catalog); not measured.
        for server in floors.values():
            time_to_table(browser, server.url)
        for size, server in apps.items():
            time_to_table(browser, server.url)
            memory.append((f"server RSS after 1 session, {size} models", rss_mib(server.proc.pid)))
        visits: dict[int | str, list[Visit]] = {**{name: [] for name in floors}, **{size: [] for size in sizes}}
        # Visits after the warm-up: `repeat` are timed, and at least four happen, so memory is read
        # after the fifth session whatever `repeat` is.
        for round_ in range(max(repeat, 4)):
            timed = round_ < repeat
            if timed:
                for name, server in floors.items():
                    visits[name].append(visit(browser, server.url))
            for size, server in apps.items():
                seen = visit(browser, server.url)
                if timed:
                    visits[size].append(seen)
                if round_ == 3:
                    memory.append((f"server RSS after 5 sessions, {size} models", rss_mib(server.proc.pid)))
        floor, stock = visits["floor"], visits["stock"]
        timing.append(browser_row("floor page (one-row table), served as the app is", floor, floor, stock))
        timing.append(browser_row("floor page, plain `streamlit run`", stock, floor, stock))
        for size in apps:
            timing.append(browser_row(f"catalog, {size} models", visits[size], floor, stock))
        browser.close()
    memory.sort(key=lambda row: int(row[0].split(", ")[1].split()[0]))  # grouped by size, as before
    return timing, memory


BROWSER_TITLE = (
    "Browser: navigation to the table drawn (baseline: a one-row st.dataframe page served as the app is;"
    " fresh contexts)"
)


def browser_table(rows: list[BrowserRow]) -> str:
    """The browser section: time and ratio, the middle half of the per-round ratios, the ratio to the plain
    floor, and JavaScript time."""
    lines = [
        f"\n{BROWSER_TITLE}",
        "| page | ms | × baseline | middle half of rounds | × plain `streamlit run` floor"
        " | JavaScript ms | JavaScript × baseline |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        low, high = row.ratio_spread
        lines.append(
            f"| {row.label} | {row.seconds * 1000:.1f} | {row.ratio:.2f} | {low:.2f}–{high:.2f}"
            f" | {row.stock_ratio:.2f} | {row.script_seconds * 1000:.1f} | {row.script_ratio:.2f} |"
        )
    return "\n".join(lines)
