"""Fixtures of supervisor mode: the real server on a loopback port, a facilitator's laptop that
sends to it, and a supervisor's data file with a desk over it (keyring-less token vault)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends.fail import Keyring as NoKeyring

from app.store import Store
from app.supervisor.desk import SupervisorDesk
from sync.credentials import TokenVault
from sync.http import HttpClient
from sync.server import accounts
from tests.sync.harness import PROJECT, CentralServer, Laptop

SUPERVISOR, PASSWORD = "luisa", "clave-de-luisa-1"


def quick_http(timeout: tuple[float, float] = (5.0, 10.0)) -> type[HttpClient]:
    class Quick(HttpClient):
        def __init__(self, **kwargs) -> None:
            super().__init__(timeout=timeout)

    return Quick


def open_desk(folder: Path) -> tuple[Store, SupervisorDesk]:
    store = Store.open(folder / "encuentro.sqlite3")
    desk = SupervisorDesk(
        store,
        vault=TokenVault(store.settings, store.path, backend=NoKeyring()),
        http_factory=quick_http(),
    )
    return store, desk


@pytest.fixture
def server(tmp_path: Path) -> Iterator[CentralServer]:
    central = CentralServer(tmp_path / "server")
    accounts.create_user(central.db, SUPERVISOR, PASSWORD, "supervisor", [PROJECT])
    central.start()
    yield central
    central.stop()


@pytest.fixture
def laptop(tmp_path: Path, server: CentralServer) -> Iterator[Laptop]:
    machine = Laptop.open(tmp_path / "laptop", server.url, timeout=5.0)
    machine.client.enroll(server.enrollment_code("Laptop de Ana"))
    yield machine
    machine.close()


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[SupervisorDesk]:
    store, found = open_desk(tmp_path / "supervisor")
    yield found
    store.close()
