"""Serve the app: `streamlit run`, with Nagle's algorithm off on the server's connections.

Usage: python serve.py [SCRIPT] [streamlit run options...]   (SCRIPT defaults to app.py)

Streamlit binds its listening socket itself, with protocol number 0, and asyncio turns on
TCP_NODELAY only for sockets that say IPPROTO_TCP, so the connections Streamlit accepts keep
Nagle's algorithm. Each HTTP response is written as headers, then body; on a keep-alive
connection the body then waits for the browser's delayed ACK of the headers, 40 ms on Linux.
A first visit fetches about 130 script and font files over 6 connections, so that wait alone
held a page for most of a second. TCP_NODELAY set on the listening socket is inherited by
every connection it accepts.

Streamlit's script and font files are also sent whole, in one write (`whole_file_responses`), with no
file watcher the app's compiled scripts are kept when the last session leaves (`KeptScriptCache`), and the
page's HTML carries a script that makes each click or key that changes the address one browser history entry
(`ONE_ENTRY_PER_ACTION`).
"""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope
from streamlit import config
from streamlit.runtime import runtime
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_server, starlette_static_routes

BindSocket = Callable[[str, int, int], socket.socket]
CreateStatic = Callable[[str, "str | None"], StaticFiles]

# Larger files (none of the scripts a page loads; Plotly's is 4.7 MB) keep Starlette's streamed response.
WHOLE_FILE_LIMIT = 2 * 1024 * 1024


def without_nagle(bind: BindSocket) -> BindSocket:
    """`bind`, with TCP_NODELAY on the listening socket it returns."""

    def bind_socket(address: str, port: int, backlog: int) -> socket.socket:
        sock = bind(address, port, backlog)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    return bind_socket


# Streamlit's page adds a browser history entry (pushState) for each change of the address its server sends:
# the page's path when a page is opened, then each change a page's run makes to its query. One click on the
# navigation from a filtered catalog to Pricing added four entries (the old path with an empty query, the new
# path, then one per filter carried over), so Back walked through half-built addresses of the page just opened.
# A URL-bound widget's new value (a search, a filter), on the other hand, replaced the current entry, so Back
# skipped every filter while it undid a tick or a new row order.
# This makes the first change of address a click or key leads to a new entry, and later ones replacements, so
# each action is one entry that ends with the address the page settled on; with no click or key since the last
# entry (a page loading, Back or Forward), a change of address replaces the current entry.
ONE_ENTRY_PER_ACTION = b"""<script>
(() => {
  const push = history.pushState.bind(history);
  const replace = history.replaceState.bind(history);
  let acted = false;
  for (const type of ["pointerdown", "keydown"]) addEventListener(type, () => { acted = true; }, true);
  addEventListener("popstate", () => { acted = false; }, true);
  const entry = (state, title, url) => {
    if (acted) {
      acted = false;
      return push(state, title, url);
    }
    return replace(state, title, url);
  };
  history.pushState = entry;
  history.replaceState = entry;
})();
</script>"""


def with_history_script(html: bytes) -> bytes:
    """Streamlit's page, with ONE_ENTRY_PER_ACTION first in its head, before Streamlit's own scripts run."""
    return html.replace(b"<head>", b"<head>" + ONE_ENTRY_PER_ACTION, 1)


def is_page(path: Any) -> bool:
    return Path(path).name == "index.html"


def page_response(full_path: Any, response: Response) -> Response:
    """The page's HTML as `response` sent it, with the history script. Its validators are the file's, not this
    body's, so they are dropped: a browser revalidating a cached page then gets this body, never a 304 for an
    older one."""
    headers = {k: v for k, v in response.headers.items() if k not in {"content-length", "etag", "last-modified"}}
    return Response(with_history_script(Path(full_path).read_bytes()), response.status_code, headers=headers)


def whole_file_responses(create: CreateStatic) -> CreateStatic:
    """`create` (Streamlit's static file handler), with each file read in one call and sent in one write.

    Starlette's FileResponse streams a file in 64 kB reads, each handed to a worker thread, beside a task that
    watches for the browser leaving. A first visit fetches about 130 files, most of them at once, while the page's
    script runs: those hand-offs wait for the event loop and the interpreter, and on the catalog's first view the
    table's 0.5 and 0.7 MB scripts took about three times as long to arrive as on a page holding only a table.
    The files are Streamlit's own, already in the page cache after the first visit; a read of the largest takes
    well under a millisecond. The page's HTML, at "/" or at a page's own path, also gets the history script.
    """

    def create_handler(directory: str, base_url: str | None) -> StaticFiles:
        handler = create(directory, base_url)
        streamed = handler.file_response
        found = handler.get_response

        async def get_response(path: str, scope: Scope) -> Response:
            response = await found(path, scope)
            # A page's own path ("/pricing") is no file: the handler answers with the page's HTML directly.
            if isinstance(response, FileResponse) and is_page(response.path) and response.status_code == 200:
                return page_response(response.path, response)
            return response

        def file_response(full_path: Any, stat_result: Any, scope: Any, status_code: int = 200) -> Response:
            response = streamed(full_path, stat_result, scope, status_code)
            if (
                not isinstance(response, FileResponse)  # a 304, or an error
                or status_code != 200
                or scope["method"] != "GET"
                or stat_result.st_size > WHOLE_FILE_LIMIT
                or "range" in Headers(scope=scope)
            ):
                return response
            if is_page(full_path):
                return page_response(full_path, response)
            return Response(Path(full_path).read_bytes(), status_code, headers=dict(response.headers))

        handler.file_response = file_response  # type: ignore[method-assign]
        handler.get_response = get_response  # type: ignore[method-assign]
        return handler

    return create_handler


class KeptScriptCache(ScriptCache):
    """Streamlit's cache of compiled scripts, not emptied when the last session leaves a server with no file watcher.

    Streamlit empties it then so that a script edited while nobody watched is compiled afresh. A server that
    watches no files never rereads a script it has compiled while sessions come and go, and serves new code only
    after a restart, which starts with an empty cache: emptying it only made the next visitor to an idle server
    wait for the entry script and the page to be compiled again, before the page's first element is sent.
    """

    def clear(self) -> None:
        if config.get_option("server.fileWatcherType") != "none":
            super().clear()


def log_to_stderr() -> None:
    """The app's own log lines (each live fetch and why one failed) on stderr, beside Streamlit's, with the time."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("explorer")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def patch_streamlit() -> None:
    """Put this module's changes into Streamlit's server, before it starts."""
    starlette_server._bind_socket = without_nagle(starlette_server._bind_socket)
    starlette_static_routes.create_streamlit_static_handler = whole_file_responses(
        starlette_static_routes.create_streamlit_static_handler
    )
    runtime.ScriptCache = KeptScriptCache  # type: ignore[misc]


def main(argv: list[str]) -> None:
    script, options = (argv[0], argv[1:]) if argv and not argv[0].startswith("-") else ("app.py", argv)
    log_to_stderr()
    patch_streamlit()
    sys.argv = ["streamlit", "run", script, *options]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
