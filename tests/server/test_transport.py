"""The server on a real loopback socket: forwarded addresses are believed only from the proxies the
administrator names, a client that sends its headers slowly is cut off while others are served,
and past the connection limit new requests get 503 (SQLite and PostgreSQL)."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
import uvicorn
from fastapi import FastAPI

from sync.server.app import ServerSettings, create_app
from sync.server.cli import add_server_commands, uvicorn_options
from tests.server.test_live import free_port

ROOT = Path(__file__).resolve().parents[2]


def server_args(*options: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_server_commands(parser.add_subparsers(dest="command"))
    return parser.parse_args(["server", "--port", str(free_port()), *options])


@contextmanager
def serving(app: FastAPI, args: argparse.Namespace) -> Iterator[str]:
    """The app under uvicorn in a thread, with exactly the settings `main.py server` gives it."""
    config = uvicorn.Config(app, **{**uvicorn_options(args), "log_level": "warning"})
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{args.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
def app(db_url: str) -> Iterator[FastAPI]:
    # A small per-address limit and a large per-user one: the address is what is under test.
    app = create_app(
        ServerSettings(database_url=db_url, max_failed_attempts=1000, max_failed_per_address=3)
    )
    yield app
    app.state.db.dispose()


def wrong_login(base: str, n: int, forwarded_for: str) -> int:
    return requests.post(
        f"{base}/api/v1/login",
        json={"username": f"nadie{n}", "password": "guess1234"},
        headers={"X-Forwarded-For": forwarded_for},
        timeout=30,
    ).status_code


def test_a_forged_x_forwarded_for_from_loopback_is_not_believed_by_default(app: FastAPI) -> None:
    with serving(app, server_args()) as base:
        # each guess claims another address; the throttle still sees the one real peer
        answers = [wrong_login(base, n, f"10.9.8.{n}") for n in range(4)]
    assert answers == [401, 401, 401, 429]


def test_forwarded_addresses_are_believed_from_the_named_proxy_only(app: FastAPI) -> None:
    with serving(app, server_args("--forwarded-allow-ips", "127.0.0.1")) as base:
        # behind the named proxy each forwarded client is counted on its own ...
        assert [wrong_login(base, n, f"10.9.8.{n}") for n in range(5)] == [401] * 5
        # ... and one client is held back after its own failures
        assert [wrong_login(base, 10 + n, "10.9.8.200") for n in range(4)] == [401] * 3 + [429]
    with serving(app, server_args("--forwarded-allow-ips", "10.0.0.2")) as base:
        # a proxy at another address is named: loopback's header is ignored again
        answers = [wrong_login(base, 20 + n, f"10.9.7.{n}") for n in range(4)]
        assert answers == [401, 401, 401, 429]


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    """`main.py server` in its own process, short header deadline, two connections at most."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server",
            "server",
            "--port",
            str(port),
            "--database-url",
            f"sqlite:///{tmp_path / 'server.sqlite3'}",
            "--workers",
            "1",
            "--header-timeout",
            "1",
            "--limit-concurrency",
            "3",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("server did not start")
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


def closed_by_server(sock: socket.socket, timeout_s: float) -> bool:
    """Keep trickling header bytes; True once the server has closed the connection."""
    deadline = time.monotonic() + timeout_s
    sock.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            sock.sendall(b"X")
            if sock.recv(1024) == b"":
                return True
        except TimeoutError:
            continue
        except OSError:  # reset or broken pipe: closed as well
            return True
    return False


def test_a_client_sending_headers_slowly_is_cut_off_and_others_are_served(
    live_server: str,
) -> None:
    port = int(live_server.rsplit(":", 1)[1])
    slow = socket.create_connection(("127.0.0.1", port))
    try:
        slow.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        assert requests.get(f"{live_server}/api/v1/health", timeout=10).status_code == 200
        # one byte at a time, forever: the 1 s deadline ends it (generous bound for a busy box)
        assert closed_by_server(slow, timeout_s=30)
    finally:
        slow.close()
    assert requests.get(f"{live_server}/api/v1/health", timeout=10).status_code == 200


def test_past_the_connection_limit_new_requests_get_503(live_server: str) -> None:
    port = int(live_server.rsplit(":", 1)[1])
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
    try:
        for sock in held:
            sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")  # headers not finished
        assert requests.get(f"{live_server}/api/v1/health", timeout=10).status_code == 503
    finally:
        for sock in held:
            sock.close()
    deadline = time.monotonic() + 30
    status = 0
    while time.monotonic() < deadline and status != 200:
        status = requests.get(f"{live_server}/api/v1/health", timeout=10).status_code
    assert status == 200
