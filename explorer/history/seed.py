"""The dated catalogs bundled with the app, which give the change feed a past on its first run."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

# (file under explorer/data/history, the date it was served); provenance in that folder's README.
SEED_FILES: tuple[tuple[str, dt.date], ...] = (
    ("openrouter-embeddings-2025-12-14.json", dt.date(2025, 12, 14)),
    ("openrouter-embeddings-2026-08-19.json", dt.date(2026, 8, 19)),
)


@dataclass(frozen=True)
class SeedCatalog:
    records: dict[str, dict[str, Any]]
    observed_at: dt.datetime
    source: str


def seed_catalogs() -> list[SeedCatalog]:
    """Each bundled dated catalog as id -> record, observed at midnight UTC of its date, oldest first."""
    seeds = []
    for name, day in SEED_FILES:
        text = resources.files("explorer").joinpath("data", "history", name).read_text(encoding="utf-8")
        records = {r["id"]: r for r in json.loads(text)["data"]}
        seeds.append(SeedCatalog(records, dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC), f"seed {day}"))
    return seeds
