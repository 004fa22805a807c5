"""Every upstream fault the app must survive, reproduced on loopback; prints the README's Reliability table.

Run `python -m tests.reliability` to print the table; tests/test_reliability.py checks the README against it.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from explorer.errors import CatalogUnavailable
from explorer.fetch import fetch_embedding_models
from tests.fake_openrouter import FakeOpenRouter, Reply

KEY = "sk-or-v1-reliab-0000-1111-2222"
BUDGET = 2.0


def _error(status: int, message: str) -> dict:
    return {"error": {"code": status, "message": message}}


REPLIES: dict[str, Reply | list[Reply]] = {
    "400 Bad Request": Reply(400, _error(400, "Invalid request parameters")),
    "401 invalid key": Reply(401, _error(401, "User not found.")),
    "402 out of credits": Reply(402, _error(402, "Insufficient credits.")),
    "402 naming its own credits page": Reply(
        402, _error(402, "Insufficient credits. Add more using https://openrouter.ai/credits")
    ),
    "403 forbidden": Reply(403, _error(403, "Forbidden")),
    "404 (wrong OPENROUTER_BASE_URL)": Reply(404, _error(404, "Resource not found")),
    "408 request timeout": Reply(408, _error(408, "Request timeout")),
    "429 with Retry-After: 120": Reply(429, _error(429, "Rate limit exceeded"), {"Retry-After": "120"}),
    "429 without Retry-After": Reply(429, _error(429, "Rate limit exceeded")),
    "500 server error": Reply(500, _error(500, "Internal Server Error")),
    "502 bad gateway": Reply(502, _error(502, "Bad gateway")),
    "503 unavailable": Reply(503, _error(503, "Service unavailable"), {"Retry-After": "1"}),
    "524 edge timeout": Reply(524, _error(524, "A timeout occurred")),
    "accepts, never answers": Reply(hang=True),
    "connection reset mid-body": Reply(200, {"data": [{"id": "x"}] * 50}, reset_after=64),
    "truncated JSON": Reply(200, b'{"data": [{"id": "openai/x", "pricing": {"prompt": "0.0'),
    "HTML error page with status 200": Reply(200, "<html><h1>Bad gateway</h1></html>", {"Content-Type": "text/html"}),
    "`[]` with status 200": Reply(200, []),
    '`{"data": null}`': Reply(200, {"data": None}),
    "`total_count` above the models sent": Reply(200, {"data": [{"id": "a/b"}], "total_count": 34, "links": {}}),
    '`{"error": ...}` with status 200': Reply(200, _error(401, "No auth credentials found")),
    # Every page points at ?offset=1, so the second page names itself as next.
    "paging `links.next` that loops": Reply(200, {"data": [{"id": "a/b"}], "links": {"next": "?offset=1"}}),
}


@contextmanager
def _closed_port() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    yield f"http://127.0.0.1:{port}/api/v1"


@contextmanager
def _full_backlog() -> Iterator[str]:
    """A listener whose accept queue is full, so new connections never complete (a connect timeout)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        for filler in fillers:
            filler.close()
        server.close()


@contextmanager
def _unresolvable() -> Iterator[str]:
    yield "http://no-such-host.invalid/api/v1"


ADDRESSES: dict[str, Callable[[], object]] = {
    "connection refused": _closed_port,
    "name resolution failure": _unresolvable,
    "connect timeout": _full_backlog,
}
FAULTS = [*REPLIES, *ADDRESSES]


def run_fault(api: FakeOpenRouter, fault: str) -> CatalogUnavailable:
    """Reproduce one fault against the client and return the error it raised."""
    api.reset()
    if fault in REPLIES:
        api.always = REPLIES[fault]
        base = api.base_url
        context = None
    else:
        context = ADDRESSES[fault]()
        base = context.__enter__()
    try:
        fetch_embedding_models(base, api_key=KEY, budget=BUDGET)
    except CatalogUnavailable as error:
        return error
    finally:
        if context is not None:
            context.__exit__(None, None, None)
        api.reset()
    raise AssertionError(f"{fault}: no error raised")


def table_row(fault: str, error: CatalogUnavailable) -> str:
    return f"| {fault} | {error.what} | {error.advice} |"


def reliability_table(api: FakeOpenRouter) -> str:
    lines = ["| fault | the page says | and advises |", "|---|---|---|"]
    lines += [table_row(fault, run_fault(api, fault)) for fault in FAULTS]
    return "\n".join(lines)


if __name__ == "__main__":
    server = FakeOpenRouter().start()
    try:
        print(reliability_table(server))
    finally:
        server.stop()
