"""The history store on SQLite and on a real PostgreSQL: seeding, idempotence, deduplication, failure modes."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from explorer.history.config import database_url as configured_url
from explorer.history.config import describe_database
from explorer.history.errors import HistoryUnavailable, NewerSchema
from explorer.history.events import headline
from explorer.history.store import HistoryStore
from explorer.history.tables import ModelVersion
from tests.history_fixtures import NOW, changed_catalog, database_url, history_records, open_store, postgres_server

__all__ = ["database_url", "open_store", "postgres_server"]  # fixtures used by name below

Opener = Callable[..., HistoryStore]


def version_count(store: HistoryStore) -> int:
    with Session(store.engine) as session:
        return session.scalar(select(func.count()).select_from(ModelVersion)) or 0


def test_first_open_seeds_the_bundled_dated_catalogs(open_store: Opener) -> None:
    store = open_store()
    snapshots = store.snapshots()
    assert [(s.first_seen_at.date().isoformat(), s.model_count) for s in snapshots] == [
        ("2025-12-14", 21),
        ("2026-08-19", 34),
    ]
    assert store.history_since() == dt.date(2025, 12, 14)
    events = store.events()
    assert len(events) == 14 and {e.date for e in events} == {dt.date(2026, 8, 19)}


def test_opening_again_neither_migrates_nor_seeds_twice(open_store: Opener) -> None:
    open_store()
    again = open_store()
    assert len(again.snapshots()) == 2


def test_shared_models_are_stored_once_across_snapshots(open_store: Opener) -> None:
    store = open_store(seed=False)
    store.record(history_records(), NOW)
    store.record(changed_catalog(history_records()), NOW + dt.timedelta(hours=1))
    # 34 versions, plus one for the re-priced model; the 32 unchanged models are not stored again.
    assert version_count(store) == 35 and len(store.snapshots()) == 2


def test_the_same_catalog_twice_is_one_snapshot_seen_twice(open_store: Opener) -> None:
    store = open_store(seed=False)
    first = store.record(history_records(), NOW)
    second = store.record(history_records(), NOW + dt.timedelta(hours=1))
    assert first.is_new and not second.is_new and second.snapshot_id == first.snapshot_id
    (snapshot,) = store.snapshots()
    assert (snapshot.seen_count, snapshot.first_seen_at, snapshot.last_seen_at) == (
        2,
        NOW,
        NOW + dt.timedelta(hours=1),
    )


def test_key_order_does_not_make_a_new_snapshot(open_store: Opener) -> None:
    store = open_store(seed=False)
    records = history_records()
    reordered = {k: dict(reversed(list(v.items()))) for k, v in reversed(list(records.items()))}
    store.record(records, NOW)
    assert not store.record(reordered, NOW).is_new


def test_a_changed_catalog_is_a_new_snapshot_with_its_changes(open_store: Opener) -> None:
    store = open_store()
    result = store.record(changed_catalog(history_records()), NOW)
    assert result.is_new and result.new_versions == 1
    assert sorted(headline(e) for e in result.changes) == [
        "Price cut: OpenAI: Text Embedding 3 Small $0.02 → $0.015 / M (−25%)",
        "Removed: BAAI: bge-m3",
    ]
    assert result.line() == (
        f"recorded snapshot {result.snapshot_id}: 33 models, 1 new model versions, 2 changes "
        "(1 removed, 1 price changed)"
    )
    assert [e.kind for e in store.events() if e.date == NOW.date()] == ["removed", "price_changed"]


def test_going_back_to_an_earlier_catalog_stores_no_new_versions(open_store: Opener) -> None:
    store = open_store()
    before = version_count(store)
    store.record(changed_catalog(history_records()), NOW)
    back = store.record(history_records(), NOW + dt.timedelta(days=1))
    assert back.is_new and back.new_versions == 0
    assert version_count(store) == before + 1
    assert [e.kind for e in back.changes] == ["added", "price_changed"]


def test_a_snapshot_reads_back_exactly_as_recorded(open_store: Opener) -> None:
    store = open_store(seed=False)
    records = history_records()
    result = store.record(records, NOW)
    assert store.catalog_at(result.snapshot_id) == records


def test_a_newer_schema_is_left_alone(open_store: Opener, database_url: str) -> None:
    store = open_store()
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(NewerSchema, match="newer version"):
        HistoryStore.open(database_url)


def test_a_read_only_sqlite_file_still_reads_but_does_not_record(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore.open(f"sqlite:///{path}").close()
    store = HistoryStore.open(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert len(store.snapshots()) == 2
    with pytest.raises(HistoryUnavailable, match="read-only"):
        store.record(changed_catalog(history_records()), NOW)
    store.close()


def test_a_locked_sqlite_file_gives_up_quickly(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from explorer.history import store as store_module

    path = tmp_path / "history.sqlite3"
    HistoryStore.open(f"sqlite:///{path}").close()
    monkeypatch.setattr(store_module, "SQLITE_BUSY_SECONDS", 0.2)
    store = HistoryStore.open(f"sqlite:///{path}")
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryUnavailable, match="locked"):
            store.record(changed_catalog(history_records()), NOW)
    finally:
        holder.rollback()
        holder.close()
        store.close()


def test_an_unreachable_server_is_a_history_problem_without_the_password() -> None:
    from tests.postgres_server import _free_port

    url = f"postgresql+psycopg://explorer:s3cret-pw@127.0.0.1:{_free_port()}/history"
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryStore.open(url)
    assert "cannot be reached" in caught.value.summary and "s3cret" not in caught.value.summary


@pytest.mark.parametrize(
    ("env", "expected_end"),
    [
        ({}, "/var/history.sqlite3"),
        ({"EXPLORER_DATA_DIR": "/srv/explorer"}, "/srv/explorer/history.sqlite3"),
        ({"EXPLORER_DATABASE_URL": "postgresql+psycopg://u:p@db/h"}, "postgresql+psycopg://u:p@db/h"),
    ],
)
def test_the_database_is_configured_by_url_or_data_dir(env: dict[str, str], expected_end: str) -> None:
    assert configured_url(env).endswith(expected_end)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://team:hunter2@db.internal:5432/history", "PostgreSQL database history on db.internal"),
        ("sqlite:////srv/explorer/history.sqlite3", "SQLite file history.sqlite3"),  # no server directories
        ("sqlite://", "SQLite in memory"),
    ],
)
def test_the_database_is_described_without_credentials(url: str, shown: str) -> None:
    assert describe_database(url) == shown


def test_records_are_not_mutated_by_recording(open_store: Opener) -> None:
    store = open_store(seed=False)
    records = history_records()
    kept = copy.deepcopy(records)
    store.record(records, NOW)
    assert records == kept


def test_row_counts_follow_snapshots_and_shared_versions(open_store: Opener) -> None:
    store = open_store(seed=False)
    assert store.row_counts() == {"snapshots": 0, "model versions": 0, "snapshot entries": 0}
    store.record(history_records(), NOW)
    store.record(history_records(), NOW + dt.timedelta(hours=1))  # seen again: no new rows
    assert store.row_counts() == {"snapshots": 1, "model versions": 34, "snapshot entries": 34}
    store.record(changed_catalog(history_records()), NOW + dt.timedelta(hours=2))
    # One new version (the re-priced model); the second snapshot lists 33 models.
    assert store.row_counts() == {"snapshots": 2, "model versions": 35, "snapshot entries": 67}


def test_latest_is_the_newest_snapshot_with_its_records_and_when_it_was_last_seen(open_store: Opener, tmp_path) -> None:
    assert HistoryStore.open(f"sqlite:///{tmp_path / 'empty.sqlite3'}", seed=False).latest() is None
    store = open_store()
    info, records = store.latest()
    assert info.first_seen_at.date() == dt.date(2026, 8, 19) and len(records) == info.model_count == 34
    changed = changed_catalog(history_records())
    store.record(changed, NOW, source="scheduled")
    store.record(changed, NOW + dt.timedelta(hours=1))
    info, records = store.latest()
    assert records == changed and info.source == "scheduled" and info.seen_count == 2
    assert info.last_seen_at == NOW + dt.timedelta(hours=1)


def _schema(url: str) -> dict[str, object]:
    """Every table's columns, keys, foreign keys and indexes, as the database reports them, and its rows of
    the lock and version tables."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        schema: dict[str, object] = {}
        for table in sorted(inspector.get_table_names()):
            schema[table] = (
                [
                    (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                    for c in inspector.get_columns(table)
                ],
                inspector.get_pk_constraint(table),
                sorted(map(str, inspector.get_foreign_keys(table))),
                sorted(map(str, inspector.get_indexes(table))),
                sorted(map(str, inspector.get_unique_constraints(table))),
            )
        with engine.connect() as connection:
            schema["rows"] = (
                connection.execute(text("SELECT id, writes FROM history_lock")).all(),
                connection.execute(text("SELECT version_num FROM alembic_version")).all(),
            )
        return schema
    finally:
        engine.dispose()


def test_a_new_database_gets_the_schema_the_migrations_build(database_url: str, request, tmp_path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from explorer.history import migrate

    assert migrate.head_revision() == migrate.HEAD  # a new migration moves HEAD with it
    migrate.upgrade(create_engine(database_url))  # a new database: built from the tables' metadata
    if database_url.startswith("sqlite"):
        migrated = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    else:
        migrated = request.getfixturevalue("postgres_server").create_database()
    engine = create_engine(migrated)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "head")  # the same schema, by Alembic's migrations
    engine.dispose()
    built, by_alembic = _schema(database_url), _schema(migrated)
    assert set(built) == {"alembic_version", "history_lock", "model_versions", "snapshot_models", "snapshots", "rows"}
    assert built == by_alembic


def test_a_server_on_a_new_or_current_database_never_loads_alembic(tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    # A fresh interpreter, as a server starts: open a new history database, then open it again.
    url = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    script = (
        "import sys; from explorer.history.store import HistoryStore\n"
        f"HistoryStore.open({url!r}).close()\n"
        f"HistoryStore.open({url!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
