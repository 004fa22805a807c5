"""serve.py: Streamlit's server with Nagle's algorithm off, so keep-alive responses are not held for an ACK, and its
script files sent whole, and its compiled scripts kept while no file is watched."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
import streamlit
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from streamlit import config
from streamlit.runtime import runtime
from streamlit.web.server.starlette import starlette_server, starlette_static_routes

from serve import (
    ONE_ENTRY_PER_ACTION,
    WHOLE_FILE_LIMIT,
    KeptScriptCache,
    patch_streamlit,
    whole_file_responses,
    with_history_script,
    without_nagle,
)


@contextmanager
def patch_option(name: str, value: object) -> Iterator[None]:
    before = config.get_option(name)
    config.set_option(name, value)
    try:
        yield
    finally:
        config.set_option(name, before)


def keep_alive_health_checks(port: int, count: int) -> float:
    """Seconds for `count` health requests one after another on one connection."""
    request = f"GET /_stcore/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        started = time.perf_counter()
        for _ in range(count):
            conn.sendall(request)
            reply = b""
            while not reply.endswith(b"\r\n\r\nok"):  # headers and body are separate writes
                chunk = conn.recv(65536)
                assert chunk, reply
                reply += chunk
        return time.perf_counter() - started


def test_connections_accepted_by_the_wrapped_bind_have_nagle_off() -> None:
    listener = without_nagle(starlette_server._bind_socket)("127.0.0.1", 0, 8)
    try:
        listener.setblocking(True)
        with socket.create_connection(listener.getsockname()):
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listener.close()


def test_the_server_answers_keep_alive_requests_without_waiting_for_delayed_acks(streamlit_server) -> None:
    # With Nagle on, each body after the first few waits for the client's delayed ACK of its headers:
    # at least 40 ms per request on Linux, about 0.8 s for 20. Without it the 20 take a few milliseconds.
    stock = streamlit_server(stock=True)
    served = streamlit_server()
    assert keep_alive_health_checks(stock.port, 20) >= 0.5  # the flaw serve.py works around
    assert keep_alive_health_checks(served.port, 20) < 0.25


def static_script(name: str = "DataFrame.") -> str:
    """A path of one of Streamlit's script files (content-hashed names): the table's code."""
    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return "/static/js/" + next(p.name for p in sorted(folder.iterdir()) if p.name.startswith(name))


def test_script_files_are_sent_whole_with_the_same_bytes_and_headers_as_streamlit_sends(streamlit_server) -> None:
    stock = streamlit_server(stock=True)
    served = streamlit_server()
    path = static_script()
    ours, theirs = requests.get(served.url + path, timeout=10), requests.get(stock.url + path, timeout=10)
    assert ours.status_code == theirs.status_code == 200
    assert len(ours.content) > 100_000 and ours.content == theirs.content
    for header in ("content-type", "content-length", "etag", "last-modified", "cache-control"):
        assert ours.headers[header] == theirs.headers[header], header
    # What the streamed response also answers: a range, a revalidation, a HEAD request.
    part = requests.get(served.url + path, headers={"Range": "bytes=10-19"}, timeout=10)
    assert part.status_code == 206 and part.content == theirs.content[10:20]
    again = requests.get(served.url + path, headers={"If-None-Match": ours.headers["etag"]}, timeout=10)
    assert again.status_code == 304 and again.content == b""
    head = requests.head(served.url + path, timeout=10)
    assert head.status_code == 200 and head.headers["content-length"] == ours.headers["content-length"]
    # A path it does not have: the app's page, as Streamlit answers it, with the history script.
    missing = "/static/js/no-such-file.js"
    stock_page = requests.get(stock.url + missing, timeout=10).content
    assert requests.get(served.url + missing, timeout=10).content == with_history_script(stock_page)


def test_the_page_carries_the_history_script_before_streamlits_own_at_the_root_and_at_a_pages_path(
    streamlit_server,
) -> None:
    stock = streamlit_server(stock=True)
    served = streamlit_server()
    for path in ("/", "/pricing", "/model?id=openai%2Ftext-embedding-3-small"):
        page = requests.get(served.url + path, timeout=10)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), path
        html = page.content
        assert html.count(ONE_ENTRY_PER_ACTION) == 1, path
        assert html.index(ONE_ENTRY_PER_ACTION) < html.index(b'<script type="module"')  # it runs before Streamlit's
        assert html.replace(ONE_ENTRY_PER_ACTION, b"") == requests.get(stock.url + path, timeout=10).content
        plain = requests.get(served.url + path, headers={"Accept-Encoding": "identity"}, timeout=10)
        assert int(plain.headers["content-length"]) == len(plain.content) == len(html)  # the length of this body
        # The file's validators would name the file, not this body: a revalidation must fetch the page again.
        assert "etag" not in page.headers and "last-modified" not in page.headers, path
        assert page.headers["cache-control"] == "no-cache"
        assert requests.head(served.url + path, timeout=10).status_code == 200


def test_the_wrapped_handler_answers_a_whole_file_in_one_body_and_leaves_the_rest_to_starlette(tmp_path) -> None:
    (tmp_path / "small.js").write_text("console.log(1)\n")
    (tmp_path / "large.js").write_bytes(b"x" * (WHOLE_FILE_LIMIT + 1))
    handler = whole_file_responses(lambda directory, base_url: StaticFiles(directory=directory))(str(tmp_path), None)

    def answer(name: str, method: str = "GET", headers: tuple[tuple[bytes, bytes], ...] = ()) -> Response:
        path = tmp_path / name
        scope = {"type": "http", "method": method, "headers": list(headers), "path": f"/{name}"}
        return handler.file_response(str(path), path.stat(), scope)

    whole = answer("small.js")
    assert type(whole) is Response and whole.body == b"console.log(1)\n"
    assert isinstance(answer("large.js"), FileResponse)
    assert isinstance(answer("small.js", method="HEAD"), FileResponse)
    assert isinstance(answer("small.js", headers=((b"range", b"bytes=0-3"),)), FileResponse)
    etag = whole.headers["etag"].encode()
    assert answer("small.js", headers=((b"if-none-match", etag),)).status_code == 304


def test_compiled_scripts_outlive_the_last_session_only_on_a_server_that_watches_no_files(tmp_path) -> None:
    script = tmp_path / "page.py"
    script.write_text("import streamlit as st\nst.write('one')\n")
    cache = KeptScriptCache()
    compiled = cache.get_bytecode(str(script))
    with patch_option("server.fileWatcherType", "none"):  # the hosted config
        cache.clear()  # as Streamlit does when the last session disconnects
        assert cache.get_bytecode(str(script)) is compiled
    with patch_option("server.fileWatcherType", "auto"):  # `make run`: an edited script is compiled again
        cache.clear()
        assert cache.get_bytecode(str(script)) is not compiled


def test_the_server_builds_its_runtime_with_the_kept_script_cache(monkeypatch) -> None:
    for module, name in (
        (runtime, "ScriptCache"),
        (starlette_server, "_bind_socket"),
        (starlette_static_routes, "create_streamlit_static_handler"),
    ):
        monkeypatch.setattr(module, name, getattr(module, name))  # put back after the test
    patch_streamlit()
    assert runtime.ScriptCache is KeptScriptCache
    assert runtime.Runtime.__init__.__globals__["ScriptCache"] is KeptScriptCache  # the name Runtime() looks up
