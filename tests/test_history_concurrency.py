"""Eight processes recording at once, on a fresh database, lose nothing and duplicate nothing."""

from __future__ import annotations

import copy
import itertools
import multiprocessing as mp
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from explorer.history.store import HistoryStore
from explorer.history.tables import ModelVersion, Snapshot
from tests.history_fixtures import NOW, changed_catalog, database_url, history_records, postgres_server

__all__ = ["database_url", "postgres_server"]  # fixtures used by name below
WORKERS = 8


def priced(cents_per_million: int) -> dict[str, dict[str, Any]]:
    """The 2026-08-19 catalog with text-embedding-3-small at the given price (in cents per million tokens)."""
    records = copy.deepcopy(history_records())
    records["openai/text-embedding-3-small"]["pricing"]["prompt"] = f"{cents_per_million / 100_000_000:.10f}"
    return records


def _worker(url: str, records: dict, start: Any, results: Any) -> None:
    """Open (migrating and seeding if first) and record once, all workers released together."""
    start.wait(60)
    try:
        store = HistoryStore.open(url)
        result = store.record(records, NOW)
        store.close()
        results.put((result.is_new, result.snapshot_id))
    except Exception as exc:
        results.put(("error", repr(exc)))


def record_at_once(url: str, catalogs: list[dict]) -> list[tuple[Any, Any]]:
    # Fork, not spawn: children start in milliseconds and each opens its own engine.
    context = mp.get_context("fork")
    start, results = context.Barrier(len(catalogs)), context.Queue()
    workers = [context.Process(target=_worker, args=(url, c, start, results)) for c in catalogs]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=90) for _ in workers]
    for worker in workers:
        worker.join(30)
    assert not [o for o in outcomes if o[0] == "error"], outcomes
    return outcomes


def table_facts(url: str) -> tuple[list[tuple[str, int, str]], int]:
    store = HistoryStore(HistoryStore.open(url, seed=False).engine)
    with Session(store.engine) as session:
        snapshots = [
            (s.catalog_hash, s.seen_count, s.source) for s in session.scalars(select(Snapshot).order_by(Snapshot.id))
        ]
        versions = session.scalar(select(func.count()).select_from(ModelVersion)) or 0
    store.close()
    return snapshots, versions


def seeded_versions() -> int:
    return 21 + 34  # every 2026 record carries keys the 2025 ones lack, so no seed version is shared


def test_eight_processes_recording_the_same_catalog_make_one_snapshot(database_url: str) -> None:
    outcomes = record_at_once(database_url, [changed_catalog(history_records()) for _ in range(WORKERS)])
    assert sorted(is_new for is_new, _ in outcomes) == [False] * (WORKERS - 1) + [True]
    snapshots, versions = table_facts(database_url)
    assert [(seen, source) for _, seen, source in snapshots] == [
        (1, "seed 2025-12-14"),
        (1, "seed 2026-08-19"),
        (WORKERS, "live"),
    ]
    assert versions == seeded_versions() + 1


def test_eight_processes_recording_different_catalogs_lose_and_duplicate_nothing(database_url: str) -> None:
    catalogs = [priced(1 + i % 4) for i in range(WORKERS)]  # four distinct catalogs, each sent twice
    record_at_once(database_url, catalogs)
    snapshots, versions = table_facts(database_url)
    live = snapshots[2:]
    assert sum(seen for _, seen, _ in live) == WORKERS  # every recording counted once
    assert all(a[0] != b[0] for a, b in itertools.pairwise(snapshots))  # no back-to-back repeat
    assert len({digest for digest, _, _ in live}) == 4
    assert versions == seeded_versions() + 4  # one new version per distinct price, stored once
