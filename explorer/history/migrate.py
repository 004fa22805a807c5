"""Bring the history schema up to date, one process at a time, and refuse a newer schema.

Alembic is imported only to migrate a database that is behind. A new database gets its tables from the
schema's metadata and is stamped at the newest revision (Alembic's own recipe for a database built from
scratch), and one already there needs nothing: a server then never loads Alembic and Mako, 11 MiB of its
memory (`make bench` reads the server's RSS). tests/test_history_store.py checks that both ways build the
same schema, and that HEAD is Alembic's head.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, Engine, MetaData, PrimaryKeyConstraint, String, Table, inspect, text

from explorer.history.errors import HistoryUnavailable, NewerSchema, explain
from explorer.history.tables import Base, WriteLock

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0001"  # the newest revision in migrations/versions
_PG_LOCK_KEY = 0x4578706C  # an arbitrary constant: only this app's migrations take this advisory lock

# Alembic's version table, as Alembic creates it.
_VERSION_TABLE = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The head of the migration scripts, by Alembic."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The database's revision, read from Alembic's version table; None before any migration."""
    if not inspect(connection).has_table(_VERSION_TABLE.name):
        return None
    return connection.execute(_VERSION_TABLE.select()).scalar()


def _check_known(revision: str | None) -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision is not None and revision not in known:
        raise NewerSchema(
            f"the history database has schema {revision[:40]!r}, written by a newer version of this app; "
            "history is switched off here until the app is upgraded"
        )


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    """SQLite runs DDL outside a transaction, so concurrent first starts queue on a lock file instead."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def upgrade(engine: Engine) -> None:
    """Migrate to head when behind; do nothing (no write at all) when already there."""
    with engine.connect() as connection:
        if current_revision(connection) == HEAD:
            return
    with _sqlite_file_lock(engine), engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Transactional DDL: the first process migrates, the others wait here and then find head.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        revision = current_revision(connection)
        if revision == HEAD:
            return
        if revision is None and not _has_history_tables(connection):
            create_at_head(connection)
        else:
            _migrate_with_alembic(connection, revision)


def _has_history_tables(connection: Connection) -> bool:
    inspector = inspect(connection)
    return any(inspector.has_table(name) for name in Base.metadata.tables)


def create_at_head(connection: Connection) -> None:
    """A new database: the tables from the schema's metadata, the lock row, and the version stamp at HEAD."""
    Base.metadata.create_all(connection)
    connection.execute(WriteLock.__table__.insert().values(id=1, writes=0))
    _VERSION_TABLE.create(connection)
    connection.execute(_VERSION_TABLE.insert().values(version_num=HEAD))


def _migrate_with_alembic(connection: Connection, revision: str | None) -> None:
    from alembic import command
    from alembic.util import CommandError

    _check_known(revision)
    try:
        command.upgrade(alembic_config(connection), "head")
    except CommandError as exc:
        raise HistoryUnavailable(explain(exc)) from exc
