"""Where the history database lives: EXPLORER_DATABASE_URL, else a SQLite file under EXPLORER_DATA_DIR."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePath

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DATABASE_URL_NAME = "EXPLORER_DATABASE_URL"
DATA_DIR_NAME = "EXPLORER_DATA_DIR"
DEFAULT_DATA_DIR = "var"
SQLITE_FILE = "history.sqlite3"


def data_dir(env: Mapping[str, str]) -> Path:
    """The app's writable data directory (default ./var, which git ignores)."""
    return Path((env.get(DATA_DIR_NAME) or "").strip() or DEFAULT_DATA_DIR).resolve()


def database_url(env: Mapping[str, str]) -> str:
    """The SQLAlchemy URL of the history database; never log or show it (it may hold a password)."""
    url = (env.get(DATABASE_URL_NAME) or "").strip()
    if url:
        return url
    return f"sqlite:///{data_dir(env) / SQLITE_FILE}"


def describe_database(url: str) -> str:
    """What a person may see about the database: its kind and file name or host, never a user name, a password
    or the server's directories (the status page is open to every visitor of an open instance)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "unreadable database URL"
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return f"SQLite file {PurePath(parsed.database).name}" if parsed.database else "SQLite in memory"
    if backend == "postgresql":
        return f"PostgreSQL database {parsed.database or ''} on {parsed.host or 'local socket'}".replace("  ", " ")
    return f"{backend} database"
