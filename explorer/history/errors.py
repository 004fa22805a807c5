"""History failures as values the UI can explain; none of them may break the catalog."""

from __future__ import annotations


class HistoryUnavailable(Exception):
    """The history database cannot be read or written right now; `.summary` says why for people."""

    def __init__(self, summary: str) -> None:
        super().__init__(summary)
        self.summary = summary


class NewerSchema(HistoryUnavailable):
    """The database was migrated by a newer release of the app, so this one leaves it alone."""


def explain(exc: BaseException) -> str:
    """A short, password-free reason for a database error (driver messages are not shown)."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "the history database is read-only"
    if "locked" in text or "lock timeout" in text:
        return "the history database is locked by another process"
    if "unable to open" in text or "connection" in text or "could not connect" in text or "timeout" in text:
        return "the history database cannot be reached"
    return f"the history database failed ({type(exc).__name__})"
