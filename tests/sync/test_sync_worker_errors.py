"""A sync that ends with an exception says what to do (issue 7, item 17): a locked keyring asks
to unlock it, a data-file problem names the data file, anything else says to retry and send the
log; each is logged with its traceback, never with the token."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring.errors
import pytest
import requests

from sync.credentials import LOCATION_PREFIX, TokenVault
from tests.sync.harness import Laptop
from tests.sync.test_credentials import MemoryKeyring
from ui.sync_status import SyncController, SyncStatusWidget

TOKEN = "secret-device-token-42"


class LockedKeyring(MemoryKeyring):
    """A keyring whose collection is locked: reading raises, as Secret Service does."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


@pytest.fixture
def machine(tmp_path: Path) -> Iterator[Laptop]:
    laptop = Laptop.open(tmp_path / "laptop", "http://127.0.0.1:9")  # never reached
    address = laptop.client.address
    assert address is not None
    laptop.client.vault.put(address.keyring_name, TOKEN)
    laptop.finalize_session("Ana")
    yield laptop
    laptop.close()


@pytest.fixture
def status(qtbot, machine: Laptop) -> Iterator[tuple[SyncController, SyncStatusWidget]]:
    controller = SyncController(machine.client, None, periodic_ms=600_000, probe_ms=600_000)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    yield controller, widget
    controller.shutdown()


def run_once(qtbot, controller: SyncController) -> None:
    controller.request_sync("button")
    qtbot.waitUntil(lambda: not controller.running, timeout=15_000)


def test_a_locked_keyring_asks_to_unlock_it(qtbot, machine: Laptop, status) -> None:
    controller, widget = status
    client = machine.client
    address = client.address
    client.vault = TokenVault(client.settings, machine.store.path, backend=LockedKeyring())
    client.settings.set(LOCATION_PREFIX + address.keyring_name, "keyring")
    run_once(qtbot, controller)
    assert controller.error_kind == "keyring"
    text = widget.error_label.toolTip()
    assert "Unlock it and sync again" in text and "internal" not in text
    assert "Desbloquéelo" in controller.problems[0].render("es")


def test_an_unexpected_failure_says_what_to_do_and_is_logged_without_the_token(
    qtbot, machine: Laptop, status, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    controller, widget = status

    def broken(self, method, url, **kwargs):  # the network library fails in a way never seen
        raise RuntimeError(f"library bug while sending {kwargs.get('headers')}")

    monkeypatch.setattr(requests.Session, "request", broken)
    with caplog.at_level(logging.ERROR):
        run_once(qtbot, controller)
    assert controller.error_kind == "error"
    message = controller.problems[0]
    assert message.key == "sync_unexpected" and message.params == {"error": "RuntimeError"}
    text = widget.error_label.toolTip()
    assert "Press Sync now to try again" in text and "log file" in text
    assert "Pulse Sincronizar ahora" in message.render("es")
    assert "Traceback" in caplog.text and "RuntimeError" in caplog.text
    assert TOKEN not in caplog.text and TOKEN not in text


def test_a_data_file_problem_names_the_data_file(qtbot, machine: Laptop, status) -> None:
    controller, widget = status
    machine.store.close()  # e.g. the data file went away under the app
    run_once(qtbot, controller)
    assert controller.error_kind == "data_file"
    assert "data file could not be used" in widget.error_label.toolTip()


def test_the_setup_dialog_says_to_unlock_a_locked_keyring(qtbot, machine: Laptop, status) -> None:
    from ui.sync_status import SyncSetupDialog

    controller, _widget = status
    client = machine.client
    address = client.address
    client.vault = TokenVault(client.settings, machine.store.path, backend=LockedKeyring())
    client.settings.set(LOCATION_PREFIX + address.keyring_name, "keyring")
    dialog = SyncSetupDialog(controller)
    qtbot.addWidget(dialog)
    dialog.url_edit.setText(address.base)
    dialog.buttons.accepted.emit()  # no code: is this laptop enrolled there? The keyring is locked
    assert "Unlock it and sync again" in dialog.message.text()
