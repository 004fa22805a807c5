"""Parse + validate + normalise vs the floor of json.loads on the same body."""

from __future__ import annotations

import copy
import datetime as dt
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from explorer.catalog import build_catalog
from explorer.snapshot import load_snapshot_body


def synthetic_records(count: int) -> list[dict[str, Any]]:
    """`count` real records, ids made unique, so the catalog grows without changing shape."""
    real = load_snapshot_body()["data"]
    records = []
    for i in range(count):
        record = copy.deepcopy(real[i % len(real)])
        if i >= len(real):
            record["id"] = f"{record['id']}-copy{i}"
        records.append(record)
    return records


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(sizes: tuple[int, ...], repeat: int) -> list[tuple[str, float, float]]:
    """Rows of (label, seconds, ratio to json.loads)."""
    rows = []
    now = dt.datetime.now(dt.UTC)
    for size in sizes:
        body = json.dumps({"data": synthetic_records(size)})
        floor = median_seconds(lambda body=body: json.loads(body), repeat)
        full = median_seconds(
            lambda body=body: build_catalog(json.loads(body)["data"], source="live", as_of=now), repeat
        )
        rows.append((f"json.loads, {size} models", floor, 1.0))
        rows.append((f"parse+validate+normalise, {size} models", full, full / floor))
    return rows
