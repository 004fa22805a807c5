"""The history schema: snapshots of the catalog, and each model version stored once by content hash."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ModelVersion(Base):
    """One model record as received, stored once however many snapshots contain it."""

    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    model_id: Mapped[str] = mapped_column(String(500), index=True)
    record: Mapped[str] = mapped_column(Text)  # canonical JSON of the raw record


class Snapshot(Base):
    """One distinct catalog, seen from `first_seen_at` until `last_seen_at` (`seen_count` fetches)."""

    __tablename__ = "snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    catalog_hash: Mapped[str] = mapped_column(String(64), index=True)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    seen_count: Mapped[int] = mapped_column(Integer, default=1)
    model_count: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(40))


class SnapshotModel(Base):
    """Which model versions make up a snapshot."""

    __tablename__ = "snapshot_models"

    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id", ondelete="CASCADE"), primary_key=True)
    model_version_id: Mapped[int] = mapped_column(ForeignKey("model_versions.id"), primary_key=True, index=True)


class WriteLock(Base):
    """A single row every writer updates first, so writers queue up on every backend."""

    __tablename__ = "history_lock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    writes: Mapped[int] = mapped_column(Integer, default=0)
