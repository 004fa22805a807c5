"""A real HTTP server on 127.0.0.1 that speaks the OpenRouter embeddings-models API, for tests.

It serves fixture catalogs (with offset/limit paging like the real API), and can be told to answer
with any status, body, headers or delay, to hang, or to drop the connection mid-body. It counts and
records every request.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent / "fixtures"
SNAPSHOT = Path(__file__).parent.parent / "explorer" / "data" / "openrouter-embeddings-2026-08-19.json"
API_PREFIX = "/api/v1"


def snapshot_records() -> list[dict[str, Any]]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))["data"]


@dataclass
class Reply:
    """One scripted answer. body may be bytes, str, or a JSON-able object."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hang: bool = False  # accept, read the request, never answer
    reset_after: int | None = None  # send this many body bytes, then close the socket


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)  # when the server read it


class FakeOpenRouter:
    """Start with .start(); stop with .stop(). Base URL for the app is .base_url."""

    def __init__(self, records: list[dict[str, Any]] | None = None, *, envelope: str = "current") -> None:
        self.records = snapshot_records() if records is None else records
        self.envelope = envelope  # "current" ({data,total_count,links}) or "legacy" ({data})
        self.default_limit: int | None = None  # page size used when the client sends no limit
        self.replies: list[Reply] = []  # scripted answers, used first-in first-out
        self.always: Reply | None = None  # answer every request with this
        self.requests: list[SeenRequest] = []
        self._lock = threading.Lock()
        self._hung: list[socket.socket] = []
        self._stop_hanging = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    def start(self) -> FakeOpenRouter:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop_hanging.set()
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.replies.clear()
            self.always = None
            self.requests.clear()
            self.default_limit = None

    def catalog_requests(self) -> list[SeenRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.startswith(API_PREFIX + "/embeddings/models")]

    def _next_reply(self) -> Reply | None:
        with self._lock:
            if self.replies:
                return self.replies.pop(0)
            return self.always

    def _catalog_body(self, query: dict[str, list[str]]) -> dict[str, Any]:
        offset = int(query.get("offset", ["0"])[0])
        limit_values = query.get("limit")
        limit = int(limit_values[0]) if limit_values else self.default_limit
        page = self.records[offset : offset + limit] if limit else self.records[offset:]
        if self.envelope == "legacy":
            return {"data": page}
        next_link = None
        if limit and offset + limit < len(self.records):
            next_link = f"{API_PREFIX}/embeddings/models?offset={offset + limit}&limit={limit}"
        return {"data": page, "total_count": len(self.records), "links": {"next": next_link}}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                with fake._lock:
                    fake.requests.append(SeenRequest("GET", self.path, dict(self.headers.items())))
                parts = urlsplit(self.path)
                if not parts.path.startswith(API_PREFIX + "/embeddings/models"):
                    self._send(Reply(404, {"error": {"code": 404, "message": "Resource not found"}}))
                    return
                reply = fake._next_reply()
                if reply is None:
                    reply = Reply(200, fake._catalog_body(parse_qs(parts.query)))
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.hang:
                    fake._stop_hanging.wait(60)
                    self.close_connection = True
                    return
                body = reply.body
                if isinstance(body, bytes):
                    payload = body
                elif isinstance(body, str):
                    payload = body.encode("utf-8")
                else:
                    payload = json.dumps(body).encode("utf-8")
                self.send_response(reply.status)
                headers = {"Content-Type": "application/json", **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if reply.reset_after is not None:
                    self.wfile.write(payload[: reply.reset_after])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                self.wfile.write(payload)

        return Handler
