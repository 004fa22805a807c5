"""The history store: record catalogs idempotently, read snapshots back, and turn them into change events."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from explorer.history import migrate
from explorer.history.diff import ModelState, diff_states, model_state, states_of
from explorer.history.errors import HistoryUnavailable, explain
from explorer.history.events import ChangeEvent, kind_counts
from explorer.history.seed import seed_catalogs
from explorer.history.tables import ModelVersion, Snapshot, SnapshotModel, WriteLock

Records = Mapping[str, Mapping[str, Any]]
SQLITE_BUSY_SECONDS = 20
CHUNK = 500  # rows per statement: bounded IN lists and parameter sets for large catalogs
PG_CONNECT_SECONDS = 5


def canonical_json(record: Mapping[str, Any]) -> str:
    """The same record always serialises the same way, whatever key order it arrived in."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def catalog_hash(model_hashes: Mapping[str, str]) -> str:
    """The catalog's hash: its set of model-version hashes (each already covers the model's id)."""
    return content_hash("\n".join(sorted(model_hashes.values())))


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    seen_count: int
    model_count: int
    source: str


@dataclass(frozen=True)
class RecordResult:
    """What recording one catalog did: a new snapshot (with its changes) or a repeat of the latest."""

    is_new: bool
    snapshot_id: int
    model_count: int
    new_versions: int
    changes: list[ChangeEvent] = field(default_factory=list)

    def line(self) -> str:
        """One line for a log or a scheduler."""
        if not self.is_new:
            return f"unchanged: {self.model_count} models, same as snapshot {self.snapshot_id}; last seen updated"
        counts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in kind_counts(self.changes).items() if n)
        return (
            f"recorded snapshot {self.snapshot_id}: {self.model_count} models, "
            f"{self.new_versions} new model versions, {len(self.changes)} changes" + (f" ({counts})" if counts else "")
        )


def make_engine(url: str) -> Engine:
    """An engine with bounded waits: a locked SQLite file or a silent PostgreSQL host must not hang a page."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        # A plain file path gets its directory made; a "file:" URI (uri=true) names an existing file as given.
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": PG_CONNECT_SECONDS})
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def _guarded() -> Iterator[None]:
    """Turn any database or migration failure into HistoryUnavailable with a password-free summary."""
    try:
        yield
    except HistoryUnavailable:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise HistoryUnavailable(explain(exc)) from exc


class HistoryStore:
    """Catalog history in a SQL database (SQLite or PostgreSQL), safe for many writers at once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, seed: bool = True) -> HistoryStore:
        """Connect, migrate to the current schema, and seed the bundled dated catalogs into an empty history."""
        with _guarded():
            store = cls(make_engine(url))
            migrate.upgrade(store.engine)
            if seed:
                store.seed()
            return store

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write transaction that first takes the lock row, so writers run one at a time on every backend."""
        with _guarded(), Session(self.engine) as session, session.begin():
            # On SQLite this first write takes the database's write lock; on PostgreSQL, the row lock.
            session.execute(update(WriteLock).where(WriteLock.id == 1).values(writes=WriteLock.writes + 1))
            yield session

    def seed(self) -> int:
        """Record the bundled catalogs when the history is empty; returns how many were recorded."""
        with _guarded(), Session(self.engine) as session:
            if session.scalar(select(func.count()).select_from(Snapshot)):
                return 0  # a plain read first, so a read-only database that is already seeded works
        with self._writing() as session:
            if session.scalar(select(func.count()).select_from(Snapshot)):
                return 0
            seeds = seed_catalogs()
            for seed in seeds:
                self._record(session, seed.records, seed.observed_at, seed.source)
            return len(seeds)

    def record(self, records: Records, observed_at: dt.datetime, source: str = "live") -> RecordResult:
        """Record a catalog (id -> raw record): a new snapshot if it differs from the latest, else a 'seen again'."""
        with self._writing() as session:
            return self._record(session, records, _utc(observed_at), source)

    def _record(self, session: Session, records: Records, observed_at: dt.datetime, source: str) -> RecordResult:
        texts = {model_id: canonical_json(record) for model_id, record in records.items()}
        hashes = {model_id: content_hash(text) for model_id, text in texts.items()}
        this_hash = catalog_hash(hashes)
        latest = session.scalars(select(Snapshot).order_by(Snapshot.id.desc()).limit(1)).first()
        if latest is not None and latest.catalog_hash == this_hash:
            latest.last_seen_at = max(_utc(latest.last_seen_at), observed_at)
            latest.seen_count += 1
            return RecordResult(False, latest.id, latest.model_count, 0)
        version_ids, new_versions = self._store_versions(session, texts, hashes)
        snapshot = Snapshot(
            catalog_hash=this_hash,
            first_seen_at=observed_at,
            last_seen_at=observed_at,
            seen_count=1,
            model_count=len(records),
            source=source[:40],
        )
        session.add(snapshot)
        session.flush()
        links = [{"snapshot_id": snapshot.id, "model_version_id": v} for v in sorted(set(version_ids))]
        for start in range(0, len(links), CHUNK):
            session.execute(insert(SnapshotModel), links[start : start + CHUNK])
        changes: list[ChangeEvent] = []
        if latest is not None:
            previous, _ = self._states_of(session, latest.id)
            changes = diff_states(previous, states_of(records), observed_at, _utc(latest.last_seen_at))
        return RecordResult(True, snapshot.id, len(records), new_versions, changes)

    def _store_versions(
        self, session: Session, texts: Mapping[str, str], hashes: Mapping[str, str]
    ) -> tuple[list[int], int]:
        """Ids of each record's version, inserting only versions never stored before."""
        wanted = set(hashes.values())
        known: dict[str, int] = {}
        pending = sorted(wanted)
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start : start + CHUNK]
            query = select(ModelVersion.content_hash, ModelVersion.id).where(ModelVersion.content_hash.in_(chunk))
            known.update((digest, version_id) for digest, version_id in session.execute(query))
        # Plain rows, not ORM objects: at 10,000 models the objects and their identity map cost tens of MiB.
        fresh = [
            {"content_hash": hashes[model_id], "model_id": model_id, "record": texts[model_id]}
            for model_id in texts
            if hashes[model_id] not in known
        ]
        returning = insert(ModelVersion).returning(ModelVersion.content_hash, ModelVersion.id)
        for start in range(0, len(fresh), CHUNK):
            known.update(
                (digest, version_id) for digest, version_id in session.execute(returning, fresh[start : start + CHUNK])
            )
        return [known[hashes[model_id]] for model_id in texts], len(fresh)

    def _states_of(
        self, session: Session, snapshot_id: int, known: Mapping[int, ModelState] | None = None
    ) -> tuple[dict[str, ModelState], dict[int, ModelState]]:
        """(id -> state, version id -> state) of one snapshot, parsing only versions not in `known`.

        Each record is parsed and reduced to its state at once, never held whole: a 10,000-model
        snapshot held as dicts took about 30 MiB, and the server kept most of it after freeing them.
        """
        known = known or {}
        members = session.execute(
            select(SnapshotModel.model_version_id, ModelVersion.model_id)
            .join(ModelVersion, ModelVersion.id == SnapshotModel.model_version_id)
            .where(SnapshotModel.snapshot_id == snapshot_id)
        ).all()
        states = {version_id: known[version_id] for version_id, _ in members if version_id in known}
        missing = sorted(version_id for version_id, _ in members if version_id not in states)
        for start in range(0, len(missing), CHUNK):
            rows = session.execute(
                select(ModelVersion.id, ModelVersion.record).where(ModelVersion.id.in_(missing[start : start + CHUNK]))
            )
            states.update((version_id, model_state(json.loads(text))) for version_id, text in rows)
        return {model_id: states[version_id] for version_id, model_id in members}, states

    def _records_of(self, session: Session, snapshot_id: int) -> dict[str, dict[str, Any]]:
        rows = session.execute(
            select(ModelVersion.model_id, ModelVersion.record)
            .join(SnapshotModel, SnapshotModel.model_version_id == ModelVersion.id)
            .where(SnapshotModel.snapshot_id == snapshot_id)
        )
        return {model_id: json.loads(text) for model_id, text in rows}

    def snapshots(self) -> list[SnapshotInfo]:
        """Every snapshot in the order the history learned of them."""
        with _guarded(), Session(self.engine) as session:
            rows = session.scalars(select(Snapshot).order_by(Snapshot.id)).all()
            return [
                SnapshotInfo(r.id, _utc(r.first_seen_at), _utc(r.last_seen_at), r.seen_count, r.model_count, r.source)
                for r in rows
            ]

    def latest(self) -> tuple[SnapshotInfo, dict[str, dict[str, Any]]] | None:
        """The newest snapshot and its catalog (id -> raw record); None for an empty history."""
        with _guarded(), Session(self.engine) as session:
            row = session.scalars(select(Snapshot).order_by(Snapshot.id.desc()).limit(1)).first()
            if row is None:
                return None
            info = SnapshotInfo(
                row.id, _utc(row.first_seen_at), _utc(row.last_seen_at), row.seen_count, row.model_count, row.source
            )
            return info, self._records_of(session, row.id)

    def catalog_at(self, snapshot_id: int) -> dict[str, dict[str, Any]]:
        """The catalog of one snapshot as id -> raw record."""
        with _guarded(), Session(self.engine) as session:
            return self._records_of(session, snapshot_id)

    def events(self) -> list[ChangeEvent]:
        """Every change between consecutive snapshots, oldest first."""
        with _guarded(), Session(self.engine) as session:
            snapshots = session.scalars(select(Snapshot).order_by(Snapshot.id)).all()
            found: list[ChangeEvent] = []
            previous: dict[str, ModelState] | None = None
            previous_seen: dt.datetime | None = None
            versions: dict[int, ModelState] = {}  # the previous snapshot's; most versions carry over
            for snapshot in snapshots:
                current, versions = self._states_of(session, snapshot.id, versions)
                if previous is not None:
                    found += diff_states(previous, current, _utc(snapshot.first_seen_at), previous_seen)
                previous, previous_seen = current, _utc(snapshot.last_seen_at)
            return found

    def model_history(self, model_id: str) -> list[tuple[dt.datetime, dict[str, Any]]]:
        """(first seen, record) of one model in every snapshot that lists it, oldest first (for a price chart)."""
        with _guarded(), Session(self.engine) as session:
            rows = session.execute(
                select(Snapshot.first_seen_at, ModelVersion.record)
                .join(SnapshotModel, SnapshotModel.snapshot_id == Snapshot.id)
                .join(ModelVersion, ModelVersion.id == SnapshotModel.model_version_id)
                .where(ModelVersion.model_id == model_id)
                .order_by(Snapshot.id)
            )
            return [(_utc(seen_at), json.loads(text)) for seen_at, text in rows]

    def history_since(self) -> dt.date | None:
        """The date of the oldest snapshot, or None when the history is empty."""
        with _guarded(), Session(self.engine) as session:
            first = session.scalar(select(func.min(Snapshot.first_seen_at)))
            return _utc(first).date() if first is not None else None

    def row_counts(self) -> dict[str, int]:
        """Rows per table, for an operator's status page: snapshots, distinct model versions, and their links."""
        with _guarded(), Session(self.engine) as session:
            return {
                "snapshots": int(session.scalar(select(func.count()).select_from(Snapshot)) or 0),
                "model versions": int(session.scalar(select(func.count()).select_from(ModelVersion)) or 0),
                "snapshot entries": int(session.scalar(select(func.count()).select_from(SnapshotModel)) or 0),
            }

    def revision(self) -> tuple[int, int]:
        """Changes whenever anything is recorded: a cheap cache key for derived views."""
        with _guarded(), Session(self.engine) as session:
            row = session.execute(
                select(func.count(Snapshot.id), func.coalesce(func.sum(Snapshot.seen_count), 0))
            ).one()
            return int(row[0]), int(row[1])
