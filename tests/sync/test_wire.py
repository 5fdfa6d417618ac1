"""On the wire: plain http only to loopback or to the one address allowed; HTTPS verified against
the system store or a certificate pinned at enrollment (a real HTTPS server on loopback, with a
certificate from ``admin make-cert``)."""

from __future__ import annotations

import io
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from main import main
from sync.client import SyncError
from sync.http import HttpClient, NetworkError, PlainHttpRefused
from sync.server.certs import make_certificate
from sync.supervisor_api import SupervisorApi
from sync.urls import ServerAddress, ServerAddressError
from sync.wire import WirePolicy, is_loopback_host, normalize_fingerprint
from sync.wire_settings import PINNED_KEY
from tests.sync.harness import PROJECT, CentralServer, Laptop

TEST_NET = "http://192.0.2.1:8765"  # RFC 5737: documentation only, must never be contacted


class SocketOpened(AssertionError):
    pass


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """Any socket made or name looked up from here on is recorded and fails (the true edge)."""
    opened: list[tuple[object, ...]] = []

    def refuse(*args: object, **kwargs: object) -> None:
        opened.append(args)
        raise SocketOpened(f"a socket was opened: {args}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return opened


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("192.0.2.1", False),
        ("10.0.0.2", False),
        ("localhost.example.org", False),
        ("::ffff:192.0.2.1", False),
    ],
)
def test_loopback_is_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_plain_http_to_another_machine_is_refused_before_any_socket(
    no_sockets: list[tuple[object, ...]],
) -> None:
    http = HttpClient(timeout=(1, 1))
    with pytest.raises(PlainHttpRefused) as refused:
        http.request("POST", f"{TEST_NET}/submission", data=b"<answers/>")
    with pytest.raises(PlainHttpRefused):
        http.download(f"{TEST_NET}/media/mapa.png", io.BytesIO(), max_bytes=10)
    assert no_sockets == []
    message = refused.value.sync_message
    assert message.key == "plain_http_refused"
    assert "192.0.2.1" in message.render("en") and "unencrypted" in message.render("en")
    assert "sin cifrar" in message.render("es")


def test_the_address_is_refused_when_set_and_allowed_only_explicitly(
    tmp_path: Path, no_sockets: list[tuple[object, ...]]
) -> None:
    laptop = Laptop.open(tmp_path)
    try:
        client = laptop.client
        with pytest.raises(ServerAddressError) as refused:
            client.set_server(TEST_NET)
        assert refused.value.sync_message.key == "address_plain_http"
        assert "«Permitir conexión sin cifrar" in refused.value.sync_message.render("es")
        assert client.address is None and client.unencrypted_allowance is None
        with pytest.raises(ServerAddressError):  # no address saved, nothing contacted
            client.enroll("CODE", TEST_NET)
        assert client.address is None
        assert no_sockets == []

        client.set_server(TEST_NET, allow_unencrypted=True)
        assert client.unencrypted_allowance == TEST_NET
        with pytest.raises(SocketOpened):  # allowed now: the connection is attempted
            client.probe(timeout=1)
        assert no_sockets != []

        client.set_server(TEST_NET)  # saving it again keeps the allowance
        assert client.unencrypted_allowance == TEST_NET
        # One address only: another one needs its own allowance, and the old one goes.
        with pytest.raises(ServerAddressError) as other:
            client.set_server("http://192.0.2.7:8765", allow_unencrypted=False)
        assert other.value.sync_message.key == "address_plain_http"
        assert client.unencrypted_allowance is None
        with pytest.raises(PlainHttpRefused):  # the saved address is no longer allowed either
            client.http.request("GET", f"{TEST_NET}/api/v1/health")
        assert client.set_server("http://127.0.0.1:9").base == "http://127.0.0.1:9"
        assert client.set_server("http://[::1]:9").base == "http://[::1]:9"
    finally:
        laptop.close()


def test_loopback_http_works_as_before(tmp_path: Path) -> None:
    server = CentralServer(tmp_path / "server")
    server.start()
    laptop = Laptop.open(tmp_path / "laptop", server.url)
    try:
        laptop.client.enroll(server.enrollment_code())
        instance_id = laptop.finalize_session()
        assert laptop.client.sync().sent == [instance_id]
        assert laptop.client.unencrypted_allowance is None  # loopback needs no allowance
    finally:
        laptop.close()
        server.stop()


# -- HTTPS ---------------------------------------------------------------------------------------
@pytest.fixture
def certificate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, str]:
    """A certificate made by the real command, as an administrator would."""
    folder = tmp_path / "tls"
    assert main(["admin", "make-cert", "--host", "127.0.0.1", "-o", str(folder)]) == 0
    out = capsys.readouterr().out
    fingerprint = out.split("SHA-256 fingerprint: ")[1].split()[0]
    key = folder / "encuentro-server.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert normalize_fingerprint(fingerprint) == fingerprint
    return folder / "encuentro-server.crt", key, fingerprint


@pytest.fixture
def https_server(tmp_path: Path, certificate: tuple[Path, Path, str]) -> Iterator[CentralServer]:
    server = CentralServer(tmp_path / "server", tls=certificate[:2])
    server.start()
    yield server
    server.stop()


def test_make_cert_never_overwrites_a_certificate(
    certificate: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = certificate[0].read_bytes()
    assert main(["admin", "make-cert", "-o", str(certificate[0].parent)]) == 1
    assert "exists" in capsys.readouterr().err
    assert certificate[0].read_bytes() == before


def test_an_unverified_certificate_is_refused_and_its_fingerprint_shown(
    tmp_path: Path, https_server: CentralServer, certificate: tuple[Path, Path, str]
) -> None:
    laptop = Laptop.open(tmp_path / "laptop", https_server.url)
    try:
        with pytest.raises(SyncError) as refused:
            laptop.client.enroll(https_server.enrollment_code())
        message = refused.value.sync_message
        assert message.key == "certificate_unconfirmed"
        assert message.params["fingerprint"] == certificate[2]
        assert laptop.client.vault.get(laptop.client.address.keyring_name) is None  # type: ignore[union-attr]
        assert https_server.submission_counts() == {}
        # a wrong fingerprint is refused too, and nothing is pinned
        wrong = "AA:" * 31 + "AA"
        with pytest.raises(SyncError) as mismatch:
            laptop.client.enroll(https_server.enrollment_code(), fingerprint=wrong)
        assert mismatch.value.sync_message.key == "certificate_mismatch"
        assert laptop.store.settings.get(PINNED_KEY) is None
    finally:
        laptop.close()


def test_the_pinned_certificate_carries_a_whole_sync_and_a_changed_one_is_refused(
    tmp_path: Path, https_server: CentralServer, certificate: tuple[Path, Path, str]
) -> None:
    laptop = Laptop.open(tmp_path / "laptop", https_server.url)
    try:
        # as typed from a chat message: lower case, spaces instead of colons
        typed = certificate[2].replace(":", " ").lower()
        laptop.client.enroll(https_server.enrollment_code(), fingerprint=typed)
        assert laptop.client.pinned_fingerprint == certificate[2]
        pem_files = list((tmp_path / "laptop" / "certificates").glob("*.pem"))
        assert len(pem_files) == 1
        assert stat.S_IMODE(pem_files[0].stat().st_mode) == 0o600
        first = laptop.finalize_session("Ana", photo=b"\xff\xd8 foto")
        report = laptop.client.sync()
        assert report.sent == [first] and report.complete, report
        assert https_server.submission_counts() == {first: 1}
        assert https_server.attachments(first) == {"foto_señora.jpg": b"\xff\xd8 foto"}

        # the server now presents another certificate (same name, new key): nothing goes
        https_server.kill()
        other = make_certificate(tmp_path / "other-tls", ["127.0.0.1"])
        https_server.tls = (other.cert_path, other.key_path)
        https_server.start()
        second = laptop.finalize_session("Berta")
        with pytest.raises(NetworkError) as changed:
            laptop.client.sync()
        message = changed.value.sync_message
        assert message.key == "certificate_changed"
        assert "interceptando" in message.render("es")
        assert laptop.status(second) != "sent"
        assert second not in https_server.submission_counts()

        # the coordinator confirms the renewal: the new fingerprint is pinned and sync goes on
        laptop.client.pin_certificate(other.fingerprint)
        laptop.wait_past_backoff()
        assert laptop.client.sync().sent == [second]
    finally:
        laptop.close()


def test_the_supervisor_transport_verifies_certificates_too(
    https_server: CentralServer, certificate: tuple[Path, Path, str]
) -> None:
    address = ServerAddress.parse(https_server.url)
    api = SupervisorApi(address, HttpClient(timeout=(10, 10)))
    with pytest.raises(NetworkError) as refused:
        api.login("supervisora", "clave-segura-1")
    assert refused.value.sync_message.key == "network_certificate"
    pinned = HttpClient(timeout=(10, 10), wire=WirePolicy(pinned={address.origin: certificate[0]}))
    answer = pinned.request("GET", address.api_url("health"), authenticated=False)
    assert answer.status == 200


def test_the_supervisor_desk_trusts_the_certificate_pinned_on_this_laptop(
    tmp_path: Path, https_server: CentralServer, certificate: tuple[Path, Path, str]
) -> None:
    from keyring.backends.fail import Keyring as NoKeyring

    from app.supervisor.desk import SupervisorDesk
    from sync.credentials import TokenVault
    from sync.server import accounts

    accounts.create_user(https_server.db, "luisa", "clave-segura-1", "supervisor", [PROJECT])
    laptop = Laptop.open(tmp_path / "laptop", https_server.url)
    try:
        vault = TokenVault(laptop.store.settings, laptop.store.path, backend=NoKeyring())
        desk = SupervisorDesk(laptop.store, vault=vault, timeout=(10.0, 10.0))
        with pytest.raises(NetworkError) as refused:
            desk.sign_in(https_server.url, "luisa", "clave-segura-1")
        assert refused.value.sync_message.key == "network_certificate"
        laptop.client.pin_certificate(certificate[2])
        assert desk.sign_in(https_server.url, "luisa", "clave-segura-1") is not None
    finally:
        laptop.close()
