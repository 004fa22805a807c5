"""Shared fixtures: the loopback OpenRouter, a Streamlit server on a free port, Chromium, AppTest."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
import streamlit as st
from streamlit.testing.v1 import AppTest

from components.config import SETTING_NAMES
from tests.fake_openrouter import FakeOpenRouter, snapshot_records

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
APP_ENV_NAMES = SETTING_NAMES
# Six models whose names share a vendor prefix and whose facts are long: compare's hardest table.
SIX_COMPARED = (
    "voyageai/voyage-4",
    "voyageai/voyage-4-lite",
    "voyageai/voyage-4-large",
    "perplexity/pplx-embed-v1-4b",
    "qwen/qwen3-embedding-8b",
    "google/gemini-embedding-001",
)


@pytest.fixture(scope="session")
def fake_api() -> Iterator[FakeOpenRouter]:
    server = FakeOpenRouter().start()
    yield server
    server.stop()


@pytest.fixture
def api(fake_api: FakeOpenRouter) -> Iterator[FakeOpenRouter]:
    """The loopback API, reset to serve the real 2026-08-19 catalog."""
    fake_api.reset()
    fake_api.records = snapshot_records()
    fake_api.envelope = "current"
    yield fake_api
    fake_api.reset()


LIVE_KEY = "sk-or-v1-live-test-0000-1111"


@pytest.fixture
def live(api: FakeOpenRouter, monkeypatch: pytest.MonkeyPatch) -> FakeOpenRouter:
    """The app in live mode against the loopback API, with a short fetch budget."""
    monkeypatch.setenv("OPENROUTER_API_KEY", LIVE_KEY)
    monkeypatch.setenv("OPENROUTER_BASE_URL", api.base_url)
    monkeypatch.setenv("EXPLORER_FETCH_TIMEOUT", "3")
    # Tests press Refresh right after a fetch; the gap that keeps a crowd's clicks from flooding the upstream
    # has its own test.
    monkeypatch.setattr("explorer.refresh.MIN_REFRESH_GAP", 0.0)
    return api


def page_texts(at: AppTest) -> str:
    """Every info, warning, error, caption and markdown text of a page, one per line."""
    parts = [e.value for kind in ("info", "warning", "error", "caption", "markdown") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture(autouse=True)
def clean_app_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No setting leaks in from the machine, no cache leaks between tests, history goes to a temp dir."""
    for name in APP_ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(tmp_path / "data"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app_test() -> Callable[..., AppTest]:
    """AppTest for a page, opened the way a URL would open it: make(page, **query)."""

    def make(page: str = "pages/catalog.py", **query: str) -> AppTest:
        return open_page(page, query)

    return make


def open_page(page: str, query: dict[str, str], timeout: float = 30) -> AppTest:
    """Run a page the way its URL opens it; the catalog is the default page, so it needs no switch."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if page != "pages/catalog.py":
        at.run()
        at.switch_page(page)
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """The app (or `script`) served by serve.py, as deployments run it, on a free loopback port, in its own
    process group. stock=True runs plain `streamlit run` instead (the benchmark's reference)."""

    def __init__(
        self,
        env: dict[str, str],
        log_path: Path,
        args: tuple[str, ...] = (),
        port: int | None = None,
        script: str = "app.py",
        stock: bool = False,
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115
        full_env = {k: v for k, v in os.environ.items() if k not in APP_ENV_NAMES}
        full_env["EXPLORER_DATA_DIR"] = str(log_path.parent / "data")
        full_env.update(env)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                *(["-m", "streamlit", "run"] if stock else ["serve.py"]),
                script,
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                *args,
            ],
            cwd=ROOT,
            env=full_env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 40) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log()}")
            try:
                if requests.get(f"{self.url}/_stcore/health", timeout=1).text == "ok":
                    return
            except requests.RequestException:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError("streamlit did not become healthy")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self._log.close()


@pytest.fixture
def streamlit_server(tmp_path: Path) -> Iterator[Callable[..., StreamlitServer]]:
    """Factory: start(**env) gives a fresh server; all are stopped after the test."""
    servers: list[StreamlitServer] = []

    def start(*args: str, port: int | None = None, stock: bool = False, **env: str) -> StreamlitServer:
        """Extra CLI flags as positional args (e.g. "--secrets.files", path); env as keywords."""
        server = StreamlitServer(env, tmp_path / f"streamlit-{len(servers)}.log", args, port, stock=stock)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context and page for each test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
