"""serve.py: Streamlit's server with Nagle's algorithm off, so keep-alive responses are not held for an ACK."""

from __future__ import annotations

import socket
import time

from streamlit.web.server.starlette import starlette_server

from serve import without_nagle


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
