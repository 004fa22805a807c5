"""`python -m explorer snapshot`: fetch the catalog once, record it, say what happened in one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from explorer.catalog import live_catalog
from explorer.errors import CatalogUnavailable
from explorer.history.config import database_url
from explorer.history.errors import HistoryUnavailable
from explorer.history.store import HistoryStore
from explorer.settings import load_settings

# Exit codes a scheduler can act on.
OK = 0
FETCH_FAILED = 2
HISTORY_FAILED = 3


def snapshot(env: Mapping[str, str], out: TextIO) -> int:
    """Fetch once with the app's own client and settings, record into the history; returns the exit code."""
    settings = load_settings(env)
    for problem in settings.problems:
        print(f"warning: {problem}", file=sys.stderr)
    try:
        catalog = live_catalog(settings.base_url, settings.api_key, settings.fetch_timeout)
    except CatalogUnavailable as error:
        print(f"snapshot failed: {error.summary}", file=out)
        return FETCH_FAILED
    if not catalog.raw:
        # Recorded, an empty list would read as every model removed, and the next good one as all of them new.
        print("snapshot failed: OpenRouter returned no models; nothing was recorded", file=out)
        return FETCH_FAILED
    store = None
    try:
        store = HistoryStore.open(database_url(env))
        result = store.record(catalog.raw, catalog.as_of, source="scheduled")
    except HistoryUnavailable as error:
        print(f"snapshot not recorded: {error.summary}", file=out)
        return HISTORY_FAILED
    finally:
        if store is not None:
            store.close()
    skipped = f", {len(catalog.skipped)} unreadable records skipped" if catalog.skipped else ""
    print(result.line() + skipped, file=out)
    return OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explorer", description="Embeddings Explorer commands.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("snapshot", help="fetch the catalog once and record it into the history database")
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        return snapshot(os.environ, sys.stdout)
    return 1
