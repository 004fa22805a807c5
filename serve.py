"""Serve the app: `streamlit run`, with Nagle's algorithm off on the server's connections.

Usage: python serve.py [SCRIPT] [streamlit run options...]   (SCRIPT defaults to app.py)

Streamlit binds its listening socket itself, with protocol number 0, and asyncio turns on
TCP_NODELAY only for sockets that say IPPROTO_TCP, so the connections Streamlit accepts keep
Nagle's algorithm. Each HTTP response is written as headers, then body; on a keep-alive
connection the body then waits for the browser's delayed ACK of the headers, 40 ms on Linux.
A first visit fetches about 130 script and font files over 6 connections, so that wait alone
held a page for most of a second. TCP_NODELAY set on the listening socket is inherited by
every connection it accepts.
"""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Callable

from streamlit.web import cli
from streamlit.web.server.starlette import starlette_server

BindSocket = Callable[[str, int, int], socket.socket]


def without_nagle(bind: BindSocket) -> BindSocket:
    """`bind`, with TCP_NODELAY on the listening socket it returns."""

    def bind_socket(address: str, port: int, backlog: int) -> socket.socket:
        sock = bind(address, port, backlog)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    return bind_socket


def log_to_stderr() -> None:
    """The app's own log lines (each live fetch and why one failed) on stderr, beside Streamlit's, with the time."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("explorer")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def main(argv: list[str]) -> None:
    script, options = (argv[0], argv[1:]) if argv and not argv[0].startswith("-") else ("app.py", argv)
    log_to_stderr()
    starlette_server._bind_socket = without_nagle(starlette_server._bind_socket)
    sys.argv = ["streamlit", "run", script, *options]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
