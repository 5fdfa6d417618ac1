"""The server dialog's allowance for plain http to another machine, and the status bar warning
that stays while such an address is in use. Nothing here reaches the network: the refused
address is in TEST-NET (RFC 5737) and is never contacted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from keyring.backends.fail import Keyring as NoKeyring

from sync.client import SyncClient
from sync.credentials import TokenVault
from ui import i18n
from ui.sync_status import SyncController, SyncSetupDialog, SyncStatusWidget

TEST_NET = "http://192.0.2.1:8765"


@pytest.fixture
def controller(workspace) -> Iterator[SyncController]:
    store = workspace.store
    vault = TokenVault(store.settings, store.path, backend=NoKeyring())
    client = SyncClient(workspace.sync_ledger(), vault=vault)
    sync = SyncController(client, periodic_ms=600_000, probe_ms=600_000)
    yield sync
    sync.shutdown()


def test_plain_http_to_another_machine_needs_the_box_ticked_and_then_stays_warned(
    qtbot, controller: SyncController
) -> None:
    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    status.show()
    dialog = SyncSetupDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.url_edit.setText("http://127.0.0.1:8765")
    assert not dialog.allow_plain.isVisible()  # this machine: nothing to allow
    dialog.url_edit.setText(TEST_NET)
    assert dialog.allow_plain.isVisible() and dialog.plain_warning.isVisible()
    assert not dialog.allow_plain.isChecked()

    dialog.buttons.accepted.emit()
    assert "unencrypted" in dialog.message.text() and "192.0.2.1" in dialog.message.text()
    assert controller.client.address is None and not status.unencrypted_label.isVisible()

    dialog.allow_plain.setChecked(True)
    dialog.buttons.accepted.emit()  # saved; the code is asked for next
    assert controller.client.address is not None
    assert controller.client.address.base == TEST_NET
    assert status.unencrypted_label.isVisible()
    assert "192.0.2.1" in status.unencrypted_label.toolTip()

    # Back to an encrypted address: the allowance goes, and the warning with it.
    dialog.url_edit.setText("https://127.0.0.1:8443")
    assert not dialog.allow_plain.isVisible()
    dialog.buttons.accepted.emit()
    assert controller.client.unencrypted_allowance is None
    assert not status.unencrypted_label.isVisible()


def test_the_allowance_and_the_fingerprint_speak_spanish(qtbot, controller) -> None:
    i18n.set_language("es")
    dialog = SyncSetupDialog(controller)
    qtbot.addWidget(dialog)
    assert dialog.allow_plain.text() == "Permitir conexión sin cifrar con esta dirección"
    assert dialog.fingerprint_label.text() == "&Huella digital del certificado"


def test_a_wire_refusal_is_said_in_red_not_as_offline() -> None:
    from sync.http import NetworkError, PlainHttpRefused
    from sync.messages import SyncMessage
    from ui.sync_worker import describe_failure

    kind, message = describe_failure(PlainHttpRefused(f"{TEST_NET}/submission"))
    assert kind == "error" and message.key == "plain_http_refused"
    changed = NetworkError(SyncMessage("certificate_changed", {"where": "https://10.0.0.2"}))
    assert describe_failure(changed)[0] == "error"
    dropped = NetworkError(SyncMessage("network_unreachable", {"where": "https://10.0.0.2"}))
    assert describe_failure(dropped)[0] == "offline"


def test_the_dialog_pins_the_fingerprint_typed_and_enrolls_over_https(
    qtbot, controller: SyncController, tmp_path
) -> None:
    from sync.server.certs import make_certificate
    from tests.sync.harness import CentralServer

    made = make_certificate(tmp_path / "tls", ["127.0.0.1"])
    server = CentralServer(tmp_path / "server", tls=(made.cert_path, made.key_path))
    server.start()
    try:
        dialog = SyncSetupDialog(controller)
        qtbot.addWidget(dialog)
        dialog.url_edit.setText(server.url)
        assert not dialog.allow_plain.isVisible()
        dialog.code_edit.setText(server.enrollment_code())
        with qtbot.waitSignal(controller.signals.enrolled, timeout=30_000) as refused:
            dialog.buttons.accepted.emit()
        assert refused.args[0] is False  # nobody vouched for the certificate yet
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
        assert made.fingerprint in dialog.message.text()

        dialog.fingerprint_edit.setText(made.fingerprint)
        with qtbot.waitSignal(controller.signals.enrolled, timeout=30_000) as enrolled:
            dialog.buttons.accepted.emit()
        assert enrolled.args[0] is True
        assert controller.client.pinned_fingerprint == made.fingerprint
    finally:
        server.stop()
