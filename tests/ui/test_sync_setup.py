"""The server connection dialog, as a person uses it on a laptop: labelled fields reachable with
Alt keys, room for a whole address, problems shown in full under the fields, and the status bar
that stops saying "no server" once an address is saved."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from keyring.backends.fail import Keyring as NoKeyring

from sync.client import SyncClient
from sync.credentials import TokenVault
from ui import i18n
from ui.sync_status import SyncController, SyncSetupDialog, SyncStatusWidget


def closed_port() -> int:
    """A local port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def controller(workspace) -> Iterator[SyncController]:
    store = workspace.store
    vault = TokenVault(store.settings, store.path, backend=NoKeyring())
    client = SyncClient(workspace.sync_ledger(), vault=vault)
    sync = SyncController(client, periodic_ms=600_000, probe_ms=600_000)
    yield sync
    sync.shutdown()


def test_setup_dialog_shows_a_whole_problem_and_says_the_server_is_set(
    qtbot, controller: SyncController
) -> None:
    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    status.show()
    assert not controller.configured
    dialog = SyncSetupDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # Room for an address like http://192.168.100.200:8765 and the placeholder in full.
    assert dialog.url_edit.width() >= 300
    metrics = dialog.code_edit.fontMetrics()
    assert metrics.horizontalAdvance(dialog.code_edit.placeholderText()) < dialog.code_edit.width()
    # Each field has a label with an Alt key that takes the focus there.
    assert dialog.url_label.buddy() is dialog.url_edit and "&" in dialog.url_label.text()
    assert dialog.code_label.buddy() is dialog.code_edit and "&" in dialog.code_label.text()
    assert not dialog.message.isVisible()  # no empty gap before anything is said

    dialog.url_edit.setText(f"http://127.0.0.1:{closed_port()}")
    dialog.code_edit.setText("ABC-123")
    with qtbot.waitSignal(controller.signals.enrolled, timeout=10_000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    message = dialog.message
    assert message.isVisible() and message.text()
    # The whole message is inside the dialog, below the fields, never over them.
    assert message.geometry().top() >= dialog.code_edit.geometry().bottom()
    assert message.heightForWidth(message.width()) <= message.height()
    assert dialog.height() >= dialog.sizeHint().height()
    # The address was saved: the status bar no longer says there is no server.
    assert controller.configured
    assert "Not connected to a server" not in status.online_label.text()


def test_setup_dialog_speaks_spanish(qtbot, controller: SyncController) -> None:
    i18n.set_language("es")
    dialog = SyncSetupDialog(controller)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Conexión con el servidor"
    assert dialog.url_label.text() == "&Dirección del servidor"
    assert dialog.code_label.text() == "Código de &registro"
    dialog.url_edit.setText("http://127.0.0.1:8765")
    dialog.buttons.accepted.emit()  # an address without its code
    assert dialog.message.text() == "Escriba el código de registro que le dio su coordinación."


def test_last_sync_is_written_like_the_sessions_list_dates(qtbot, controller) -> None:
    from ui.sessions_model import local_time

    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    controller.configured = True
    controller.last_success_at = "2026-11-20T21:05:00+00:00"
    i18n.set_language("es")
    status.refresh()
    text = status.last_label.text()
    assert text == "Última sincronización: " + local_time(controller.last_success_at)
    assert "/11/" in text  # day/month/year as in El Salvador, not 2026-11-20


def test_a_long_problem_gives_way_to_the_buttons_on_a_laptop_status_bar(
    qtbot, window, controller
) -> None:
    from sync.messages import SyncMessage

    i18n.set_language("es")
    window.resize(1100, 700)  # a window not maximized on a 1366 px laptop
    status = SyncStatusWidget(controller)
    window.status_area.layout().addWidget(status)
    window.start_view.new_name.setText("Ana")
    window.start.create_profile()
    window.status_message.setText("Sesión finalizada y lista para enviar.")
    controller.configured, controller.online, controller.queued = True, False, 3
    controller.last_success_at = "2026-11-25T15:30:00+00:00"
    detail = "ConnectionError: HTTPConnectionPool(host='192.168.1.10', port=8765): " * 3
    controller.problems = [SyncMessage("internal_error", {"error": detail})]
    controller.error_kind = "error"
    controller.state_changed.emit()
    bar = window.statusBar()
    qtbot.waitUntil(lambda: status.error_label.isVisible())
    for button in (status.sync_button, status.setup_button):
        right = button.mapTo(bar, button.rect().topRight()).x()
        assert right <= bar.width(), f"{button.text()} is cut at the window's edge"
        assert button.width() >= button.sizeHint().width()
    # The problem ends in "…" where it is cut, never mid-word; all of it is in the tooltip.
    label = status.error_label
    shown = label.shown_text() if hasattr(label, "shown_text") else label.text()
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert shown.endswith("…")
    assert detail.strip() in status.error_label.toolTip()
