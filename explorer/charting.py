"""Chart data, decided without Streamlit or Altair: what can sit on a log axis, and the Pareto frontier."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from explorer.facts import with_facts
from explorer.filters import CatalogFilters, apply_filters

PRICE_COLUMN = "input_usd_per_m"
# What the pricing charts and their captions read: catalog columns, then published facts.
CATALOG_CHART_COLUMNS = ["model_id", "name", "provider", PRICE_COLUMN, "context_length"]
CHART_COLUMNS = [*CATALOG_CHART_COLUMNS, "dimensions", "mteb_score", "mteb_benchmark"]
# How far past the smallest and largest value a log axis reaches, as a factor: enough that a point on
# the edge is drawn whole, far less than the whole decade Vega's rounding to powers of ten adds.
LOG_AXIS_PADDING = 1.25


@dataclass(frozen=True)
class LogAxisSplit:
    """Rows a log price axis can show, and the ones it cannot (listed beside the chart instead)."""

    plottable: pd.DataFrame
    free: pd.DataFrame
    unpriced: pd.DataFrame  # variable ("-1") or unknown prices


def split_for_log_axis(frame: pd.DataFrame, column: str = PRICE_COLUMN) -> LogAxisSplit:
    price = frame[column]
    return LogAxisSplit(
        plottable=frame[price.gt(0).fillna(False).astype(bool)],
        free=frame[price.eq(0).fillna(False).astype(bool)],
        unpriced=frame[price.isna()],
    )


def log_domain(values: pd.Series, padding: float = LOG_AXIS_PADDING) -> tuple[float, float]:
    """The ends of a log axis that fits the positive values: `padding` times beyond the smallest and largest.

    Left to itself Vega rounds a log axis out to whole powers of ten, so prices up to $0.13 ran to $1.
    With nothing to plot the axis is one decade, from 1 to 10.
    """
    positive = values[values.gt(0).fillna(False).astype(bool)]
    if positive.empty:
        return 1.0, 10.0
    return float(positive.min()) / padding, float(positive.max()) * padding


def pareto_frontier(frame: pd.DataFrame, cost: str, score: str) -> pd.DataFrame:
    """Rows no other row beats on both: cheaper-or-equal and better-or-equal, strictly better on one."""
    rows = frame.dropna(subset=[cost, score]).sort_values([cost, score], ascending=[True, False], kind="stable")
    best_score, best_cost = float("-inf"), None
    keep = []
    for index, row_cost, row_score in zip(rows.index, rows[cost], rows[score], strict=True):
        # Sorted by cost, so a row survives only by scoring higher than everything cheaper,
        # or by being an exact twin of the last survivor (a twin does not beat it).
        if row_score > best_score or (row_score == best_score and row_cost == best_cost):
            keep.append(index)
            best_score, best_cost = row_score, row_cost
    return rows.loc[keep]


def scored_on(frame: pd.DataFrame, benchmark: str) -> pd.DataFrame:
    """Rows with a score on one MTEB benchmark and a known price (free included, variable left out)."""
    rows = frame[frame["mteb_benchmark"].eq(benchmark).fillna(False).astype(bool)]
    return rows.dropna(subset=["mteb_score", PRICE_COLUMN])


def benchmarks_in(frame: pd.DataFrame) -> list[str]:
    """The MTEB benchmarks that at least one priced row has a score on, sorted."""
    scored = frame.dropna(subset=["mteb_score", PRICE_COLUMN])
    return sorted(b for b in scored["mteb_benchmark"].dropna().unique() if b)


def plotted_per_benchmark(frame: pd.DataFrame) -> dict[str, int]:
    """Models each benchmark puts on the price-vs-score chart: scored and priced above zero (a log axis)."""
    scored = split_for_log_axis(frame.dropna(subset=["mteb_score"])).plottable
    return {str(b): int(n) for b, n in scored["mteb_benchmark"].value_counts().items() if b}


def default_benchmark(frame: pd.DataFrame) -> str | None:
    """The offered benchmark that plots the most models, alphabetical among equals; None when none is offered.

    Opening on the first name could show a benchmark that one vendor publishes for its own models, while
    another scores most of the models in view.
    """
    plotted = plotted_per_benchmark(frame)
    offered = benchmarks_in(frame)
    return min(offered, key=lambda b: (-plotted.get(b, 0), b)) if offered else None


@dataclass(frozen=True)
class SharedPoint:
    """A spot on a scatter chart where several models sit exactly together, drawn as one dot."""

    x: object
    y: object
    names: tuple[str, ...]


def shared_points(frame: pd.DataFrame, x: str, y: str = PRICE_COLUMN) -> list[SharedPoint]:
    """Where two or more plotted models have the same x and y, most crowded first (then by x and y)."""
    plotted = frame.dropna(subset=[x, y])
    if y == PRICE_COLUMN or x == PRICE_COLUMN:
        plotted = plotted[plotted[PRICE_COLUMN].gt(0)]  # a log axis draws no free model
    groups = [
        SharedPoint(gx, gy, tuple(rows["name"]))
        for (gx, gy), rows in plotted.groupby([x, y], sort=True, observed=True)
        if len(rows) > 1
    ]
    return sorted(groups, key=lambda g: -len(g.names))


def vector_gib_per_million_documents(dimensions: pd.Series) -> pd.Series:
    """float32 vectors for 1M documents: dimensions × 4 bytes × 1,000,000, in GiB."""
    return dimensions.astype("Float64") * 4 * 1_000_000 / 2**30


@dataclass(frozen=True, eq=False)
class PricingData:
    """The filtered models the pricing charts draw, split for log axes, with what the captions and links need."""

    shown: pd.DataFrame  # CHART_COLUMNS of the models the filters keep, in catalog order
    split: LogAxisSplit
    benchmarks: list[str]
    default_benchmark: str | None  # the one the chart opens on, among benchmarks
    names: dict[str, str]  # model id -> display name

    def bars(self, log_scale: bool) -> pd.DataFrame:
        """Rows the price bars draw: every known price, or only those a log axis can hold."""
        return self.split.plottable if log_scale else self.shown[self.shown[PRICE_COLUMN].notna()]


def pricing_data(frame: pd.DataFrame, filters: CatalogFilters) -> PricingData:
    """The catalog frame filtered, with the facts the charts plot; only the columns they read, to stay small."""
    shown = with_facts(apply_filters(frame, filters)[CATALOG_CHART_COLUMNS])[CHART_COLUMNS]
    return PricingData(
        shown=shown,
        split=split_for_log_axis(shown),
        benchmarks=benchmarks_in(shown),
        default_benchmark=default_benchmark(shown),
        names=dict(zip(shown["model_id"], shown["name"], strict=True)),
    )


@dataclass(frozen=True, eq=False)
class BenchmarkFrontier:
    """The models scored on one MTEB benchmark, and those no other beats on both price and score."""

    scored: pd.DataFrame
    frontier: pd.DataFrame


def benchmark_frontier(frame: pd.DataFrame, benchmark: str) -> BenchmarkFrontier:
    scored = scored_on(frame, benchmark)
    return BenchmarkFrontier(scored, pareto_frontier(scored, PRICE_COLUMN, "mteb_score"))


def usd_format(largest: float, extra: int = 0) -> str:
    """A d3 format for amounts up to `largest` that keeps two significant digits of it (at least cents).

    A fixed "$.4~f" turns an image price of $0.00000045 into "$0" on every tick.
    """
    if not math.isfinite(largest) or largest <= 0:
        return f"$.{2 + extra}~f"
    decimals = max(2, 1 - math.floor(math.log10(largest)))
    return f"$.{min(decimals + extra, 14)}~f"
