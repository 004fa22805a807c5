"""Fixtures for the history store: a fresh database per test on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from explorer.history.store import HistoryStore
from tests.postgres_server import PostgresServer

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "explorer" / "data" / "history"
BACKENDS = ["sqlite", "postgresql"]


def history_records(name: str = "openrouter-embeddings-2026-08-19.json") -> dict[str, dict[str, Any]]:
    """A bundled dated catalog as id -> raw record (a fresh copy each call)."""
    body = json.loads((HISTORY / name).read_text(encoding="utf-8"))
    return {r["id"]: r for r in body["data"]}


def changed_catalog(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The 2026-08-19 catalog with bge-m3 removed and text-embedding-3-small cut from $0.02 to $0.015 / M."""
    changed = copy.deepcopy(records)
    del changed["baai/bge-m3"]
    changed["openai/text-embedding-3-small"]["pricing"]["prompt"] = "0.000000015"
    return changed


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL cluster for the session (fails, never skips, when PostgreSQL is missing)."""
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'history.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def open_store(database_url: str) -> Iterator[Callable[..., HistoryStore]]:
    """open(seed=True) -> a HistoryStore on the test's database; every store opened is closed afterwards."""
    stores: list[HistoryStore] = []

    def open_(seed: bool = True) -> HistoryStore:
        store = HistoryStore.open(database_url, seed=seed)
        stores.append(store)
        return store

    yield open_
    for store in stores:
        store.close()


NOW = dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC)
