"""Chart data, decided without Streamlit or Altair: what can sit on a log axis, and the Pareto frontier."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class LogAxisSplit:
    """Rows a log price axis can show, and the ones it cannot (listed beside the chart instead)."""

    plottable: pd.DataFrame
    free: pd.DataFrame
    unpriced: pd.DataFrame  # variable ("-1") or unknown prices


def split_for_log_axis(frame: pd.DataFrame, column: str = "input_usd_per_m") -> LogAxisSplit:
    price = frame[column]
    return LogAxisSplit(
        plottable=frame[price.gt(0).fillna(False).astype(bool)],
        free=frame[price.eq(0).fillna(False).astype(bool)],
        unpriced=frame[price.isna()],
    )


def pareto_frontier(frame: pd.DataFrame, cost: str, score: str) -> pd.DataFrame:
    """Rows no other row beats on both: cheaper-or-equal and better-or-equal, strictly better on one."""
    rows = frame.dropna(subset=[cost, score]).sort_values([cost, score], ascending=[True, False], kind="stable")
    best = float("-inf")
    keep = []
    for index, value in rows[score].items():
        if value > best:
            keep.append(index)
            best = value
    return rows.loc[keep]


def vector_gib_per_million_documents(dimensions: pd.Series) -> pd.Series:
    """float32 vectors for 1M documents: dimensions × 4 bytes × 1,000,000, in GiB."""
    return dimensions.astype("Float64") * 4 * 1_000_000 / 2**30
