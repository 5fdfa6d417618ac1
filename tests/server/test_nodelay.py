"""TCP_NODELAY on every connection, checked on the server's own sockets rather than by timing
responses (a busy machine makes any timing threshold flaky; the speed is benchmarks/'s job).

With ``--workers N`` uvicorn binds the listening socket as ``socket.socket(family)`` (``proto``
0), and asyncio then skips TCP_NODELAY on accepted connections: Nagle's algorithm and the
client's delayed ACK add ~40 ms to every response. sync/server/transport.py sets it itself."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import requests
import uvicorn
from fastapi import FastAPI

from sync.server.cli import uvicorn_options
from tests.server.test_transport import server_args


def tiny_app() -> FastAPI:
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict[str, bool]:
        return {"ok": True}

    return app


@contextmanager
def serving_like_workers(http: str | None = None) -> Iterator[tuple[uvicorn.Server, str]]:
    """uvicorn on a listening socket bound the way its multi-worker mode binds it."""
    args = server_args()
    # asyncio's own loop: uvloop (when installed) sets TCP_NODELAY itself and would hide the case.
    options = {**uvicorn_options(args), "log_level": "warning", "loop": "asyncio"}
    if http is not None:
        options["http"] = http
    listener = socket.socket(socket.AF_INET)  # proto 0, as with --workers N
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen()
    server = uvicorn.Server(uvicorn.Config(tiny_app(), **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield server, f"http://127.0.0.1:{args.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        listener.close()


def nodelay_of_open_connections(server: uvicorn.Server, base: str) -> list[int]:
    with requests.Session() as client:  # keep-alive: the connection stays open to be inspected
        assert client.get(f"{base}/ping", timeout=30).json() == {"ok": True}
        sockets = [c.transport.get_extra_info("socket") for c in server.server_state.connections]
        return [s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in sockets]


def test_every_connection_has_tcp_nodelay_with_several_workers() -> None:
    with serving_like_workers() as (server, base):
        flags = nodelay_of_open_connections(server, base)
    assert flags and all(flags), flags


def test_without_our_protocol_such_a_socket_would_wait_for_nagle() -> None:
    """The control: what the test above guards against does happen with uvicorn's own protocol."""
    with serving_like_workers(http="auto") as (server, base):
        flags = nodelay_of_open_connections(server, base)
    assert flags and not any(flags), flags
