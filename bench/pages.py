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
from streamlit import config
from streamlit.dataframe import lazy_df_source
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import magic
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from bench.data_layer import synthetic_records
from bench.ratios import paired
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


@contextmanager
def server_like_reruns() -> Iterator[None]:
    """Make AppTest reruns start from the state a running server is in after its first request.

    AppTest compiles every script again on each run and re-detects Streamlit's legacy pages/
    mode, which a server does once per process: its script cache keeps the bytecode, and the
    app's st.navigation turns the legacy mode off for good. Without this, a warm rerun would
    be charged for parsing app.py and the page (and for a second navigation pass), which no
    visitor of a running server pays; the empty page, a one-line script, pays almost none of it.
    """
    shared = ScriptCache()

    class ServerPagesManager(PagesManager):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False  # as after the app's first st.navigation call

    saved = app_test_module.ScriptCache, app_test_module.PagesManager
    app_test_module.ScriptCache = lambda: shared  # type: ignore[assignment]
    app_test_module.PagesManager = ServerPagesManager  # type: ignore[misc]
    try:
        with streamed_tables_as_on_a_server():
            yield
    finally:
        app_test_module.ScriptCache, app_test_module.PagesManager = saved
        PagesManager.uses_pages_directory = None


class _ServerConfig:
    """Streamlit's config as a server sees it: not under AppTest."""

    @staticmethod
    def get_option(name: str) -> object:
        return False if name == "global.appTest" else config.get_option(name)


@contextmanager
def streamed_tables_as_on_a_server() -> Iterator[None]:
    """Let `st.dataframe(lazy=True)` stream its rows under AppTest as it does on a server.

    AppTest sends every table whole, even a lazy one, so that a test can read all its values from
    the element tree. A server sends a lazy table's first page and registers the rest with the
    runtime's dataframe source manager, which AppTest's runtime has. Without this a warm rerun
    would be charged for serialising rows no visitor's browser is sent.
    """
    saved = lazy_df_source.config
    lazy_df_source.config = _ServerConfig()  # type: ignore[assignment]
    try:
        yield
    finally:
        lazy_df_source.config = saved


def open_page(script: str, query: dict[str, str]) -> AppTest:
    return open_test_page(script, query, timeout=120)


def timed_rerun(at: AppTest) -> float:
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def empty_page() -> AppTest:
    return AppTest.from_string("import streamlit as st\nst.write('')").run()


def paired_reruns(at: AppTest, empty: AppTest, repeat: int) -> tuple[list[float], list[float]]:
    """(the page's rerun times, the empty page's), each page rerun right after one of the empty page.

    The empty page takes 2 to 5 ms: measured once at the start of a run, one quiet or busy moment set the
    baseline of every page (the detail page read 4.8x in one run and 8.6x in the next, on the same code).
    """
    times: list[float] = []
    floor: list[float] = []
    for _ in range(repeat):
        floor.append(timed_rerun(empty))
        times.append(timed_rerun(at))
    assert not at.exception, at.exception
    return times, floor


def run(sizes: tuple[int, ...], repeat: int) -> list[tuple[str, float, float]]:
    """Rows of (label, seconds, ratio to the empty page): the page's median rerun, and the median of its reruns'
    ratios to the empty page's rerun just before each; the empty page's row gives the median of all of those."""
    rows: list[tuple[str, float, float]] = []
    every_floor: list[float] = []
    with server_like_reruns():
        empty = empty_page()
        for size in sizes:
            with live_api(size):
                for name, (script, query) in PAGES.items():
                    times, floor = paired_reruns(open_page(script, query), empty, repeat)
                    every_floor += floor
                    seconds, ratio = paired(times, floor)
                    rows.append((f"{name} page, {size} models, warm rerun", seconds, ratio))
    return [("empty Streamlit page, warm rerun", statistics.median(every_floor), 1.0), *rows]


def upstream_requests(sessions: int, size: int = 34) -> int:
    """Catalog requests made when `sessions` sessions open the catalog at once within one TTL."""
    with live_api(size) as api, one_compile_at_a_time():
        threads = [threading.Thread(target=open_page, args=("pages/catalog.py", {})) for _ in range(sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return len(api.catalog_requests())


@contextmanager
def one_compile_at_a_time() -> Iterator[None]:
    """Each AppTest compiles its scripts; CPython 3.11's parser is not safe to run from threads at once.

    Twenty sessions compiling together failed now and then with "AST constructor recursion depth mismatch".
    A server compiles each script once and shares it, so only this harness needs the lock.
    """
    lock = threading.Lock()
    original = magic.add_magic

    def add_magic(code: str, script_path: str) -> object:
        with lock:
            return original(code, script_path)

    magic.add_magic = add_magic  # type: ignore[assignment]
    try:
        yield
    finally:
        magic.add_magic = original  # type: ignore[assignment]
