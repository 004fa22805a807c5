"""Warm reruns of each page through AppTest vs an empty Streamlit page, and upstream requests per TTL."""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.data_layer import synthetic_records
from tests.conftest import open_page as open_test_page
from tests.fake_openrouter import FakeOpenRouter

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "catalog": ("pages/catalog.py", {}),
    "detail": ("pages/model.py", {"id": "openai/text-embedding-3-small"}),
    "compare": ("pages/compare.py", {"ids": "openai/text-embedding-3-small,baai/bge-m3"}),
    "pricing": ("pages/pricing.py", {}),
    "calculator": ("pages/calculator.py", {}),
    "changes": ("pages/changes.py", {}),
    "status": ("pages/status.py", {}),
}
# Settings live_api sets for the run and restores afterwards.
SETTINGS = ("OPENROUTER_API_KEY", "OPENROUTER_BASE_URL", "EXPLORER_DATA_DIR", "EXPLORER_DATABASE_URL")


@contextmanager
def live_api(size: int) -> Iterator[FakeOpenRouter]:
    """The loopback API serving `size` models, with the app's settings pointing at it.

    The history the live fetches are recorded into is a fresh SQLite file in a temporary
    directory, so a run never writes into the repository or a configured database.
    """
    api = FakeOpenRouter(synthetic_records(size)).start()
    saved = {name: os.environ.get(name) for name in SETTINGS}
    scratch = tempfile.TemporaryDirectory(prefix="bench-history-")
    os.environ["OPENROUTER_API_KEY"] = "sk-or-v1-bench"
    os.environ["OPENROUTER_BASE_URL"] = api.base_url
    os.environ["EXPLORER_DATA_DIR"] = scratch.name
    os.environ.pop("EXPLORER_DATABASE_URL", None)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield api
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()  # lets go of the history database before its directory goes
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        api.stop()
        scratch.cleanup()


def open_page(script: str, query: dict[str, str]) -> AppTest:
    return open_test_page(script, query, timeout=120)


def warm_rerun_seconds(at: AppTest, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    assert not at.exception, at.exception
    return statistics.median(times)


def empty_page_seconds(repeat: int) -> float:
    at = AppTest.from_string("import streamlit as st\nst.write('')").run()
    return warm_rerun_seconds(at, repeat)


def run(sizes: tuple[int, ...], repeat: int) -> list[tuple[str, float, float]]:
    """Rows of (label, seconds, ratio to the empty page)."""
    floor = empty_page_seconds(repeat)
    rows = [("empty Streamlit page, warm rerun", floor, 1.0)]
    for size in sizes:
        with live_api(size):
            for name, (script, query) in PAGES.items():
                seconds = warm_rerun_seconds(open_page(script, query), repeat)
                rows.append((f"{name} page, {size} models, warm rerun", seconds, seconds / floor))
    return rows


def upstream_requests(sessions: int, size: int = 34) -> int:
    """Catalog requests made when `sessions` sessions open the catalog at once within one TTL."""
    with live_api(size) as api:
        threads = [threading.Thread(target=open_page, args=("pages/catalog.py", {})) for _ in range(sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return len(api.catalog_requests())
