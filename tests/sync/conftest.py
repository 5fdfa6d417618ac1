"""Fixtures of the sync tests: a real server subprocess, a fault-injecting proxy, a laptop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.harness import CentralServer, Laptop
from tests.sync.proxy import FaultyProxy


@pytest.fixture
def server(tmp_path: Path) -> Iterator[CentralServer]:
    central = CentralServer(tmp_path / "server")
    central.start()
    yield central
    central.stop()


@pytest.fixture
def proxy(server: CentralServer) -> Iterator[FaultyProxy]:
    relay = FaultyProxy(server.port)
    yield relay
    relay.close()


@pytest.fixture
def laptop(tmp_path: Path, server: CentralServer, proxy: FaultyProxy) -> Iterator[Laptop]:
    """An enrolled laptop talking to the server through the proxy (5 s timeouts)."""
    machine = Laptop.open(tmp_path / "laptop", proxy.url, timeout=5.0)
    machine.client.enroll(server.enrollment_code())
    yield machine
    machine.close()
